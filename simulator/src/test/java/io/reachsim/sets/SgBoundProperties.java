package io.reachsim.sets;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Selector;
import io.reachsim.model.ServiceSet;
import io.reachsim.reference.ReferenceAccess;
import io.reachsim.trace.Flow;
import io.reachsim.verdict.FlowExpander;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matrices trace only what both ends' security groups could admit ({@link SgBound}): on random networks,
 * for every member pair, everything that gets through lies inside the bound, and tracing only inside it
 * finds exactly what tracing everything finds.
 */
class SgBoundProperties {

    @Provide
    Arbitrary<Network> networks() {
        return ReferenceAccess.networks();
    }

    @Property(tries = 40, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void nothingOutsideTheBoundGetsThrough(@ForAll("networks") Network n) {
        Fabric fabric = Fabric.compile(n);
        SetTracer sets = new SetTracer(fabric);
        FlowExpander expander = new FlowExpander(fabric);
        SgBound bound = new SgBound();
        List<Members.Member> all = Members.of(n, new Selector.Any());
        for (Members.Member a : all) {
            for (Members.Member b : all) {
                if (a.equals(b)) continue;
                Expectation e = new Expectation("bound", a.ref(), b.ref(), Protocol.TCP, 0, Expectation.DEFAULT_SOURCE_PORT, -1, 4,
                        true, List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
                for (Flow f : expander.expand(e)) {
                    ServiceSet open = ServiceSet.NONE;
                    for (ClassResult r : sets.classes(f, ServiceSet.ALL)) if (r.delivered()) open = open.union(r.service().asSet());
                    ServiceSet within = bound.of(fabric, f, ServiceSet.ALL);
                    assertThat(within.intersect(open)).as("%s → %s\n%s", a.label(), b.label(), ReferenceAccess.print(n)).isEqualTo(open);
                    assertThat(within.isEmpty() ? ServiceSet.NONE : sets.openSet(f, within)).as("%s → %s", a.label(), b.label())
                            .isEqualTo(open);
                }
            }
        }
    }
}
