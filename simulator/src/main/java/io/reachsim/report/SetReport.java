package io.reachsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.ServiceSet;
import io.reachsim.sets.Exposure;
import io.reachsim.sets.Matrix;
import io.reachsim.sets.PairAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Terminal, JSON, CSV and HTML views of DESIGN §9 answers: {@code reach}, {@code exposure}, {@code matrix}. */
public final class SetReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TerminalReport.Ansi ansi;

    public SetReport(boolean color) {
        this.ansi = new TerminalReport.Ansi(color);
    }

    // ---------------------------------------------------------------- reach

    /** Per pair: the open ranges with their sources and rules, then the closed ranges by first blocker. */
    public String reach(String from, String to, String question, List<PairAnswer> pairs) {
        StringBuilder b = new StringBuilder();
        b.append(ansi.bold(from + " → " + to)).append("   ").append(question).append("   ")
                .append(pairs.size()).append(pairs.size() == 1 ? " pair" : " pairs").append('\n');
        for (PairAnswer p : pairs) {
            b.append('\n').append(ansi.bold(p.from() + " → " + p.to())).append("   ")
                    .append(p.sourceClasses() > 1 ? p.sourceClasses() + " source ranges · " : "")
                    .append(p.classes()).append(p.classes() == 1 ? " class" : " classes").append('\n');
            b.append(ansi.green("open")).append(p.open().isEmpty() ? "    nothing" : "").append('\n');
            List<String[]> rows = new ArrayList<>();
            for (PairAnswer.Open o : p.open()) {
                rows.add(new String[]{String.join(", ", o.services().format()), p.sources(o) == null ? "" : "from " + p.sources(o), o.rules()});
            }
            table(b, rows, true);
            if (!p.closed().isEmpty()) {
                b.append(ansi.red("closed")).append('\n');
                rows = new ArrayList<>();
                for (PairAnswer.Closed c : p.closed()) {
                    rows.add(new String[]{String.join(", ", c.services().format()), c.code() == null ? "" : c.code().name(),
                            c.component() == null ? "" : "at " + c.component()});
                }
                table(b, rows, false);
            }
        }
        return b.toString();
    }

    private void table(StringBuilder b, List<String[]> rows, boolean open) {
        if (rows.isEmpty()) return;
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        for (String[] r : rows) {
            b.append("  ");
            for (int i = 0; i < r.length; i++) {
                String cell = i == r.length - 1 ? r[i] : pad(r[i], w[i]) + "   ";
                b.append(i == 0 ? (open ? ansi.green(cell) : ansi.red(cell)) : i == 1 && !open ? ansi.yellow(cell) : cell);
            }
            b.append('\n');
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** {@code {"pairs": [{"from", "to", "open": [...], "openFrom": [...], "closed": [{"ranges", "code", "component"}]}]}}. */
    public static ObjectNode reachJson(List<PairAnswer> pairs) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode ps = root.putArray("pairs");
        for (PairAnswer p : pairs) {
            ObjectNode pn = ps.addObject();
            pn.put("from", p.from());
            pn.put("to", p.to());
            ArrayNode open = pn.putArray("open");
            p.openSet().format().forEach(open::add);
            ArrayNode detail = pn.putArray("openFrom");
            for (PairAnswer.Open o : p.open()) {
                ObjectNode on = detail.addObject();
                ArrayNode r = on.putArray("ranges");
                o.services().format().forEach(r::add);
                if (o.sources() != null) on.put("sources", p.sources(o));
                on.put("rules", o.rules());
            }
            ArrayNode closed = pn.putArray("closed");
            for (PairAnswer.Closed c : p.closed()) {
                ObjectNode cn = closed.addObject();
                ArrayNode r = cn.putArray("ranges");
                c.services().format().forEach(r::add);
                cn.put("code", c.code() == null ? null : c.code().name());
                cn.put("component", c.component());
            }
        }
        return root;
    }

    // ---------------------------------------------------------------- exposure

    /** The findings, riskiest first: ✗ denied, ! administration or database port, ✓ the rest. */
    public String exposure(Exposure.Result r, ServiceSet deny, String from) {
        StringBuilder b = new StringBuilder();
        b.append(ansi.bold(r.exposedTargets() + " of " + r.targets() + " targets reachable from " + from)).append('\n');
        if (r.findings().isEmpty()) return b.toString();
        b.append('\n');
        List<String[]> rows = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (Exposure.Finding f : r.findings()) {
            boolean denied = deny != null && !f.services().intersect(deny).isEmpty();
            marks.add(denied ? ansi.red("✗") : f.why() != null ? ansi.yellow("!") : ansi.green("✓"));
            String note = denied ? "(denied: " + f.services().intersect(deny) + ")" : f.why() == null ? "" : f.why();
            rows.add(new String[]{String.join(", ", f.services().format()), f.target(),
                    f.sources() == null ? "" : "from " + f.sources(), f.rules() == null ? "" : f.rules(), note});
        }
        int[] w = new int[5];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) w[i] = Math.max(w[i], Math.min(row[i].length(), 60));
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            b.append("  ").append(marks.get(k)).append(' ');
            for (int i = 0; i < row.length; i++) b.append(i == row.length - 1 ? row[i] : pad(row[i], w[i]) + "   ");
            b.append('\n');
        }
        return b.toString();
    }

    public static ObjectNode exposureJson(Exposure.Result r, ServiceSet deny) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("targets", r.targets());
        root.put("exposed", r.exposedTargets());
        ArrayNode fs = root.putArray("findings");
        for (Exposure.Finding f : r.findings()) {
            ObjectNode n = fs.addObject();
            n.put("target", f.target());
            ArrayNode m = n.putArray("members");
            f.members().forEach(m::add);
            ArrayNode open = n.putArray("open");
            f.services().format().forEach(open::add);
            n.put("sources", f.sources());
            n.put("rules", f.rules());
            n.put("risk", f.why());
            n.put("denied", deny != null && !f.services().intersect(deny).isEmpty());
        }
        return root;
    }

    // ---------------------------------------------------------------- matrix

    /** Rows are sources, columns destinations; each cell the open set ({@code ·} for nothing). */
    public String matrix(Matrix.Result m, String by) {
        StringBuilder b = new StringBuilder();
        b.append(ansi.bold("matrix by " + by)).append("   ").append(m.groups().size()).append(" groups · scope ")
                .append(m.scope()).append('\n').append('\n');
        int w0 = "from \\ to".length();
        for (String g : m.groups()) w0 = Math.max(w0, g.length());
        List<String> cols = m.groups();
        int[] w = new int[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            w[j] = cols.get(j).length();
            for (String r : m.groups()) w[j] = Math.max(w[j], Math.min(40, cellText(m.cell(r, cols.get(j))).length()));
        }
        b.append(pad("from \\ to", w0)).append("  ");
        for (int j = 0; j < cols.size(); j++) b.append(pad(cols.get(j), w[j])).append("  ");
        b.append('\n');
        for (String r : m.groups()) {
            b.append(ansi.bold(pad(r, w0))).append("  ");
            for (int j = 0; j < cols.size(); j++) {
                String t = cellText(m.cell(r, cols.get(j)));
                if (t.length() > 40) t = t.substring(0, 39) + "…";
                String padded = pad(t, w[j]);
                b.append(t.equals("·") ? ansi.dim(padded) : ansi.green(padded)).append("  ");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cellText(ServiceSet s) {
        return s.isEmpty() ? "·" : String.join(" ", s.format());
    }

    public static ObjectNode matrixJson(Matrix.Result m, String by) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("by", by);
        ArrayNode gs = root.putArray("groups");
        m.groups().forEach(gs::add);
        ArrayNode cells = root.putArray("cells");
        for (String a : m.groups()) {
            for (String z : m.groups()) {
                ServiceSet s = m.cell(a, z);
                if (s.isEmpty()) continue;
                ObjectNode c = cells.addObject();
                c.put("from", a);
                c.put("to", z);
                ArrayNode open = c.putArray("open");
                s.format().forEach(open::add);
            }
        }
        return root;
    }

    /** One line per ordered pair of groups: {@code from,to,open} (open ranges separated by spaces). */
    public static String matrixCsv(Matrix.Result m) {
        StringBuilder b = new StringBuilder("from,to,open\n");
        for (String a : m.groups()) {
            for (String z : m.groups()) b.append(csv(a)).append(',').append(csv(z)).append(',').append(csv(String.join(" ", m.cell(a, z).format()))).append('\n');
        }
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A self-contained page: the matrix as a heat map (darker = more open); a cell opens its open set. */
    public static String matrixHtml(Matrix.Result m, String by, String title) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ddd;padding:2px 4px;font-size:12px;text-align:center}")
                .append("th{background:#f6f6f6;white-space:nowrap}td.c{cursor:pointer;min-width:1.6em}")
                .append("#detail{margin-top:1em;padding:.6em;border:1px solid #ccc;background:#fafafa;white-space:pre-wrap;font-family:monospace}")
                .append("</style></head><body><h1>").append(esc(title)).append("</h1><p>matrix by ").append(esc(by))
                .append(" · ").append(m.groups().size()).append(" groups · scope ").append(esc(m.scope().toString()))
                .append(" · click a cell for what gets through</p><table><tr><th>from \\ to</th>");
        for (String g : m.groups()) h.append("<th>").append(esc(g)).append("</th>");
        h.append("</tr>");
        double max = 1;
        for (String a : m.groups()) for (String z : m.groups()) max = Math.max(max, weight(m.cell(a, z)));
        for (String a : m.groups()) {
            h.append("<tr><th>").append(esc(a)).append("</th>");
            for (String z : m.groups()) {
                ServiceSet s = m.cell(a, z);
                double x = s.isEmpty() ? 0 : 0.15 + 0.85 * Math.log1p(weight(s)) / Math.log1p(max);
                String text = s.isEmpty() ? "nothing gets through" : String.join(", ", s.format());
                h.append(String.format(Locale.ROOT, "<td class=\"c\" style=\"background:rgba(200,40,40,%.2f)\" title=\"%s\" data-d=\"%s\">%s</td>",
                        x, esc(a + " → " + z), esc(a + " → " + z + "\n" + text), s.isEmpty() ? "" : "●"));
            }
            h.append("</tr>");
        }
        h.append("</table><div id=\"detail\">Click a cell.</div><script>")
                .append("document.querySelectorAll('td.c').forEach(function(td){td.onclick=function(){")
                .append("document.getElementById('detail').textContent=td.getAttribute('data-d');};});</script></body></html>\n");
        return h.toString();
    }

    /** How much is open: ports, types and protocols counted. */
    private static double weight(ServiceSet s) {
        return s.tcp().count() + s.udp().count() + s.icmp().count() + (s.other() ? 1 : 0);
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
