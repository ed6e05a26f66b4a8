package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.trace.FlowResult;

/**
 * What a user watches of one flow: delivered or dropped, the explanation code and component of a drop,
 * and whether the flow satisfies its expectation (reachable, because, via, viaAny, notVia). A change of
 * any of these is a verdict change; the same verdict by another path is not.
 */
public record FlowVerdict(String verdict, String code, String component, boolean passed) {

    static FlowVerdict of(FlowResult r, boolean passed) {
        boolean dropped = !r.delivered() && r.drop() != null;
        return new FlowVerdict(r.disposition().name(), dropped ? r.drop().code().name() : null,
                dropped ? r.drop().component() : null, passed);
    }

    /** The verdict of an expectation whose endpoints no longer resolve (e.g. after a new baseline). */
    static FlowVerdict unresolved(String reason) {
        return new FlowVerdict("UNRESOLVED", null, reason, false);
    }

    ObjectNode json() {
        ObjectNode n = CloudTrailEvents.MAPPER.createObjectNode();
        n.put("verdict", verdict);
        n.put("code", code);
        n.put("component", component);
        n.put("passed", passed);
        return n;
    }

    static FlowVerdict fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        return new FlowVerdict(n.path("verdict").asText(), n.path("code").isNull() ? null : n.path("code").asText(null),
                n.path("component").isNull() ? null : n.path("component").asText(null), n.path("passed").asBoolean());
    }
}
