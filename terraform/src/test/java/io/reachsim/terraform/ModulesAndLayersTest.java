package io.reachsim.terraform;

import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.verdict.SuiteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModulesAndLayersTest {
    @TempDir
    Path tmp;

    /** The community modules' shapes: child_modules, count and for_each indexes, locals, module inputs and outputs. */
    @Test
    void communityModulesResolveThroughInputsOutputsAndIndexes() throws Exception {
        Network n = new ScenarioLoader().loadNetwork(Suites.PLANS.resolve("modules.plan.json"));
        assertThat(n.region()).isEqualTo("eu-west-1");
        assertThat(n.subnet("module.vpc.aws_subnet.private[1]").orElseThrow().vpc()).isEqualTo("module.vpc.aws_vpc.this[0]");
        // count.index: private subnet [1] uses private route table [1], whose default route goes to NAT gateway [1]
        var table = n.routeTableOf(n.subnet("module.vpc.aws_subnet.private[1]").orElseThrow());
        assertThat(table.id()).isEqualTo("module.vpc.aws_route_table.private[1]");
        assertThat(table.routes()).anySatisfy(r -> assertThat(r.target().toString()).contains("module.vpc.aws_nat_gateway.this[1]"));
        // the NAT gateway sits in the public subnet of its own index, with its own EIP's (stand-in) address
        assertThat(n.natGateway("module.vpc.aws_nat_gateway.this[1]").orElseThrow().subnet()).isEqualTo("module.vpc.aws_subnet.public[1]");
        // module.vpc.vpc_id through var.vpc_id, and a rule whose group is found through a local
        assertThat(n.securityGroup("module.web_sg.aws_security_group.this_name_prefix[0]").orElseThrow().ingress()).hasSize(1);
        // the EKS module's cluster subnets come from module.vpc.private_subnets, its node group in a for_each module
        assertThat(n.eksCluster("prod").orElseThrow().subnets())
                .containsExactly("module.vpc.aws_subnet.private[0]", "module.vpc.aws_subnet.private[1]");
        assertThat(n.eksCluster("prod").orElseThrow().nodeGroups()).extracting(g -> g.name()).containsExactly("default");
    }

    @Test
    void modulesPlanAnswersReachability() throws Exception {
        SuiteResult r = Suites.run(Suites.copyPlans(tmp), """
                apiVersion: reachsim/v1
                name: modules
                network:
                  import: modules.plan.json
                expect:
                  - {name: ssh from the office, from: "internet:203.0.113.9", to: aws_instance.bastion, port: 22, reachable: true}
                  - {name: ssh from elsewhere, from: "internet:8.8.8.8", to: aws_instance.bastion, port: 22, reachable: false}
                  - {name: nodes reach the private API, from: nodes:prod/default, to: eks-api:prod, port: 443, reachable: true}
                  - {name: nodes reach the internet through their AZ's NAT, from: nodes:prod/default, to: "internet:1.1.1.1", port: 443,
                     reachable: true, viaAny: ["module.vpc.aws_nat_gateway.this[0]", "module.vpc.aws_nat_gateway.this[1]"]}
                """);
        assertThat(Suites.failures(r)).isEmpty();
    }

    /** import: [snapshot folder, plan]: the plan's group replaces the snapshot's of the same id, its new instance is added. */
    @Test
    void aPlanLaidOnASnapshotFolder() throws Exception {
        Path snap = Path.of("../scenarios/snapshots/web-app").toAbsolutePath().normalize();
        Files.copy(Suites.PLANS.resolve("web-app-change.plan.json"), tmp.resolve("change.json"));
        String net = "apiVersion: reachsim/v1\nname: layers\nregion: us-east-2\nnetwork:\n  import: [" + snap + ", change.json]\n";
        SuiteResult r = Suites.run(tmp, net + """
                expect:
                  - {name: 443 removed by the plan, from: "internet:8.8.8.8", to: "instance:i-1234567890abcdef0", port: 443, reachable: false}
                  - {name: office ssh kept, from: "internet:203.0.113.7", to: "instance:i-1234567890abcdef0", port: 22, reachable: true}
                  - {name: the new worker in the snapshot's subnet, from: "instance:i-1234567890abcdef0", to: aws_instance.worker, port: 8080, reachable: true}
                """);
        assertThat(Suites.failures(r)).isEmpty();
        assertThat(r.passedExpectations()).isEqualTo(3);
    }

    @Test
    void aDestroyedResourceIsRemovedFromTheLayerBelow() throws Exception {
        Suites.copyPlans(tmp);
        SuiteResult r = Suites.run(tmp, """
                apiVersion: reachsim/v1
                name: layers
                network:
                  import: [state.json, delete-route.plan.json]
                expect:
                  - {name: route gone, from: i-0app00000000000001, to: "internet:1.1.1.1", port: 443, reachable: false, because: NO_ROUTE_TO_DESTINATION}
                  - {name: web still served, from: internet, to: i-0web00000000000001, port: 443, reachable: true}
                """);
        assertThat(Suites.failures(r)).isEmpty();
    }

    @Test
    void aPlanAndItsChangesForDiff() throws Exception {
        TerraformPlan.Read read = TerraformPlan.read(Suites.PLANS.resolve("narrow-web.plan.json"), "narrow-web.plan.json", null, null);
        assertThat(read.before().securityGroup("sg-0web0000000000001").orElseThrow().ingress().get(0).toString()).contains("0.0.0.0/0");
        assertThat(read.after().securityGroup("sg-0web0000000000001").orElseThrow().ingress().get(0).toString()).contains("10.0.0.0/8");
        assertThat(read.changes()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("aws_security_group.web");
            assertThat(c.detail()).isEqualTo("ingress[0].cidr_blocks[0]: \"0.0.0.0/0\" → \"10.0.0.0/8\"");
            assertThat(c.ids()).contains("sg-0web0000000000001");
        });
        assertThat(TerraformPlan.causes(read.changes(), java.util.Set.of("sg-0web0000000000001"))).hasSize(1);
        assertThat(TerraformPlan.causes(read.changes(), java.util.Set.of("sg-0app0000000000001"))).isEmpty();
        assertThat(List.of(read.beforeSummary(), read.afterSummary())).allSatisfy(s -> assertThat(s).contains("networking resources read"));
    }

    /** A state file as Terraform keeps it (version 4, shaped like public ones of a small EKS VPC), indexes included. */
    @Test
    void aRawStateFile() throws Exception {
        Suites.copyPlans(tmp);
        SuiteResult r = Suites.run(tmp, """
                apiVersion: reachsim/v1
                name: raw state
                network:
                  import: terraform.tfstate
                expect:
                  - {name: ssh to the admin host, from: internet, to: i-0abc1234def567890, port: 22, reachable: true, via: [igw-0f1e2d3c4b5a69788]}
                  - {name: nothing else, from: internet, to: i-0abc1234def567890, port: 443, reachable: false}
                """);
        assertThat(Suites.failures(r)).isEmpty();
        ScenarioLoader loader = new ScenarioLoader();
        Network n = loader.loadNetwork(Suites.PLANS.resolve("terraform.tfstate"));
        assertThat(n.eksCluster("demo").orElseThrow().subnets()).containsExactly("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f");
        assertThat(loader.snapshots().get(0).report()).contains("1 data sources").contains("1 non-networking");
    }

    @Test
    void olderStateVersionsAreNamed() throws Exception {
        Path f = Files.writeString(tmp.resolve("old.tfstate"), "{\"version\": 3, \"resources\": []}");
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.reachsim.load.LoadException.class,
                () -> new ScenarioLoader().loadNetwork(f));
        assertThat(e.errors().get(0).toString()).contains("old.tfstate:1:13").contains("state version 3 is not supported");
    }
}
