package io.reachsim.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code reachsim watch} processes sharing one application id over six partitions, eight accounts'
 * networks; one process is killed with SIGKILL mid-stream: its tasks move to the other two, which restore
 * the stores from the changelogs and go on. Every verdict change arrives exactly once and, per account,
 * in the order of its events.
 */
class ScaleOutWithBrokerTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void threeInstancesSixPartitionsOneKilledNothingLostNothingRepeated() throws Exception {
        try (KafkaBroker broker = new KafkaBroker()) {
            ScaleOut.Result r = ScaleOut.run(broker, tmp, new ScaleOut.Config(3, 8, 6, 10, 20, 50, null));
            System.out.printf("[scale-out test] %d verdicts, killed after %d, recovered in %.1f s%n", r.seen().size(), r.killedAt(), r.recoverS());
            List<String> ids = new ArrayList<>();
            for (ScaleOut.Seen s : r.seen()) ids.add(s.verdict().path("trigger").path("eventID").asText());
            assertThat(ids).as("every verdict change exactly once").containsExactlyInAnyOrderElementsOf(r.expected());
            assertThat(r.killedAt()).as("killed mid-stream").isLessThan(r.expected().size());
            for (Map.Entry<String, List<String>> a : r.expectedByAccount().entrySet()) {
                List<String> order = new ArrayList<>();
                for (ScaleOut.Seen s : r.seen()) {
                    if (s.verdict().path("account").asText().equals(a.getKey())) {
                        order.add(s.verdict().path("trigger").path("eventID").asText());
                        // Toggles alternate: even ones delete the NAT route, odd ones restore it.
                        String id = s.verdict().path("trigger").path("eventID").asText();
                        boolean delete = Integer.parseInt(id.substring(id.indexOf("-t") + 2)) % 2 == 0;
                        assertThat(s.verdict().path("new").path("verdict").asText()).isEqualTo(delete ? "DROPPED" : "DELIVERED");
                    }
                }
                assertThat(order).as("account %s in order", a.getKey()).containsExactlyElementsOf(a.getValue());
            }
            // The work was shared (eight networks over six partitions and three instances), and the killed
            // instance had applied events: its tasks had to move.
            long working = r.logs().stream().filter(l -> l.matches("(?s).*STATS [1-9][0-9]* events.*")).count();
            assertThat(working).as("instances that applied events").isGreaterThanOrEqualTo(2);
            assertThat(r.logs().get(r.victim())).containsPattern("STATS [1-9][0-9]* events");
            assertThat(r.recoverS()).isPositive();
        }
    }
}
