package io.reachsim.load;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnakeYAML's structure errors ("expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'") in plain
 * words, with the line the user has to fix: most come from indentation, a value that needs quotes, an
 * unclosed bracket or quote, or a tab.
 */
final class YamlErrors {
    private static final Pattern KEY = Pattern.compile("^(\\s*)(- +)?([^\\s:#'\"][^:#]*?)\\s*:(\\s|$)");

    private YamlErrors() {}

    /** Where to point and what to say; the parser's own sentence when no plainer one fits. */
    record Explained(Mark at, String message) {}

    static Explained explain(MarkedYAMLException e, String text) {
        String[] lines = text.split("\n", -1);
        Mark p = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark c = e.getContextMark();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        int line = p == null ? 0 : p.getLine();
        String here = line < lines.length ? lines[line] : "";

        if (problem.contains("(TAB)") || problem.contains("\\t")) {
            return new Explained(p, "line " + (line + 1) + " is indented with a tab: YAML indents with spaces only");
        }
        if (problem.startsWith("expected <block end>, but found '<block mapping start>'")) {
            return new Explained(p, indentation(lines, line, p.getColumn()));
        }
        if (problem.startsWith("expected <block end>, but found '?'") && c != null) {
            String key = key(here);
            if (context.contains("block collection")) {
                return new Explained(p, (key == null ? "line " + (line + 1) : "'" + key + "'") + " is not an item of the list that starts at line "
                        + (c.getLine() + 1) + " (each item starts with '- '), nor indented like the fields around it; check its indentation");
            }
            return new Explained(p, indentation(lines, line, p.getColumn()));
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            String key = key(here);
            int prev = previousContentLine(lines, line);
            if (prev >= 0 && indent(here) > keyColumn(lines[prev]) && key != null && key(lines[prev]) != null) {
                return new Explained(p, indentation(lines, line, indent(here)));
            }
            return new Explained(p, "line " + (line + 1) + " has a ':' inside a value: put the value in quotes"
                    + (key == null ? "" : " (" + key + ": \"…\")"));
        }
        if ((problem.startsWith("expected ',' or ']'") || problem.startsWith("expected ',' or '}'")) && c != null) {
            String what = problem.contains("']'") ? "list '['" : "mapping '{'";
            return new Explained(p, "the " + what + " opened at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)
                    + " is not closed before line " + (line + 1) + " (or two items lack a ',' between them)");
        }
        if (problem.startsWith("found undefined alias")) {
            String name = problem.substring("found undefined alias".length()).trim();
            return new Explained(p, "'*" + name + "' refers to no anchor: define '&" + name + "' on a value before it");
        }
        if (context.startsWith("while scanning a quoted scalar") && c != null) {
            return new Explained(c, "the quoted value that starts at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)
                    + " is not closed: add the closing quote");
        }
        return null;
    }

    /** "'egress' is indented differently from its siblings at line 19 (...)". */
    private static String indentation(String[] lines, int line, int column) {
        String here = line < lines.length ? lines[line] : "";
        String key = key(here);
        String what = key == null ? "line " + (line + 1) : "'" + key + "'";
        int prev = previousContentLine(lines, line);
        String sibling = prev < 0 ? null : key(lines[prev]);
        String detail = prev < 0 ? "" : " (it starts at column " + (keyColumn(here) + 1) + "; "
                + (sibling == null ? "line " + (prev + 1) : "'" + sibling + "' on line " + (prev + 1)) + " at column " + (keyColumn(lines[prev]) + 1) + ")";
        return what + " is indented differently from its siblings at line " + (line + 1) + detail;
    }

    private static int previousContentLine(String[] lines, int line) {
        for (int i = line - 1; i >= 0; i--) {
            String t = lines[i].trim();
            if (!t.isEmpty() && !t.startsWith("#")) return i;
        }
        return -1;
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    /** The column (0-based) of the key on this line, after a list dash. */
    private static int keyColumn(String s) {
        Matcher m = KEY.matcher(s);
        if (m.find()) return m.start(3);
        return indent(s);
    }

    private static String key(String s) {
        Matcher m = KEY.matcher(s);
        return m.find() ? m.group(3).trim() : null;
    }
}
