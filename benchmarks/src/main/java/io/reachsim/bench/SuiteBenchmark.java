package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.SuiteRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * (b) The whole expectation suite (100 per VPC: 100,000 at XL) checked on 2 threads against one shared
 * compiled Fabric: the list is split in two halves, each thread runs {@link SuiteRunner#check} per
 * expectation (flow expansion + tracing + judging). One operation = the whole suite.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class SuiteBenchmark {
    @Param({"S", "M", "L", "XL"})
    public String size;

    Fabric fabric;
    List<Expectation> expectations;
    ExecutorService pool;
    final SuiteRunner runner = new SuiteRunner();

    @Setup(Level.Trial)
    public void setup() {
        BenchData d = BenchData.of(NetworkGenerator.Size.valueOf(size));
        fabric = d.fabric;
        expectations = d.generated.expectations();
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    /** Checks {@code part} and returns a digest of the results (held expectations + flows), so nothing is dead code. */
    long checkAll(List<Expectation> part) {
        long digest = 0;
        // Per thread, as a suite run does per scenario: one tracer and one endpoint index for all expectations.
        io.reachsim.trace.Tracer tracer = new io.reachsim.trace.Tracer(fabric);
        io.reachsim.verdict.FlowExpander expander = new io.reachsim.verdict.FlowExpander(fabric);
        for (Expectation e : part) {
            ExpectationResult r = runner.check(tracer, expander, e);
            digest += r.flows().size() * 2L + (r.mismatches().isEmpty() ? 1 : 0);
        }
        return digest;
    }

    @Benchmark
    public void suite(Blackhole bh) throws InterruptedException, ExecutionException {
        int half = expectations.size() / 2;
        Future<Long> a = pool.submit(() -> checkAll(expectations.subList(0, half)));
        Future<Long> b = pool.submit(() -> checkAll(expectations.subList(half, expectations.size())));
        bh.consume(a.get() + b.get());
    }
}
