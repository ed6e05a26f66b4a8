package io.reachsim.probes;

import io.reachsim.model.Cidr;
import io.reachsim.model.Expectation;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.model.Vpc;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Packet;
import io.reachsim.verdict.ExpectationResult;
import io.reachsim.verdict.ScenarioResult;
import io.reachsim.verdict.SuiteResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The coordinator: for every flow the simulator traced, finds the agent that stands for the flow's
 * source, asks it to probe the flow's destination address and port, and puts expectation, simulation
 * and observation side by side.
 *
 * <p>An agent stands for a source when agents.yaml maps (most specific first) its interface
 * ({@code eni:}), its instance ({@code instance:}), its address ({@code ip:}), its subnet
 * ({@code subnet:}), its external network ({@code external:}), or the expectation's {@code from}
 * as written ({@code nodes:prod/workers}, {@code pods:…}).
 */
public final class Verifier {
    /** Probes one destination from one agent; AgentClient in real use. */
    public interface ProbeCall {
        ProbeResult probe(AgentsFile.Agent agent, String protocol, String host, int port)
                throws AgentClient.AgentException, InterruptedException;
    }

    private final Map<String, AgentsFile.Agent> agents = new LinkedHashMap<>();
    private final Map<String, String> names;
    private final ProbeCall call;
    private final int parallelism;

    public Verifier(List<AgentsFile.Agent> agents, ProbeCall call, int parallelism) {
        this(new AgentsFile.Config(agents, Map.of()), call, parallelism);
    }

    /** With {@code names}: destinations probed by DNS name (see {@link AgentsFile}). */
    public Verifier(AgentsFile.Config config, ProbeCall call, int parallelism) {
        for (AgentsFile.Agent a : config.agents()) this.agents.put(a.ref(), a);
        this.names = config.names();
        this.call = call;
        this.parallelism = Math.max(1, parallelism);
    }

    private record Key(String agentRef, String protocol, String host, int port) {}

    private record Pending(boolean expected, FlowResult flow, AgentsFile.Agent agent, String protocol, String notProbed, Key key,
                           String name) {}

