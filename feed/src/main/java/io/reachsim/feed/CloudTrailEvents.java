package io.reachsim.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads the EventBridge envelope of CloudTrail API calls
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html and
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html):
 * {@code source}, {@code detail-type}, {@code account}, {@code region}, {@code time} and
 * {@code detail.{eventID, eventName, eventTime, requestParameters, responseElements, errorCode}}.
 * A bare CloudTrail record (no envelope, as in a trail's log file) is accepted too.
 */
public final class CloudTrailEvents {
    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    static final Set<String> SOURCES = Set.of("aws.ec2", "aws.eks");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudTrailEvents() {}

    public static ChangeEvent parse(String text) throws BadEventException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadEventException("not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) throw new BadEventException("expected a JSON object (an EventBridge event)");
        return parse(root);
    }

    public static ChangeEvent parse(JsonNode root) throws BadEventException {
        JsonNode detail = root.get("detail");
        String source;
        if (detail == null) {
            // A CloudTrail record as written to a trail: the detail itself.
            if (!root.has("eventName")) throw new BadEventException("no 'detail' object: expected an EventBridge event with detail-type '" + DETAIL_TYPE + "'");
            detail = root;
            source = eventSourceToEventBridge(text(detail, "eventSource"));
        } else {
            if (!detail.isObject()) throw new BadEventException("'detail' is " + detail.getNodeType() + ", expected an object");
            String type = text(root, "detail-type");
            if (!DETAIL_TYPE.equals(type)) {
                throw new BadEventException("detail-type is " + quote(type) + ", expected '" + DETAIL_TYPE + "'");
            }
            source = text(root, "source");
        }
        if (source == null || !SOURCES.contains(source)) {
            throw new BadEventException("source is " + quote(source) + ", expected aws.ec2 or aws.eks");
        }
        String id = text(detail, "eventID");
        if (id == null || id.isBlank()) throw new BadEventException("detail.eventID is missing");
        String name = text(detail, "eventName");
        if (name == null || name.isBlank()) throw new BadEventException("detail.eventName is missing (event " + id + ")");
        String account = firstText(root, "account", detail, "recipientAccountId");
        if (account == null) throw new BadEventException("account is missing (event " + id + ")");
        String region = firstText(root, "region", detail, "awsRegion");
        if (region == null) throw new BadEventException("region is missing (event " + id + ")");
        String when = firstText(detail, "eventTime", root, "time");
        Instant time = null;
        if (when != null) {
            try {
                time = Instant.parse(when);
            } catch (DateTimeParseException e) {
                throw new BadEventException("eventTime " + quote(when) + " is not an ISO-8601 instant (event " + id + ")");
            }
        }
        JsonNode req = detail.get("requestParameters");
        JsonNode resp = detail.get("responseElements");
        return new ChangeEvent(id, name, source, account, region, time,
                req == null ? NullNode.getInstance() : req, resp == null ? NullNode.getInstance() : resp,
                text(detail, "errorCode"));
    }

    private static String eventSourceToEventBridge(String eventSource) {
        if (eventSource == null) return null;
        if (eventSource.equals("ec2.amazonaws.com")) return "aws.ec2";
        if (eventSource.equals("eks.amazonaws.com")) return "aws.eks";
        return eventSource;
    }

    private static String firstText(JsonNode a, String fa, JsonNode b, String fb) {
        String s = text(a, fa);
        return s != null ? s : text(b, fb);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static String quote(String s) {
        return s == null ? "missing" : "'" + s + "'";
    }
}
