package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.trace.Flow;
import io.reachsim.trace.Tracer;
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

/** (a) One concrete flow traced by the fast {@link Tracer}, with its full result (hops, drop, explanation). */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class TraceBenchmark {
    @Param({"S", "M", "L", "XL"})
    public String size;

    Tracer tracer;
    Flow[] flows;
    int mask;

    @Setup(Level.Trial)
    public void setup() {
        BenchData d = BenchData.of(NetworkGenerator.Size.valueOf(size));
        tracer = new Tracer(d.fabric);
        flows = d.flows(BenchData.FLOWS);
        mask = flows.length - 1;
    }

    /** Per-thread position in the flow array. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Benchmark
    public void trace(Cursor c, Blackhole bh) {
        bh.consume(tracer.trace(flows[c.i++ & mask]));
    }
}
