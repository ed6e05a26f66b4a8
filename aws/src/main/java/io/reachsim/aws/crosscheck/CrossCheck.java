package io.reachsim.aws.crosscheck;

import io.reachsim.compile.Fabric;
import io.reachsim.load.EndpointRefs;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.FlowExpander;
import io.reachsim.verdict.SuiteRunner;
import software.amazon.awssdk.core.exception.SdkException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code reachsim crosscheck}: the expectations of scenario files, answered by reachsim on a network
 * (usually a snapshot from {@code reachsim import aws}) and by AWS Reachability Analyzer on the live
 * account, side by side.
 *
 * <p>{@link #plan} decides, without any AWS call, which expectations map to an analyzer path
 * ({@link PathMapper}) and what reachsim says about each; {@link #run} asks AWS, at most {@code limit}
 * analyses, and always deletes what it created.
 */
public final class CrossCheck {
    /**
     * AWS charges per analysis: "You are charged per analysis run between a source and destination"
     * (https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html#pricing),
     * at the price on https://aws.amazon.com/vpc/pricing/ (Network Analysis tab, Reachability Analyzer
     * Pricing): USD 0.10 per analysis.
     */
    public static final BigDecimal PRICE_PER_ANALYSIS_USD = new BigDecimal("0.10");
    public static final String PRICE_SOURCE = "https://aws.amazon.com/vpc/pricing/ → Network Analysis → Reachability Analyzer Pricing";

    private CrossCheck() {
    }

    /** One expectation: reachsim's verdict, and the analyzer path it maps to or why it maps to none. */
    public record Question(String scenario, Expectation expectation, ExpectationResult ours, AnalyzerPath path, String skipReason) {
        public boolean planned() {
            return path != null;
        }

        public String name() {
            Expectation e = expectation;
            if (e.name() != null && !e.name().isBlank()) return e.name();
            return e.from().text() + " → " + e.to().text() + (e.port() == null ? "" : " " + e.protocol() + "/" + e.port());
        }

        /** True when every flow was delivered (and there was one); null when reachsim could not check it. */
        public Boolean oursReachable() {
            if (ours == null) return null;
            return !ours.flows().isEmpty() && ours.flows().stream().allMatch(FlowResult::delivered);
        }

        /** The first drop: {@code ENI_SG_RULES_MISMATCH at sg-0a1}. */
        public String oursDrop() {
            if (ours == null) return null;
            return ours.flows().stream().filter(f -> !f.delivered() && f.drop() != null).findFirst()
                    .map(f -> f.drop().code().name() + (f.drop().component() == null ? "" : " at " + f.drop().component()))
                    .orElse(null);
        }

        public String oursCode() {
            if (ours == null) return null;
            return ours.flows().stream().filter(f -> !f.delivered() && f.drop() != null).findFirst()
                    .map(f -> f.drop().code().name()).orElse(null);
        }
    }

    public record Plan(List<Question> questions) {
        public Plan {
            questions = List.copyOf(questions);
        }

        public List<Question> planned() {
            return questions.stream().filter(Question::planned).toList();
        }

        public List<Question> skipped() {
            return questions.stream().filter(q -> !q.planned()).toList();
        }
    }

    public enum Agreement { AGREE, DISAGREE, NO_ANSWER }

    public record Row(Question question, AwsVerdict aws, Agreement agreement) {}

    /** The outcome: one row per analysis asked, what was skipped (by mapping or by the limit), and what could not be deleted. */
    public record Result(List<Row> rows, List<Question> skipped, List<Question> overLimit, List<String> cleanupProblems, List<String> deleted) {
        public long count(Agreement a) {
            return rows.stream().filter(r -> r.agreement() == a).count();
        }
    }

    /** "2 analyses × $0.10 = $0.20". */
    public static String cost(int analyses) {
        BigDecimal total = PRICE_PER_ANALYSIS_USD.multiply(BigDecimal.valueOf(analyses));
        return analyses + (analyses == 1 ? " analysis" : " analyses") + " × $" + PRICE_PER_ANALYSIS_USD.toPlainString()
                + " = $" + total.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * Re-reads every expectation's endpoints against {@code network} (the ids must be the network's), checks
     * it with the simulator, and maps it to an analyzer path. No AWS call.
     */
    public static Plan plan(Network network, List<Scenario> scenarios) {
        Fabric fabric = Fabric.compile(network);
        Tracer tracer = new Tracer(fabric);
        FlowExpander expander = new FlowExpander(fabric);
        SuiteRunner runner = new SuiteRunner();
        PathMapper mapper = new PathMapper(network);
        List<Question> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (Expectation e : s.expectations()) {
                Expectation here;
                try {
                    here = rebind(e, network);
                } catch (IllegalArgumentException ex) {
                    out.add(new Question(s.file(), e, null, null, "not in this network: " + ex.getMessage()));
                    continue;
                }
                ExpectationResult ours;
                try {
                    ours = runner.check(tracer, expander, here);
                } catch (IllegalArgumentException ex) {
                    out.add(new Question(s.file(), here, null, null, ex.getMessage()));
                    continue;
                }
                PathMapper.Mapping m = mapper.map(here);
                out.add(new Question(s.file(), here, ours, m.path(), m.skipReason()));
            }
        }
        return new Plan(out);
    }

    private static Expectation rebind(Expectation e, Network network) {
        EndpointRef from = EndpointRefs.parse(e.from().text(), network);
        EndpointRef to = EndpointRefs.parse(e.to().text(), network);
        return new Expectation(e.name(), from, to, e.protocol(), e.port(), e.sourcePort(), e.icmpType(), e.ipVersion(),
                e.reachable(), e.via(), e.viaAny(), e.notVia(), e.because(), e.roundTrip(), e.origin());
    }

    /**
     * Runs at most {@code limit} of the planned analyses and deletes every path and analysis it created,
     * also when an AWS call fails or the thread is interrupted. {@code progress} gets one line per step.
     */
    public static Result run(Plan plan, int limit, ReachabilityAnalyzer analyzer, Consumer<String> progress) throws InterruptedException {
        List<Question> planned = plan.planned();
        List<Question> asked = planned.subList(0, Math.min(limit, planned.size()));
        List<Question> overLimit = planned.subList(asked.size(), planned.size());
        List<Row> rows = new ArrayList<>();
        try {
            Map<Question, String> started = new LinkedHashMap<>();
            Map<Question, AwsVerdict> failed = new LinkedHashMap<>();
            String unreachable = null;
            for (Question q : asked) {
                if (unreachable != null) {
                    // No credentials, no network: every later call would fail the same way.
                    failed.put(q, new AwsVerdict(null, "error", null, List.of(), "not started: " + unreachable));
                    continue;
                }
                try {
                    String id = analyzer.start(q.path());
                    started.put(q, id);
                    progress.accept("started " + id + "  " + q.path().text());
                } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                    unreachable = ReachabilityAnalyzer.why(e);
                    failed.put(q, new AwsVerdict(null, "error", null, List.of(), unreachable));
                    progress.accept("could not reach AWS: " + unreachable);
                } catch (SdkException e) {
                    failed.put(q, new AwsVerdict(null, "error", null, List.of(), ReachabilityAnalyzer.why(e)));
                    progress.accept("could not start " + q.path().text() + ": " + ReachabilityAnalyzer.why(e));
                }
            }
            Map<String, AwsVerdict> verdicts = started.isEmpty() ? Map.of() : analyzer.await(List.copyOf(started.values()));
            for (Question q : asked) {
                AwsVerdict v = started.containsKey(q) ? verdicts.get(started.get(q)) : failed.get(q);
                rows.add(new Row(q, v, agreement(q, v)));
            }
        } catch (SdkException e) {
            // DescribeNetworkInsightsAnalyses itself failed: what was started still gets deleted below.
            progress.accept("could not read the analyses: " + ReachabilityAnalyzer.why(e));
            for (Question q : asked) {
                if (rows.stream().noneMatch(r -> r.question() == q)) {
                    rows.add(new Row(q, new AwsVerdict(null, "error", null, List.of(), ReachabilityAnalyzer.why(e)), Agreement.NO_ANSWER));
                }
            }
        } finally {
            List<String> created = analyzer.created();
            analyzer.close();
            if (!created.isEmpty()) progress.accept("deleted " + created.size() + " paths and analyses");
        }
        List<String> problems = analyzer.cleanupProblems();
        List<String> deleted = analyzer.created().stream()
                .filter(id -> problems.stream().noneMatch(p -> p.startsWith("could not delete " + id + " "))).toList();
        return new Result(rows, plan.skipped(), overLimit, analyzer.cleanupProblems(), deleted);
    }

    static Agreement agreement(Question q, AwsVerdict v) {
        if (v == null || !v.succeeded() || q.oursReachable() == null) return Agreement.NO_ANSWER;
        return q.oursReachable().equals(v.networkPathFound()) ? Agreement.AGREE : Agreement.DISAGREE;
    }
}
