package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.compile.Fabric;
import io.reachsim.reference.ReferenceEvaluator;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark method once at size S, called directly on its state (no timing assertions: this
 * keeps them from rotting), plus the agreement of the fast tracer and the reference on the S flows.
 */
class BenchmarkSmokeTest {
    private static final Blackhole BH =
            new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void traceAndReference() {
        TraceBenchmark t = new TraceBenchmark();
        t.size = "S";
        t.setup();
        TraceBenchmark.Cursor c = new TraceBenchmark.Cursor();
        for (int i = 0; i < 100; i++) t.trace(c, BH);
        assertThat(t.flows).hasSize(BenchData.FLOWS);

        ReferenceTraceBenchmark r = new ReferenceTraceBenchmark();
        r.size = "S";
        r.setup();
        ReferenceTraceBenchmark.Cursor rc = new ReferenceTraceBenchmark.Cursor();
        for (int i = 0; i < 100; i++) r.referenceTrace(rc, BH);
        assertThat(r.flows).isEqualTo(t.flows);
    }

    @Test
    void theTracerAndTheReferenceAgreeOnEveryGeneratedFlowAtS() {
        BenchData d = BenchData.of(NetworkGenerator.Size.S);
        Tracer tracer = new Tracer(d.fabric);
        ReferenceEvaluator reference = new ReferenceEvaluator(d.generated.network());
        Flow[] flows = d.flows(1024);
        List<String> disagreements = new ArrayList<>();
        int delivered = 0;
        for (Flow f : flows) {
            FlowResult fast = tracer.trace(f);
            FlowResult plain = reference.evaluate(f);
            if (!fast.equals(plain)) disagreements.add(f + "\n  tracer:    " + fast + "\n  reference: " + plain);
            if (fast.delivered()) delivered++;
        }
        assertThat(disagreements).as(() -> disagreements.size() + " disagreements, first: " + disagreements.get(0)).isEmpty();
        // A realistic mix: most flows delivered, some dropped.
        assertThat(delivered).isBetween(flows.length / 2, flows.length - 1);
    }

    @Test
    void suiteCompileAndLoad() throws Exception {
        SuiteBenchmark s = new SuiteBenchmark();
        s.size = "S";
        s.setup();
        try {
            s.suite(BH);
            assertThat(s.checkAll(s.expectations)).isPositive();
        } finally {
            s.tearDown();
        }

        CompileBenchmark c = new CompileBenchmark();
        c.size = "S";
        c.setup();
        c.compile(BH);
        assertThat(Fabric.compile(c.network).network()).isSameAs(c.network);

        LoadPlanBenchmark p = new LoadPlanBenchmark();
        p.size = "S";
        p.setup();
        try {
            assertThat(p.written).isBetween(50, LoadPlanBenchmark.RESOURCES + 200);
            p.loadPlan10k(BH);
        } finally {
            p.tearDown();
        }

        LoadYamlBenchmark l = new LoadYamlBenchmark();
        l.size = "S";
        l.setup();
        try {
            assertThat(l.file).exists();
            l.loadYaml(BH);
        } finally {
            l.tearDown();
        }
    }

    @Test
    void retainedHeapAndSummary(@TempDir Path dir) throws Exception {
        RetainedHeap.main(new String[]{dir.resolve("retained.json").toString(), "S"});
        assertThat(dir.resolve("retained.json")).content().contains("\"size\":\"S\"");

        // A JMH result file of the shape JMH writes (one sample-time run), summarised.
        Path jmh = dir.resolve("jmh.json");
        Files.writeString(jmh, """
                [{"benchmark":"io.reachsim.bench.TraceBenchmark.trace","mode":"sample","params":{"size":"XL"},
                  "primaryMetric":{"score":2.5,"scoreUnit":"us/op","scorePercentiles":{"50.0":2.0,"99.0":9.0}}},
                 {"benchmark":"io.reachsim.bench.TraceBenchmark.trace","mode":"avgt","params":{"size":"XL"},
                  "primaryMetric":{"score":2.0,"scoreUnit":"us/op"}},
                 {"benchmark":"io.reachsim.bench.ReferenceTraceBenchmark.referenceTrace","mode":"avgt","params":{"size":"XL"},
                  "primaryMetric":{"score":200.0,"scoreUnit":"us/op"}},
                 {"benchmark":"io.reachsim.bench.LoadSnapshotBenchmark.loadSnapshot","mode":"ss","params":{"size":"XL"},
                  "primaryMetric":{"score":2.75,"scoreUnit":"s/op"}},
                 {"benchmark":"io.reachsim.bench.LoadPlanBenchmark.loadPlan10k","mode":"ss",
                  "primaryMetric":{"score":1.25,"scoreUnit":"s/op"}}]
                """);
        Summarize.main(new String[]{dir.toString(), "test machine", jmh.toString()});
        String summary = Files.readString(dir.resolve("summary.json"));
        for (String key : List.of("trace_p50_us", "trace_p99_us", "suite_100k_s", "compile_xl_s", "load_snapshot_xl_s",
                "retained_xl_mb", "speedup_vs_reference", "machine", "jdk", "date")) {
            assertThat(summary).contains("\"" + key + "\"");
        }
        assertThat(summary).contains("\"speedup_vs_reference\" : 100.0").contains("\"trace_p50_us\" : 2.0")
                .contains("\"load_snapshot_xl_s\" : 2.75").contains("\"load_plan_10k_s\" : 1.25");
        // The scaling table: a row per size, XL filled from the results above, S's retained heap from the probe.
        String scaling = Files.readString(dir.resolve("scaling.md"));
        assertThat(scaling).contains("| XL | 2.00 | 9.00 | 2.00 | 200 | 100× |").contains("| 2.75 |");
        assertThat(scaling.lines().filter(l -> l.startsWith("| S |")).findFirst().orElseThrow()).doesNotEndWith("| — |");
    }
}
