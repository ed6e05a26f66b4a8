package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceSetTest {

    @Test
    void mergesAndSortsInTheNotationOfOpenLists() {
        ServiceSet s = ServiceSet.parseList("udp/53, tcp/8000-8100, tcp/443, tcp/8101, icmp/8, proto/50");
        assertThat(s.format()).containsExactly("tcp/443", "tcp/8000-8101", "udp/53", "icmp/8", "proto/*");
        assertThat(ServiceSet.parseItem("icmp").format()).containsExactly("icmp");
        assertThat(ServiceSet.parseItem("all").format()).containsExactly("all");
        assertThat(ServiceSet.NONE.format()).isEmpty();
    }

    @Test
    void setAlgebraOnRanges() {
        ServiceSet all = ServiceSet.parseItem("tcp");
        ServiceSet cut = all.minus(ServiceSet.parseList("tcp/22,tcp/443"));
        assertThat(cut.format()).containsExactly("tcp/0-21", "tcp/23-442", "tcp/444-65535");
        assertThat(cut.union(ServiceSet.parseItem("tcp/22")).intersect(ServiceSet.parseItem("tcp/0-30")).format())
                .containsExactly("tcp/0-30");
        assertThat(Ranges.of(5, 10).minus(Ranges.of(0, 100))).isEqualTo(Ranges.EMPTY);
        assertThat(Ranges.of(5, 10).minus(Ranges.of(7)).toString()).isEqualTo("5-6,8-10");
    }

    @Test
    void badItemsSayWhatWasExpected() {
        assertThatThrownBy(() -> ServiceSet.parseItem("tcp/70000")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> ServiceSet.parseItem("http/80")).hasMessageContaining("expected tcp/PORTS");
        assertThatThrownBy(() -> ServiceSet.parseItem("tcp/90-80")).hasMessageContaining("low to high");
        assertThatThrownBy(() -> ServiceSet.parsePorts("x")).hasMessageContaining("expected a port");
    }
}
