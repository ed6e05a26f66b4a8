package io.reachsim.feed;

import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Scenario;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scenarios under watch and where each network lives. A network is the unit of work: its id (the
 * scenario file) keys its changes, so one network's updates are applied in order by one task. It holds
 * resources of every account its VPCs, subnets (owners and the accounts they are shared with, AWS RAM),
 * security groups, interfaces and transit gateways name, in every region its VPCs and gateways name;
 * an event of any of those accounts and regions is sent to it. A network that names no account
 * follows every account's events of its regions.
 */
public final class WatchedNetworks {

    /** One scenario's network and expectations; {@code accounts} empty: any account. */
    public record Entry(String id, Scenario scenario, Set<String> accounts, Set<String> regions, List<Watched> watched) {
        public Entry {
            accounts = Set.copyOf(accounts);
            regions = Set.copyOf(regions);
            watched = List.copyOf(watched);
        }

        public boolean matches(String eventAccount, String eventRegion) {
            return regions.contains(eventRegion) && (accounts.isEmpty() || accounts.contains(eventAccount));
        }

        /** Whether a snapshot of one account describes the whole network (a baseline replaces all of it). */
        boolean wholeIn(String account) {
            return accounts.isEmpty() || accounts.equals(Set.of(account));
        }

        /** An account to name in outputs that have no event to take it from. */
        String homeAccount() {
            return accounts.isEmpty() ? null : new TreeSet<>(accounts).first();
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byId = new LinkedHashMap<>();

    public WatchedNetworks(List<Scenario> scenarios) {
        List<Entry> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            List<Watched> w = new ArrayList<>();
            for (int i = 0; i < s.expectations().size(); i++) {
                w.add(new Watched(s.file() + "#" + i, s.file(), s.name(), i, s.expectations().get(i)));
            }
            Entry e = new Entry(s.file(), s, accounts(s.network()), regions(s.network()), w);
            if (byId.putIfAbsent(e.id(), e) != null) throw new IllegalArgumentException("scenario " + s.file() + " is watched twice");
            out.add(e);
        }
        this.entries = List.copyOf(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The network with this id (its scenario file), or null. */
    public Entry byId(String id) {
        return byId.get(id);
    }

    /** The networks an event or baseline of {@code account} in {@code region} is sent to. */
    public List<Entry> holding(String account, String region) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.matches(account, region)) out.add(e);
        return out;
    }

    /** The networks an {@code account/region} key applies to. */
    public List<Entry> forKey(String key) {
        int slash = key.indexOf('/');
        return holding(slash < 0 ? key : key.substring(0, slash), slash < 0 ? "" : key.substring(slash + 1));
    }

    static Set<String> accounts(Network n) {
        Set<String> a = new TreeSet<>();
        for (Vpc v : n.vpcs()) add(a, v.account());
        for (Subnet s : n.subnets()) {
            add(a, s.owner());
            s.sharedWith().forEach(x -> add(a, x));
        }
        for (SecurityGroup g : n.securityGroups()) add(a, g.account());
        for (NetworkInterface i : n.networkInterfaces()) add(a, i.account());
        for (TransitGateway t : n.transitGateways()) add(a, t.account());
        return a;
    }

    static Set<String> regions(Network n) {
        Set<String> r = new TreeSet<>();
        add(r, n.region());
        for (Vpc v : n.vpcs()) add(r, v.region());
        for (TransitGateway t : n.transitGateways()) add(r, t.region());
        return r;
    }

    private static void add(Set<String> s, String v) {
        if (v != null && !v.isBlank()) s.add(v);
    }
}
