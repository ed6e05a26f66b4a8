package io.reachsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The machine-readable output of DESIGN §7. Field names are a contract: fields may be added, never
 * renamed. Added here beyond §7: on flows {@code icmpType}, {@code fix}; on hops {@code step} (the exact
 * hop kind), {@code leg}, {@code passed}, {@code subnet}; on expectations {@code reachable} (what was
 * expected) and {@code mismatches}; on the run {@code flowCount} and {@code elapsedSeconds}.
 *
 * <p>{@code srcPort}/{@code dstPort} are null for protocols without ports (icmp, all).
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code trace --json}: {@code {"reachable": …, "flows": [ … ]}}; reachable when there are flows and every one is delivered. */
    public ObjectNode trace(ExpectationResult result, Network network) {
        Sentences say = new Sentences(network);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("reachable", !result.flows().isEmpty() && result.flows().stream().allMatch(FlowResult::delivered));
        Expectation e = result.expectation();
        root.put("from", e.from().text());
        root.put("to", e.to().text());
        ArrayNode flows = root.putArray("flows");
        for (FlowResult f : result.flows()) flows.add(flow(f, say));
        return root;
    }

    /** {@code run --json}: {@code {"scenarios": [...], "passed": N, "failed": N}}. */
    public ObjectNode run(SuiteResult suite) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode scenarios = root.putArray("scenarios");
        TerminalReport plain = new TerminalReport(false);
        for (ScenarioResult s : suite.scenarios()) {
            Sentences say = new Sentences(s.scenario().network());
            ObjectNode sn = scenarios.addObject();
            sn.put("file", s.scenario().file());
            sn.put("name", s.scenario().name());
            sn.put("passed", s.passed());
            ArrayNode exps = sn.putArray("expectations");
            for (ExpectationResult e : s.expectations()) {
                ObjectNode en = exps.addObject();
                en.put("name", e.expectation().name());
                en.put("passed", e.passed());
                en.put("from", e.expectation().from().text());
                en.put("to", e.expectation().to().text());
                en.put("reachable", e.expectation().reachable());
                ArrayNode mm = en.putArray("mismatches");
                for (Mismatch m : e.mismatches()) {
                    ObjectNode mn = mm.addObject();
                    mn.put("type", Sentences.mismatchType(m));
                    mn.put("message", plain.mismatch(m, say));
                    // DESIGN §9: the ranges that are open but not expected, or expected but closed, in open: notation.
                    if (m instanceof Mismatch.ExtraOpen x) {
                        x.services().format().forEach(mn.putArray("extra")::add);
                        if (x.sources() != null) mn.put("sources", x.sources());
                        mn.put("rules", x.rules());
                    }
                    if (m instanceof Mismatch.MissingOpen x) {
                        x.services().format().forEach(mn.putArray("missing")::add);
                        if (x.flow().drop() != null) {
                            mn.put("code", x.flow().drop().code().name());
                            mn.put("component", x.flow().drop().component());
                        }
                    }
                }
                ArrayNode flows = en.putArray("flows");
                for (FlowResult f : e.flows()) flows.add(flow(f, say));
            }
        }
        root.put("passed", suite.passedExpectations());
        root.put("failed", suite.failedExpectations());
        root.put("flowCount", suite.flowCount());
        root.put("elapsedSeconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", suite.elapsed().toNanos() / 1e9)));
        return root;
    }

    /** One flow as in §7: src, dst, protocol, srcPort, dstPort, verdict, code, component, reason, hops. */
    public ObjectNode flow(FlowResult f, Sentences say) {
        ObjectNode n = MAPPER.createObjectNode();
        Packet p = f.flow().packet();
        n.put("src", p.src().toString());
        n.put("dst", p.dst().toString());
        // "assigned": true when the scenario wrote no privateIp and reachsim gave the subnet's first free address.
        n.putObject("srcAddress").put("ip", p.src().toString()).put("assigned", say.assigned(p.src()));
        n.putObject("dstAddress").put("ip", p.dst().toString()).put("assigned", say.assigned(p.dst()));
        n.put("protocol", p.protocol().label());
        if (p.protocol().hasPorts()) {
            n.put("srcPort", p.srcPort());
            n.put("dstPort", p.dstPort());
        } else {
            n.putNull("srcPort");
            n.putNull("dstPort");
        }
        if (p.protocol().isIcmp()) n.put("icmpType", p.icmpType());
        n.put("verdict", f.disposition().name());
        if (f.drop() != null && !f.delivered()) {
            n.put("code", f.drop().code().name());
            n.put("component", f.drop().component());
        } else {
            n.putNull("code");
            n.putNull("component");
        }
        if (!f.choices().isEmpty()) {
            // DESIGN §9 "AWS's own choices": one entry per class; only on DEPENDS flows.
            ArrayNode cs = n.putArray("choices");
            for (FlowResult.Choice c : f.choices()) {
                ObjectNode cn = cs.addObject();
                cn.put("choice", c.choice());
                ArrayNode rs = cn.putArray("ranges");
                c.ranges().forEach(rs::add);
                cn.put("verdict", c.verdict().name());
                cn.put("code", c.drop() == null ? null : c.drop().code().name());
                cn.put("component", c.drop() == null ? null : c.drop().component());
            }
        }
        n.put("reason", say.reason(f));
        n.put("fix", say.fix(f).orElse(null));
        n.put("resolution", f.flow().resolution());
        ArrayNode hops = n.putArray("hops");
        for (Hop h : f.hops()) {
            ObjectNode hn = hops.addObject();
            hn.put("id", h.component());
            hn.put("kind", h.kind().label());
            hn.put("detail", say.hop(h, f.drop()));
            hn.put("step", h.kind().name());
            hn.put("leg", h.leg().name().toLowerCase(Locale.ROOT));
            hn.put("passed", h.passed());
            hn.put("subnet", h.subnet());
        }
        return n;
    }

    /** Pretty-printed JSON text, ending with a newline. */
    public static String toText(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(JsonNode node, Writer out) {
        try {
            out.write(toText(node));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
