package io.reachsim.cli;

import io.reachsim.load.LoadException;
import io.reachsim.model.Cidr;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Scenario;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Drop;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.Mismatch;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stand-in for the simulator, so the command line's own behaviour (exit codes, files, progress,
 * colour, option handling) is tested whatever the state of the engine. Results are hand-built.
 */
final class StubEngine implements Engine {
    LoadException loadError;
    RuntimeException crash;
    int scenarioCount = 1;
    boolean failing;
    boolean dropOnTrace;
    Expectation lastQuestion;

    @Override
    public List<Scenario> load(List<Path> paths) throws LoadException {
        if (loadError != null) throw loadError;
        List<Scenario> s = new ArrayList<>();
        for (int i = 0; i < scenarioCount; i++) {
            s.add(new Scenario("scenarios/s" + i + ".yaml", "scenario-" + i, "", network(), List.of()));
        }
        return s;
    }

    @Override
    public Network loadNetwork(Path file) throws LoadException {
        if (loadError != null) throw loadError;
        return network();
    }

    @Override
    public EndpointRef endpoint(String text, Network network) {
        if (text.startsWith("instance:")) return new EndpointRef.InstanceRef(text.substring(9));
        if (text.startsWith("ip:")) return new EndpointRef.IpRef(Ip.parse(text.substring(3)));
        throw new IllegalArgumentException("unknown endpoint '" + text + "' (known instances: web-1, db-1)");
    }

    @Override
    public SuiteResult run(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
        if (crash != null) throw crash;
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            Expectation e = question("web reaches db", 5432, true);
            FlowResult f = failing ? dropped() : delivered();
            List<Mismatch> mm = failing ? List.of(new Mismatch.UnexpectedDisposition(f, true)) : List.of();
            ScenarioResult r = new ScenarioResult(s, List.of(new ExpectationResult(e, List.of(f), mm)));
            progress.accept(r);
            results.add(r);
        }
        return new SuiteResult(results, Duration.ofMillis(120));
    }

    @Override
    public ExpectationResult check(Network network, Expectation expectation) {
        if (crash != null) throw crash;
        lastQuestion = expectation;
        if (expectation.ipVersion() == 6) throw new IllegalArgumentException("instance:web-1 has no IPv6 address");
        FlowResult f = dropOnTrace ? dropped() : delivered();
        return new ExpectationResult(expectation, List.of(f), List.of());
    }

    static Network network() {
        return Network.builder().build();
    }

    static Expectation question(String name, int port, boolean reachable) {
        return new Expectation(name, new EndpointRef.InstanceRef("web-1"), new EndpointRef.InstanceRef("db-1"), Protocol.TCP, port,
                49152, -1, 4, reachable, List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
    }

    static final Packet PACKET = Packet.tcp(Ip.parse("10.0.1.10"), Ip.parse("10.0.2.10"), 49152, 5432);

    static FlowResult delivered() {
        Packet p = PACKET;
        List<Hop> hops = List.of(
                new Hop(Leg.FORWARD, HopKind.ROUTE, "rt-main", "web-a", true,
                        new Detail.RouteLookup("rt-main", p.dst(), Cidr.parse("10.0.0.0/16"), null, new RouteTarget.Local()), p),
                new Hop(Leg.FORWARD, HopKind.DELIVERED, "db-1", "db-a", true, new Detail.Arrival(p.dst()), p));
        return new FlowResult(new Flow(new FlowEnd.AtInterface("web-1"), new FlowEnd.AtInterface("db-1"), p, false),
                Disposition.DELIVERED, hops, null);
    }

    static FlowResult dropped() {
        Packet p = PACKET;
        Detail.SecurityGroupCheck miss = new Detail.SecurityGroupCheck(List.of("sg-db"), true, p.src(), null, 0, null, false);
        List<Hop> hops = List.of(new Hop(Leg.FORWARD, HopKind.INTERFACE_INGRESS, "db-1", "db-a", false, miss, p));
        return new FlowResult(new Flow(new FlowEnd.AtInterface("web-1"), new FlowEnd.AtInterface("db-1"), p, false),
                Disposition.DROPPED, hops, new Drop(ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-db", Leg.FORWARD, miss));
    }

}
