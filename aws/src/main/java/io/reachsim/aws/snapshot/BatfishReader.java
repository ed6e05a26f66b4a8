package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of Batfish's AWS snapshot layout ({@code aws_configs/}, optionally per account and region folders)
 * that the AWS CLI does not print. Four wrap one call per resource of a describe-* or get-* output with the
 * id the output itself leaves out, e.g. {@code {"TransitGatewayPropagations": [{"TransitGatewayRouteTableId":
 * "tgw-rtb-1", "TransitGatewayRouteTablePropagations": [...]}]}}: their items are read as that output's items
 * of that resource, as if the id were in the file name. {@code LoadBalancerAttributes} wraps
 * describe-load-balancer-attributes per load balancer ARN; {@code AvailabilityZones}, {@code ServiceNames} /
 * {@code ServiceDetails} and {@code CustomerGateways} are AWS's describe-availability-zones,
 * describe-vpc-endpoint-services and describe-customer-gateways outputs.
 */
final class BatfishReader extends FamilyReader {
    /** A wrapper key: the field naming the resource, and the describe-* key its items are read as. */
    record Wrapper(String idField, String itemsKey) {
    }

    static final Map<String, Wrapper> WRAPPERS = Map.of(
            "LoadBalancerListeners", new Wrapper("LoadBalancerArn", "Listeners"),
            "LoadBalancerTargetHealth", new Wrapper("TargetGroupArn", "TargetHealthDescriptions"),
            "TransitGatewayPropagations", new Wrapper("TransitGatewayRouteTableId", "TransitGatewayRouteTablePropagations"),
            "TransitGatewayStaticRoutes", new Wrapper("TransitGatewayRouteTableId", "Routes"));

    /** Batfish's keys and AWS outputs read as lists of objects. */
    static final List<String> LIST_KEYS = List.of("LoadBalancerAttributes", "AvailabilityZones", "ServiceDetails", "CustomerGateways");

    /** ELBv2's attribute for cross-zone load balancing (describe-load-balancer-attributes). */
    static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";

    BatfishReader(FamilyReader shared) {
        super(shared);
    }

    /** One item of a wrapper key: its items go to the wrapped key, with the resource's id as their parent. */
    void unwrap(JsonDoc d, String key, JsonNode wrapper, String parentInKey) {
        Wrapper w = WRAPPERS.get(key);
        Item at = new Item(d, wrapper);
        String found = at.str(w.idField());
        String id = found != null ? found : parentInKey;
        if (id == null) {
            errors.add(new LoadError(at.at(), "an item of '" + key + "' without '" + w.idField() + "'"));
            return;
        }
        JsonNode items = wrapper.get(w.itemsKey());
        if (items == null || items.isNull()) {
            report.skip(at.at(), "an item of '" + key + "'", "it has no '" + w.itemsKey() + "'");
            return;
        }
        if (!items.isArray()) {
            errors.add(new LoadError(d.at(items), "'" + w.itemsKey() + "' of an item of '" + key
                    + "' must be a JSON array, found " + type(items)));
            return;
        }
        for (JsonNode n : items) {
            if (!n.isObject()) {
                errors.add(new LoadError(d.at(n), "an item of '" + w.itemsKey() + "' must be a JSON object, found " + type(n)));
                continue;
            }
            lists.computeIfAbsent(w.itemsKey(), k -> new ArrayList<>()).add(new Item(d, n, id));
        }
    }

    /** Zone name to zone id (us-east-2a to use2-az1), from describe-availability-zones. */
    Map<String, String> zoneIds() {
        Map<String, String> m = new HashMap<>();
        for (Item z : items("AvailabilityZones")) if (z.str("ZoneName") != null && z.str("ZoneId") != null) m.putIfAbsent(z.str("ZoneName"), z.str("ZoneId"));
        return m;
    }

    /** Load balancer ARN to its cross-zone attribute, where the snapshot says. */
    Map<String, Boolean> crossZone() {
        Map<String, Boolean> m = new HashMap<>();
        for (Item a : items("LoadBalancerAttributes")) {
            String arn = a.str("LoadBalancerArn");
            if (arn == null) continue;
            for (Item kv : a.list("Attributes")) if (CROSS_ZONE.equals(kv.str("Key"))) m.put(arn, "true".equalsIgnoreCase(kv.str("Value")));
        }
        return m;
    }

    /** What the region offers and the VPN peers: read for the report; nothing in the network depends on them. */
    void regionInfo(List<String> serviceNames) {
        report.kind("availability zones");
        for (Item z : items("AvailabilityZones")) {
            if (state(z, "State", "available")) report.count("availability zones");
            else report.skip(z.at(), "availability zone '" + z.str("ZoneName") + "'", "state is " + z.str("State") + ", not available");
        }
        java.util.Set<String> services = new java.util.LinkedHashSet<>(serviceNames);
        for (Item s : items("ServiceDetails")) if (s.str("ServiceName") != null) services.add(s.str("ServiceName"));
        for (int i = 0; i < services.size(); i++) report.count("endpoint service names");
        report.kind("customer gateways");
        for (Item c : items("CustomerGateways")) {
            String id = c.str("CustomerGatewayId");
            if (id == null) continue;
            if (state(c, "State", "available")) report.count("customer gateways");
            else report.skip(c.at(), "customer gateway '" + id + "'", "state is " + c.str("State") + ", not available");
        }
    }
}
