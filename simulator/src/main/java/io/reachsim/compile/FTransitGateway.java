package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.TransitGateway;

import java.util.HashMap;
import java.util.Map;

/**
 * A compiled transit gateway: its route tables as longest-prefix tries (static and propagated routes
 * merged by AWS's priority) and its attachments, with the VPC attachment of each attached VPC.
 */
public final class FTransitGateway {
    public final String id;
    final Map<FVpc, Attachment> byVpc = new HashMap<>();

    FTransitGateway(String id) {
        this.id = id;
    }

    /** The attachment of VPC {@code v} (the loader guarantees one when a route targets this gateway), or null. */
    public Attachment attachmentOf(FVpc v) {
        return byVpc.get(v);
    }

    /** The zone key of a subnet: its AZ id when given, else its AZ name, else "" (no AZ written). */
    public static String zone(FSubnet s) {
        if (s.subnet.azId() != null) return s.subnet.azId();
        return s.subnet.az() == null ? "" : s.subnet.az();
    }

    /** One route candidate; {@code origin} breaks ties between equal prefixes. */
    public static final class Route {
        /** Where a route came from, in the order a transit gateway prefers equal prefixes (first wins). */
        public enum Origin { STATIC, PREFIX_LIST, PROPAGATED_VPC, PROPAGATED_VPN }
        public final Cidr cidr;
        public final String prefixList;
        /** Null for a blackhole. */
        public final Attachment attachment;
        public final boolean blackhole;
        public final Origin origin;

        Route(Cidr cidr, String prefixList, Attachment attachment, boolean blackhole, Origin origin) {
            this.cidr = cidr;
            this.prefixList = prefixList;
            this.attachment = attachment;
            this.blackhole = blackhole;
            this.origin = origin;
        }

        public boolean propagated() {
            return origin == Origin.PROPAGATED_VPC || origin == Origin.PROPAGATED_VPN;
        }

        static Route better(Route a, Route b) {
            return b.origin.compareTo(a.origin) < 0 ? b : a;
        }
    }

    public static final class RouteTable {
        public final String id;
        final PrefixTrie<Route> v4 = new PrefixTrie<>(4);
        final PrefixTrie<Route> v6 = new PrefixTrie<>(6);

        RouteTable(String id) {
            this.id = id;
        }

        void add(Route r) {
            (r.cidr.version() == 4 ? v4 : v6).put(r.cidr, r, Route::better);
        }

        /** The route chosen for {@code dst}, or null when none matches. */
        public Route lookup(Ip dst) {
            return dst.isV4() ? v4.longestMatch(dst) : v6.longestMatch(dst);
        }
    }

    public static final class Attachment {
        public final String id;
        public final FTransitGateway transitGateway;
        public final TransitGateway.Attachment.Type type;
        /** VPC attachments: the VPC and its attachment subnets in written order. */
        public final FVpc vpc;
        public final FSubnet[] subnets;
        /** Null: no association (traffic from this attachment is dropped). */
        public final RouteTable association;
        public final boolean applianceMode;
        /** A VPC attachment's Ipv6Support option (VPN attachments: true, they carry what their remote CIDRs hold). */
        public final boolean ipv6Support;
        final Cidr[] remoteCidrs;
        final ExternalNetwork[] externals;

        Attachment(String id, FTransitGateway tgw, TransitGateway.Attachment.Type type, FVpc vpc, FSubnet[] subnets,
                   RouteTable association, boolean applianceMode, boolean ipv6Support, Cidr[] remoteCidrs, ExternalNetwork[] externals) {
            this.ipv6Support = ipv6Support || type == TransitGateway.Attachment.Type.VPN;
            this.id = id;
            this.transitGateway = tgw;
            this.type = type;
            this.vpc = vpc;
            this.subnets = subnets;
            this.association = association;
            this.applianceMode = applianceMode;
            this.remoteCidrs = remoteCidrs;
            this.externals = externals;
        }

        public boolean isVpn() {
            return type == TransitGateway.Attachment.Type.VPN;
        }

        /** The attachment subnet in {@code zone}, or null. */
        public FSubnet subnetIn(String zone) {
            for (FSubnet s : subnets) if (zone(s).equals(zone)) return s;
            return null;
        }

        /** VPN attachments: the external (or this attachment's id for a remote CIDR) receiving {@code dst}, or null. */
        public String reach(Ip dst) {
            for (ExternalNetwork x : externals) if (x.contains(dst)) return x.id();
            for (Cidr c : remoteCidrs) if (c.contains(dst)) return id;
            return null;
        }
    }
}
