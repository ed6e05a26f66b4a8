package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.model.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the documents of one snapshot into a {@link Network} and an {@link ImportReport}. Field names
 * and values are AWS's (EC2 and ELB PascalCase, EKS and VPC Lattice camelCase), as in the API
 * references of DescribeVpcs, DescribeSubnets, ..., DescribeCluster, ListServiceNetworks.
 *
 * <p>What is wrong in the data (a key holding the wrong JSON type, a CIDR that does not parse, an item
 * without its id) is an error; what is valid AWS data but cannot or need not be modelled (a resource
 * not available, a route to a carrier gateway, a reference to something outside the snapshot) is
 * skipped and reported with the reason.
 */
final class SnapshotReader extends FamilyReader {
    /** Top-level keys of list outputs, and the kind each holds (for the report's unknown-key check). */
    private static final Set<String> LIST_KEYS = Set.of("Vpcs", "Subnets", "RouteTables", "SecurityGroups", "NetworkAcls",
            "InternetGateways", "EgressOnlyInternetGateways", "NatGateways", "NetworkInterfaces", "Reservations", "Addresses",
            "VpcPeeringConnections", "TransitGateways", "TransitGatewayAttachments", "TransitGatewayVpcAttachments",
            "TransitGatewayRouteTables", "Associations", "TransitGatewayRouteTablePropagations", "Routes", "VpcEndpoints",
            "ServiceConfigurations", "PrefixLists", "Entries", "VpnGateways", "VpnConnections", "LoadBalancers", "Listeners", "TargetGroups",
            "TargetHealthDescriptions", "items");
    /**
     * Outputs that list the items of one resource without naming it. In a file the resource's id is in the
     * file name; in a merged document (and in a file, too) the key may name it: "Entries:pl-0123",
     * "Routes:tgw-rtb-0abc", "TargetHealthDescriptions:my-targets", "items:tg-0abc".
     */
    private static final Set<String> PARENTED = Set.of("Entries", "Associations", "TransitGatewayRouteTablePropagations", "Routes",
            "TargetHealthDescriptions", "items", "TransitGatewayPropagations", "TransitGatewayStaticRoutes", "LoadBalancerTargetHealth",
            "LoadBalancerListeners");
    /** Keys that carry no resources: pagination and request metadata. */
    private static final Set<String> IGNORED_KEYS = Set.of("NextToken", "nextToken", "ResponseMetadata", "NextMarker",
            "AdditionalRoutesAvailable", "VpcId", "EnableDnsSupport", "EnableDnsHostnames");

    private final BatfishReader batfish = new BatfishReader(this);
    private final List<String> serviceNames = new ArrayList<>();

    SnapshotReader(String source, String defaultRegion, List<JsonDoc> docs) {
        super(source, defaultRegion, docs);
    }

    Snapshots.Result read() throws LoadException {
        classify();
        VpcReader vpc = new VpcReader(this);
        FilterReader filters = new FilterReader(this);
        InterfaceReader interfaces = new InterfaceReader(this);
        GatewayReader gateways = new GatewayReader(this);
        TransitGatewayReader tgw = new TransitGatewayReader(this);
        EndpointReader endpoints = new EndpointReader(this);
        ElbReader elb = new ElbReader(this);
        EksReader eks = new EksReader(this);
        LatticeReader lattice = new LatticeReader(this);
        out.region(defaultRegion);
        vpc.prefixLists();
        Map<String, String> mainTables = new HashMap<>();
        Map<String, String> subnetTables = new HashMap<>();
        Map<String, String> defaultAcls = new HashMap<>();
        Map<String, String> subnetAcls = new HashMap<>();
        Map<String, String> defaultSgs = new HashMap<>();
        vpc.scanAssociations(mainTables, subnetTables, defaultAcls, subnetAcls, defaultSgs);
        vpc.vpcs(mainTables, defaultAcls, defaultSgs);
        vpc.subnets(subnetTables, subnetAcls, batfish.zoneIds());
        gateways.gateways();
        gateways.registerTargets();
        filters.networkAcls();
        filters.securityGroups();
        gateways.natGateways();
        Map<String, List<String>> eksInterfaces = new LinkedHashMap<>();
        Map<String, List<String>> elbInterfaces = new LinkedHashMap<>();
        interfaces.interfacesAndInstances(eksInterfaces, elbInterfaces);
        interfaces.addresses();
        vpc.peerings();
        tgw.transitGateways();
        vpc.routeTables();
        endpoints.vpcEndpoints();
        Map<String, String> lbByArn = new HashMap<>();
        elb.loadBalancers(elbInterfaces, lbByArn, batfish.crossZone());
        endpoints.endpointServices(lbByArn);
        eks.eks(eksInterfaces);
        lattice.lattice();
        batfish.regionInfo(serviceNames);
        vpc.implicitDefaults(mainTables, defaultAcls, defaultSgs);
        if (!errors.isEmpty()) throw new LoadException(errors);
        Network network = out.build();
        return new Snapshots.Result(network, report.build(), origins);
    }


