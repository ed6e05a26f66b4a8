package io.reachsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH JSON results (several files, merged into {@code latest.json}) and the retained-heap JSON,
 * writes {@code summary.json} with exactly the keys of the performance issue, and prints the table
 * against the targets and, per benchmark, the cost by size.
 * Usage: {@code Summarize RESULTS_DIR MACHINE JMH_JSON...}.
 */
public final class Summarize {
    private Summarize() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** benchmark short name + mode + size → primary metric node. */
    private static final Map<String, JsonNode> METRICS = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String machine = args[1];
        ArrayNode merged = JSON.createArrayNode();
        for (int i = 2; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (!Files.exists(p) || Files.size(p) == 0) continue;
            for (JsonNode run : JSON.readTree(p.toFile())) {
                merged.add(run);
                String bench = run.get("benchmark").asText();
                bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
                String size = run.path("params").path("size").asText(run.path("params").path("by").asText("?"));
                METRICS.put(bench + "|" + run.get("mode").asText() + "|" + size, run.get("primaryMetric"));
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("latest.json").toFile(), merged);

        Double p50 = percentile("TraceBenchmark.trace|sample|XL", "50.0");
        Double p99 = percentile("TraceBenchmark.trace|sample|XL", "99.0");
        Double traceAvg = score("TraceBenchmark.trace|avgt|XL");
        Double refAvg = score("ReferenceTraceBenchmark.referenceTrace|avgt|XL");
        Double suite = score("SuiteBenchmark.suite|ss|XL");
        Double compile = score("CompileBenchmark.compile|ss|XL");
        String loadSize = "XL";
        for (String z : List.of("XL", "L", "M", "S")) {
            if (METRICS.containsKey("LoadYamlBenchmark.loadYaml|ss|" + z)) {
                loadSize = z;
                break;
            }
        }
        Double loadYaml = score("LoadYamlBenchmark.loadYaml|ss|" + loadSize);
        Double loadSnapshot = score("LoadSnapshotBenchmark.loadSnapshot|ss|XL");
        Double loadPlan = score("LoadPlanBenchmark.loadPlan10k|ss|?");
        Double retained = null;
        Map<String, Double> retainedBySize = new TreeMap<>();
        Path heap = dir.resolve("retained.json");
        if (Files.exists(heap)) {
            for (JsonNode r : JSON.readTree(heap.toFile())) retainedBySize.put(r.get("size").asText(), r.get("total_mb").asDouble());
            retained = retainedBySize.get("XL");
        }
        Double speedup = traceAvg != null && refAvg != null ? refAvg / traceAvg : null;
        // DESIGN §9 set questions. Brute force would trace every port of tcp and udp, every ICMP type and one
        // other protocol (131,329 packets) per pair: its cost is that many fast traces.
        Double reachP50 = percentile("Reach.reachAnyPort|sample|XL", "50.0");
        Double reachAvg = score("Reach.reachAnyPort|avgt|XL");
        Double exposure = score("ExposureXl.exposure|ss|XL");
        Double matrixSubnet = scoreParam("MatrixRun.matrix|ss|", "subnet:L");
        Double matrixVpc = scoreParam("MatrixRun.matrix|ss|", "vpc:XL");
        Double bruteRatio = reachAvg != null && traceAvg != null ? traceAvg * 131_329 / reachAvg : null;

        ObjectNode s = JSON.createObjectNode();
        num(s, "trace_p50_us", p50);
        num(s, "trace_p99_us", p99);
        num(s, "suite_100k_s", suite);
        num(s, "compile_xl_s", compile);
        num(s, "load_snapshot_xl_s", loadSnapshot);
        num(s, "load_plan_10k_s", loadPlan);
        num(s, "retained_xl_mb", retained);
        num(s, "speedup_vs_reference", speedup);
        num(s, "reach_any_port_xl_us", reachP50);
        num(s, "exposure_xl_s", exposure);
        num(s, "matrix_subnet_l_s", matrixSubnet);
        num(s, "matrix_vpc_xl_s", matrixVpc);
        num(s, "reach_vs_brute_force", bruteRatio);
        s.put("machine", machine);
        s.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        s.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(), s);

        System.out.println();
        System.out.println("reachsim benchmarks, XL (" + machine + ", " + s.get("jdk").asText() + ")");
        System.out.printf("%-34s %14s %12s  %s%n", "metric", "measured", "target", "");
        row("trace p50 (µs)", p50, 5, true);
        row("trace p99 (µs)", p99, 50, true);
        row("trace average (µs)", traceAvg, null, true);
        row("reference trace average (µs)", refAvg, null, true);
        row("speed-up vs reference (×)", speedup, 50, false);
        row("suite 100k on 2 threads (s)", suite, 1, true);
        row("compile XL (s)", compile, 1, true);
        row("load " + loadSize + " from YAML (s)", loadYaml, null, true);
        row("load XL snapshot folder (s)", loadSnapshot, 3, true);
        row("load 10,000-resource plan (s)", loadPlan, 2, true);
        row("retained compiled XL (MB, approx.)", retained, 64, true);
        row("reach any port XL p50 (µs)", reachP50, 1000, true);
        row("reach vs brute force (×)", bruteRatio, null, false);
        row("exposure XL (s)", exposure, 10, true);
        row("matrix --by subnet L (s)", matrixSubnet, 30, true);
        row("matrix --by vpc XL (s)", matrixVpc, 30, true);

