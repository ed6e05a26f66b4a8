package io.reachsim.aws.crosscheck;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.Protocol;
import io.reachsim.model.Subnet;
import io.reachsim.verdict.FlowExpander;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which expectations Reachability Analyzer can answer, and as which path. The analyzer takes resources
 * as sources and destinations (instances, network interfaces, internet gateways, transit gateways and
 * their attachments, VPC endpoints and endpoint services, peering connections, VPN gateways) and IP
 * addresses as destinations only, for TCP and UDP
 * (https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html).
 * reachsim's endpoints map as follows:
 * <ul>
 *   <li>{@code instance:ID}, {@code eni:ID}, {@code vpce:ID}: the resource itself, on either side;</li>
 *   <li>{@code internet} as a source: the internet gateway of the destination's VPC (the analyzer's own
 *       example of "from the internet");</li>
 *   <li>{@code ip:ADDR}, {@code internet:ADDR} (and {@code internet}, at reachsim's stand-in public address)
 *       as a destination: {@code DestinationIp}.</li>
 * </ul>
 * Everything else (subnets, EKS nodes, pods and API, AWS services, Lattice, load balancers, external
 * networks, ICMP, IPv6) is skipped with the reason.
 */
public final class PathMapper {
    /** AWS resource ids as AWS writes them: reachsim's scenario ids ("web-1") mean nothing to the analyzer. */
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern ENI = Pattern.compile("eni-[0-9a-f]{8,17}");
    private static final Pattern VPCE = Pattern.compile("vpce-[0-9a-f]{8,17}");
    private static final Pattern IGW = Pattern.compile("igw-[0-9a-f]{8,17}");

    /** A path, or why there is none. */
    public record Mapping(AnalyzerPath path, String skipReason) {
        static Mapping skip(String reason) {
            return new Mapping(null, reason);
        }
    }

    private final Network network;

    public PathMapper(Network network) {
        this.network = network;
    }

    public Mapping map(Expectation e) {
        if (e.protocol() != Protocol.TCP && e.protocol() != Protocol.UDP) {
            return Mapping.skip("protocol " + e.protocol() + ": Reachability Analyzer paths are tcp or udp");
        }
        if (e.ipVersion() != 4) return Mapping.skip("IPv6: reachsim maps IPv4 questions only (DestinationIp is IPv4)");
        String protocol = e.protocol() == Protocol.TCP ? "tcp" : "udp";

        String destination = null;
        String destinationIp = null;
        EndpointRef to = e.to();
        if (to instanceof EndpointRef.IpRef ip) {
            destinationIp = ip.ip().toString();
        } else if (to instanceof EndpointRef.InternetRef n) {
            destinationIp = (n.ip() != null ? n.ip() : FlowExpander.DEFAULT_INTERNET_V4).toString();
        } else {
            Object d = resource(to, "destination");
            if (d instanceof Mapping m) return m;
            destination = (String) d;
        }

        String source;
        EndpointRef from = e.from();
        if (from instanceof EndpointRef.InternetRef) {
            // From the internet, traffic enters through the destination VPC's internet gateway.
            String vpc = vpcOf(to).orElse(null);
            if (vpc == null) return Mapping.skip("internet as the source needs a destination inside a VPC");
            Optional<InternetGateway> igw = network.internetGateways().stream().filter(g -> vpc.equals(g.vpc())).findFirst();
            if (igw.isEmpty()) return Mapping.skip("internet as the source maps to the internet gateway of " + vpc + ", which has none");
            if (!IGW.matcher(igw.get().id()).matches()) return notAwsId(igw.get().id());
            source = igw.get().id();
        } else if (from instanceof EndpointRef.IpRef || from instanceof EndpointRef.ExternalRef) {
            return Mapping.skip(from.text() + ": Reachability Analyzer takes addresses only as destinations");
        } else {
            Object s = resource(from, "source");
            if (s instanceof Mapping m) return m;
            source = (String) s;
        }
        return new Mapping(new AnalyzerPath(source, destination, destinationIp, protocol, e.port()), null);
    }

    /** The AWS id for a resource endpoint, or a skip Mapping. */
    private Object resource(EndpointRef ref, String side) {
        String id;
        Pattern p;
        if (ref instanceof EndpointRef.InstanceRef i) {
            id = i.id();
            p = INSTANCE;
        } else if (ref instanceof EndpointRef.EniRef x) {
            id = x.id();
            // An instance's primary interface carries the instance's id in reachsim's model.
            p = id.startsWith("i-") ? INSTANCE : ENI;
        } else if (ref instanceof EndpointRef.VpcEndpointRef v) {
            id = v.id();
            p = VPCE;
        } else {
            return Mapping.skip(ref.text() + ": " + unsupported(ref) + " as a " + side);
        }
        if (!p.matcher(id).matches()) return notAwsId(id);
        return id;
    }

    private static Mapping notAwsId(String id) {
        return Mapping.skip("'" + id + "' is not an AWS resource id (cross-check a snapshot from 'reachsim import aws', whose ids are AWS's)");
    }

    private static String unsupported(EndpointRef ref) {
        if (ref instanceof EndpointRef.SubnetRef) return "a subnet is no Reachability Analyzer resource (name an instance or eni:)";
        if (ref instanceof EndpointRef.NodesRef || ref instanceof EndpointRef.PodsRef) {
            return "EKS nodes and pods are no Reachability Analyzer resources (name a node's instance: instead)";
        }
        if (ref instanceof EndpointRef.EksApiRef) return "the EKS API endpoint is no Reachability Analyzer resource";
        if (ref instanceof EndpointRef.AwsServiceRef) return "AWS service names are no Reachability Analyzer resources";
        if (ref instanceof EndpointRef.LatticeServiceRef) return "Reachability Analyzer does not analyze VPC Lattice";
        if (ref instanceof EndpointRef.LoadBalancerRef) return "load balancers are intermediate components only in Reachability Analyzer";
        if (ref instanceof EndpointRef.ExternalRef) return "external networks are no Reachability Analyzer resources";
        if (ref instanceof EndpointRef.InternetRef) return "the internet is a source (through the VPC's internet gateway) or an address";
        return "not supported by Reachability Analyzer";
    }

    /** The VPC an endpoint sits in, for the endpoints that map to resources. */
    private Optional<String> vpcOf(EndpointRef ref) {
        String subnet = null;
        if (ref instanceof EndpointRef.InstanceRef i) {
            subnet = network.instance(i.id()).map(io.reachsim.model.Instance::subnet).orElse(null);
        } else if (ref instanceof EndpointRef.EniRef x) {
            subnet = network.networkInterface(x.id()).map(io.reachsim.model.NetworkInterface::subnet).orElse(null);
        } else if (ref instanceof EndpointRef.VpcEndpointRef v) {
            return network.vpcEndpoint(v.id()).map(io.reachsim.model.VpcEndpoint::vpc);
        } else if (ref instanceof EndpointRef.IpRef ip) {
            Ip a = ip.ip();
            return network.subnets().stream().filter(s -> s.contains(a)).map(Subnet::vpc).findFirst();
        }
        return subnet == null ? Optional.empty() : network.subnet(subnet).map(Subnet::vpc);
    }
}
