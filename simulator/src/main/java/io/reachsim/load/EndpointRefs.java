package io.reachsim.load;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.ResourceKind;
import io.reachsim.model.Selector;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses endpoint references ({@code instance:ID}, {@code internet}, a bare unique id, ...). */
public final class EndpointRefs {
    private EndpointRefs() {}

    private static final String FORMS = "instance:ID, eni:ID, subnet:ID, ip:ADDR, internet, internet:ADDR, external:ID, "
            + "nodes:CLUSTER/GROUP, pods:CLUSTER/GROUP, pods:CLUSTER/GROUP/POLICY, eks-api:CLUSTER, aws:SERVICE, "
            + "lb:ID, vpce:ID, lattice:SERVICE, the selectors tag:KEY=VALUE, tag:KEY, name:VALUE, sg:ID, vpc:ID, any, internet:* "
            + "or the bare id of an instance, network interface, subnet, external network, load balancer, "
            + "interface endpoint or Lattice service";

    private static final List<String> KINDS = List.of("instance", "eni", "subnet", "ip", "internet", "external",
            "nodes", "pods", "eks-api", "aws", "lb", "vpce", "lattice", "tag", "name", "sg", "vpc");

    /** Kinds of DESIGN §5 that later issues implement, with the issue. */
    private static final Map<String, String> LATER = Map.of();

