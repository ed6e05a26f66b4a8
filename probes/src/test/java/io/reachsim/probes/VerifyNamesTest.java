package io.reachsim.probes;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.verdict.SuiteResult;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Destinations probed by name (agents.yaml {@code names}): the agent resolves through its resolver
 * (a DNS server the test runs) and verify compares the answer with where the model resolved the
 * destination — the way a user sees that the EKS API name does not resolve to the private endpoint.
 */
class VerifyNamesTest {
    @TempDir
    static Path dir;
    static ServerSocket api;
    static DnsResponder dns;
    static ProbeAgent agent;
    static VerifyResult result;

    @BeforeAll
    static void start() throws Exception {
        api = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.40"));
        int port = api.getLocalPort();
        dns = new DnsResponder()
                .add("api.private.test", "127.0.0.40")       // inside vpc-lo, where the model puts the API
                .add("api.public.test", "127.1.0.40");       // outside every VPC of the scenario: a public endpoint
        Files.writeString(dir.resolve("names.yaml"), """
                apiVersion: reachsim/v1
                name: names
                region: us-east-1
                network:
                  vpcs: [{id: vpc-lo, cidr: 127.0.0.0/16}]
                  subnets:
                    - {id: app-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.1.0/24}
                    - {id: api-subnet, vpc: vpc-lo, az: us-east-1a, cidr: 127.0.0.0/24}
                  securityGroups:
                    - {id: sg-api, vpc: vpc-lo, ingress: [{protocol: tcp, ports: %1$d, source: 127.0.1.0/24}]}
                  instances:
                    - {id: app, subnet: app-subnet, privateIp: 127.0.1.10}
                    - {id: api-a, subnet: api-subnet, privateIp: 127.0.0.41, securityGroups: [sg-api]}
                    - {id: api-b, subnet: api-subnet, privateIp: 127.0.0.42, securityGroups: [sg-api]}
                expect:
                  - {name: app reaches the private API, from: instance:app, to: instance:api-a, port: %1$d, reachable: true}
                  - {name: app reaches the API that resolves publicly, from: instance:app, to: instance:api-b, port: %1$d, reachable: true}
                """.formatted(port));
        agent = ProbeAgent.start(Api.config(Api.allow("127.0.0.0/8"), new AgentConfig.HostPort("127.0.0.1", dns.port()), null,
                AgentConfig.Limits.DEFAULT));
        Files.writeString(dir.resolve("agents.yaml"), """
                agents:
                  instance:app: http://127.0.0.1:%d
                names:
                  instance:api-a: api.private.test
                  instance:api-b: api.public.test
                """.formatted(agent.port()));
        SuiteResult simulated = new SuiteRunner().run(new ScenarioLoader().load(List.of(dir.resolve("names.yaml"))), null);
        AgentsFile.Config config = AgentsFile.loadConfig(dir.resolve("agents.yaml"), Map.of(Tokens.ENV, Api.TOKEN)::get);
        result = new Verifier(config, new AgentClient()::probe, 2).verify(simulated);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (dns != null) dns.close();
        if (api != null) api.close();
    }

    @Test
    void aNameThatResolvesInsideTheModelsVpcAgrees() {
        VerifyResult.FlowCheck f = result.scenarios().get(0).expectations().get(0).flows().get(0);
        assertThat(f.name()).isEqualTo("api.private.test");
        assertThat(f.observed().resolved()).containsExactly("127.0.0.40");
        assertThat(f.observed().outcome()).isEqualTo(Outcome.CONNECTED);
        assertThat(f.dnsAgrees()).isTrue();
        assertThat(f.status()).isEqualTo(VerifyResult.Status.PASS);
    }

    @Test
    void aNameThatResolvesOutsideIsDriftEvenThoughNothingElseDiffers() {
        VerifyResult.FlowCheck f = result.scenarios().get(0).expectations().get(1).flows().get(0);
        assertThat(f.observed().resolved()).containsExactly("127.1.0.40");
        assertThat(f.dnsAgrees()).isFalse();
        assertThat(f.status()).isEqualTo(VerifyResult.Status.FAIL_AND_DRIFT); // and nothing listens there: refused
        String table = new VerifyReport(false).terminal(result);
        assertThat(table).contains("app → 127.0.0.42:" + api.getLocalPort() + " (api.public.test)")
                .contains("api.public.test resolves to 127.1.0.40 from the agent, the model to 127.0.0.42");
    }
}
