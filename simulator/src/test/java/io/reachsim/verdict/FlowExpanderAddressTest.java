package io.reachsim.verdict;

import io.reachsim.compile.Fabric;
import io.reachsim.generate.NetworkGenerator;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip:} takes any address; {@code internet} never stands for an address the network owns; look-ups are indexed. */
class FlowExpanderAddressTest {
    /** A public subnet with a NAT gateway whose Elastic IP is the default internet address, and a web server. */
    static final String NET = """
            apiVersion: reachsim/v1
            network:
              vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
              subnets:
                - {id: public-a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.0.0/24, routeTable: rt-public}
              routeTables:
                - {id: rt-public, vpc: vpc-main, routes: [{destination: 0.0.0.0/0, target: igw-main}]}
              internetGateways: [{id: igw-main, vpc: vpc-main}]
              natGateways:
                - {id: nat-a, subnet: public-a, privateIp: 10.0.0.100, publicIp: 198.51.100.1}
              securityGroups:
                - {id: sg-web, vpc: vpc-main, ingress: [{protocol: tcp, ports: 443, source: 0.0.0.0/0}]}
              instances:
                - {id: web, subnet: public-a, privateIp: 10.0.0.10, publicIp: 203.0.113.10, securityGroups: [sg-web]}
            expect:
              - {name: internet to web, from: internet, to: instance:web, port: 443, reachable: true}
              - {name: to the public IP, from: internet, to: ip:203.0.113.10, port: 443, reachable: true}
              - {name: to an address nobody owns, from: web, to: ip:8.8.8.8, port: 443, reachable: true, via: igw-main}
              - {name: to the NAT's EIP, from: internet, to: ip:198.51.100.1, port: 443, reachable: false}
            """;

    static Scenario load(Path dir, String yaml) throws Exception {
        return new ScenarioLoader().load(List.of(Files.writeString(dir.resolve("s.yaml"), yaml))).get(0);
    }

    @Test
    void internetPicksAnAddressNothingOwnsAndSaysWhich(@TempDir Path dir) throws Exception {
        Scenario s = load(dir, NET);
        Fabric fabric = Fabric.compile(s.network());
        FlowExpander x = new FlowExpander(fabric);
        Flow f = x.expand(s.expectations().get(0)).get(0);
        assertThat(f.packet().src()).isEqualTo(Ip.parse("198.51.100.2"));
        assertThat(f.resolution()).isEqualTo("internet stands for 198.51.100.2 here: 198.51.100.1 belongs to the Elastic IP of NAT gateway nat-a");
        // With 198.51.100.1 the reply would go to the NAT gateway (a false NAT_GATEWAY_NO_INBOUND).
        FlowResult r = new Tracer(fabric).trace(f);
        assertThat(r.delivered()).as(r.toString()).isTrue();
    }

    @Test
    void aPublicIpIsItsOwnerReachedFromOutside(@TempDir Path dir) throws Exception {
        Scenario s = load(dir, NET);
        Fabric fabric = Fabric.compile(s.network());
        Flow f = new FlowExpander(fabric).expand(s.expectations().get(1)).get(0);
        assertThat(f.destination()).isEqualTo(new FlowEnd.AtInterface("web"));
        assertThat(f.packet().dst()).isEqualTo(Ip.parse("203.0.113.10"));
        assertThat(f.resolution()).contains("public IP of web");
        FlowResult r = new Tracer(fabric).trace(f);
        assertThat(r.delivered()).as(r.toString()).isTrue();
    }

    @Test
    void anAddressNothingOwnsIsAHostOnTheInternet(@TempDir Path dir) throws Exception {
        Scenario s = load(dir, NET);
        Fabric fabric = Fabric.compile(s.network());
        FlowExpander x = new FlowExpander(fabric);
        Flow f = x.expand(s.expectations().get(2)).get(0);
        assertThat(f.destination()).isEqualTo(new FlowEnd.OnInternet(Ip.parse("8.8.8.8")));
        assertThat(f.resolution()).isEqualTo("ip:8.8.8.8 is in no subnet and nothing in the network owns it: a host on the internet");
        FlowResult r = new Tracer(fabric).trace(f);
        assertThat(r.delivered()).as(r.toString()).isTrue();
        Flow nat = x.expand(s.expectations().get(3)).get(0);
        assertThat(nat.resolution()).endsWith("; ip:198.51.100.1 is the Elastic IP of NAT gateway nat-a: reached from the internet");
        assertThat(new Tracer(fabric).trace(nat).delivered()).isFalse();
    }

