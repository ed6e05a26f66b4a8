package io.reachsim.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The import report: what was read per type, every networking resource left out (with its address and
 * why), addresses assigned in place of values unknown until apply, and how many non-networking resources
 * were ignored. Nothing is dropped silently.
 */
final class Report {
    /** Types that shape the network but are not modelled: named with their address in the report. */
    private static final List<String> NETWORKING_PREFIXES = List.of("aws_vpc", "aws_subnet", "aws_route", "aws_security_group",
            "aws_default_", "aws_network_", "aws_nat_", "aws_eip", "aws_internet_gateway", "aws_egress_only", "aws_ec2_transit_gateway",
            "aws_ec2_managed_prefix_list", "aws_lb", "aws_alb", "aws_elb", "aws_eks_", "aws_vpn_", "aws_customer_gateway",
            "aws_vpclattice_", "aws_instance", "aws_dx_", "aws_networkfirewall_", "aws_ec2_client_vpn", "aws_globalaccelerator_",
            "aws_route53_resolver", "aws_main_route_table", "aws_launch_template", "aws_autoscaling_group", "aws_flow_log");

    private final String file;
    private final Map<String, Integer> read = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> assigned = new ArrayList<>();
    private final Map<String, List<String>> notModelled = new TreeMap<>();
    private int ignored;
    private int data;

    Report(String file) {
        this.file = file;
    }

    void read(String type, int n) {
        read.put(type, n);
    }

    void skip(String address, String why) {
        skipped.add(address + ": " + why);
    }

    void note(String s) {
        notes.add(s);
    }

    void assigned(String address, String attr, String value) {
        assigned.add(address + "." + attr + " = " + value);
    }

    /** Sorts the resources no converter read into not-modelled networking types, data sources and the rest. */
    void unread(List<TfDoc.Res> resources) {
        for (TfDoc.Res r : resources) {
            if (!r.managed()) {
                data++;
            } else if (!read.containsKey(r.type())) {
                if (NETWORKING_PREFIXES.stream().anyMatch(p -> r.type().startsWith(p))) {
                    notModelled.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.address());
                } else {
                    ignored++;
                }
            }
        }
    }

    List<String> skipped() {
        return skipped;
    }

    List<String> notModelled() {
        List<String> l = new ArrayList<>();
        notModelled.forEach((t, as) -> as.forEach(a -> l.add(a)));
        return l;
    }

    String summary(String kind) {
        int n = read.values().stream().mapToInt(Integer::intValue).sum();
        int nm = notModelled.values().stream().mapToInt(List::size).sum();
        return file + ": Terraform " + kind + "; " + n + " networking resources read (" + read.size() + " types)"
                + (nm > 0 ? ", " + nm + " of types not modelled" : "") + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped")
                + (ignored > 0 ? ", " + ignored + " non-networking ignored" : "") + (data > 0 ? ", " + data + " data sources (read from the layers below)" : "");
    }

    String text(String kind) {
        StringBuilder b = new StringBuilder(summary(kind)).append('\n');
        b.append("read:\n");
        read.forEach((t, n) -> b.append("  ").append(t).append(": ").append(n).append('\n'));
        if (!notModelled.isEmpty()) {
            b.append("networking resources of types not modelled (left out):\n");
            notModelled.forEach((t, as) -> as.forEach(a -> b.append("  ").append(a).append('\n')));
        }
        if (!skipped.isEmpty()) {
            b.append("skipped:\n");
            skipped.forEach(s -> b.append("  ").append(s).append('\n'));
        }
        if (!assigned.isEmpty()) {
            b.append("values unknown until apply, assigned here:\n");
            assigned.forEach(s -> b.append("  ").append(s).append('\n'));
        }
        if (!notes.isEmpty()) {
            b.append("notes:\n");
            notes.forEach(s -> b.append("  ").append(s).append('\n'));
        }
        b.append("ignored: ").append(ignored).append(" non-networking resources, ").append(data).append(" data sources\n");
        return b.toString();
    }
}
