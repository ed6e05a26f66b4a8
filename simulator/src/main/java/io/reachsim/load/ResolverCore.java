package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of {@link NetworkResolver} every section uses: the kinds of ids, the ids declared so far and the
 * references between items (resolved to an item of the right kind and VPC, or an error naming the known
 * ones), and what is known of each VPC.
 */
abstract class ResolverCore {
    static final String VPC = "VPC";
    static final String SUBNET = "subnet";
    static final String ROUTE_TABLE = "route table";
    static final String IGW = "internet gateway";
    static final String EIGW = "egress-only internet gateway";
    static final String NAT = "NAT gateway";
    static final String VGW = "VPN gateway";
    static final String ACL = "network ACL";
    static final String SG = "security group";
    static final String PREFIX_LIST = "prefix list";
    static final String INSTANCE = "instance";
    static final String ENI = "network interface";
    static final String EXTERNAL = "external network";
    static final String VPCE = "VPC endpoint";
    static final String EKS_PUBLIC_ENDPOINT = "EKS public API endpoint";
    static final String LB = "load balancer";
    static final String ENDPOINT_SERVICE = "endpoint service";
    static final String SERVICE_NETWORK = "Lattice service network";
    static final String LATTICE_SERVICE = "Lattice service";
    static final String TARGET_GROUP = "Lattice target group";

    static final Map<String, String> PLURAL = Map.ofEntries(
            Map.entry(VPC, "VPCs"), Map.entry(SUBNET, "subnets"), Map.entry(ROUTE_TABLE, "route tables"),
            Map.entry(IGW, "internet gateways"), Map.entry(EIGW, "egress-only internet gateways"),
            Map.entry(NAT, "NAT gateways"), Map.entry(VGW, "VPN gateways"), Map.entry(ACL, "network ACLs"),
            Map.entry(SG, "security groups"), Map.entry(PREFIX_LIST, "prefix lists"), Map.entry(INSTANCE, "instances"),
            Map.entry(ENI, "network interfaces"), Map.entry(EXTERNAL, "external networks"), Map.entry(VPCE, "VPC endpoints"),
            Map.entry(CrossVpcResolver.PCX, "VPC peering connections"), Map.entry(CrossVpcResolver.TGW, "transit gateways"),
            Map.entry(CrossVpcResolver.TGW_RT, "transit gateway route tables"),
            Map.entry(CrossVpcResolver.TGW_ATTACH, "transit gateway attachments"),
            Map.entry(LB, "load balancers"), Map.entry(ENDPOINT_SERVICE, "endpoint services"),
            Map.entry(SERVICE_NETWORK, "Lattice service networks"), Map.entry(LATTICE_SERVICE, "Lattice services"),
            Map.entry(TARGET_GROUP, "Lattice target groups"));

