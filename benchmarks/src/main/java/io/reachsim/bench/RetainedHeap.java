package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * (e) Approximate retained heap of a compiled network: used heap (after repeated full GCs) while holding
 * the generated Network, then while holding Network + Fabric, minus the baseline before generating.
 * Run with {@code -XX:+UseSerialGC} so each {@code System.gc()} is a full compacting collection. The
 * Fabric keeps a reference to its Network, so "compiled" = Network + Fabric; both parts are reported.
 * Usage: {@code RetainedHeap OUT.json SIZE...}; prints one line per size and writes a JSON array.
 */
public final class RetainedHeap {
    private RetainedHeap() {}

    static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            NetworkGenerator.Size size = NetworkGenerator.Size.valueOf(args[i]);
            long base = used();
            Network network = NetworkGenerator.generate(size, BenchData.SEED).network();
            long withNetwork = used();
            Fabric fabric = Fabric.compile(network);
            long withFabric = used();
            double mb = 1024.0 * 1024.0;
            double netMb = (withNetwork - base) / mb, fabMb = (withFabric - withNetwork) / mb, totalMb = (withFabric - base) / mb;
            System.out.printf("retained %s: network %.1f MB + fabric %.1f MB = %.1f MB (approximate, Runtime used-heap deltas)%n",
                    size, netMb, fabMb, totalMb);
            rows.add(String.format(java.util.Locale.ROOT, "{\"size\":\"%s\",\"network_mb\":%.2f,\"fabric_mb\":%.2f,\"total_mb\":%.2f}",
                    size, netMb, fabMb, totalMb));
            // Keep both alive until measured.
            if (fabric.network() != network) throw new AssertionError();
        }
        writeJson(out, rows);
    }

    static void writeJson(Path out, List<String> rows) throws IOException {
        Files.writeString(out, "[" + String.join(",\n", rows) + "]\n");
    }
}
