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

    public void write(SuiteResult suite, OutputStream out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(suite, x);
            x.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toXml(SuiteResult suite) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(suite, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void write(SuiteResult suite, XMLStreamWriter x) throws XMLStreamException {
        long totalFlows = suite.flowCount();
        Duration elapsed = suite.elapsed();
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeAttribute("name", "reachsim");
        x.writeAttribute("tests", String.valueOf(suite.passedExpectations() + suite.failedExpectations()));
        x.writeAttribute("failures", String.valueOf(suite.failedExpectations()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("time", seconds(elapsed.toNanos() / 1e9));

        TerminalReport plain = new TerminalReport(false);
        for (ScenarioResult s : suite.scenarios()) {
            long failures = s.expectations().stream().filter(e -> !e.passed()).count();
            long flows = s.expectations().stream().mapToLong(e -> e.flows().size()).sum();
            String file = s.scenario().file() == null ? "" : s.scenario().file();
            String suiteName = blank(s.scenario().name()) ? file : s.scenario().name();
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(suiteName));
            x.writeAttribute("tests", String.valueOf(s.expectations().size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(share(elapsed, flows, totalFlows)));
            x.writeAttribute("file", clean(file));

            Sentences say = new Sentences(s.scenario().network());
            int index = 0;
            for (ExpectationResult e : s.expectations()) {
                index++;
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", clean(file));
                String name = e.expectation().name();
                x.writeAttribute("name", clean(blank(name) ? "expectation " + index + ": " + e.expectation().from().text()
                        + " → " + e.expectation().to().text() : name));
                x.writeAttribute("time", seconds(share(elapsed, e.flows().size(), totalFlows)));
                if (!e.passed()) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", clean(message(e, plain, say)));
                    x.writeAttribute("type", Sentences.mismatchType(e.mismatches().get(0)));
                    x.writeCharacters(clean(body(e, plain, s)));
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
    static String clean(String s) {
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