    /** RFC 1918, RFC 6598 (shared), loopback and link-local: never an instance's public IP. */
    static final List<Cidr> NOT_PUBLIC = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("0.0.0.0/8"));

    /** A declared (or implicit) id: its kind, where it was written, and its VPC when it has one. */
    record Decl(String kind, Origin at, String vpc) {}

    final RawNetwork raw;
    final String region;
    final Problems problems;
    final Map<String, Decl> ids = new LinkedHashMap<>();
    final Map<String, VpcInfo> vpcs = new LinkedHashMap<>();
    final Map<String, Subnet> subnets = new LinkedHashMap<>();
    final Map<String, PrefixList> prefixLists = new LinkedHashMap<>();
    final Network.Builder out = Network.builder();

    static final class VpcInfo {
        RawNetwork.Vpc raw;
        String id;
        List<Cidr> v4 = new ArrayList<>();
        List<Cidr> v6 = new ArrayList<>();
        String defaultSg;
        String defaultAcl;
        String mainRouteTable;
        boolean implicitSg;
        boolean implicitAcl;
        boolean implicitMain;
        String igw;
        String vgw;
        /** Set for a VPC of the imported snapshot: built already, nothing to materialise. */
        Vpc imported;

        /** The VPC's account: as written, or the imported VPC's (null: the default account). */
        String account() {
            return imported != null ? imported.account() : CrossVpcResolver.account(raw.account());
        }
    }

    /** The VPC written on the subnet {@code ref} names (subnets are declared before anything placed in them). */
    String subnetVpc(Val<String> ref) {
        if (ref == null) return null;
        Decl d = ids.get(ref.v());
        return d != null && d.kind().equals(SUBNET) ? d.vpc() : null;
    }

    /** True for the second and later declarations of an id: only the first is resolved and built. */
    boolean duplicate(Val<String> id) {
        if (id == null) return false;
        Decl d = ids.get(id.v());
        return d != null && !d.at().equals(id.at());
    }

    static String val(Val<String> v) {
        return v == null ? null : v.v();
    }

    void declare(Val<String> id, String kind, String vpc) {
        if (id == null) return;
        Decl first = ids.get(id.v());
        if (first != null) {
            problems.add(id.at(), "duplicate id '" + id.v() + "': already the id of the " + first.kind() + " at " + first.at());
            return;
        }
        ids.put(id.v(), new Decl(kind, id.at(), vpc));
    }

    /** Ids of one kind (optionally only those of {@code vpc}), for "known ..." lists. */
    List<String> known(String kind, String vpc) {
        List<String> l = new ArrayList<>();
        ids.forEach((id, d) -> {
            if (d.kind().equals(kind) && (vpc == null || vpc.equals(d.vpc()))) l.add(id);
        });
        return l;
    }

    /**
     * Resolves a reference that must name an item of {@code kind}. {@code what} describes the field
     * ("VPC 'x' of subnet 'a'" is built as what + " '" + id + "' of " + owner). Returns null on error.
     */
    String ref(Val<String> ref, String kind, String what, String owner) {
        if (ref == null) return null;
        Decl d = ids.get(ref.v());
        if (d == null) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " does not exist"
                    + Names.unknown(ref.v(), PLURAL.get(kind), known(kind, null)));
            return null;
        }
        if (!d.kind().equals(kind)) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " is " + article(d.kind()) + ", not "
                    + article(kind) + Names.unknown(ref.v(), PLURAL.get(kind), known(kind, null)));
            return null;
        }
        return ref.v();
    }

    static String article(String kind) {
        return ("aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    boolean isDeclared(String id, String kind) {
        if (id == null) return false;
        // Asked once per VPC: a set of the declared ids, not a scan per VPC (linear load).
        if (declaredSgs == null) {
            declaredSgs = new java.util.HashSet<>();
            raw.securityGroups.forEach(s -> { if (s.id() != null) declaredSgs.add(s.id().v()); });
            declaredAcls = new java.util.HashSet<>();
            raw.networkAcls.forEach(s -> { if (s.id() != null) declaredAcls.add(s.id().v()); });
        }
        return switch (kind) {
            case SG -> declaredSgs.contains(id);
            case ACL -> declaredAcls.contains(id);
            default -> false;
        };
    }

    java.util.Set<String> declaredSgs;
    java.util.Set<String> declaredAcls;

    /** The VPC of an item written with {@code vpc: ...}; null (error recorded) when it names no VPC. */
    VpcInfo vpcOf(Val<String> vpc, String owner) {
        String id = ref(vpc, VPC, "VPC", owner);
        return id == null ? null : vpcs.get(id);
    }

    static String name(Val<String> id) {
        return id == null ? "" : " '" + id.v() + "'";
    }

    static String join(List<Cidr> cidrs) {
        return cidrs.isEmpty() ? "none" : String.join(", ", cidrs.stream().map(Cidr::toString).toList());
    }

    /** A reference to an item of {@code kind} that must belong to {@code vpc}. */
    String sameVpc(Val<String> ref, String kind, String what, String owner, VpcInfo vpc) {
        if (ref == null) return null;
        Decl d = ids.get(ref.v());
        if (d == null || !d.kind().equals(kind)) {
            if (d == null) {
                problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " does not exist"
                        + Names.unknown(ref.v(), PLURAL.get(kind) + " in " + vpc.id, known(kind, vpc.id)));
            } else {
                problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " is " + article(d.kind()) + ", not "
                        + article(kind) + Names.unknown(ref.v(), PLURAL.get(kind) + " in " + vpc.id, known(kind, vpc.id)));
            }
            return null;
        }
        if (d.vpc() != null && !d.vpc().equals(vpc.id)) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " belongs to VPC '" + d.vpc() + "', not to VPC '"
                    + vpc.id + "'" + Names.unknown(ref.v(), PLURAL.get(kind) + " in " + vpc.id, known(kind, vpc.id)));
            return null;
        }
        return ref.v();
    }

    /** The id of the prefix list called {@code name} (an entry without a name is called by its id), or null. */
    String prefixListNamed(String name) {
        for (PrefixList p : prefixLists.values()) {
            if (p.name().equals(name)) return p.id();
        }
        return null;
    }

    static <T> T val2(Val<T> v) {
        return v == null ? null : v.v();
    }

    /** A VPC's region: its own {@code region}, else that of the file it is written in, else the scenario's. */
    String regionOf(VpcInfo v) {
        if (v.imported != null) return v.imported.region();
        return v.raw.region() != null ? v.raw.region() : v.raw.fileRegion() != null ? v.raw.fileRegion() : region;
    }

    ResolverCore(RawNetwork raw, String region, Problems problems) {
        this.raw = raw;
        this.region = region;
        this.problems = problems;
    }
}
