package io.reachsim.feed;

import io.reachsim.model.Network;
import io.reachsim.model.Scenario;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios under watch and where each network lives. A network's home is the account of its VPCs
 * (when the scenario or snapshot names one) and its region; a network without an account follows
 * every account's events of its region. Events and baselines keyed {@code account/region} apply to
 * the networks whose home matches.
 */
public final class WatchedNetworks {

    /** One scenario's network and expectations. */
    public record Entry(Scenario scenario, String account, String region, List<Watched> watched) {
        public boolean matches(String eventAccount, String eventRegion) {
            return region.equals(eventRegion) && (account == null || account.equals(eventAccount));
        }
    }

    private final List<Entry> entries;

    public WatchedNetworks(List<Scenario> scenarios) {
        List<Entry> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            List<Watched> w = new ArrayList<>();
            for (int i = 0; i < s.expectations().size(); i++) {
                w.add(new Watched(s.file() + "#" + i, s.file(), s.name(), i, s.expectations().get(i)));
            }
            out.add(new Entry(s, account(s.network()), s.network().region(), w));
        }
        this.entries = List.copyOf(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The networks an {@code account/region} key applies to. */
    public List<Entry> forKey(String key) {
        int slash = key.indexOf('/');
        String account = slash < 0 ? key : key.substring(0, slash);
        String region = slash < 0 ? "" : key.substring(slash + 1);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.matches(account, region)) out.add(e);
        return out;
    }

    private static String account(Network n) {
        for (Vpc v : n.vpcs()) if (v.account() != null) return v.account();
        return null;
    }
}
