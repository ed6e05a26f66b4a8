package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;
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

/** (c) Network → Fabric compilation. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class CompileBenchmark {
    @Param({"S", "M", "L", "XL"})
    public String size;

    Network network;

    @Setup(Level.Trial)
    public void setup() {
        network = NetworkGenerator.generate(NetworkGenerator.Size.valueOf(size), BenchData.SEED).network();
    }

    @Benchmark
    public void compile(Blackhole bh) {
        bh.consume(Fabric.compile(network));
    }
}
