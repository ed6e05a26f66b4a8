package io.reachsim.report;

import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.trace.FlowResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JUnit XML as Jenkins, GitLab and GitHub test reporters read it: {@code <testsuites>}, one
 * {@code <testsuite>} per scenario, one {@code <testcase classname="FILE" name="EXPECTATION">} per
 * expectation, and a {@code <failure message type>} whose text is the rendered detail plus the
 * hop-by-hop trace of the failing flows.
 *
 * <p>Times: the suite runner measures only the whole run, so each scenario and expectation is given
 * the share of the total elapsed time that its flows are of all flows (tracing time is proportional to
 * flows). The total on {@code <testsuites>} is exact.
 */
public final class JUnitReport {

    /** How a test case ended. */
    public enum Kind { PASSED, FAILURE, ERROR, SKIPPED }

    /**
     * One {@code <testcase>}: {@code message} and {@code type} go on the failure, error or skipped
     * element (a skipped case has no type), {@code text} is the element's body (null: none).
     */
    public record Case(String classname, String name, double seconds, Kind kind, String message, String type, String text) {}

    /** One {@code <testsuite>}. */
    public record Suite(String name, String file, double seconds, List<Case> cases) {
        public Suite {
            cases = List.copyOf(cases);
        }
    }

    public void write(SuiteResult suite, OutputStream out) {
        write("reachsim", suite.elapsed().toNanos() / 1e9, suites(suite), out);
    }

    public String toXml(SuiteResult suite) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(suite, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The one JUnit XML writer of reachsim ({@code run} and {@code verify}): {@code <testsuites>} with
     * totals counted from the cases ({@code skipped} only when some are), then each suite and case.
     */
    public static void write(String name, double seconds, List<Suite> suites, OutputStream out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            List<Case> all = suites.stream().flatMap(s -> s.cases().stream()).toList();
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", clean(name));
            x.writeAttribute("tests", String.valueOf(all.size()));
            x.writeAttribute("failures", String.valueOf(count(all, Kind.FAILURE)));
            x.writeAttribute("errors", String.valueOf(count(all, Kind.ERROR)));
            if (count(all, Kind.SKIPPED) > 0) x.writeAttribute("skipped", String.valueOf(count(all, Kind.SKIPPED)));
            x.writeAttribute("time", seconds(seconds));
            for (Suite s : suites) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(s.name()));
                x.writeAttribute("tests", String.valueOf(s.cases().size()));
                x.writeAttribute("failures", String.valueOf(count(s.cases(), Kind.FAILURE)));
                x.writeAttribute("errors", String.valueOf(count(s.cases(), Kind.ERROR)));
                x.writeAttribute("skipped", String.valueOf(count(s.cases(), Kind.SKIPPED)));
                x.writeAttribute("time", seconds(s.seconds()));
                x.writeAttribute("file", clean(s.file()));
                for (Case c : s.cases()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", clean(c.classname()));
                    x.writeAttribute("name", clean(c.name()));
                    x.writeAttribute("time", seconds(c.seconds()));
                    if (c.kind() != Kind.PASSED) {
                        x.writeCharacters("\n      ");
                        x.writeStartElement(c.kind().name().toLowerCase(Locale.ROOT));
                        x.writeAttribute("message", clean(c.message()));
                        if (c.type() != null) x.writeAttribute("type", clean(c.type()));
                        if (c.text() != null) x.writeCharacters(clean(c.text()));
                        x.writeEndElement();
                        x.writeCharacters("\n    ");
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(List<Case> cases, Kind kind) {
        return cases.stream().filter(c -> c.kind() == kind).count();
    }

    /** A simulator run: one suite per scenario, one case per expectation. */
    private static List<Suite> suites(SuiteResult suite) {
        long totalFlows = suite.flowCount();
        Duration elapsed = suite.elapsed();
        TerminalReport plain = new TerminalReport(false);
        List<Suite> out = new ArrayList<>();
        for (ScenarioResult s : suite.scenarios()) {
            long flows = s.expectations().stream().mapToLong(e -> e.flows().size()).sum();
            String file = s.scenario().file() == null ? "" : s.scenario().file();
            String suiteName = blank(s.scenario().name()) ? file : s.scenario().name();
            Sentences say = new Sentences(s.scenario().network());
            List<Case> cases = new ArrayList<>();
            int index = 0;
            for (ExpectationResult e : s.expectations()) {
                index++;
                String name = e.expectation().name();
                String caseName = blank(name) ? "expectation " + index + ": " + e.expectation().from().text() + " → " + e.expectation().to().text() : name;
                double t = share(elapsed, e.flows().size(), totalFlows);
                cases.add(e.passed() ? new Case(file, caseName, t, Kind.PASSED, null, null, null)
                        : new Case(file, caseName, t, Kind.FAILURE, message(e, plain, say), Sentences.mismatchType(e.mismatches().get(0)),
                                body(e, plain, s)));
            }
            out.add(new Suite(suiteName, file, share(elapsed, flows, totalFlows), cases));
        }
        return out;
    }

    /** The failure's one-liner: the first mismatching flow, and how many more there are. */
    private static String message(ExpectationResult e, TerminalReport plain, Sentences say) {
        String first = plain.mismatch(e.mismatches().get(0), say);
        int more = e.mismatches().size() - 1;
        return e.deliveredFlows() + "/" + e.flows().size() + " flows delivered: " + first + (more > 0 ? " (+" + more + " more)" : "");
    }

    /** Every mismatch (with fixes), then the hop-by-hop trace of each failing flow. */
    private static String body(ExpectationResult e, TerminalReport plain, ScenarioResult s) {
        StringBuilder b = new StringBuilder("\n");
        Sentences say = new Sentences(s.scenario().network());
        List<String> lines = new ArrayList<>();
        Set<FlowResult> failing = new LinkedHashSet<>();
        for (Mismatch m : e.mismatches()) {
            lines.add(plain.mismatch(m, say));
            if (m instanceof Mismatch.UnexpectedDisposition u && u.expectedReachable()) {
                say.fix(m.flow()).ifPresent(fix -> lines.add("  fix: " + fix));
            }
            failing.add(m.flow());
        }
        for (String l : lines) b.append(l).append('\n');
        b.append('\n').append(plain.trace(new ExpectationResult(e.expectation(), List.copyOf(failing), List.of()),
                s.scenario().network()));
        return b.toString();
    }

    private static double share(Duration total, long part, long whole) {
        return whole == 0 ? 0 : total.toNanos() / 1e9 * part / whole;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * XML 1.0 cannot carry most control characters even escaped; a stray one would make the whole report
     * unreadable to CI, so drop them (tab, newline and carriage return are kept).
     */
    public static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (ok) b.appendCodePoint(c);
        }
        return b.toString();
    }
}
