package io.reachsim.bench;

import io.reachsim.aws.snapshot.Snapshots;
import io.reachsim.generate.NetworkGenerator;
import io.reachsim.load.LoadException;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * (d) Loading the generated network from a snapshot folder: the describe-* JSON {@link SnapshotWriter}
 * writes, read by the aws module's {@link Snapshots#readFolder} (parse every file, resolve, build the
 * Network). Expectations are not part of a snapshot, so this loads the network only.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class LoadSnapshotBenchmark {
    @Param({"S", "M", "L", "XL"})
    public String size;

    Path dir;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("reachsim-snapshot-" + size + "-");
        SnapshotWriter.write(NetworkGenerator.generate(NetworkGenerator.Size.valueOf(size), BenchData.SEED).network(), dir);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark
    public void loadSnapshot(Blackhole bh) throws LoadException {
        bh.consume(Snapshots.readFolder(dir, NetworkGenerator.REGION).network());
    }
}
