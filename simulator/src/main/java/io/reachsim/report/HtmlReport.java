package io.reachsim.report;

import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Leg;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page for a run: a summary, one section per scenario, one row per expectation,
 * and for each flow its path drawn as a chain of boxes (request above, reply below; the failing box red)
 * with the hop-by-hop sentences. No scripts, no external assets: it opens from a CI artifact as is.
 */
public final class HtmlReport {
    private static final int BOX_W = 150, BOX_H = 40, GAP = 18, ROW_GAP = 14, PAD = 6, COLS = 7;

    public String run(SuiteResult suite) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>reachsim report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>reachsim</h1>\n<p class=\"summary\">")
                .append(suite.scenarios().size()).append(" scenarios · ")
                .append(suite.passedExpectations() + suite.failedExpectations()).append(" expectations · ")
                .append(suite.flowCount()).append(" flows — <span class=\"ok\">").append(suite.passedExpectations())
                .append(" passed</span>, <span class=\"bad\">").append(suite.failedExpectations()).append(" failed</span> in ")
                .append(String.format(Locale.ROOT, "%.2f s", suite.elapsed().toNanos() / 1e9)).append("</p>\n");
        for (ScenarioResult s : suite.scenarios()) scenario(h, s);
        h.append("</body></html>\n");
        return h.toString();
    }

    private void scenario(StringBuilder h, ScenarioResult s) {
        Sentences say = new Sentences(s.scenario().network());
        h.append("<section><h2>").append(esc(s.scenario().name())).append(" <small>").append(esc(s.scenario().file()))
                .append("</small></h2>\n");
        if (s.scenario().description() != null) h.append("<p class=\"desc\">").append(esc(s.scenario().description())).append("</p>\n");
        for (ExpectationResult e : s.expectations()) {
            h.append("<details").append(e.passed() ? "" : " open").append("><summary class=\"")
                    .append(e.passed() ? "ok" : "bad").append("\">").append(e.passed() ? "✓ " : "✗ ")
                    .append(esc(e.expectation().name())).append(" <small>").append(e.deliveredFlows()).append('/')
                    .append(e.flows().size()).append(" flows delivered, expected ")
                    .append(e.expectation().reachable() ? "reachable" : "unreachable").append("</small></summary>\n");
            for (Mismatch m : e.mismatches()) {
                h.append("<p class=\"bad\">").append(esc(Sentences.mismatchType(m))).append(": ")
                        .append(esc(say.reason(m.flow()))).append("</p>\n");
            }
            int i = 0;
            for (FlowResult f : e.flows()) flow(h, f, ++i, e.flows().size(), say);
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private void flow(StringBuilder h, FlowResult f, int i, int n, Sentences say) {
        h.append("<div class=\"flow\"><h3>flow ").append(i).append('/').append(n).append(" &nbsp; ")
                .append(esc(f.flow().packet().toString())).append(" — <span class=\"").append(f.delivered() ? "ok" : "bad")
                .append("\">").append(f.disposition());
        if (f.drop() != null) h.append(' ').append(f.drop().code()).append(" at ").append(esc(f.drop().component()));
        h.append("</span></h3>\n");
        if (f.flow().resolution() != null) h.append("<p class=\"desc\">note: ").append(esc(f.flow().resolution())).append("</p>\n");
        svg(h, f);
        h.append("<table>");
        for (Hop hop : f.hops()) {
            h.append("<tr class=\"").append(hop.passed() ? "" : "bad").append("\"><td>").append(hop.passed() ? "✓" : "✗")
                    .append("</td><td>").append(hop.kind().label()).append("</td><td>").append(esc(say.component(hop)))
                    .append("</td><td>").append(esc(Sentences.direction(hop))).append("</td><td>")
                    .append(esc(say.hop(hop, f.drop()))).append("</td></tr>");
        }
        h.append("</table>\n");
        say.fix(f).ifPresent(fix -> h.append("<p class=\"fix\">fix: ").append(esc(fix)).append("</p>\n"));
        h.append("</div>\n");
    }

    /** The path as boxes, at most {@link #COLS} a row: the request's rows, then the reply's (dashed). */
    private void svg(StringBuilder h, FlowResult f) {
        List<List<Hop>> rows = new ArrayList<>();
        List<Boolean> replyRow = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            List<Hop> all = boxes(f, leg);
            for (int i = 0; i < all.size(); i += COLS) {
                rows.add(all.subList(i, Math.min(all.size(), i + COLS)));
                replyRow.add(leg == Leg.RETURN);
            }
        }
        if (rows.isEmpty()) return;
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        int w = PAD * 2 + cols * BOX_W + (cols - 1) * GAP;
        int hgt = PAD * 2 + rows.size() * BOX_H + (rows.size() - 1) * ROW_GAP;
        h.append("<svg class=\"path\" width=\"").append(w).append("\" height=\"").append(hgt)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(hgt).append("\" role=\"img\">");
        for (int r = 0; r < rows.size(); r++) {
            List<Hop> row = rows.get(r);
            int y = PAD + r * (BOX_H + ROW_GAP);
            for (int c = 0; c < row.size(); c++) {
                Hop hop = row.get(c);
                int x = PAD + c * (BOX_W + GAP);
                String cls = hop.passed() ? (replyRow.get(r) ? "ret" : "fwd") : "drop";
                h.append("<rect class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y)
                        .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/>");
                h.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 15).append("\" class=\"k\">")
                        .append(esc(hop.kind().label() + (replyRow.get(r) ? " (reply)" : ""))).append("</text>");
                h.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 31).append("\">")
                        .append(esc(shorten(hop.component()))).append("</text>");
                if (c > 0) {
                    int ay = y + BOX_H / 2;
                    h.append("<line x1=\"").append(x - GAP + 2).append("\" y1=\"").append(ay).append("\" x2=\"").append(x - 2)
                            .append("\" y2=\"").append(ay).append("\" class=\"arrow\"/>");
                }
            }
        }
        h.append("</svg>\n");
    }

    private static List<Hop> boxes(FlowResult f, Leg leg) {
        List<Hop> out = new ArrayList<>();
        for (Hop hop : f.hops()) {
            if (hop.leg() != leg) continue;
            if (!out.isEmpty() && out.get(out.size() - 1).component().equals(hop.component()) && hop.passed()) continue;
            out.add(hop);
        }
        return out;
    }

    private static String shorten(String id) {
        return id.length() <= 22 ? id : id.substring(0, 10) + "…" + id.substring(id.length() - 10);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330;max-width:1200px}
            h1{margin:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}small{color:#667;font-weight:normal}
            .ok{color:#17803d}.bad{color:#c0262d}.desc{color:#555}.fix{color:#7a4b00;font-weight:600}
            summary{cursor:pointer;font-weight:600;margin:.4em 0}.flow{margin:.6em 0 1.2em 1.2em}
            h3{font-size:13px;font-family:ui-monospace,monospace;margin:.4em 0}
            table{border-collapse:collapse;font:12px ui-monospace,monospace}td{padding:1px 8px}tr.bad td{color:#c0262d;font-weight:600}
            svg.path{display:block;margin:.4em 0;overflow:visible}
            svg rect{stroke-width:1.5}rect.fwd{fill:#eef6ff;stroke:#3a78c2}rect.ret{fill:#f3f0ff;stroke:#7a5cc2;stroke-dasharray:5 3}
            rect.drop{fill:#fdeaea;stroke:#c0262d}svg text{font:11px ui-monospace,monospace;text-anchor:middle;fill:#1d2330}
            svg text.k{fill:#667}line.arrow{stroke:#889;stroke-width:1.5;marker-end:none}
            """;
}
