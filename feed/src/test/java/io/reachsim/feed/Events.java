package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds EventBridge envelopes for tests, and reads the real-shaped samples under resources/events. */
final class Events {
    private Events() {}

    static ObjectNode envelope(String eventId, String eventName, String source, String account, String region,
                               JsonNode request, JsonNode response) {
        ObjectNode root = CloudTrailEvents.MAPPER.createObjectNode();
        root.put("version", "0");
        root.put("id", "eb-" + eventId);
        root.put("detail-type", CloudTrailEvents.DETAIL_TYPE);
        root.put("source", source);
        root.put("account", account);
        root.put("time", "2026-11-25T22:00:00Z");
        root.put("region", region);
        root.putArray("resources");
        ObjectNode d = root.putObject("detail");
        d.put("eventVersion", "1.09");
        d.putObject("userIdentity").put("type", "AssumedRole").put("accountId", account);
        d.put("eventTime", "2026-11-25T22:00:00Z");
        d.put("eventSource", source.equals("aws.eks") ? "eks.amazonaws.com" : "ec2.amazonaws.com");
        d.put("eventName", eventName);
        d.put("awsRegion", region);
        d.put("sourceIPAddress", "203.0.113.50");
        d.put("userAgent", "aws-cli/2.15.0");
        d.set("requestParameters", request);
        if (response == null) d.putNull("responseElements");
        else d.set("responseElements", response);
        d.put("requestID", "req-" + eventId);
        d.put("eventID", eventId);
        d.put("readOnly", false);
        d.put("eventType", "AwsApiCall");
        d.put("managementEvent", true);
        d.put("recipientAccountId", account);
        d.put("eventCategory", "Management");
        return root;
    }

    /** The same event under another id (a different API call with the same content). */
    static String withEventId(String json, String id) {
        try {
            ObjectNode root = (ObjectNode) CloudTrailEvents.MAPPER.readTree(json);
            ((ObjectNode) root.get("detail")).put("eventID", id);
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample file from src/test/resources/events. */
    static String sample(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
            if (in == null) throw new IllegalArgumentException("no sample " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
