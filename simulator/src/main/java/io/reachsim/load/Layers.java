package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Origin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code network.import: [a, b, …]}: each layer laid on the one before. An item of the upper layer
 * replaces the item of the lower one with the same id, an id in {@code removed} (a resource a plan
 * destroys) takes the lower item away, every other item is added. What AWS derives from a replaced or
 * removed item goes with it: an instance's interfaces, a cluster's pods.
 */
public final class Layers {
    private Layers() {}

    /** The lower network without the items whose ids are in {@code ids} (and what is derived from them). */
    public static Network without(Network below, Set<String> ids) {
        if (ids.isEmpty()) return below;
        Network.Builder b = below.toBuilder();
        Set<String> gone = new HashSet<>(ids);
        b.vpcs.removeIf(x -> gone.contains(x.id()));
        b.subnets.removeIf(x -> gone.contains(x.id()));
        b.routeTables.removeIf(x -> gone.contains(x.id()));
        b.internetGateways.removeIf(x -> gone.contains(x.id()));
        b.egressOnlyInternetGateways.removeIf(x -> gone.contains(x.id()));
        b.natGateways.removeIf(x -> gone.contains(x.id()));
        b.vpnGateways.removeIf(x -> gone.contains(x.id()));
        b.networkAcls.removeIf(x -> gone.contains(x.id()));
        b.securityGroups.removeIf(x -> gone.contains(x.id()));
        b.prefixLists.removeIf(x -> gone.contains(x.id()));
        b.instances.removeIf(x -> gone.contains(x.id()));
        b.networkInterfaces.removeIf(x -> gone.contains(x.id()) || x.instance() != null && gone.contains(x.instance()));
        b.externals.removeIf(x -> gone.contains(x.id()));
        b.vpcEndpoints.removeIf(x -> gone.contains(x.id()));
        b.eksClusters.removeIf(x -> gone.contains(x.name()));
        b.pods.removeIf(x -> gone.contains(x.id()) || gone.contains(x.cluster()));
        b.vpcPeerings.removeIf(x -> gone.contains(x.id()));
        b.transitGateways.removeIf(x -> gone.contains(x.id()));
        b.loadBalancers.removeIf(x -> gone.contains(x.id()));
        b.endpointServices.removeIf(x -> gone.contains(x.id()));
        return b.build();
    }

    /** {@code above} laid on {@code below}: replace by id, remove {@code removed}, add the rest. */
    public static SnapshotImport overlay(SnapshotImport below, SnapshotImport above, Set<String> removed) {
        Network a = above.network();
        Set<String> replaced = new HashSet<>(removed);
        replaced.addAll(a.kindsById().keySet());
        a.eksClusters().forEach(c -> replaced.add(c.name()));
        Network.Builder b = without(below.network(), replaced).toBuilder();
        Network.Builder t = a.toBuilder();
        b.vpcs.addAll(t.vpcs);
        b.subnets.addAll(t.subnets);
        b.routeTables.addAll(t.routeTables);
        b.internetGateways.addAll(t.internetGateways);
        b.egressOnlyInternetGateways.addAll(t.egressOnlyInternetGateways);
        b.natGateways.addAll(t.natGateways);
        b.vpnGateways.addAll(t.vpnGateways);
        b.networkAcls.addAll(t.networkAcls);
        b.securityGroups.addAll(t.securityGroups);
        b.prefixLists.addAll(t.prefixLists);
        b.instances.addAll(t.instances);
        b.networkInterfaces.addAll(t.networkInterfaces);
        b.externals.addAll(t.externals);
        b.vpcEndpoints.addAll(t.vpcEndpoints);
        b.eksClusters.addAll(t.eksClusters);
        b.pods.addAll(t.pods);
        b.vpcPeerings.addAll(t.vpcPeerings);
        b.transitGateways.addAll(t.transitGateways);
        b.loadBalancers.addAll(t.loadBalancers);
        b.endpointServices.addAll(t.endpointServices);
        if (!a.lattice().serviceNetworks().isEmpty() || !a.lattice().services().isEmpty()) b.lattice(a.lattice());
        dedupe(b.networkInterfaces, x -> x.id());
        Map<String, Origin> origins = new LinkedHashMap<>(below.origins());
        origins.putAll(above.origins());
        List<LoadError> warnings = new ArrayList<>(below.warnings());
        warnings.addAll(above.warnings());
        return new SnapshotImport(below.folder() + " + " + above.folder(), b.build(),
                below.summary() + "\n" + above.summary(), warnings, below.report() + "\n" + above.report(), origins);
    }

    /** Keeps the last item of each id (the upper layer's). */
    private static <T> void dedupe(List<T> items, Function<T, String> id) {
        Map<String, T> last = new LinkedHashMap<>();
        for (T x : items) {
            last.remove(id.apply(x));
            last.put(id.apply(x), x);
        }
        items.clear();
        items.addAll(last.values());
    }
}
