package io.reachsim.load;

import io.reachsim.model.Cidr;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.PrefixList;
import io.reachsim.model.ResourceKind;
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
    static final ResourceKind VPC = ResourceKind.VPC;
    static final ResourceKind SUBNET = ResourceKind.SUBNET;
    static final ResourceKind ROUTE_TABLE = ResourceKind.ROUTE_TABLE;
    static final ResourceKind IGW = ResourceKind.INTERNET_GATEWAY;
    static final ResourceKind EIGW = ResourceKind.EGRESS_ONLY_INTERNET_GATEWAY;
    static final ResourceKind NAT = ResourceKind.NAT_GATEWAY;
    static final ResourceKind VGW = ResourceKind.VPN_GATEWAY;
    static final ResourceKind ACL = ResourceKind.NETWORK_ACL;
    static final ResourceKind SG = ResourceKind.SECURITY_GROUP;
    static final ResourceKind PREFIX_LIST = ResourceKind.PREFIX_LIST;
    static final ResourceKind INSTANCE = ResourceKind.INSTANCE;
    static final ResourceKind ENI = ResourceKind.NETWORK_INTERFACE;
    static final ResourceKind EXTERNAL = ResourceKind.EXTERNAL_NETWORK;
    static final ResourceKind VPCE = ResourceKind.VPC_ENDPOINT;
    static final ResourceKind EKS_PUBLIC_ENDPOINT = ResourceKind.EKS_PUBLIC_ENDPOINT;
    static final ResourceKind LB = ResourceKind.LOAD_BALANCER;
    static final ResourceKind ENDPOINT_SERVICE = ResourceKind.ENDPOINT_SERVICE;
    static final ResourceKind SERVICE_NETWORK = ResourceKind.LATTICE_SERVICE_NETWORK;
    static final ResourceKind LATTICE_SERVICE = ResourceKind.LATTICE_SERVICE;
    static final ResourceKind TARGET_GROUP = ResourceKind.LATTICE_TARGET_GROUP;

    /** RFC 1918, RFC 6598 (shared), loopback and link-local: never an instance's public IP. */
    static final List<Cidr> NOT_PUBLIC = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("0.0.0.0/8"));

    /** A declared (or implicit) id: its kind, where it was written, and its VPC when it has one. */
    record Decl(ResourceKind kind, Origin at, String vpc) {}

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
        return d != null && d.kind() == SUBNET ? d.vpc() : null;
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

    void declare(Val<String> id, ResourceKind kind, String vpc) {
        if (id == null) return;
        Decl first = ids.get(id.v());
        if (first != null) {
            problems.add(id.at(), "duplicate id '" + id.v() + "': already the id of the " + first.kind() + " at " + first.at());
            return;
        }
        ids.put(id.v(), new Decl(kind, id.at(), vpc));
    }

    /** Ids of one kind (optionally only those of {@code vpc}), for "known ..." lists. */
    List<String> known(ResourceKind kind, String vpc) {
        List<String> l = new ArrayList<>();
        ids.forEach((id, d) -> {
            if (d.kind() == kind && (vpc == null || vpc.equals(d.vpc()))) l.add(id);
        });
        return l;
    }

    /**
     * Resolves a reference that must name an item of {@code kind}. {@code what} describes the field
     * ("VPC 'x' of subnet 'a'" is built as what + " '" + id + "' of " + owner). Returns null on error.
     */
    String ref(Val<String> ref, ResourceKind kind, String what, String owner) {
        if (ref == null) return null;
        Decl d = ids.get(ref.v());
        if (d == null) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " does not exist"
                    + Names.unknown(ref.v(), kind.plural(), known(kind, null)));
            return null;
        }
        if (d.kind() != kind) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " is " + article(d.kind()) + ", not "
                    + article(kind) + Names.unknown(ref.v(), kind.plural(), known(kind, null)));
            return null;
        }
        return ref.v();
    }

    static String article(ResourceKind kind) {
        return kind.withArticle();
    }

    static String article(String kind) {
        return ("aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    boolean isDeclared(String id, ResourceKind kind) {
        if (id == null) return false;
        // Asked once per VPC: a set of the declared ids, not a scan per VPC (linear load).
        if (declaredSgs == null) {
            declaredSgs = new java.util.HashSet<>();
            raw.securityGroups.forEach(s -> { if (s.id() != null) declaredSgs.add(s.id().v()); });
            declaredAcls = new java.util.HashSet<>();
            raw.networkAcls.forEach(s -> { if (s.id() != null) declaredAcls.add(s.id().v()); });
        }
        return switch (kind) {
            case SECURITY_GROUP -> declaredSgs.contains(id);
            case NETWORK_ACL -> declaredAcls.contains(id);
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
    String sameVpc(Val<String> ref, ResourceKind kind, String what, String owner, VpcInfo vpc) {
        if (ref == null) return null;
        Decl d = ids.get(ref.v());
        if (d == null || d.kind() != kind) {
            if (d == null) {
                problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " does not exist"
                        + Names.unknown(ref.v(), kind.plural() + " in " + vpc.id, known(kind, vpc.id)));
            } else {
                problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " is " + article(d.kind()) + ", not "
                        + article(kind) + Names.unknown(ref.v(), kind.plural() + " in " + vpc.id, known(kind, vpc.id)));
            }
            return null;
        }
        if (d.vpc() != null && !d.vpc().equals(vpc.id)) {
            problems.add(ref.at(), what + " '" + ref.v() + "' of " + owner + " belongs to VPC '" + d.vpc() + "', not to VPC '"
                    + vpc.id + "'" + Names.unknown(ref.v(), kind.plural() + " in " + vpc.id, known(kind, vpc.id)));
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
