package io.reachsim.load;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.model.Selector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §9 additions to the format: tags, selectors, protocol any, ports sets, open lists and their errors. */
class ScenarioLoaderSetsTest extends LoadTestSupport {

    static final String NET = HEAD + """
              instances:
                - {id: web-1, subnet: public-a, privateIp: 10.0.0.10, tags: {role: web, Name: web-1}}
                - {id: db-1, subnet: private-a, privateIp: 10.0.1.10, tags: {role: db-primary}}
              networkInterfaces:
                - {id: eni-probe, subnet: private-a, privateIp: 10.0.1.20, tags: {role: probe}}
            """;

    @Test
    void tagsAndSelectorsSelectInstancesAndInterfaces() {
        Scenario s = load(NET + """
                expect:
                  - {from: tag:role=web, to: "tag:role=db*", open: [tcp/5432]}
                  - {from: name:web-1, to: tag:role, protocol: any, reachable: false}
                  - {from: any, to: vpc:vpc-main, ports: [22, 8000-8100], reachable: false}
                  - {from: "internet:*", to: eni:eni-probe, protocol: tcp, ports: any, reachable: false}
                """);
        assertThat(s.network().instance("web-1").orElseThrow().tags()).containsEntry("role", "web");
        assertThat(s.network().networkInterface("eni-probe").orElseThrow().tags()).containsEntry("role", "probe");
        List<Expectation> e = s.expectations();
        EndpointRef.SelectorRef db = (EndpointRef.SelectorRef) e.get(0).to();
        assertThat(db.selector().members(s.network())).containsExactly(new EndpointRef.InstanceRef("db-1"));
        assertThat(e.get(0).open().format()).containsExactly("tcp/5432");
        assertThat(((EndpointRef.SelectorRef) e.get(1).to()).selector().members(s.network())).hasSize(3);
        assertThat(e.get(1).services().format()).containsExactly("all");
        assertThat(e.get(2).services().format()).containsExactly("tcp/22", "tcp/8000-8100", "udp/22", "udp/8000-8100");
        assertThat(((EndpointRef.SelectorRef) e.get(3).from()).selector()).isInstanceOf(Selector.AllInternet.class);
        assertThat(e.get(3).services().format()).containsExactly("tcp/0-65535");
    }

    @Test
    void everySetErrorAtOnceWithWhereAndWhatExists() {
        String yaml = NET + """
                expect:
                  - {from: tag:role=cache, to: web-1, port: 443, reachable: true}
                  - {from: web-1, to: db-1, ports: [22, 70000], reachable: true}
                  - {from: web-1, to: db-1, open: [tcp/443, http/80]}
                  - {from: web-1, to: db-1, open: [tcp/443], reachable: true}
                  - {from: web-1, to: db-1, port: 22, ports: [22], reachable: true}
                  - {from: sg:sg-nope, to: db-1, port: 22, reachable: true}
                """;
        List<LoadError> errors = errors(yaml);
        assertThat(errors).hasSize(6);
        String file = dir.resolve("s.yaml").toString();
        assertAt(errors.get(0), file, pos(yaml, "tag:role=cache"));
        assertThat(errors.get(0).message()).contains("selects nothing", "role=db-primary|probe|web", "Name=web-1");
        assertAt(errors.get(1), file, pos(yaml, "70000"));
        assertThat(errors.get(1).message()).contains("'70000'", "0-65535");
        assertAt(errors.get(2), file, pos(yaml, "http/80"));
        assertThat(errors.get(2).message()).contains("expected tcp/PORTS");
        assertThat(errors.get(3).message()).contains("both 'open' and 'reachable'");
        assertThat(errors.get(4).message()).contains("both 'port' and 'ports'");
        assertThat(errors.get(5).message()).contains("security group 'sg-nope' does not exist");
    }
}
