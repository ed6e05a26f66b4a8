package io.reachsim.report;

import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.model.Subnet;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person reads on the terminal: the {@code reachsim run} table (detail only where something
 * failed) and the {@code reachsim trace} hop-by-hop view. Colour is the caller's decision (a TTY without
 * NO_COLOR); without it the text is the same, ✓/✗ included, with no escape codes.
 */
public final class TerminalReport {
    /** At most this many failing flows are listed per expectation; the rest are counted. */
    static final int MAX_MISMATCH_LINES = 5;

    private final Ansi ansi;

    public TerminalReport(boolean color) {
        this.ansi = new Ansi(color);
    }

    // ---------------------------------------------------------------- trace

    /**
     * The hop-by-hop view of one question:
     * <pre>
     * nodes:prod/workers → eks-api:prod   tcp/443   2 flows
     *
     * flow 1/2  10.0.10.4:49152 → 10.0.2.7:443   us-west-2a
     *   ✓ eni   eni-node-a1   egress   sg-nodes #3 allows all to 0.0.0.0/0
     *   ...
     *   DELIVERED
     * </pre>
     */
    public String trace(ExpectationResult result, Network network) {
        Sentences say = new Sentences(network);
        Expectation e = result.expectation();
        StringBuilder out = new StringBuilder();
        int n = result.flows().size();
        out.append(ansi.bold(e.from().text() + " → " + e.to().text())).append("   ").append(question(e))
                .append("   ").append(plural(n, "flow")).append('\n');
        if (n == 0) {
            out.append("\nno flows: nothing to trace between these endpoints\n");
            return out.toString();
        }

        // One set of column widths for every flow, so the whole view lines up.
        List<List<String[]>> rows = new ArrayList<>();
        int[] width = new int[3];
        // the kind column is as wide as the widest kind label, so every trace lines up the same way
        for (HopKind k : HopKind.values()) width[0] = Math.max(width[0], k.label().length());
        for (FlowResult f : result.flows()) {
            List<String[]> fr = new ArrayList<>();
            for (Hop h : f.hops()) {
                String[] row = {h.kind().label(), say.component(h), Sentences.direction(h), say.hop(h, f.drop())};
                for (int i = 0; i < 3; i++) width[i] = Math.max(width[i], row[i].length());
                fr.add(row);
            }
            rows.add(fr);
        }

        for (int i = 0; i < n; i++) {
            FlowResult f = result.flows().get(i);
            out.append('\n').append(ansi.bold("flow " + (i + 1) + "/" + n)).append("  ").append(endpoints(f.flow().packet()));
            String az = az(f, network);
            if (az != null) out.append("   ").append(az);
            // behind a load balancer, endpoint or Lattice service: which target this flow checks
            if (f.flow().destination() instanceof FlowEnd.ServiceTarget t && t.target() >= 0) {
                out.append("   ").append(ansi.dim("target " + target(t)));
            }
            out.append('\n');
            if (f.flow().resolution() != null) out.append("  ").append(ansi.dim("note  " + f.flow().resolution())).append('\n');
            List<String[]> fr = rows.get(i);
            for (int j = 0; j < fr.size(); j++) {
                Hop h = f.hops().get(j);
                String[] row = fr.get(j);
                out.append("  ").append(h.passed() ? ansi.green("✓") : ansi.red("✗")).append(' ')
                        .append(pad(row[0], width[0])).append(' ')
                        .append(pad(row[1], width[1])).append("  ")
                        .append(pad(row[2], width[2])).append(width[2] > 0 ? "  " : "")
                        .append(h.passed() ? row[3] : ansi.red(row[3]));
                trimEnd(out);
                out.append('\n');
            }
            if (f.disposition() == io.reachsim.trace.Disposition.DEPENDS) {
                // DESIGN §9 "AWS's own choices": every class, then how to make them all deliver.
                String head = "DEPENDS";
                for (FlowResult.Choice c : f.choices()) {
                    String line = Sentences.choice(c);
                    out.append("  ").append(ansi.yellow(head)).append("  ").append(c.verdict() == io.reachsim.trace.Disposition.DELIVERED ? line : ansi.red(line)).append('\n');
                    head = " ".repeat(head.length());
                }
                say.fix(f).ifPresent(fix -> out.append("  ").append(ansi.yellow("fix: " + fix)).append('\n'));
            } else if (f.delivered()) {
                out.append("  ").append(ansi.green("DELIVERED")).append('\n');
            } else {
                out.append("  ").append(ansi.red("DROPPED"));
                if (f.drop() != null) {
                    out.append("  ").append(f.drop().code().name()).append("  at ").append(f.drop().component());
                }
                out.append('\n');
                if (Sentences.failingHop(f) == null) out.append("  ").append(say.reason(f)).append('\n');
                say.fix(f).ifPresent(fix -> out.append("  ").append(ansi.yellow("fix: " + fix)).append('\n'));
            }
        }
        return out.toString();
    }

