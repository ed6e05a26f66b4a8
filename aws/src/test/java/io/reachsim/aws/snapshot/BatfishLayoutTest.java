package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.load.LoadException;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.Network;
import io.reachsim.model.TransitGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batfish's AWS snapshot layout: an {@code aws_configs/} folder (here with {@code accounts/ID/REGION} below it)
 * whose per-resource outputs are wrapped with the resource's id under Batfish's own keys. The fixtures are the
 * CLI-layout ones rewritten into that shape, so both layouts must read into the same network.
 */
class BatfishLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RT = "tgw-rtb-0b6f6aaa01EXAMPLE";
    private static final String LB_ARN = "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/net/my-network-lb/5d1b75f4f1cee11e";
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/my-targets/73e2d6bc24d8a067";

    @TempDir
    Path tmp;

    @Test
    void transitGatewayPropagationsAndStaticRoutesUnderBatfishKeysDecideTheTransitGatewayRoutes() throws Exception {
        Path root = copy("multi", tmp.resolve("snapshot/aws_configs"));
        Path tgw = root.resolve("accounts/111122223333/us-east-1/tgw");
        Files.writeString(tgw.resolve("TransitGatewayPropagations.json"),
                wrap("TransitGatewayPropagations", "TransitGatewayRouteTableId", RT, "TransitGatewayRouteTablePropagations",
                        tgw.resolve("propagations-" + RT + ".json")));
        Files.writeString(tgw.resolve("TransitGatewayStaticRoutes.json"),
                wrap("TransitGatewayStaticRoutes", "TransitGatewayRouteTableId", RT, "Routes", tgw.resolve("routes-" + RT + ".json")));
        Files.delete(tgw.resolve("propagations-" + RT + ".json"));
        Files.delete(tgw.resolve("routes-" + RT + ".json"));

        Snapshots.Result cli = Fixtures.read("multi", null);
        Snapshots.Result batfish = Snapshots.readFolder(tmp.resolve("snapshot"), null);
        TransitGateway expected = cli.network().transitGateway("tgw-0262a0e521EXAMPLE").orElseThrow();
        assertThat(expected.routeTables()).anySatisfy(t -> assertThat(t.routes()).isNotEmpty());
        assertThat(batfish.network().transitGateway("tgw-0262a0e521EXAMPLE")).contains(expected);
        assertThat(batfish.report().skipped()).noneSatisfy(i -> assertThat(i.what()).contains("top-level key"));
        assertThat(batfish.report().read()).isEqualTo(cli.report().read());
    }

    @Test
    void loadBalancerListenersTargetHealthAndAttributesUnderBatfishKeysDecideTheNlb() throws Exception {
        Path root = copy("services", tmp.resolve("snapshot/aws_configs"));
        Path elb = root.resolve("us-west-2/elbv2");
        // Batfish's listeners need not repeat the load balancer's ARN: the wrapper names it
        ObjectNode listeners = (ObjectNode) JSON.readTree(elb.resolve("listeners-my-network-lb.json").toFile());
        for (var l : listeners.withArray("Listeners")) ((ObjectNode) l).remove("LoadBalancerArn");
        Files.writeString(elb.resolve("LoadBalancerListeners.json"), wrap("LoadBalancerListeners", "LoadBalancerArn", LB_ARN, "Listeners",
                listeners.get("Listeners")));
        Files.writeString(elb.resolve("LoadBalancerTargetHealth.json"), wrap("LoadBalancerTargetHealth", "TargetGroupArn", TG_ARN,
                "TargetHealthDescriptions", elb.resolve("targets-my-targets.json")));
        Files.writeString(elb.resolve("LoadBalancerAttributes.json"), """
                {"LoadBalancerAttributes": [{"LoadBalancerArn": "%s", "Attributes": [
                  {"Key": "access_logs.s3.enabled", "Value": "false"},
                  {"Key": "load_balancing.cross_zone.enabled", "Value": "true"}]}]}""".formatted(LB_ARN));
        Files.delete(elb.resolve("listeners-my-network-lb.json"));
        Files.delete(elb.resolve("targets-my-targets.json"));
        Path region = root.resolve("us-west-2");
        Files.writeString(region.resolve("AvailabilityZones.json"), """
                {"AvailabilityZones": [
                  {"Messages": [], "RegionName": "us-west-2", "State": "available", "ZoneId": "usw2-az1", "ZoneName": "us-west-2a"},
                  {"Messages": [], "RegionName": "us-west-2", "State": "available", "ZoneId": "usw2-az2", "ZoneName": "us-west-2b"}]}""");
        Files.writeString(region.resolve("CustomerGateways.json"), """
                {"CustomerGateways": [{"BgpAsn": "65000", "CustomerGatewayId": "cgw-0e11f167EXAMPLE", "IpAddress": "203.0.113.12",
                  "State": "available", "Type": "ipsec.1", "Tags": []}]}""");
        Files.writeString(region.resolve("ServiceNames.json"), """
                {"ServiceNames": ["com.amazonaws.us-west-2.s3", "com.amazonaws.us-west-2.ecr.api"],
                 "ServiceDetails": [{"ServiceName": "com.amazonaws.us-west-2.s3", "ServiceType": [{"ServiceType": "Gateway"}]}]}""");

        Network cli = Fixtures.read("services", null).network();
        Snapshots.Result batfish = Snapshots.readFolder(tmp.resolve("snapshot"), null);
        LoadBalancer expected = cli.loadBalancer("my-network-lb").orElseThrow();
        LoadBalancer read = batfish.network().loadBalancer("my-network-lb").orElseThrow();
        assertThat(expected.listeners()).singleElement().satisfies(l -> assertThat(l.targets()).isNotEmpty());
        assertThat(read.listeners()).isEqualTo(expected.listeners());
        // an NLB's cross-zone default is off; Batfish's LoadBalancerAttributes turn it on
        assertThat(expected.crossZone()).isFalse();
        assertThat(read.crossZone()).isTrue();
        assertThat(batfish.network().subnets()).filteredOn(s -> "us-west-2a".equals(s.az())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.azId()).isEqualTo("usw2-az1"));
        assertThat(batfish.report().read()).containsEntry("customer gateways", 1).containsEntry("availability zones", 2)
                .containsEntry("endpoint service names", 2);
        assertThat(batfish.report().skipped()).noneSatisfy(i -> assertThat(i.what()).contains("top-level key"));
    }

    @Test
    void aWrapperWithoutItsIdIsAnErrorAtItsPosition() throws IOException {
        Path root = copy("services", tmp.resolve("snapshot/aws_configs"));
        Files.writeString(root.resolve("us-west-2/elbv2/LoadBalancerTargetHealth.json"), """
                {"LoadBalancerTargetHealth": [
                  {"TargetHealthDescriptions": []}]}""");
        try {
            Snapshots.readFolder(tmp.resolve("snapshot"), null);
            throw new AssertionError("expected a load error");
        } catch (LoadException e) {
            assertThat(e.errors()).anySatisfy(err -> {
                assertThat(err.toString()).contains("LoadBalancerTargetHealth.json:2:3");
                assertThat(err.toString()).contains("an item of 'LoadBalancerTargetHealth' without 'TargetGroupArn'");
            });
        }
    }

    private static String wrap(String key, String idField, String id, String itemsKey, Path cliOutput) throws IOException {
        return wrap(key, idField, id, itemsKey, JSON.readTree(cliOutput.toFile()).get(itemsKey));
    }

    private static String wrap(String key, String idField, String id, String itemsKey, com.fasterxml.jackson.databind.JsonNode items)
            throws IOException {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode list = doc.putArray(key);
        ObjectNode w = list.addObject();
        w.put(idField, id);
        w.set(itemsKey, items);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    private static Path copy(String fixture, Path to) throws IOException {
        Path from = Fixtures.snapshot(fixture);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return to;
    }
}
