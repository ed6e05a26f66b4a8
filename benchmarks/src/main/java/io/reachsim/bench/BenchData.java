package io.reachsim.bench;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.trace.Flow;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated inputs shared by the benchmarks: network, compiled fabric, expectations, a pre-generated flow array. */
public final class BenchData {
    /** Seed used by every benchmark (results are comparable across runs). */
    public static final long SEED = 42;
    /** Flows pre-generated per size (a power of two: cycled by index with a mask). */
    public static final int FLOWS = 8192;

    public final NetworkGenerator.Generated generated;
    public final Fabric fabric;

    private BenchData(NetworkGenerator.Generated generated) {
        this.generated = generated;
        this.fabric = Fabric.compile(generated.network());
    }

    public static BenchData of(NetworkGenerator.Size size) {
        return new BenchData(NetworkGenerator.generate(size, SEED));
    }

    /**
     * {@code count} concrete flows (a power of two): expectations drawn at random (seeded) across the whole
     * network and expanded with {@link FlowExpander}, as the suite runner would.
     */
    public Flow[] flows(int count) {
        if (Integer.bitCount(count) != 1) throw new IllegalArgumentException("count must be a power of two");
        List<Expectation> all = generated.expectations();
        FlowExpander expander = new FlowExpander(fabric);
        Random r = new Random(SEED);
        List<Flow> out = new ArrayList<>(count + 8);
        while (out.size() < count) out.addAll(expander.expand(all.get(r.nextInt(all.size()))));
        return out.subList(0, count).toArray(Flow[]::new);
    }
}
