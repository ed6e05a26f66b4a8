package io.reachsim.terraform;

import io.reachsim.load.LoadException;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PlanNetworkTest {
    @TempDir
    Path tmp;

    private static final String EXPECT = """
            expect:
              - {name: internet to web, from: internet, to: WEB, port: 443, reachable: true}
              - {name: app out through NAT, from: APP, to: "internet:1.1.1.1", port: 443, reachable: true, via: [NAT]}
              - {name: web to app, from: WEB, to: APP, port: 8080, reachable: true}
              - {name: no ssh, from: internet, to: WEB, port: 22, reachable: false, because: ENI_SG_RULES_MISMATCH}
              - {name: app not from internet, from: internet, to: APP, port: 8080, reachable: false}
            """;

    private static String scenario(String importLine, String web, String app, String nat) {
        return "apiVersion: reachsim/v1\nname: t\nnetwork:\n  import: " + importLine + "\n"
                + EXPECT.replace("WEB", web).replace("APP", app).replace("NAT", nat);
    }

    @Test
    void aPlanThatCreatesEverythingNamesNewResourcesByAddress() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp),
                scenario("create.plan.json", "\"aws_instance.web\"", "\"aws_instance.app\"", "\"aws_nat_gateway.main\""));
        assertThat(Suites.failures(r)).isEmpty();
        assertThat(r.passedExpectations()).isEqualTo(5);
    }

    @Test
    void aStateNamesResourcesByAwsId() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp),
                scenario("state.json", "i-0web00000000000001", "i-0app00000000000001", "nat-0main000000000001"));
        assertThat(Suites.failures(r)).isEmpty();
    }

    @Test
    void anUpdatePlanStandsForItsPlannedValues() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp),
                scenario("narrow-web.plan.json", "i-0web00000000000001", "i-0app00000000000001", "nat-0main000000000001"));
        // the plan narrows web's 443 to 10.0.0.0/8: the internet no longer reaches it
        assertThat(r.scenarios().get(0).expectations().get(0).passed()).isFalse();
        assertThat(r.passedExpectations()).isEqualTo(4);
    }

    @Test
    void aDeletedRouteIsGoneFromThePlannedNetwork() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp),
                scenario("delete-route.plan.json", "i-0web00000000000001", "i-0app00000000000001", "nat-0main000000000001"));
        assertThat(r.scenarios().get(0).expectations().get(1).passed()).isFalse();
        assertThat(r.passedExpectations()).isEqualTo(4);
    }

    /** Unknown addresses: private ones assigned from the subnet, a public one only where the deciding attribute says so. */
    @Test
    void unknownAddressesFollowTheAttributesThatDecideThem() throws Exception {
        var n = new io.reachsim.load.ScenarioLoader().loadNetwork(Suites.PLANS.resolve("create.plan.json"));
        var web = n.networkInterfaces().stream().filter(e -> "aws_instance.web".equals(e.instance())).findFirst().orElseThrow();
        var app = n.networkInterfaces().stream().filter(e -> "aws_instance.app".equals(e.instance())).findFirst().orElseThrow();
        // associate_public_ip_address = true: a stand-in public address; false: none
        assertThat(web.publicIp().toString()).startsWith("198.18.");
        assertThat(app.publicIp()).isNull();
        // the first free addresses after the four AWS reserves (the NAT gateway took 10.0.0.4)
        assertThat(n.natGateway("aws_nat_gateway.main").orElseThrow().privateIp().toString()).isEqualTo("10.0.0.4");
        assertThat(web.privateIp().toString()).isEqualTo("10.0.0.5");
        assertThat(app.privateIp().toString()).isEqualTo("10.0.10.4");
        // the NAT gateway's public address is its (new) Elastic IP's stand-in
        assertThat(n.natGateway("aws_nat_gateway.main").orElseThrow().publicIp().toString()).startsWith("198.18.");
    }

    /** A replaced resource: the new one is named by its address, the old id is gone from the layer below. */
    @Test
    void aReplacedInstanceTakesItsAddressAsId() throws Exception {
        Suites.copyPlans(tmp);
        SuiteResult r = Suites.run(tmp, """
                apiVersion: reachsim/v1
                name: replace
                network:
                  import: [state.json, replace.plan.json]
                expect:
                  - {name: the new app is reachable from web, from: i-0web00000000000001, to: aws_instance.app, port: 8080, reachable: true}
                """);
        assertThat(Suites.failures(r)).isEmpty();
        var n = new io.reachsim.load.ScenarioLoader().loadNetwork(tmp.resolve("replace.plan.json"));
        assertThat(n.instance("i-0app00000000000001")).isEmpty();
        assertThat(n.instance("aws_instance.app")).isPresent();
    }
}