    @Test
    void aTraceToAnAwsServiceSaysHowTheNameResolved(@TempDir Path dir) throws Exception {
        Scenario s = load(dir, """
                apiVersion: reachsim/v1
                region: us-east-1
                network:
                  vpcs: [{id: vpc-main, cidr: 10.0.0.0/16, enableDnsHostnames: true}]
                  subnets: [{id: a, vpc: vpc-main, az: us-east-1a, cidr: 10.0.0.0/24}]
                  prefixLists: [{id: pl-63a5400a, name: com.amazonaws.us-east-1.s3, cidrs: [52.216.0.0/15]}]
                  instances: [{id: app, subnet: a, privateIp: 10.0.0.10}]
                  vpcEndpoints:
                    - {id: vpce-sts, vpc: vpc-main, type: interface, service: sts, subnets: [a]}
                    - {id: vpce-logs, vpc: vpc-main, type: interface, service: logs, subnets: [a], privateDns: false}
                expect:
                  - {from: app, to: aws:sts, port: 443, reachable: true}
                  - {from: app, to: aws:s3, port: 443, reachable: true}
                  - {from: app, to: aws:logs, port: 443, reachable: true}
                """);
        FlowExpander x = new FlowExpander(Fabric.compile(s.network()));
        assertThat(x.expand(s.expectations().get(0)).get(0).resolution())
                .startsWith("aws:sts resolves to interface endpoint vpce-sts (its private DNS name answers inside vpc-main)");
        assertThat(x.expand(s.expectations().get(1)).get(0).resolution())
                .isEqualTo("aws:s3 resolves to 52.216.0.0, the first block of prefix list pl-63a5400a (com.amazonaws.us-east-1.s3)");
        assertThat(x.expand(s.expectations().get(2)).get(0).resolution())
                .isEqualTo("interface endpoint vpce-logs not used: its privateDns is off; aws:logs stands at 52.94.0.10: no interface"
                        + " endpoint with private DNS for it in vpc-main and no prefix list named com.amazonaws.us-east-1.logs");
    }

    /**
     * ip: endpoints are indexed look-ups: on the generated L network (5,000 interfaces, 1,000 subnets) they
     * expand many times faster than the scan of every interface and subnet they replaced (done here, in the
     * same run, so machine load affects both alike), and agree with where the interfaces are.
     */
    @Test
    void ipEndpointsAreIndexedOnALargeNetwork() {
        var g = NetworkGenerator.generate(NetworkGenerator.Size.L, 1);
        FlowExpander x = new FlowExpander(Fabric.compile(g.network()));
        List<NetworkInterface> enis = g.network().networkInterfaces().stream().filter(e -> e.privateIp() != null).toList();
        Random random = new Random(7);
        List<Expectation> es = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            NetworkInterface a = enis.get(random.nextInt(enis.size())), b = enis.get(random.nextInt(enis.size()));
            es.add(new Expectation("e" + i, new EndpointRef.IpRef(a.privateIp()), new EndpointRef.IpRef(b.privateIp()), Protocol.TCP, 443,
                    Expectation.DEFAULT_SOURCE_PORT, -1, 4, true, List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN));
        }
        long indexed = Long.MAX_VALUE, scanned = Long.MAX_VALUE;
        List<Flow> flows = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            flows.clear();
            long t0 = System.nanoTime();
            for (Expectation e : es) flows.addAll(x.expand(e));
            indexed = Math.min(indexed, System.nanoTime() - t0);
            t0 = System.nanoTime();
            int found = 0;
            for (Expectation e : es) found += scan(g.network(), ((EndpointRef.IpRef) e.from()).ip()) + scan(g.network(), ((EndpointRef.IpRef) e.to()).ip());
            scanned = Math.min(scanned, System.nanoTime() - t0);
            assertThat(found).isEqualTo(2 * es.size());
        }
        for (int i = 0; i < es.size(); i++) {
            EndpointRef.IpRef to = (EndpointRef.IpRef) es.get(i).to();
            assertThat(flows.get(i).packet().dst()).isEqualTo(to.ip());
            assertThat(flows.get(i).destination()).isInstanceOf(FlowEnd.AtInterface.class);
        }
        assertThat(scanned).as("a scan (%d µs per expectation) against the index (%d µs)", scanned / 1000 / es.size(),
                indexed / 1000 / es.size()).isGreaterThan(4 * indexed);
    }

    /** The look-up the expander did before it had an index: every interface, then every subnet. */
    private static int scan(io.reachsim.model.Network n, Ip ip) {
        for (NetworkInterface e : n.networkInterfaces()) if (e.owns(ip)) return 1;
        for (io.reachsim.model.Subnet s : n.subnets()) if (s.contains(ip)) return 1;
        return 0;
    }
}