    /** The question in short: {@code tcp/443}, {@code udp/53 IPv6}, {@code icmp type 8}, {@code all traffic one way}. */
    static String question(Expectation e) {
        if (e.open() != null) return "open " + (e.open().isEmpty() ? "[]" : "[" + e.open() + "]");
        if (e.services() != null) return e.services().toString();
        String q = switch (e.protocol()) {
            case TCP, UDP -> e.protocol() + (e.port() != null ? "/" + e.port() : "");
            case ICMP, ICMPV6 -> e.icmpType() >= 0 ? e.protocol() + " type " + e.icmpType() : e.protocol().toString();
            case ALL -> "all traffic";
            case OTHER -> "other IP protocols";
        };
        if (e.ipVersion() == 6 && e.protocol() != Protocol.ICMPV6) q += " IPv6";
        if (!e.roundTrip()) q += " one way";
        return q;
    }

    private static String az(FlowResult f, Network network) {
        if (network == null) return null;
        String subnet = null;
        FlowEnd src = f.flow().source();
        if (src instanceof FlowEnd.AtSubnetHost s) subnet = s.subnet();
        else if (src instanceof FlowEnd.AtInterface i) {
            subnet = network.networkInterface(i.networkInterface()).map(x -> x.subnet()).orElse(null);
        }
        if (subnet == null) return null;
        return network.subnet(subnet).map(Subnet::az).orElse(null);
    }

    // ---------------------------------------------------------------- run

    /**
     * The table of a whole run: one block per scenario file, one row per expectation, the failing flows
     * of failed expectations under them, and a summary line.
     */
    public String run(SuiteResult suite) {
        StringBuilder out = new StringBuilder();
        long expectations = suite.passedExpectations() + suite.failedExpectations();
        out.append(plural(suite.scenarios().size(), "scenario")).append(" · ")
                .append(plural(expectations, "expectation")).append(" · ")
                .append(plural(suite.flowCount(), "flow")).append('\n');

        List<String> files = displayFiles(suite.scenarios());
        int nameWidth = suite.scenarios().stream().flatMap(s -> s.expectations().stream())
                .mapToInt(e -> name(e).length()).max().orElse(0);
        nameWidth = Math.min(nameWidth, 72);

        for (int i = 0; i < suite.scenarios().size(); i++) {
            ScenarioResult s = suite.scenarios().get(i);
            out.append('\n').append(ansi.bold(files.get(i)));
            String name = s.scenario().name();
            if (name != null && !name.isBlank() && !name.equals(stem(files.get(i)))) out.append("   ").append(name);
            out.append('\n');
            if (s.expectations().isEmpty()) out.append("  (no expectations)\n");
            Sentences say = new Sentences(s.scenario().network());
            for (ExpectationResult e : s.expectations()) {
                out.append("  ").append(e.passed() ? ansi.green("✓") : ansi.red("✗")).append(' ')
                        .append(pad(name(e), nameWidth)).append("  ").append(counts(e)).append('\n');
                if (!e.passed()) {
                    List<String> lines = mismatchLines(e, say);
                    for (String line : lines) out.append("      ").append(line).append('\n');
                }
            }
        }
        out.append('\n').append(summary(suite)).append('\n');
        return out.toString();
    }

    /** {@code 14 expectations: 13 passed, 1 failed   0.21 s} */
    public String summary(SuiteResult suite) {
        long passed = suite.passedExpectations();
        long failed = suite.failedExpectations();
        String p = passed + " passed";
        String f = failed + " failed";
        return plural(passed + failed, "expectation") + ": " + (passed > 0 ? ansi.green(p) : p) + ", "
                + (failed > 0 ? ansi.red(f) : f) + "   "
                + String.format(Locale.ROOT, "%.2f s", suite.elapsed().toNanos() / 1e9);
    }

    private static String name(ExpectationResult e) {
        String n = e.expectation().name();
        if (n == null || n.isBlank()) {
            Expectation x = e.expectation();
            n = x.from().text() + " → " + x.to().text() + " " + question(x);
        }
        return n;
    }

    private static String counts(ExpectationResult e) {
        int n = e.flows().size();
        if (e.expectation().isSetQuestion()) return n + " classes traced";
        long d = e.deliveredFlows();
        if (e.passed()) {
            return e.expectation().reachable() ? d + "/" + n + " flows" : n + "/" + n + " flows blocked";
        }
        return d + "/" + n + " flows delivered";
    }

