package io.reachsim.aws.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/**
 * An SDK model object as the AWS CLI prints it. The CLI (botocore) names every key after the API
 * model's member name, which the SDK keeps in each field's metadata ({@link SdkField#memberName()}):
 * PascalCase for EC2 and ELBv2 ({@code VpcId}), camelCase for EKS and VPC Lattice ({@code resourcesVpcConfig}).
 * Walking {@link SdkPojo#sdkFields()} therefore gives the CLI's shape for every API without a mapper per
 * field. Members the service did not send are left out, as the CLI leaves them out.
 */
public final class SdkJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /**
     * The CLI prints timestamps as Python's isoformat() does: seconds and the offset
     * (2018-05-08T16:46:19+00:00), with microseconds only when there are any (2016-03-25T21:26:12.920000+00:00).
     */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private SdkJson() {
    }

    /** The payload members of {@code pojo} (response metadata in headers or the status code is not output). */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = F.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) continue;
            JsonNode v = value(field.getValueOrDefault(pojo));
            if (v != null) out.set(field.memberName(), v);
        }
        return out;
    }

    static JsonNode value(Object v) {
        if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) return null;
        if (v instanceof SdkPojo p) return toJson(p);
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Double d) return F.numberNode(d);
        if (v instanceof Float f) return F.numberNode(f);
        if (v instanceof BigDecimal d) return F.numberNode(d);
        if (v instanceof Instant t) return F.textNode((t.getNano() / 1000 == 0 ? SECONDS : MICROS).format(t.atOffset(ZoneOffset.UTC)));
        if (v instanceof SdkBytes b) return F.textNode(java.util.Base64.getEncoder().encodeToString(b.asByteArray()));
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            for (Object o : c) {
                JsonNode e = value(o);
                a.add(e == null ? F.nullNode() : e);
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JsonNode x = value(e.getValue());
                o.set(String.valueOf(e.getKey()), x == null ? F.nullNode() : x);
            }
            return o;
        }
        // Documents (untyped JSON) and anything newer: its text, rather than failing the import.
        return F.textNode(String.valueOf(v));
    }
}
