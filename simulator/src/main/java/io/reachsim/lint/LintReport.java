package io.reachsim.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code reachsim lint} shows a {@link LintResult}: a table for people (most severe first; the
 * reason and the fix indented under each finding) and JSON for machines:
 * <pre>
 * {"findings": [{"file", "files", "severity", "rule", "resource", "message", "reason", "fix"}],
 *  "errors": N, "warnings": N, "infos": N}
 * </pre>
 * {@code file} is the first scenario file the finding came from, {@code files} all of them.
 */
public final class LintReport {
    private final boolean color;

    /** Colour is the caller's decision (a terminal without NO_COLOR); without it the text is the same, marks included. */
    public LintReport(boolean color) {
        this.color = color;
    }

    /**
     * <pre>
     * 2 scenarios · 1 network
     *
     * ✗ ERROR    prod       cluster prod's 2 cluster subnets are all in us-west-2a (...)  [cluster-subnets-az]
     *     reason: EKS requires cluster subnets in at least two Availability Zones ...
     *     fix:    add a subnet in another AZ of vpc-main to prod's subnets ...
     *
     * 1 error, 0 warnings, 0 infos
     * </pre>
     */
    public String terminal(LintResult result) {
        StringBuilder out = new StringBuilder();
        out.append(Facts.plural(result.scenarios(), "scenario")).append(" · ").append(Facts.plural(result.networks(), "network")).append('\n');
        int resourceWidth = 0;
        for (LintResult.Located l : result.findings()) resourceWidth = Math.max(resourceWidth, l.finding().resource().length());
        Map<String, String> display = displayFiles(result);
        for (LintResult.Located l : result.findings()) {
            Finding f = l.finding();
            out.append('\n');
            out.append(severity(f.severity())).append("  ").append(pad(f.resource(), resourceWidth)).append("  ")
                    .append(f.message()).append("  ").append(dim("[" + f.rule() + "]")).append('\n');
            out.append("    reason: ").append(f.reason()).append('\n');
            out.append("    fix:    ").append(f.fix()).append('\n');
            if (result.scenarios() > 1) {
                List<String> files = l.files().stream().map(x -> display.getOrDefault(x, x)).toList();
                out.append(files.size() == 1 ? "    file:   " : "    files:  ").append(String.join(", ", files)).append('\n');
            }
        }
        out.append('\n');
        if (result.findings().isEmpty()) {
            out.append("no findings\n");
        } else {
            out.append(Facts.plural(result.count(Severity.ERROR), "error")).append(", ")
                    .append(Facts.plural(result.count(Severity.WARNING), "warning")).append(", ")
                    .append(Facts.plural(result.count(Severity.INFO), "info")).append('\n');
        }
        return out.toString();
    }

    public ObjectNode json(LintResult result) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode findings = root.putArray("findings");
        for (LintResult.Located l : result.findings()) {
            Finding f = l.finding();
            ObjectNode n = findings.addObject();
            n.put("file", l.files().isEmpty() ? null : l.files().get(0));
            ArrayNode files = n.putArray("files");
            l.files().forEach(files::add);
            n.put("severity", f.severity().name());
            n.put("rule", f.rule());
            n.put("resource", f.resource());
            n.put("message", f.message());
            n.put("reason", f.reason());
            n.put("fix", f.fix());
        }
        root.put("errors", result.count(Severity.ERROR));
        root.put("warnings", result.count(Severity.WARNING));
        root.put("infos", result.count(Severity.INFO));
        return root;
    }

    private String severity(Severity s) {
        return switch (s) {
            case ERROR -> wrap("1;31", pad("✗ ERROR", 9));
            case WARNING -> wrap("33", pad("! WARNING", 9));
            case INFO -> wrap("36", pad("i INFO", 9));
        };
    }

    private String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Files relative to the folder they all share, as {@code reachsim run} shows them. */
    static Map<String, String> displayFiles(LintResult result) {
        Set<String> all = new LinkedHashSet<>(result.files());
        result.findings().forEach(l -> all.addAll(l.files()));
        Map<String, String> out = new HashMap<>();
        if (all.size() < 2) {
            all.forEach(f -> out.put(f, Path.of(f).normalize().toString()));
            return out;
        }
        List<Path> paths = new ArrayList<>();
        for (String f : all) paths.add(Path.of(f).normalize());
        Path common = null;
        for (Path p : paths) {
            Path parent = p.getParent() == null ? Path.of("") : p.getParent();
            if (common == null) common = parent;
            while (common != null && !parent.startsWith(common)) common = common.getParent();
            if (common == null) break;
        }
        int i = 0;
        for (String f : all) {
            Path p = paths.get(i++);
            out.put(f, common == null || common.toString().isEmpty() ? p.toString() : common.relativize(p).toString());
        }
        return out;
    }
}