    public VerifyResult verify(SuiteResult simulated) throws InterruptedException {
        long t0 = System.nanoTime();
        Set<String> used = new LinkedHashSet<>();
        Map<Key, CompletableFuture<Object>> probes = new LinkedHashMap<>();
        List<List<List<Pending>>> plan = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "verify-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            for (ScenarioResult s : simulated.scenarios()) {
                Network network = s.scenario().network();
                List<List<Pending>> es = new ArrayList<>();
                for (ExpectationResult e : s.expectations()) {
                    List<Pending> fs = new ArrayList<>();
                    for (FlowResult f : e.flows()) {
                        Pending p = plan(network, e.expectation(), f);
                        fs.add(p);
                        if (p.key() == null) continue;
                        used.add(p.agent().ref());
                        // The same probe asked by several expectations runs once.
                        probes.computeIfAbsent(p.key(), k -> CompletableFuture.supplyAsync(() -> {
                            try {
                                return call.probe(p.agent(), k.protocol(), k.host(), k.port());
                            } catch (AgentClient.AgentException ex) {
                                return ex.getMessage();
                            } catch (InterruptedException ex) {
                                Thread.currentThread().interrupt();
                                return "interrupted";
                            } catch (RuntimeException ex) {
                                return "probe failed: " + ex;
                            }
                        }, pool));
                    }
                    es.add(fs);
                }
                plan.add(es);
            }
            List<VerifyResult.ScenarioCheck> out = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                ScenarioResult s = simulated.scenarios().get(i);
                List<VerifyResult.ExpectationCheck> ec = new ArrayList<>();
                for (int j = 0; j < plan.get(i).size(); j++) {
                    List<VerifyResult.FlowCheck> fc = new ArrayList<>();
                    for (Pending p : plan.get(i).get(j)) {
                        if (p.key() == null) {
                            fc.add(new VerifyResult.FlowCheck(p.expected(), p.flow(), null, p.protocol(), null, p.notProbed(), null));
                            continue;
                        }
                        Object r = join(probes.get(p.key()));
                        if (r instanceof ProbeResult pr) {
                            Boolean agrees = p.name() == null ? null : dnsAgrees(s.scenario().network(), p.flow().flow().packet().dst(), pr);
                            fc.add(new VerifyResult.FlowCheck(p.expected(), p.flow(), p.agent(), p.protocol(), pr, null, null, p.name(), agrees));
                        } else {
                            fc.add(new VerifyResult.FlowCheck(p.expected(), p.flow(), p.agent(), p.protocol(), null, null, String.valueOf(r),
                                    p.name(), null));
                        }
                    }
                    ec.add(new VerifyResult.ExpectationCheck(s.expectations().get(j), fc));
                }
                out.add(new VerifyResult.ScenarioCheck(s.scenario(), ec));
            }
            List<String> unused = agents.keySet().stream().filter(k -> !used.contains(k)).toList();
            return new VerifyResult(out, Duration.ofNanos(System.nanoTime() - t0), unused);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object join(CompletableFuture<Object> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return "probe failed: " + e.getCause();
        }
    }

    private Pending plan(Network network, Expectation e, FlowResult f) {
        boolean expected = e.reachable();
        Packet p = f.flow().packet();
        Protocol proto = p.protocol();
        String protocol = proto.label();
        if (proto != Protocol.TCP && proto != Protocol.UDP) {
            return new Pending(expected, f, null, protocol, protocol + " flows cannot be probed: agents probe tcp and udp", null, null);
        }
        if (f.flow().destination() instanceof FlowEnd.Unresolved u) {
            return new Pending(expected, f, null, protocol, u.name() + " does not resolve from this source in the model ("
                    + u.code().name() + "); nothing to probe", null, null);
        }
        List<String> candidates = candidates(network, e, f);
        // A named destination is probed by name: the agent's resolver decides where it goes, as it does for applications.
        String name = names.get(e.to().text());
        String host = name != null ? name : p.dst().toString();
        for (String c : candidates) {
            AgentsFile.Agent a = agents.get(c);
            if (a != null) return new Pending(expected, f, a, protocol, null, new Key(a.ref(), protocol, host, p.dstPort()), name);
        }
        return new Pending(expected, f, null, protocol, "no agent for " + String.join(", ", candidates) + " in agents.yaml", null, null);
    }

    /**
     * Whether the addresses a name resolved to from the agent match the model's destination: the same
     * address, or addresses on the same side — all inside the VPC the model's address is in (a private
     * endpoint's interfaces; a hand-written scenario's addresses need not be the real ones), or all
     * outside every VPC when the model's is (a public endpoint). Null when the name did not resolve for
     * another reason than DNS.
     */
    static Boolean dnsAgrees(Network network, Ip modelled, ProbeResult observed) {
        if (observed.outcome() == Outcome.DNS_FAILURE) return false;
        if (observed.resolved().isEmpty()) return null;
        String side = side(network, modelled);
        for (String r : observed.resolved()) {
            Ip ip;
            try {
                ip = Ip.parse(r);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (ip.equals(modelled)) return true;
            if (!side.equals(side(network, ip))) return false;
        }
        return true;
    }

    /** The VPC an address is inside, or "outside". */
    static String side(Network network, Ip ip) {
        for (Vpc v : network.vpcs()) {
            for (Cidr c : ip.isV4() ? v.cidrs() : v.ipv6Cidrs()) if (c.contains(ip)) return v.id();
        }
        return "outside";
    }

    /** The references that could name this flow's source, most specific first. */
    static List<String> candidates(Network network, Expectation e, FlowResult f) {
        List<String> out = new ArrayList<>();
        FlowEnd src = f.flow().source();
        String srcIp = f.flow().packet().src().toString();
        if (src instanceof FlowEnd.AtInterface i) {
            String eni = i.networkInterface();
            out.add("eni:" + eni);
            for (Instance inst : network.instances()) {
                String primary = inst.networkInterfaces().isEmpty() ? inst.id() : inst.networkInterfaces().get(0);
                if (primary.equals(eni) || inst.id().equals(eni)) out.add("instance:" + inst.id());
            }
            out.add("ip:" + srcIp);
            Optional.ofNullable(network.networkInterface(eni).map(n -> n.subnet()).orElse(null)).ifPresent(s -> out.add("subnet:" + s));
        } else if (src instanceof FlowEnd.AtSubnetHost h) {
            out.add("ip:" + srcIp);
            out.add("subnet:" + h.subnet());
        } else if (src instanceof FlowEnd.AtExternal x) {
            out.add("ip:" + srcIp);
            out.add("external:" + x.external());
        } else {
            out.add("ip:" + srcIp);
        }
        String from = e.from().text();
        if (!out.contains(from)) out.add(from);
        return out;
    }
}
