package io.reachsim.bench;

import io.reachsim.aws.snapshot.Snapshots;
import io.reachsim.compile.Fabric;
import io.reachsim.generate.NetworkGenerator;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.SecurityGroup;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.FlowExpander;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot folder written for the load benchmark reads back (through the aws module's reader) into
 * the same network: the same resources, and every generated expectation that a snapshot can express
 * (no pods, no external networks) gets the same verdict and the same flows on both.
 */
class SnapshotWriterTest {
    private static final Blackhole BH =
            new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @TempDir
    Path dir;

    @Test
    void theSnapshotOfMReadsBackIntoTheSameNetwork() throws Exception {
        NetworkGenerator.Generated g = NetworkGenerator.generate(NetworkGenerator.Size.M, 42);
        Network generated = g.network();
        int files = SnapshotWriter.write(generated, dir);
        assertThat(files).isGreaterThan(10);

        Network read = Snapshots.readFolder(dir, NetworkGenerator.REGION).network();
        assertThat(read.vpcs()).isEqualTo(generated.vpcs());
        assertThat(read.subnets()).hasSameSizeAs(generated.subnets());
        assertThat(read.routeTables()).hasSameSizeAs(generated.routeTables());
        assertThat(read.natGateways()).isEqualTo(generated.natGateways());
        assertThat(read.networkAcls()).hasSameSizeAs(generated.networkAcls());
        assertThat(read.securityGroups()).extracting(SecurityGroup::id).isEqualTo(generated.securityGroups().stream().map(SecurityGroup::id).toList());
        assertThat(rules(read)).isEqualTo(rules(generated));
        assertThat(read.instances()).isEqualTo(generated.instances());
        assertThat(read.networkInterfaces()).hasSize(generated.networkInterfaces().size() - generated.pods().size());
        assertThat(read.eksClusters()).hasSameSizeAs(generated.eksClusters());
        assertThat(read.prefixLists()).isEqualTo(generated.prefixLists());

        Fabric a = Fabric.compile(generated), b = Fabric.compile(read);
        SuiteRunner runner = new SuiteRunner();
        io.reachsim.trace.Tracer ta = new io.reachsim.trace.Tracer(a), tb = new io.reachsim.trace.Tracer(b);
        FlowExpander ea = new FlowExpander(a), eb = new FlowExpander(b);
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (Expectation e : g.expectations()) {
            if (!expressible(e.from()) || !expressible(e.to())) continue;
            ExpectationResult ra = runner.check(ta, ea, e), rb = runner.check(tb, eb, e);
            compared++;
            // Gateway ids differ (igw-/vgw-/vpce- prefixes), so hops are compared by outcome, not by name.
            if (!outcomes(ra).equals(outcomes(rb)) || ra.mismatches().isEmpty() != rb.mismatches().isEmpty()) differ.add(e.name());
        }
        assertThat(differ).as("expectations judged differently on the snapshot").isEmpty();
        assertThat(compared).isGreaterThan(g.expectations().size() / 2);
    }

    @Test
    void benchmarkSmoke() throws Exception {
        LoadSnapshotBenchmark b = new LoadSnapshotBenchmark();
        b.size = "S";
        b.setup();
        try {
            b.loadSnapshot(BH);
        } finally {
            b.tearDown();
        }
        assertThat(b.dir).doesNotExist();
    }

    private static List<String> outcomes(ExpectationResult r) {
        return r.flows().stream().map(f -> f.delivered() + " " + (f.drop() == null ? "" : f.drop().code())).toList();
    }

    private static int rules(Network n) {
        int r = 0;
        for (SecurityGroup s : n.securityGroups()) r += s.ingress().size() + s.egress().size();
        return r;
    }

    /** Pods and external networks are not in describe-* output. */
    private static boolean expressible(EndpointRef r) {
        return !(r instanceof EndpointRef.PodsRef) && !(r instanceof EndpointRef.ExternalRef);
    }
}