        String table = scalingTable(retainedBySize);
        Files.writeString(dir.resolve("scaling.md"), table);
        System.out.println();
        System.out.println("scaling (results/scaling.md):");
        System.out.print(table);

        System.out.println();
        System.out.println("cost by size (JMH score per size):");
        List<String> sizes = List.of("S", "M", "L", "XL");
        Map<String, List<String>> bySeries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : METRICS.entrySet()) {
            String[] k = e.getKey().split("\\|");
            bySeries.computeIfAbsent(k[0] + " " + k[1], x -> new ArrayList<>());
        }
        for (String series : bySeries.keySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-44s", series));
            String[] k = series.split(" ");
            for (String size : sizes) {
                JsonNode m = METRICS.get(k[0] + "|" + k[1] + "|" + size);
                if (m == null) continue;
                line.append(String.format(Locale.ROOT, "  %s=%.4g %s", size, m.get("score").asDouble(), m.get("scoreUnit").asText()));
                if (k[1].equals("sample")) {
                    line.append(String.format(Locale.ROOT, " (p50 %.4g, p99 %.4g)", m.path("scorePercentiles").path("50.0").asDouble(),
                            m.path("scorePercentiles").path("99.0").asDouble()));
                }
            }
            System.out.println(line);
        }
    }

    /**
     * The scaling table of the performance issue, (a)-(e) per size, as Markdown (results/scaling.md):
     * trace p50/p99/average, reference average and the ratio, suite, compile, loads, retained heap.
     */
    static String scalingTable(Map<String, Double> retainedBySize) {
        StringBuilder t = new StringBuilder();
        t.append("| size | (a) trace p50 µs | (a) p99 µs | (a) avg µs | (f) reference avg µs | (f) ratio | (b) suite s | (c) compile s"
                + " | (d) load YAML s | (d) load snapshot s | (e) retained MB |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String z : List.of("S", "M", "L", "XL")) {
            Double trace = score("TraceBenchmark.trace|avgt|" + z), ref = score("ReferenceTraceBenchmark.referenceTrace|avgt|" + z);
            t.append("| ").append(z)
                    .append(" | ").append(fmt(percentile("TraceBenchmark.trace|sample|" + z, "50.0")))
                    .append(" | ").append(fmt(percentile("TraceBenchmark.trace|sample|" + z, "99.0")))
                    .append(" | ").append(fmt(trace))
                    .append(" | ").append(fmt(ref))
                    .append(" | ").append(trace == null || ref == null ? "—" : String.format(Locale.ROOT, "%,.0f×", ref / trace))
                    .append(" | ").append(fmt(score("SuiteBenchmark.suite|ss|" + z)))
                    .append(" | ").append(fmt(score("CompileBenchmark.compile|ss|" + z)))
                    .append(" | ").append(fmt(score("LoadYamlBenchmark.loadYaml|ss|" + z)))
                    .append(" | ").append(fmt(score("LoadSnapshotBenchmark.loadSnapshot|ss|" + z)))
                    .append(" | ").append(fmt(retainedBySize.get(z)))
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static Double score(String key) {
        JsonNode m = METRICS.get(key);
        return m == null ? null : m.get("score").asDouble();
    }

    /** The score of a benchmark whose parameter is not {@code size} (e.g. {@code by=subnet:L}). */
    private static Double scoreParam(String prefix, String param) {
        return score(prefix + param);
    }

    private static Double percentile(String key, String p) {
        JsonNode m = METRICS.get(key);
        return m == null || !m.path("scorePercentiles").has(p) ? null : m.get("scorePercentiles").get(p).asDouble();
    }

    private static void num(ObjectNode s, String key, Double v) {
        if (v == null) s.putNull(key);
        else s.put(key, Math.round(v * 10000.0) / 10000.0);
    }

    private static void row(String name, Double v, Number target, boolean atMost) {
        String measured = v == null ? "not run" : String.format(Locale.ROOT, "%.4g", v);
        String t = target == null ? "" : (atMost ? "≤ " : "≥ ") + target;
        String verdict = target == null || v == null ? "" : (atMost ? v <= target.doubleValue() : v >= target.doubleValue()) ? "MET" : "MISSED";
        System.out.printf("%-34s %14s %12s  %s%n", name, measured, t, verdict);
    }
}
