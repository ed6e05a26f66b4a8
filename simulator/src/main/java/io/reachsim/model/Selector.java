package io.reachsim.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a selector (DESIGN §9) selects. Members are instances ({@code instance:ID}) and interfaces that
 * belong to no instance ({@code eni:ID}); load balancer nodes, interface endpoints and pods are reached
 * through their own references and are not members. An interface carries its instance's tags too.
 */
public sealed interface Selector {

    /** {@code tag:KEY=VALUE} ({@code *} in VALUE matches any characters) or, with {@code value} null, {@code tag:KEY}. */
    record Tag(String key, String value) implements Selector {
        boolean matches(Map<String, String> tags) {
            String v = tags.get(key);
            if (v == null) return false;
            if (value == null) return true;
            if (!value.contains("*")) return value.equals(v);
            return Pattern.compile(glob(value), Pattern.DOTALL).matcher(v).matches();
        }

        private static String glob(String g) {
            StringBuilder re = new StringBuilder();
            int start = 0;
            for (int i = g.indexOf('*'); i >= 0; i = g.indexOf('*', start)) {
                re.append(Pattern.quote(g.substring(start, i))).append(".*");
                start = i + 1;
            }
            return re.append(Pattern.quote(g.substring(start))).toString();
        }
    }

    /** {@code sg:ID}: every member carrying the security group. */
    record Group(String id) implements Selector {}

    /** {@code vpc:ID}: every member in the VPC. */
    record InVpc(String id) implements Selector {}

    /** {@code any}: every member of the network. */
    record Any() implements Selector {}

    /** {@code internet:*}: every public internet address (answered per class of source addresses). */
    record AllInternet() implements Selector {}

    /** The members in network order: {@code InstanceRef}s and {@code EniRef}s; empty for {@code internet:*}. */
    default List<EndpointRef> members(Network n) {
        List<EndpointRef> out = new ArrayList<>();
        if (this instanceof AllInternet) return out;
        Set<String> notMembers = notMembers(n);
        Map<String, String> vpcOfSubnet = new java.util.HashMap<>();
        for (Subnet s : n.subnets()) vpcOfSubnet.put(s.id(), s.vpc());
        Map<String, List<NetworkInterface>> byInstance = new java.util.HashMap<>();
        for (NetworkInterface e : n.networkInterfaces()) {
            if (e.instance() != null) byInstance.computeIfAbsent(e.instance(), k -> new ArrayList<>()).add(e);
        }
        for (Instance i : n.instances()) {
            List<NetworkInterface> enis = byInstance.getOrDefault(i.id(), List.of());
            boolean match;
            if (this instanceof Tag t) match = t.matches(i.tags()) || enis.stream().anyMatch(e -> t.matches(e.tags()));
            else if (this instanceof Group g) match = enis.stream().anyMatch(e -> e.securityGroups().contains(g.id()));
            else if (this instanceof InVpc v) match = v.id().equals(vpcOfSubnet.get(i.subnet()));
            else match = this instanceof Any;
            if (match) out.add(new EndpointRef.InstanceRef(i.id()));
        }
        for (NetworkInterface e : n.networkInterfaces()) {
            if (e.instance() != null || notMembers.contains(e.id())) continue;
            boolean match;
            if (this instanceof Tag t) match = t.matches(e.tags());
            else if (this instanceof Group g) match = e.securityGroups().contains(g.id());
            else if (this instanceof InVpc v) match = v.id().equals(vpcOfSubnet.get(e.subnet()));
            else match = this instanceof Any;
            if (match) out.add(new EndpointRef.EniRef(e.id()));
        }
        return out;
    }

    /** Interfaces reached through their own references: load balancer nodes, interface endpoints, pods. */
    private static Set<String> notMembers(Network n) {
        Set<String> s = new HashSet<>();
        for (LoadBalancer lb : n.loadBalancers()) s.addAll(lb.networkInterfaces());
        for (Pod p : n.pods()) s.add(p.id());
        for (VpcEndpoint v : n.vpcEndpoints()) s.addAll(v.networkInterfaces());
        return s;
    }
}