    void classify() {
        for (JsonDoc d : docs) {
            report.files.add(d.file);
            if (d.account != null) report.accounts.add(d.account);
            if (!d.root.isObject()) {
                errors.add(new LoadError(d.at(d.root), "expected a JSON object with a key such as \"Vpcs\" or \"Subnets\""
                        + " (the output of aws ec2 describe-vpcs, ...), found " + type(d.root)));
                continue;
            }
            boolean known = false;
            var fields = d.root.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                String parent = null;
                int colon = key.indexOf(':');
                if (colon > 0 && PARENTED.contains(key.substring(0, colon)) && colon < key.length() - 1) {
                    parent = key.substring(colon + 1).trim();
                    key = key.substring(0, colon);
                }
                if (key.equals("cluster")) {
                    known = true;
                    if (expectObject(d, key, v)) clusters.add(new Item(d, v));
                } else if (key.equals("nodegroup")) {
                    known = true;
                    if (expectObject(d, key, v)) nodegroups.add(new Item(d, v));
                } else if (key.equals("items")) {
                    known = true;
                    if (expectArray(d, key, v)) for (JsonNode n : v) if (expectObject(d, "an item of 'items'", n)) lattice.add(new Item(d, n, parent));
                } else if (BatfishReader.WRAPPERS.containsKey(key)) {
                    known = true;
                    if (!expectArray(d, key, v)) continue;
                    for (JsonNode n : v) if (expectObject(d, "an item of '" + key + "'", n)) batfish.unwrap(d, key, n, parent);
                } else if (key.equals("ServiceNames")) {
                    known = true;
                    if (expectArray(d, key, v)) for (JsonNode n : v) if (n.isTextual()) serviceNames.add(n.asText());
                } else if (LIST_KEYS.contains(key) || BatfishReader.LIST_KEYS.contains(key)) {
                    known = true;
                    if (!expectArray(d, key, v)) continue;
                    for (JsonNode n : v) {
                        if (expectObject(d, "an item of '" + key + "'", n)) lists.computeIfAbsent(key, k -> new ArrayList<>()).add(new Item(d, n, parent));
                    }
                } else if (key.equals("EnableDnsSupport") || key.equals("EnableDnsHostnames")) {
                    known = true;
                    dnsAttributes.add(new Item(d, d.root));
                } else if (key.equals("NextToken") || key.equals("nextToken")) {
                    report.note(d.at(v), "pagination token '" + key + "'", "this file is one page of the output; save the"
                            + " whole output (the AWS CLI pages through it by itself unless --max-items or --no-paginate is given)");
                } else if (key.equals("AdditionalRoutesAvailable")) {
                    if (v.asBoolean(false)) {
                        report.note(d.at(v), "search-transit-gateway-routes output", "AdditionalRoutesAvailable is true: the file"
                                + " holds only the first routes (raise --max-results)");
                    }
                } else if (IGNORED_KEYS.contains(key)) {
                    // request metadata, no resources
                } else if (d.root.has("id") && d.root.has("arn")) {
                    known = true; // a vpc-lattice get-* output: the document is the item
                } else {
                    report.skip(d.at(v), "top-level key '" + key + "'", "not a describe-*/list-* output reachsim reads"
                            + " (known keys: Vpcs, Subnets, RouteTables, SecurityGroups, NetworkAcls, ... ; see README)");
                }
            }
            if (d.root.has("id") && d.root.has("arn")) lattice.add(new Item(d, d.root));
            if (!known && d.root.size() == 0) report.skip(d.at(d.root), "empty JSON object", "nothing to read");
        }
        if (docs.stream().allMatch(d -> d.account == null)) report.accounts.clear();
    }

    boolean expectArray(JsonDoc d, String key, JsonNode v) {
        if (v.isArray()) return true;
        errors.add(new LoadError(d.at(v), "'" + key + "' must be a JSON array, found " + type(v)));
        return false;
    }

    boolean expectObject(JsonDoc d, String what, JsonNode v) {
        if (v.isObject()) return true;
        errors.add(new LoadError(d.at(v), what + " must be a JSON object, found " + type(v)));
        return false;
    }
}
