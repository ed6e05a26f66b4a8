package io.reachsim.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.report.JUnitReport;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Packet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code reachsim verify}'s output: the terminal table (one row per flow: status, flow, expected,
 * simulated, observed, agent), JSON, and JUnit XML (one test case per flow; DRIFT and FAIL are
 * failures, an agent that could not answer is an error, a flow nobody probed is skipped).
 */
public final class VerifyReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final boolean color;

    public VerifyReport(boolean color) {
        this.color = color;
    }

    // ------------------------------------------------------------------ terminal

    public String terminal(VerifyResult r) {
        StringBuilder out = new StringBuilder();
        long expectations = r.scenarios().stream().mapToLong(s -> s.expectations().size()).sum();
        long agents = r.scenarios().stream().flatMap(s -> s.expectations().stream()).flatMap(e -> e.flows().stream())
                .filter(f -> f.agent() != null).map(f -> f.agent().ref()).distinct().count();
        out.append(plural(r.scenarios().size(), "scenario")).append(" · ").append(plural(expectations, "expectation")).append(" · ")
                .append(plural(r.flowCount(), "flow")).append(" · ").append(r.probed()).append(" probed by ")
                .append(plural(agents, "agent")).append('\n');

        List<String[]> rows = new ArrayList<>();
        for (VerifyResult.ScenarioCheck s : r.scenarios()) {
            for (VerifyResult.ExpectationCheck e : s.expectations()) for (VerifyResult.FlowCheck f : e.flows()) rows.add(row(f));
        }
        int[] w = new int[6];
        for (String[] row : rows) for (int i = 0; i < 5; i++) w[i] = Math.max(w[i], row[i].length());

        int k = 0;
        for (VerifyResult.ScenarioCheck s : r.scenarios()) {
            String file = s.scenario().file() == null ? "" : displayFile(s.scenario().file());
            out.append('\n').append(bold(file));
            if (s.scenario().name() != null && !s.scenario().name().isBlank()) out.append("   ").append(s.scenario().name());
            out.append('\n');
            for (VerifyResult.ExpectationCheck e : s.expectations()) {
                String mark = !e.probed() ? dim("-") : e.ok() ? green("✓") : red("✗");
                out.append("  ").append(mark).append(' ').append(name(e.simulated().expectation())).append("   ")
                        .append(dim(question(e.simulated().expectation()))).append('\n');
                for (VerifyResult.FlowCheck f : e.flows()) {
                    String[] row = rows.get(k++);
                    StringBuilder line = new StringBuilder("      ");
                    line.append(colour(f.status(), pad(row[0], w[0]))).append("  ");
                    for (int i = 1; i < 5; i++) line.append(pad(row[i], w[i])).append("  ");
                    line.append(row[5]);
                    out.append(line.toString().stripTrailing()).append('\n');
                    String note = note(f);
                    if (note != null) out.append("      ").append(" ".repeat(w[0] + 2)).append(dim(note)).append('\n');
                }
            }
        }
        if (!r.unusedAgents().isEmpty()) {
            out.append('\n').append(dim("agents not used by any flow: " + String.join(", ", r.unusedAgents()))).append('\n');
        }
        out.append('\n').append(summary(r)).append('\n');
        return out.toString();
    }

    /** {@code 6 flows: 2 passed, 2 failed, 1 drift, 1 not probed, 0 errors   0.42 s} */
    public String summary(VerifyResult r) {
        String passed = r.count(VerifyResult.Status.PASS) + " passed";
        String failed = r.failed() + " failed";
        String drift = r.drift() + " drift";
        String errors = r.count(VerifyResult.Status.ERROR) + " errors";
        return plural(r.flowCount(), "flow") + ": " + (r.count(VerifyResult.Status.PASS) > 0 ? green(passed) : passed) + ", "
                + (r.failed() > 0 ? red(failed) : failed) + ", " + (r.drift() > 0 ? yellow(drift) : drift) + ", "
                + r.count(VerifyResult.Status.NOT_PROBED) + " not probed, "
                + (r.count(VerifyResult.Status.ERROR) > 0 ? red(errors) : errors) + "   "
                + String.format(Locale.ROOT, "%.2f s", r.elapsed().toNanos() / 1e9);
    }

    private static String[] row(VerifyResult.FlowCheck f) {
        Packet p = f.simulated().flow().packet();
        String flow = f.simulated().flow().source().label() + " → " + addr(p.dst()) + (p.protocol().hasPorts() ? ":" + p.dstPort() : "");
        if (f.name() != null) flow += " (" + f.name() + ")";
        String expected = "expected " + (f.expected() ? "reachable" : "unreachable");
        FlowResult s = f.simulated();
        String simulated = "simulated " + (s.delivered() ? "DELIVERED" : "DROPPED" + (s.drop() != null ? " " + s.drop().code().name() : ""));
        String observed;
        if (f.observed() != null) {
            observed = "observed " + f.observed().outcome().name() + " " + String.format(Locale.ROOT, "%.1f ms", f.observed().elapsedMs());
        } else if (f.error() != null) {
            observed = "observed ? (agent error)";
        } else {
            observed = "not observed";
        }
        String agent = f.agent() != null ? "agent " + f.agent().ref() : "";
        return new String[] {f.status().label(), flow, expected, simulated, observed, agent};
    }

    /** What a person needs to act on a row that is not a plain pass. */
    static String note(VerifyResult.FlowCheck f) {
        switch (f.status()) {
            case NOT_PROBED:
                return f.notProbed();
            case ERROR:
                return f.error();
            default:
                break;
        }
        ProbeResult o = f.observed();
        FlowResult s = f.simulated();
        Boolean delivered = f.networkDelivered();
        String model = s.delivered() ? "the model delivers it" : "the model drops it" + (s.drop() == null ? ""
                : " (" + s.drop().code().name() + " at " + s.drop().component() + ")");
        String seen;
        switch (o.outcome()) {
            case CONNECTED: seen = "the network delivered it"; break;
            case REFUSED: seen = "the host refused it, so the network delivered it: nothing listens on " + f.protocol() + "/"
                    + s.flow().packet().dstPort() + " (or a host firewall rejects)"; break;
            case TLS_FAILURE: seen = "TCP connected, so the network delivered it, but TLS failed"; break;
            case TLS_NAME_MISMATCH: seen = "TCP connected, so the network delivered it, but the certificate does not name the host"; break;
            case TIMEOUT: seen = delivered == null ? "no UDP reply: dropped, or the service ignores the probe's payload (drift not judged)"
                    : "nothing answered: dropped on the way (a security group, NACL, route or host firewall the model does not have?)"; break;
            case UNREACHABLE: seen = "no route from the agent"; break;
            default: seen = "the name did not resolve from the agent"; break;
        }
        if (f.status() == VerifyResult.Status.PASS && delivered != null) return null;
        StringBuilder n = new StringBuilder();
        if (Boolean.FALSE.equals(f.dnsAgrees())) {
            n.append(f.name()).append(o.resolved().isEmpty() ? " does not resolve from the agent" : " resolves to "
                    + String.join(", ", o.resolved()) + " from the agent").append(", the model to ").append(s.flow().packet().dst())
                    .append(" (private endpoint DNS: enableDnsSupport/enableDnsHostnames, private access, or the resolver the agent uses); ");
        }
        n.append(model).append("; ").append(seen);
        if (f.status() == VerifyResult.Status.FAIL) n.append(" — reality agrees with the model: fix the network, the service or the expectation");
        if (f.status().drift()) n.append(" — the model and the network disagree");
        String d = o.detail();
        if (d != null && (o.outcome() == Outcome.TLS_FAILURE || o.outcome() == Outcome.TLS_NAME_MISMATCH || o.outcome() == Outcome.UNREACHABLE || o.outcome() == Outcome.DNS_FAILURE)) {
            n.append(" (agent: ").append(d).append(')');
        }
        return n.toString();
    }

    // ------------------------------------------------------------------ JSON

    public ObjectNode json(VerifyResult r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode scenarios = root.putArray("scenarios");
        for (VerifyResult.ScenarioCheck s : r.scenarios()) {
            ObjectNode so = scenarios.addObject().put("file", s.scenario().file()).put("name", s.scenario().name());
            ArrayNode es = so.putArray("expectations");
            for (VerifyResult.ExpectationCheck e : s.expectations()) {
                Expectation x = e.simulated().expectation();
                ObjectNode eo = es.addObject().put("name", name(x)).put("from", x.from().text()).put("to", x.to().text())
                        .put("protocol", x.protocol().label());
                if (x.port() != null) eo.put("port", x.port());
                eo.put("expected", x.reachable() ? "reachable" : "unreachable").put("passed", e.ok());
                ArrayNode fs = eo.putArray("flows");
                for (VerifyResult.FlowCheck f : e.flows()) fs.add(flow(f));
            }
        }
        root.put("flows", r.flowCount()).put("passed", r.count(VerifyResult.Status.PASS)).put("failed", r.failed())
                .put("drift", r.drift()).put("notProbed", r.count(VerifyResult.Status.NOT_PROBED))
                .put("errors", r.count(VerifyResult.Status.ERROR));
        ArrayNode unused = root.putArray("unusedAgents");
        r.unusedAgents().forEach(unused::add);
        return root;
    }

    private static ObjectNode flow(VerifyResult.FlowCheck f) {
        Packet p = f.simulated().flow().packet();
        ObjectNode o = JSON.createObjectNode().put("src", p.src().toString()).put("dst", p.dst().toString())
                .put("protocol", p.protocol().label());
        if (p.protocol().hasPorts()) o.put("srcPort", p.srcPort()).put("dstPort", p.dstPort());
        o.put("status", f.status().name()).put("failed", f.status().failed()).put("drift", f.status().drift());
        o.put("expected", f.expected() ? "reachable" : "unreachable");
        FlowResult s = f.simulated();
        ObjectNode sim = o.putObject("simulated").put("verdict", s.delivered() ? "DELIVERED" : "DROPPED");
        sim.put("code", s.drop() == null ? null : s.drop().code().name()).put("component", s.drop() == null ? null : s.drop().component());
        if (f.agent() != null) o.putObject("agent").put("ref", f.agent().ref()).put("url", f.agent().url().toString());
        else o.putNull("agent");
        if (f.observed() != null) {
            try {
                o.set("observed", JSON.readTree(f.observed().toJson().encode()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            o.putNull("observed");
        }
        o.put("name", f.name());
        if (f.dnsAgrees() == null) o.putNull("dnsAgrees");
        else o.put("dnsAgrees", f.dnsAgrees());
        o.put("notProbed", f.notProbed()).put("error", f.error()).put("note", note(f));
        return o;
    }

    public static String toText(JsonNode n) {
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ JUnit

    /** Through the simulator's JUnit writer: one suite per scenario, one case per flow. */
    public void junit(VerifyResult r, OutputStream out) {
        List<JUnitReport.Suite> suites = new ArrayList<>();
        for (VerifyResult.ScenarioCheck s : r.scenarios()) {
            String file = s.scenario().file() == null ? "" : s.scenario().file();
            List<JUnitReport.Case> cases = new ArrayList<>();
            double total = 0;
            for (VerifyResult.ExpectationCheck e : s.expectations()) {
                for (VerifyResult.FlowCheck f : e.flows()) {
                    String[] row = row(f);
                    double t = f.observed() == null ? 0 : f.observed().elapsedMs() / 1000;
                    total += t;
                    VerifyResult.Status st = f.status();
                    String name = name(e.simulated().expectation()) + " [" + row[1] + "]";
                    String msg = st.label() + ": " + row[2] + ", " + row[3] + ", " + row[4];
                    String n = note(f);
                    cases.add(switch (st) {
                        case PASS -> new JUnitReport.Case(file, name, t, JUnitReport.Kind.PASSED, null, null, null);
                        case NOT_PROBED -> new JUnitReport.Case(file, name, t, JUnitReport.Kind.SKIPPED, f.notProbed(), null, null);
                        case ERROR -> new JUnitReport.Case(file, name, t, JUnitReport.Kind.ERROR, msg, st.name(), msg + (n == null ? "" : "\n" + n));
                        default -> new JUnitReport.Case(file, name, t, JUnitReport.Kind.FAILURE, msg, st.name(), msg + (n == null ? "" : "\n" + n));
                    });
                }
            }
            String suiteName = s.scenario().name() == null || s.scenario().name().isBlank() ? file : s.scenario().name();
            suites.add(new JUnitReport.Suite(suiteName, file, total, cases));
        }
        JUnitReport.write("reachsim verify", r.elapsed().toNanos() / 1e9, suites, out);
    }

    // ------------------------------------------------------------------ helpers

    static String name(Expectation e) {
        if (e.name() != null && !e.name().isBlank()) return e.name();
        return e.from().text() + " → " + e.to().text();
    }

    static String question(Expectation e) {
        String q = e.protocol().label() + (e.port() != null ? "/" + e.port() : "");
        return e.roundTrip() ? q : q + " one way";
    }

    private static String addr(Ip ip) {
        return ip.isV4() ? ip.toString() : "[" + ip + "]";
    }

    private static String displayFile(String file) {
        Path p = Path.of(file).normalize();
        return p.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private String colour(VerifyResult.Status s, String text) {
        switch (s) {
            case PASS: return green(text);
            case FAIL: case FAIL_AND_DRIFT: case ERROR: return red(text);
            case DRIFT: return yellow(text);
            default: return dim(text);
        }
    }

    private String esc(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    private String bold(String s) { return esc("1", s); }
    private String dim(String s) { return esc("2", s); }
    private String red(String s) { return esc("31", s); }
    private String green(String s) { return esc("32", s); }
    private String yellow(String s) { return esc("33", s); }
}