    /** The lines under a failed expectation: one per mismatching flow (a fix below it when obvious). */
    List<String> mismatchLines(ExpectationResult e, Sentences say) {
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (Mismatch m : e.mismatches()) {
            if (shown == MAX_MISMATCH_LINES) {
                lines.add("… and " + (e.mismatches().size() - shown) + " more");
                break;
            }
            lines.add(mismatch(m, say));
            if (m instanceof Mismatch.UnexpectedDisposition u && u.expectedReachable()) {
                say.fix(m.flow()).ifPresent(fix -> lines.add("  " + ansi.yellow("fix: " + fix)));
            }
            shown++;
        }
        return lines;
    }

    /**
     * One failing flow in one line, e.g.
     * {@code internet:198.51.100.1 → 10.0.0.9:22  DELIVERED via igw-main → public-a → i-bastion   (expected unreachable)}.
     */
    public String mismatch(Mismatch m, Sentences say) {
        FlowResult f = m.flow();
        String ends = endpoints(f);
        if (m instanceof Mismatch.UnexpectedDisposition u) {
            if (u.expectedReachable()) return ends + "  " + dropped(f, say);
            return ends + "  " + outcome(f) + "   " + ansi.yellow("(expected unreachable)");
        }
        if (m instanceof Mismatch.MissingVia v) return ends + "  " + outcome(f) + "   " + ansi.yellow("(expected via " + v.id() + ")");
        if (m instanceof Mismatch.MissingViaAny v) {
            return ends + "  " + outcome(f) + "   " + ansi.yellow("(expected via one of " + String.join(", ", v.ids()) + ")");
        }
        if (m instanceof Mismatch.ForbiddenVia v) return ends + "  " + outcome(f) + "   " + ansi.yellow("(expected not via " + v.id() + ")");
        if (m instanceof Mismatch.WrongCode w) return ends + "  " + dropped(f, say) + "   " + ansi.yellow("(expected " + w.expected() + ")");
        // DESIGN §9 set expectations: merged ranges with the rules that admit them, or their first blocker.
        if (m instanceof Mismatch.ExtraOpen x) {
            return pairOf(f) + "  " + ansi.red(x.services().toString()) + " open" + (x.sources() == null ? "" : " from " + x.sources())
                    + (x.rules() == null || x.rules().isEmpty() ? "" : " via " + x.rules()) + "   " + ansi.yellow("(expected closed)");
        }
        if (m instanceof Mismatch.MissingOpen x) {
            return pairOf(f) + "  " + ansi.red(x.services().toString()) + " closed: " + dropped(f, say) + "   " + ansi.yellow("(expected open)");
        }
        throw new IllegalStateException("unknown mismatch " + m);
    }

    /** The two ends of a set failure without the class's port: {@code internet:198.51.100.1 → 10.0.0.9}. */
    private static String pairOf(FlowResult f) {
        Packet p = f.flow().packet();
        String from = f.flow().source() instanceof FlowEnd.OnInternet ? "internet" : f.flow().source().label() + " " + p.src();
        return from + " → " + f.flow().destination().label() + " " + p.dst();
    }

    /** {@code DEPENDS NAT source ports 1024-32767: DROPPED CODE at x}: the failing choices. */
    private String depends(FlowResult f) {
        List<String> failing = new ArrayList<>();
        for (FlowResult.Choice c : f.choices()) if (c.verdict() != io.reachsim.trace.Disposition.DELIVERED) failing.add(Sentences.choice(c));
        return ansi.yellow("DEPENDS") + " " + String.join("; ", failing);
    }

    /** {@code DELIVERED via a → b → c} or {@code DROPPED CODE at x via a → b}. */
    private String outcome(FlowResult f) {
        if (f.disposition() == io.reachsim.trace.Disposition.DEPENDS) return depends(f);
        String path = String.join(" → ", compactPath(f));
        if (f.delivered()) return ansi.green("DELIVERED") + (path.isEmpty() ? "" : " via " + path);
        String code = f.drop() == null ? "" : " " + f.drop().code().name() + " at " + f.drop().component();
        return ansi.red("DROPPED") + code + (path.isEmpty() ? "" : " after " + path);
    }

    private String dropped(FlowResult f, Sentences say) {
        if (f.delivered() || f.disposition() == io.reachsim.trace.Disposition.DEPENDS) return outcome(f);
        String code = f.drop() == null ? "" : " " + f.drop().code().name() + " at " + f.drop().component();
        return ansi.red("DROPPED") + code + ": " + say.reason(f);
    }

