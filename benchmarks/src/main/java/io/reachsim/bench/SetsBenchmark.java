package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.model.ServiceSet;
import io.reachsim.sets.Exposure;
import io.reachsim.sets.Matrix;
import io.reachsim.sets.SetTracer;
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
 * DESIGN §9 set questions on the generated networks: {@code reach} over every protocol and port for one pair
 * (every class traced, µs per pair), and whole-network {@code exposure} and {@code matrix} (s per answer).
 */
public class SetsBenchmark {

    /** {@code reach --protocol any} for one pair of hosts: every class of every protocol traced. */
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
    @State(Scope.Benchmark)
    public static class Reach {
        @Param({"XL"})
        public String size;

        SetTracer sets;
        Flow[] flows;
        int mask;
        int i;

        @Setup(Level.Trial)
        public void setup() {
            BenchData d = BenchData.of(NetworkGenerator.Size.valueOf(size));
            sets = new SetTracer(d.fabric);
            flows = d.flows(BenchData.FLOWS);
            mask = flows.length - 1;
        }

        @Benchmark
        public void reachAnyPort(Blackhole bh) {
            bh.consume(sets.classes(flows[i++ & mask], ServiceSet.ALL));
        }
    }

    /** {@code exposure} of the whole network from the internet. */
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
    @State(Scope.Benchmark)
    public static class ExposureXl {
        @Param({"XL"})
        public String size;
        BenchData d;

        @Setup(Level.Trial)
        public void setup() {
            d = BenchData.of(NetworkGenerator.Size.valueOf(size));
        }

        @Benchmark
        public Object exposure() {
            return Exposure.compute(d.fabric, null, ServiceSet.ALL, null);
        }
    }

    /** {@code matrix --by subnet} (L) and {@code matrix --by vpc} (XL). */
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
    @State(Scope.Benchmark)
    public static class MatrixRun {
        @Param({"subnet:L", "vpc:XL"})
        public String by;
        BenchData d;

        @Setup(Level.Trial)
        public void setup() {
            d = BenchData.of(NetworkGenerator.Size.valueOf(by.substring(by.indexOf(':') + 1)));
        }

        @Benchmark
        public Object matrix() {
            return Matrix.compute(d.fabric, by.substring(0, by.indexOf(':')), ServiceSet.ALL, null);
        }
    }

    /** One timed run of each, outside JMH: {@code java -cp benchmarks.jar io.reachsim.bench.SetsBenchmark SIZE}. */
    public static void main(String[] args) {
        NetworkGenerator.Size size = NetworkGenerator.Size.valueOf(args.length > 0 ? args[0] : "M");
        BenchData d = BenchData.of(size);
        SetTracer sets = new SetTracer(d.fabric);
        Flow[] flows = d.flows(1024);
        long t0 = System.nanoTime();
        int classes = 0;
        for (Flow f : flows) classes += sets.classes(f, ServiceSet.ALL).size();
        System.out.printf("reach any port: %.1f µs per pair, %.1f classes per pair%n", (System.nanoTime() - t0) / 1e3 / flows.length,
                classes / (double) flows.length);
        t0 = System.nanoTime();
        Exposure.Result e = Exposure.compute(d.fabric, null, ServiceSet.ALL, null);
        System.out.printf("exposure: %.2f s, %d of %d targets, %d classes traced%n", (System.nanoTime() - t0) / 1e9, e.exposedTargets(),
                e.targets(), e.classesTraced());
        for (String by : args.length > 1 ? args[1].split(",") : new String[]{"vpc", "subnet"}) {
            t0 = System.nanoTime();
            Matrix.Result m = Matrix.compute(d.fabric, by, ServiceSet.ALL, null);
            System.out.printf("matrix --by %s: %.2f s, %d groups, %d pairs traced%n", by, (System.nanoTime() - t0) / 1e9, m.groups().size(),
                    m.pairsTraced());
        }
    }
}
