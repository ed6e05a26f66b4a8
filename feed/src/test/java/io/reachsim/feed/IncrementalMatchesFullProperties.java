package io.reachsim.feed;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Scenario;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §2 "feed": the incremental re-check must equal a full recomputation after every change. Random
 * CloudTrail event sequences against every shipped scenario; after each applied event, the incremental
 * traces and verdicts are compared with a fresh compile-and-trace-everything of Network', and a checkpoint
 * of the state must read back into the same network and learned ids.
 */
class IncrementalMatchesFullProperties {
    static List<Scenario> scenarios;
    static long traced;
    static long total;

    @BeforeContainer
    static void load() throws Exception {
        scenarios = new ScenarioLoader().load(List.of(Path.of("../scenarios")));
    }

    @Property(tries = 200)
    void incrementalEqualsFull(@ForAll long seed) throws Exception {
        Scenario s = scenarios.get(Math.floorMod(seed, scenarios.size()));
        List<Watched> watched = new ArrayList<>();
        for (int i = 0; i < s.expectations().size(); i++) {
            watched.add(new Watched(s.file() + "#" + i, s.file(), s.name(), i, s.expectations().get(i)));
        }
        Rechecker incremental = new Rechecker(s.network(), watched);
        ModelChanges.State state = new ModelChanges.State(s.network(), Associations.NONE);
        RandomEvents events = new RandomEvents(seed);
        for (int step = 0; step < 12; step++) {
            String json = events.next(state.network(), "111122223333", "us-east-1");
            ChangeEvent e = CloudTrailEvents.parse(json);
            ModelChanges.Outcome out;
            try {
                out = ModelChanges.apply(state, e);
            } catch (BadEventException bad) {
                continue; // e.g. a route the random walk made a duplicate of; the model stays as it was
            }
            if (!(out instanceof ModelChanges.Outcome.Applied a)) continue;
            state = new ModelChanges.State(a.network(), a.associations());
            // A checkpoint of this state reads back into the same model and ids.
            LogEntry read = LogEntry.parse(LogEntry.Checkpoint.of(s.network(), state, step).json());
            assertThat(read).isInstanceOf(LogEntry.Checkpoint.class);
            assertThat(((LogEntry.Checkpoint) read).state(s.network())).as("checkpoint after %s (step %d, seed %d)", e.eventName(), step, seed)
                    .isEqualTo(state);
            Rechecker.Update u = incremental.update(a.network(), a.impact());
            traced += u.traced();
            total += u.total();
            Rechecker full = new Rechecker(a.network(), watched);
            for (Watched w : watched) {
                Rechecker.Checked inc = incremental.checked(w.id());
                Rechecker.Checked all = full.checked(w.id());
                assertThat(inc.verdicts()).as("%s after %s %s (step %d, seed %d)", w.id(), e.eventName(), json, step, seed)
                        .isEqualTo(all.verdicts());
                assertThat(inc.results()).as("%s traces after %s (step %d, seed %d)", w.id(), e.eventName(), step, seed)
                        .isEqualTo(all.results());
            }
        }
    }
}