    /**
     * Parses {@code text} and checks it against {@code network}. Throws IllegalArgumentException whose
     * message names the bad value and what was expected (e.g. the known instances).
     */
    public static EndpointRef parse(String text, Network network) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("an empty endpoint: expected " + FORMS);
        if (t.equals("internet")) return new EndpointRef.InternetRef(null);
        if (t.equals("internet:*")) return new EndpointRef.SelectorRef(t, new Selector.AllInternet());
        if (t.equals("any")) return Selectors.check(t, new Selector.Any(), network);
        if (isAddress(t)) {
            throw new IllegalArgumentException("'" + t + "' is an address, not an endpoint: write ip:" + t
                    + " (a host in a subnet) or internet:" + t + " (a host on the internet)");
        }
        int colon = t.indexOf(':');
        if (colon < 0) return bare(t, network);
        String kind = t.substring(0, colon);
        String rest = t.substring(colon + 1).trim();
        if (LATER.containsKey(kind)) {
            throw new IllegalArgumentException("'" + kind + ":' endpoints ('" + t + "') are not supported yet (issue: "
                    + LATER.get(kind) + ")");
        }
        if (!KINDS.contains(kind)) {
            String k = kindLike(kind);
            String hint = k != null ? " — did you mean '" + k + ":" + rest + "'?" : Names.didYouMean(kind, KINDS);
            throw new IllegalArgumentException("'" + t + "' is not an endpoint: unknown kind '" + kind + ":'"
                    + hint + " (expected " + FORMS + ")");
        }
        if (rest.isEmpty()) throw new IllegalArgumentException("'" + t + "' names no " + kind + ": expected " + kind + ":" + placeholder(kind));
        if (kind.equals("nodes") || kind.equals("pods") || kind.equals("eks-api")) return eks(t, kind, rest, network);
        if (kind.equals("aws")) return aws(t, rest, network);
        if (Selectors.KINDS.contains(kind)) return Selectors.parse(t, kind, rest, network);
        if (kind.equals("lb") || kind.equals("vpce") || kind.equals("lattice")) return service(t, kind, rest, network);
        return switch (kind) {
            case "instance" -> {
                if (network.instance(rest).isEmpty()) throw missing(t, rest, NetworkResolver.INSTANCE, ids(network, NetworkResolver.INSTANCE), network);
                yield new EndpointRef.InstanceRef(rest);
            }
            case "eni" -> {
                if (network.networkInterface(rest).isEmpty()) throw missing(t, rest, NetworkResolver.ENI, ids(network, NetworkResolver.ENI), network);
                yield new EndpointRef.EniRef(rest);
            }
            case "subnet" -> {
                if (network.subnet(rest).isEmpty()) throw missing(t, rest, NetworkResolver.SUBNET, ids(network, NetworkResolver.SUBNET), network);
                yield new EndpointRef.SubnetRef(rest);
            }
            case "external" -> {
                if (network.external(rest).isEmpty()) throw missing(t, rest, NetworkResolver.EXTERNAL, ids(network, NetworkResolver.EXTERNAL), network);
                yield new EndpointRef.ExternalRef(rest);
            }
            case "internet" -> new EndpointRef.InternetRef(address(t, rest));
            case "ip" -> {
                Ip ip = address(t, rest);
                // Any address: an interface's, a public or Elastic IP (its owner from outside), a host in a subnet, an
                // external network's, or — owned by nothing — a host on the internet (the flow's note says which).
                List<Subnet> holders = network.subnets().stream().filter(s -> s.contains(ip)).toList();
                if (holders.stream().map(Subnet::vpc).distinct().count() > 1) {
                    throw new IllegalArgumentException("'" + t + "' is ambiguous: " + ip + " is in subnets of several VPCs ("
                            + String.join(", ", holders.stream().map(s -> s.id() + " in " + s.vpc()).toList())
                            + "); name the host with instance:, eni: or subnet:");
                }
                yield new EndpointRef.IpRef(ip);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    /**
     * The endpoint kind {@code kind} is a prefix, abbreviation or misspelling of ({@code eks} → {@code eks-api},
     * {@code node} → {@code nodes}, {@code vpc-endpoint} → {@code vpce}), or null.
     */
    static String kindLike(String kind) {
        String k = kind.toLowerCase(java.util.Locale.ROOT);
        Map<String, String> aliases = Map.of("eks", "eks-api", "api", "eks-api", "node", "nodes", "pod", "pods",
                "vpc-endpoint", "vpce", "endpoint", "vpce", "elb", "lb", "alb", "lb", "nlb", "lb", "service", "aws");
        if (aliases.containsKey(k)) return aliases.get(k);
        for (String known : KINDS) if (known.startsWith(k) || k.startsWith(known)) return known;
        return Names.nearest(k, KINDS);
    }

    private static String placeholder(String kind) {
        return switch (kind) {
            case "ip", "internet" -> "ADDR";
            case "nodes", "pods" -> "CLUSTER/GROUP";
            case "eks-api" -> "CLUSTER";
            case "aws" -> "SERVICE";
            default -> "ID";
        };
    }

    /** {@code nodes:CLUSTER/GROUP}, {@code pods:CLUSTER/GROUP[/POLICY]}, {@code eks-api:CLUSTER}. */
    private static EndpointRef eks(String t, String kind, String rest, Network network) {
        String part = null;
        int at = rest.indexOf('@');
        if (at >= 0 && !kind.equals("eks-api")) {
            part = rest.substring(at + 1).trim();
            rest = rest.substring(0, at);
            if (part.isEmpty()) throw new IllegalArgumentException("'" + t + "' names no subnet or availability zone after '@'");
        }
        String[] parts = rest.split("/", -1);
        int max = kind.equals("pods") ? 3 : kind.equals("nodes") ? 2 : 1;
        int min = kind.equals("eks-api") ? 1 : 2;
        boolean blank = false;
        for (String p : parts) blank |= p.isBlank();
        if (parts.length < min || parts.length > max || blank) {
            String forms = kind.equals("pods") ? "pods:CLUSTER/GROUP or pods:CLUSTER/GROUP/POLICY" : kind + ":" + placeholder(kind);
            throw new IllegalArgumentException("'" + t + "' is not of the form " + forms);
        }
        String name = parts[0].trim();
        EksCluster cluster = network.eksCluster(name).orElse(null);
        if (cluster == null) {
            List<String> known = network.eksClusters().stream().map(EksCluster::name).toList();
            throw new IllegalArgumentException("'" + t + "': EKS cluster '" + name + "' does not exist"
                    + Names.unknown(name, "EKS clusters", known));
        }
        if (kind.equals("eks-api")) return new EndpointRef.EksApiRef(name);
        String group = parts[1].trim();
        if (cluster.nodeGroups().stream().noneMatch(g -> g.name().equals(group))) {
            List<String> known = cluster.nodeGroups().stream().map(EksCluster.NodeGroup::name).toList();
            throw new IllegalArgumentException("'" + t + "': node group '" + group + "' of EKS cluster '" + name + "' does not exist"
                    + Names.unknown(group, "node groups of " + name, known));
        }
        if (part != null) checkPart(t, part, cluster, group, network);
        if (kind.equals("nodes")) return new EndpointRef.NodesRef(name, group, part);
        if (parts.length == 2) return new EndpointRef.PodsRef(name, group, null, part);
        String policy = parts[2].trim();
        List<String> policies = cluster.pods().securityGroupsForPods().stream().map(EksCluster.SecurityGroupPolicy::name).toList();
        if (!policies.contains(policy)) {
            throw new IllegalArgumentException("'" + t + "': security group policy '" + policy + "' of EKS cluster '" + name
                    + "' does not exist" + Names.unknown(policy, "security group policies of " + name, policies));
        }
        return new EndpointRef.PodsRef(name, group, policy, part);
    }

    /** {@code @PART} of a node group endpoint: one of the group's subnets, or an availability zone (name or id) of one. */
    private static void checkPart(String t, String part, EksCluster cluster, String group, Network network) {
        EksCluster.NodeGroup g = cluster.nodeGroups().stream().filter(x -> x.name().equals(group)).findFirst().orElseThrow();
        List<String> valid = new ArrayList<>();
        for (String id : g.subnets()) {
            valid.add(id);
            Subnet s = network.subnet(id).orElse(null);
            if (s == null) continue;
            if (s.az() != null && !valid.contains(s.az())) valid.add(s.az());
            if (s.azId() != null && !valid.contains(s.azId())) valid.add(s.azId());
        }
        if (!valid.contains(part)) {
            throw new IllegalArgumentException("'" + t + "': '" + part + "' is neither a subnet nor an availability zone of node group '"
                    + group + "'" + Names.unknown(part, "subnets and zones of " + cluster.name() + "/" + group, valid));
        }
    }

    /** {@code lb:ID}, {@code vpce:ID} (an interface endpoint of an endpoint service) and {@code lattice:SERVICE}. */
    private static EndpointRef service(String t, String kind, String id, Network network) {
        if (kind.equals("lb")) {
            if (network.loadBalancer(id).isPresent()) return new EndpointRef.LoadBalancerRef(id);
            throw missing(t, id, NetworkResolver.LB, network.loadBalancers().stream().map(x -> x.id()).toList(), network);
        }
        if (kind.equals("lattice")) {
            if (network.lattice().services().stream().anyMatch(x -> x.id().equals(id))) return new EndpointRef.LatticeServiceRef(id);
            throw missing(t, id, NetworkResolver.LATTICE_SERVICE, network.lattice().services().stream().map(x -> x.id()).toList(), network);
        }
        List<String> privateLink = network.vpcEndpoints().stream()
                .filter(x -> x.type() == io.reachsim.model.VpcEndpoint.Type.INTERFACE && AwsServices.isEndpointService(x.service()))
                .map(x -> x.id()).toList();
        if (privateLink.contains(id)) return new EndpointRef.VpcEndpointRef(id);
        var ep = network.vpcEndpoint(id);
        if (ep.isPresent()) {
            throw new IllegalArgumentException("'" + t + "': VPC endpoint '" + id + "' is " + (ep.get().type() == io.reachsim.model.VpcEndpoint.Type.GATEWAY
                    ? "a gateway endpoint" : "an interface endpoint for AWS service " + ep.get().service())
                    + ", not one for an endpoint service (write aws:" + ep.get().service() + " to reach the service)");
        }
        throw missing(t, id, "interface endpoint of an endpoint service", "interface endpoint of an endpoint services", privateLink, network);
    }

    /** {@code aws:SERVICE}: any short AWS service name; endpoint services are reached through vpce:ID. */
    private static EndpointRef aws(String t, String service, Network network) {
        if (AwsServices.isEndpointService(service)) {
            throw new IllegalArgumentException("'" + t + "' names an endpoint service: reach it through an interface endpoint"
                    + " that names it (vpce:ENDPOINT-ID)");
        }
        String problem = AwsServices.problem(service);
        if (problem != null) {
            throw new IllegalArgumentException("'" + service + "' in '" + t + "' is not an AWS service name: " + problem);
        }
        boolean inScenario = network.vpcEndpoints().stream().anyMatch(e -> e.service().equals(service))
                || network.prefixLists().stream().anyMatch(p -> p.name().endsWith("." + service) && p.name().startsWith("com.amazonaws."));
        if (!AwsServices.known(service) && !inScenario) {
            throw new IllegalArgumentException("'" + t + "': '" + service + "' is not an AWS service endpoint name: "
                    + AwsServices.unknownService(service));
        }
        return new EndpointRef.AwsServiceRef(service);
    }

    private static boolean isAddress(String t) {
        if (!t.matches("[0-9a-fA-F:.]+") || !(t.contains(".") || t.contains(":"))) return false;
        try {
            Ip.parse(t);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Ip address(String t, String rest) {
        try {
            return Ip.parse(rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + rest + "' in '" + t + "' is not an IP address: " + e.getMessage());
        }
    }

    private static EndpointRef bare(String id, Network network) {
        ResourceKind kind = network.kindsById().get(id);
        if (kind == null) {
            List<String> candidates = new ArrayList<>(List.of("internet"));
            for (ResourceKind k : List.of(NetworkResolver.INSTANCE, NetworkResolver.ENI, NetworkResolver.SUBNET, NetworkResolver.EXTERNAL)) {
                candidates.addAll(ids(network, k));
            }
            throw new IllegalArgumentException("'" + id + "' names nothing in the network" + Names.didYouMean(id, candidates)
                    + " (expected " + FORMS + ")");
        }
        return switch (kind) {
            case INSTANCE -> new EndpointRef.InstanceRef(id);
            case NETWORK_INTERFACE -> new EndpointRef.EniRef(id);
            case SUBNET -> new EndpointRef.SubnetRef(id);
            case EXTERNAL_NETWORK -> new EndpointRef.ExternalRef(id);
            case LOAD_BALANCER -> new EndpointRef.LoadBalancerRef(id);
            case LATTICE_SERVICE -> new EndpointRef.LatticeServiceRef(id);
            case VPC_ENDPOINT -> service("vpce:" + id, "vpce", id, network);
            default -> throw new IllegalArgumentException("'" + id + "' is " + kind.withArticle()
                    + ", which cannot send or receive traffic: expected " + FORMS);
        };
    }

    /** Ids of one kind. */
    private static List<String> ids(Network network, ResourceKind kind) {
        List<String> out = new ArrayList<>();
        network.kindsById().forEach((id, kk) -> {
            if (kk == kind) out.add(id);
        });
        if (kind == ResourceKind.NETWORK_INTERFACE) {
            // Instances' primary interfaces carry the instance's id and are network interfaces too.
            for (NetworkInterface e : network.networkInterfaces()) if (!out.contains(e.id())) out.add(e.id());
        }
        return out;
    }

    private static IllegalArgumentException missing(String t, String id, ResourceKind kind, List<String> known, Network network) {
        return missing(t, id, kind.label(), kind.plural(), known, network);
    }

    private static IllegalArgumentException missing(String t, String id, String kind, String plural, List<String> known, Network network) {
        ResourceKind actual = network.kindsById().get(id);
        if (actual != null) {
            String hint = switch (actual) {
                case INSTANCE -> " (write instance:" + id + ")";
                case NETWORK_INTERFACE -> " (write eni:" + id + ")";
                case SUBNET -> " (write subnet:" + id + ")";
                case EXTERNAL_NETWORK -> " (write external:" + id + ")";
                case LOAD_BALANCER -> " (write lb:" + id + ")";
                case LATTICE_SERVICE -> " (write lattice:" + id + ")";
                default -> "";
            };
            return new IllegalArgumentException("'" + t + "': '" + id + "' is " + actual.withArticle() + ", not "
                    + NetworkResolver.article(kind) + hint);
        }
        return new IllegalArgumentException("'" + t + "': " + kind + " '" + id + "' does not exist"
                + Names.unknown(id, plural, known));
    }

    // ---- address families, for an expectation's ipVersion ----

    /** The IP version an endpoint fixes by itself (an address literal or an external network), else null. */
    static Integer literalVersion(EndpointRef ref, Network network) {
        if (ref instanceof EndpointRef.IpRef r) return r.ip().version();
        if (ref instanceof EndpointRef.InternetRef r) return r.ip() == null ? null : r.ip().version();
        if (ref instanceof EndpointRef.ExternalRef r) return network.external(r.id()).map(EndpointRefs::version).orElse(null);
        return null;
    }

    /**
     * The IP version an EKS endpoint implies by itself: 6 for the nodes, pods and API of an
     * {@code ipFamily: ipv6} cluster and for the interface of a pod that has only an IPv6 address; else null.
     */
    public static Integer clusterVersion(EndpointRef ref, Network network) {
        String cluster = clusterOf(ref);
        if (cluster != null) return network.eksCluster(cluster).map(c -> c.ipFamily() == 6 ? 6 : null).orElse(null);
        if (ref instanceof EndpointRef.EniRef r && ipv6OnlyPod(r.id(), network)) return 6;
        return null;
    }

    /** Why {@link #clusterVersion} is 6, for messages ("pods:prod/workers belongs to IPv6 EKS cluster 'prod'"). */
    static String clusterVersionReason(EndpointRef ref) {
        String cluster = clusterOf(ref);
        if (cluster != null) return ref.text() + " belongs to IPv6 EKS cluster '" + cluster + "'";
        return ref.text() + " is a pod of an IPv6 EKS cluster, which has an IPv6 address only";
    }

    private static String clusterOf(EndpointRef ref) {
        if (ref instanceof EndpointRef.NodesRef r) return r.cluster();
        if (ref instanceof EndpointRef.PodsRef r) return r.cluster();
        if (ref instanceof EndpointRef.EksApiRef r) return r.cluster();
        return null;
    }

    private static boolean ipv6OnlyPod(String id, Network network) {
        Optional<NetworkInterface> eni = network.networkInterface(id);
        return network.pod(id).isPresent() && eni.isPresent() && eni.get().privateIp() == null && eni.get().ipv6Ip() != null;
    }

    private static Integer version(ExternalNetwork x) {
        if (x.ip() != null) return x.ip().version();
        return x.cidr() == null ? null : x.cidr().version();
    }

    /** Null when {@code ref} has an address of {@code version}, else what it lacks ("has no IPv6 address (...)"). */
    static String lacks(EndpointRef ref, Network network, int version) {
        String v = "IPv" + version;
        if (ref instanceof EndpointRef.InstanceRef r) {
            return lacks(network.networkInterface(r.id()), version, "instance '" + r.id() + "'");
        }
        if (ref instanceof EndpointRef.EniRef r) {
            if (version == 4 && ipv6OnlyPod(r.id(), network)) {
                return "network interface '" + r.id() + "' is a pod of an IPv6 EKS cluster: it has no IPv4 address";
            }
            return lacks(network.networkInterface(r.id()), version, "network interface '" + r.id() + "'");
        }
        String cluster = clusterOf(ref);
        if (cluster != null) {
            EksCluster c = network.eksCluster(cluster).orElse(null);
            if (c == null || (version == 4 && !(ref instanceof EndpointRef.PodsRef)) || version == c.ipFamily()) return null;
            if (ref instanceof EndpointRef.PodsRef) {
                return "the pods of EKS cluster '" + cluster + "' have no " + v + " address (ipFamily: ipv" + c.ipFamily()
                        + " gives pods IPv" + c.ipFamily() + " only)";
            }
            if (ref instanceof EndpointRef.NodesRef) {
                return "the nodes of EKS cluster '" + cluster + "' have no IPv6 address (ipFamily: ipv6 makes nodes dual-stack;"
                        + " this cluster is IPv4)";
            }
            return "the API of EKS cluster '" + cluster + "' has no IPv6 address (it is an IPv4 cluster)";
        }
        if (ref instanceof EndpointRef.AwsServiceRef r) {
            return version == 4 ? null : ref.text() + " has no IPv6 address (AWS service addresses are IPv4 in reachsim)";
        }
        if (ref instanceof EndpointRef.LoadBalancerRef || ref instanceof EndpointRef.VpcEndpointRef) {
            return version == 4 ? null : ref.text() + " has no IPv6 address (load balancer nodes and endpoint interfaces are IPv4 in reachsim)";
        }
        if (ref instanceof EndpointRef.LatticeServiceRef) {
            String pl = network.lattice().prefixList();
            boolean has = pl != null && network.prefixList(pl).map(p -> p.cidrs().stream().anyMatch(c -> c.version() == version)).orElse(false);
            return has ? null : ref.text() + " has no " + v + " address: the Lattice prefix list " + pl + " has no " + v + " block";
        }
        if (ref instanceof EndpointRef.SubnetRef r) {
            Optional<Subnet> s = network.subnet(r.id());
            boolean has = s.isEmpty() || version == 4 || s.get().ipv6Cidr() != null;
            return has ? null : "subnet '" + r.id() + "' has no " + v + " CIDR (give it an ipv6Cidr)";
        }
        if (ref instanceof EndpointRef.IpRef r) return r.ip().version() == version ? null : r.ip() + " is not an " + v + " address";
        if (ref instanceof EndpointRef.InternetRef r) {
            return r.ip() == null || r.ip().version() == version ? null : r.ip() + " is not an " + v + " address";
        }
        if (ref instanceof EndpointRef.ExternalRef r) {
            Integer xv = network.external(r.id()).map(EndpointRefs::version).orElse(null);
            return xv == null || xv == version ? null : "external network '" + r.id() + "' is not " + v;
        }
        return null;
    }

    private static String lacks(Optional<NetworkInterface> eni, int version, String label) {
        // privateIp is required: when it is missing here, its own error has been reported.
        if (eni.isEmpty() || version == 4) return null;
        boolean has = version == 4 ? eni.get().privateIp() != null : eni.get().ipv6Ip() != null;
        return has ? null : label + " has no IPv" + version + " address" + (version == 6 ? " (give it an ipv6Ip)" : "");
    }
}
