package io.reachsim.report;

import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.report.topology.ComponentGraph;
import io.reachsim.report.topology.TopologyDrawing;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Leg;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page for a run (or a trace): a summary, the failing expectations with the
 * terminal's mismatch lines, then one section per scenario (failing first) with its network drawn
 * ({@link TopologyDrawing}) and one row per expectation; each flow's path as a chain of boxes (request
 * above, reply below; the failing box red) with the hop-by-hop sentences, and a link that highlights it on
 * the drawing. No external assets; readable without JavaScript (highlights are CSS {@code :target}; the
 * small inline script only adds the filter box).
 */
public final class HtmlReport {
    /** Beyond these a drawing stops helping (and ELK's layout and the page grow large): no drawing, or failing flows only. */
    static final int MAX_DRAWN_COMPONENTS = 600, MAX_DRAWN_FLOWS = 2_000;
    private static final int BOX_W = 150, BOX_H = 40, GAP = 18, ROW_GAP = 14, PAD = 6, COLS = 7;

    /** One network with the expectations checked on it: a scenario of a run, or the single question of a trace. */
    private record Section(String name, String file, String description, Network network, List<ExpectationResult> expectations) {
        boolean passed() {
            return expectations.stream().allMatch(ExpectationResult::passed);
        }
    }

    public String run(SuiteResult suite) {
        List<Section> sections = new ArrayList<>();
        for (ScenarioResult s : suite.scenarios()) {
            sections.add(new Section(s.scenario().name(), s.scenario().file(), s.scenario().description(), s.scenario().network(), s.expectations()));
        }
        String summary = suite.scenarios().size() + " scenarios · " + (suite.passedExpectations() + suite.failedExpectations())
                + " expectations · " + suite.flowCount() + " flows — <span class=\"ok\">" + suite.passedExpectations()
                + " passed</span>, <span class=\"bad\">" + suite.failedExpectations() + " failed</span> in "
                + String.format(Locale.ROOT, "%.2f s", suite.elapsed().toNanos() / 1e9);
        return page("reachsim report", summary, sections);
    }

    /** The page for {@code reachsim trace --html}: the question's flows drawn on the network. */
    public String trace(ExpectationResult result, Network network, String source) {
        Expectation e = result.expectation();
        String question = e.from().text() + " → " + e.to().text();
        long delivered = result.deliveredFlows();
        String summary = esc(question) + " · " + result.flows().size() + " flows — <span class=\"ok\">" + delivered
                + " delivered</span>, <span class=\"bad\">" + (result.flows().size() - delivered) + " dropped</span>";
        return page("reachsim trace", summary, List.of(new Section(question, source, null, network, List.of(result))));
    }

    private String page(String title, String summary, List<Section> sections) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append(TopologyDrawing.CSS)
                .append("</style></head><body>\n");
        h.append("<h1>reachsim</h1>\n<p class=\"summary\">").append(summary).append("</p>\n");
        h.append("<input type=\"search\" id=\"filter\" placeholder=\"filter scenarios, expectations, ids…\" hidden>\n");
        // failing sections first, each in its original order otherwise
        List<Section> ordered = new ArrayList<>(sections);
        ordered.sort(Comparator.comparing(Section::passed));
        failing(h, ordered);
        for (int i = 0; i < ordered.size(); i++) section(h, ordered.get(i), i);
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** The failing expectations at the top: each headed by the terminal's mismatch lines, each failing flow a link to its path. */
    private void failing(StringBuilder h, List<Section> sections) {
        TerminalReport plain = new TerminalReport(false);
        StringBuilder list = new StringBuilder();
        for (int si = 0; si < sections.size(); si++) {
            Section s = sections.get(si);
            Sentences say = new Sentences(s.network());
            for (int ei = 0; ei < s.expectations().size(); ei++) {
                ExpectationResult e = s.expectations().get(ei);
                if (e.passed()) continue;
                list.append("<li><a href=\"#").append(expId(si, e, s)).append("\">").append(esc(s.name())).append(" › ")
                        .append(esc(e.expectation().name())).append("</a><ul>");
                for (Mismatch m : e.mismatches()) {
                    int fi = e.flows().indexOf(m.flow());
                    list.append("<li class=\"mm\"><a class=\"show\" href=\"#").append(overlayId(si, s, e, fi)).append("\">")
                            .append(esc(plain.mismatch(m, say))).append("</a></li>");
                }
                list.append("</ul></li>");
            }
        }
        if (list.length() > 0) h.append("<section class=\"failing\"><h2 class=\"bad\">Failing expectations</h2><ul>").append(list).append("</ul></section>\n");
    }