    /**
     * The forward path in a few ids: gateways, the subnets entered, the interfaces reached; route
     * tables, ACLs and the source itself are left out ({@code igw-main → public-a → i-bastion}).
     */
    public static List<String> compactPath(FlowResult f) {
        List<String> ids = new ArrayList<>();
        for (Hop h : f.hops()) {
            if (h.leg() != Leg.FORWARD) break;
            String id = switch (h.kind()) {
                case INTERFACE_EGRESS -> h == f.hops().get(0) ? null : h.component(); // an appliance forwarding
                case ROUTE, ACL_OUT -> null;
                case ACL_IN -> h.subnet();
                case INTERFACE_INGRESS, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPN_GATEWAY,
                     INTERNET, EXTERNAL, DELIVERED, VPC_ENDPOINT, EKS_API, DNS, LOAD_BALANCER, PRIVATELINK, LATTICE -> h.component();
                case SNAT -> null;
                case VPC_PEERING, TGW_ATTACHMENT -> h.component();
                case TRANSIT_GATEWAY -> h.detail() instanceof io.reachsim.trace.Detail.TgwRouteLookup t ? t.transitGateway() : h.component();
            };
            if (id != null && (ids.isEmpty() || !ids.get(ids.size() - 1).equals(id))) ids.add(id);
        }
        return ids;
    }

    /** The target part of a service target's label ({@code api-1} of {@code vpce-partner-app-a → api-1}). */
    private static String target(FlowEnd.ServiceTarget t) {
        String label = t.targetLabel() == null ? "" : t.targetLabel();
        int arrow = label.lastIndexOf(" → ");
        return arrow < 0 ? label : label.substring(arrow + 3);
    }

    /** {@code internet:198.51.100.1 → 10.0.0.9:22}: who sent (by address) to which address and port. */
    public static String endpoints(FlowResult f) {
        Packet p = f.flow().packet();
        FlowEnd src = f.flow().source();
        String from = src instanceof FlowEnd.OnInternet ? "internet:" + p.src()
                : src instanceof FlowEnd.AtExternal x ? x.external() + ":" + p.src()
                : p.src().toString();
        String to = switch (p.protocol()) {
            case TCP, UDP -> hostPort(p.dst(), p.dstPort());
            case ICMP, ICMPV6 -> p.dst() + " " + p.protocol() + (p.icmpType() >= 0 ? " type " + p.icmpType() : "");
            case ALL -> p.dst() + " all traffic";
            case OTHER -> p.dst() + " other IP protocols";
        };
        return from + " → " + to;
    }

    /** {@code 10.0.10.4:49152 → 10.0.2.7:443} ({@code [2600::1]:49152} for IPv6). */
    static String endpoints(Packet p) {
        if (p.protocol().hasPorts()) return hostPort(p.src(), p.srcPort()) + " → " + hostPort(p.dst(), p.dstPort());
        return p.src() + " → " + p.dst() + "   " + Sentences.traffic(p);
    }

    private static String hostPort(Ip ip, int port) {
        return (ip.isV4() ? ip.toString() : "[" + ip + "]") + ":" + port;
    }

    /**
     * File names as the user thinks of them: relative to the folder all scenarios share, when there is
     * more than one ({@code eks/private-nodes.yaml} for a run over {@code scenarios/}).
     */
    static List<String> displayFiles(List<ScenarioResult> scenarios) {
        List<Path> files = scenarios.stream()
                .map(s -> Path.of(s.scenario().file() == null ? "" : s.scenario().file()).normalize()).toList();
        if (files.size() < 2) return files.stream().map(Path::toString).toList();
        Path common = null;
        for (Path f : files) {
            Path parent = f.getParent() == null ? Path.of("") : f.getParent();
            if (common == null) common = parent;
            while (!parent.startsWith(common)) {
                common = common.getParent();
                if (common == null) return files.stream().map(Path::toString).toList();
            }
        }
        Path base = common;
        return files.stream().map(f -> base.toString().isEmpty() ? f.toString() : base.relativize(f).toString()).toList();
    }

    /** {@code eks/private-nodes.yaml} → {@code private-nodes}: a scenario named like its file needs no second name. */
    private static String stem(String file) {
        String base = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int width) {
        if (s.length() >= width) return s;
        return s + " ".repeat(width - s.length());
    }

    private static void trimEnd(StringBuilder sb) {
        int len = sb.length();
        while (len > 0 && sb.charAt(len - 1) == ' ') len--;
        sb.setLength(len);
    }

    /** ANSI SGR codes, or nothing at all when colour is off. */
    static final class Ansi {
        private final boolean on;

        Ansi(boolean on) {
            this.on = on;
        }

        String green(String s) { return wrap("32", s); }
        String red(String s) { return wrap("31", s); }
        String yellow(String s) { return wrap("33", s); }
        String bold(String s) { return wrap("1", s); }
        String dim(String s) { return wrap("2", s); }

        private String wrap(String code, String s) {
            return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }
}
