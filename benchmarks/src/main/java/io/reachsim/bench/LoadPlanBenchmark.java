package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.generate.TerraformWriter;
import io.reachsim.load.LoadException;
import io.reachsim.terraform.TerraformImporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Loading a Terraform plan of 10,000 resources (DESIGN §10): the generated L network (100 VPCs) written by
 * {@link TerraformWriter} as a plan that creates it — ids unknown, every reference resolved through the
 * configuration — read by the terraform module (parse, resolve references, resolve the network).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Benchmark)
public class LoadPlanBenchmark {
    public static final int RESOURCES = 10_000;

    /** The generated network the plan is cut from (XL has far more than 10,000 resources; tests use S). */
    String size = "XL";
    Path file;
    int written;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = Files.createTempFile("reachsim-plan-10k-", ".json");
        written = TerraformWriter.write(NetworkGenerator.generate(NetworkGenerator.Size.valueOf(size), BenchData.SEED).network(), file, RESOURCES);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public void loadPlan10k(Blackhole bh) throws LoadException {
        bh.consume(new TerraformImporter().read(file, file.toString(), null).network());
    }
}
