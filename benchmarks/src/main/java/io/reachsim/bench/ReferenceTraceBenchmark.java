package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.reference.ReferenceEvaluator;
import io.reachsim.trace.Flow;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * (f) The same flows as {@link TraceBenchmark} (same seed, same array) through the plain reference
 * evaluator of the simulator's test tree, so the tracer's speed-up is measured in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class ReferenceTraceBenchmark {
    @Param({"S", "M", "L", "XL"})
    public String size;

    ReferenceEvaluator reference;
    Flow[] flows;
    int mask;

    @Setup(Level.Trial)
    public void setup() {
        BenchData d = BenchData.of(NetworkGenerator.Size.valueOf(size));
        reference = new ReferenceEvaluator(d.generated.network());
        flows = d.flows(BenchData.FLOWS);
        mask = flows.length - 1;
    }

    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Benchmark
    public void referenceTrace(Cursor c, Blackhole bh) {
        bh.consume(reference.evaluate(flows[c.i++ & mask]));
    }
}