    private void section(StringBuilder h, Section s, int si) {
        Sentences say = new Sentences(s.network());
        h.append("<section class=\"scenario\"><h2>").append(s.passed() ? "" : "<span class=\"bad\">✗</span> ").append(esc(s.name()))
                .append(" <small>").append(esc(s.file())).append("</small></h2>\n");
        if (s.description() != null) h.append("<p class=\"desc\">").append(esc(s.description())).append("</p>\n");
        topology(h, s, si);
        List<ExpectationResult> es = new ArrayList<>(s.expectations());
        es.sort(Comparator.comparing(ExpectationResult::passed));
        for (ExpectationResult e : es) {
            h.append("<details id=\"").append(expId(si, e, s)).append('"').append(e.passed() ? "" : " open").append("><summary class=\"")
                    .append(e.passed() ? "ok" : "bad").append("\">").append(e.passed() ? "✓ " : "✗ ")
                    .append(esc(e.expectation().name())).append(" <small>").append(e.deliveredFlows()).append('/')
                    .append(e.flows().size()).append(" flows delivered, expected ")
                    .append(e.expectation().reachable() ? "reachable" : "unreachable").append("</small></summary>\n");
            for (Mismatch m : e.mismatches()) {
                h.append("<p class=\"bad\">").append(esc(Sentences.mismatchType(m))).append(": ")
                        .append(esc(say.reason(m.flow()))).append("</p>\n");
            }
            int i = 0;
            for (FlowResult f : e.flows()) {
                boolean failed = e.mismatches().stream().anyMatch(m -> m.flow() == f);
                flow(h, f, ++i, e.flows().size(), say, overlayId(si, s, e, i - 1), failed);
            }
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    /** The network drawn once per section, with every flow's path as a highlight a link can show. */
    private void topology(StringBuilder h, Section s, int si) {
        ComponentGraph g = ComponentGraph.of(s.network());
        if (g.components().size() > MAX_DRAWN_COMPONENTS) {
            h.append("<p class=\"desc\">The network has ").append(g.components().size()).append(" components, too many to draw here; ")
                    .append("<code>reachsim graph --network ").append(esc(s.file())).append(" --format graphml</code> exports it for yEd or Gephi.</p>\n");
            return;
        }
        long flows = s.expectations().stream().mapToLong(e -> e.flows().size()).sum();
        List<TopologyDrawing.Overlay> overlays = new ArrayList<>();
        boolean first = true;
        for (ExpectationResult e : s.expectations()) {
            for (int fi = 0; fi < e.flows().size(); fi++) {
                FlowResult f = e.flows().get(fi);
                boolean failed = e.mismatches().stream().anyMatch(m -> m.flow() == f);
                if (!failed && flows > MAX_DRAWN_FLOWS) continue; // a big suite: only the failing flows get a highlight
                overlays.add(TopologyDrawing.Overlay.of(g, f, overlayId(si, s, e, fi), failed && first,
                        e.expectation().name() + ": " + f.flow().packet()));
                if (failed) first = false;
            }
        }
        String svg = new TopologyDrawing().svg(g, overlays);
        if (!svg.isEmpty()) h.append("<div class=\"topo\">").append(svg).append("</div>\n");
    }

    private static String expId(int si, ExpectationResult e, Section s) {
        return "s" + si + "-e" + s.expectations().indexOf(e);
    }

    private static String overlayId(int si, Section s, ExpectationResult e, int fi) {
        return expId(si, e, s) + "-f" + fi;
    }

    private void flow(StringBuilder h, FlowResult f, int i, int n, Sentences say, String overlay, boolean failed) {
        h.append("<div class=\"flow").append(failed ? " failed" : "").append("\"><h3><a class=\"show\" href=\"#").append(overlay)
                .append("\" title=\"show this flow on the drawing\">⌖</a> flow ").append(i).append('/').append(n).append(" &nbsp; ")
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
                // long ids are elided in the middle; the whole id is the box's tooltip
                h.append("<g><title>").append(esc(hop.component())).append("</title>");
                h.append("<rect class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y)
                        .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/>");
                h.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 15).append("\" class=\"k\">")
                        .append(esc(hop.kind().label() + (replyRow.get(r) ? " (reply)" : ""))).append("</text>");
                h.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 31).append("\">")
                        .append(esc(shorten(hop.component()))).append("</text></g>");
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

    /** Text as HTML (element content and quoted attribute values); null as empty. */
    public static String esc(String s) {
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

    /** The filter box: hides scenarios and expectations whose text does not contain what is typed. */
    private static final String SCRIPT = """
            (function(){var f=document.getElementById('filter');if(!f)return;f.hidden=false;
            f.addEventListener('input',function(){var q=f.value.trim().toLowerCase();
            document.querySelectorAll('section.scenario').forEach(function(s){var any=false;
            s.querySelectorAll('details').forEach(function(d){var hit=!q||d.textContent.toLowerCase().indexOf(q)>=0
            ||s.querySelector('h2').textContent.toLowerCase().indexOf(q)>=0;d.style.display=hit?'':'none';if(hit)any=true;});
            s.style.display=any||!q?'':'none';});});})();
            """;

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330;max-width:1200px}
            h1{margin:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}small{color:#667;font-weight:normal}
            .ok{color:#17803d}.bad{color:#c0262d}.desc{color:#555}.fix{color:#7a4b00;font-weight:600}
            summary{cursor:pointer;font-weight:600;margin:.4em 0}.flow{margin:.6em 0 1.2em 1.2em}
            h3{font-size:13px;font-family:ui-monospace,monospace;margin:.4em 0}
            table{border-collapse:collapse;font:12px ui-monospace,monospace}td{padding:1px 8px}tr.bad td{color:#c0262d;font-weight:600}
            #filter{font:14px system-ui,sans-serif;padding:4px 8px;width:28em;margin:.4em 0}
            .failing ul{list-style:none;padding-left:1em}.failing li.mm{font:12px ui-monospace,monospace;margin:.2em 0}
            .failing a,a.show{color:inherit;text-decoration:none}.failing li.mm a{color:#c0262d}a.show:hover{text-decoration:underline}
            .topo svg.topology{max-width:none}.topo{overflow-x:auto;border:1px solid #e4e7eb;border-radius:6px;padding:4px;background:#fff}
            .flow.failed h3{background:#fdeaea}
            svg.path{display:block;margin:.4em 0;overflow:visible}
            svg rect{stroke-width:1.5}rect.fwd{fill:#eef6ff;stroke:#3a78c2}rect.ret{fill:#f3f0ff;stroke:#7a5cc2;stroke-dasharray:5 3}
            rect.drop{fill:#fdeaea;stroke:#c0262d}svg text{font:11px ui-monospace,monospace;text-anchor:middle;fill:#1d2330}
            svg text.k{fill:#667}line.arrow{stroke:#889;stroke-width:1.5;marker-end:none}
            """;
}
