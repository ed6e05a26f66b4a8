package io.reachsim.aws.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.ListListenersResponse;
import software.amazon.awssdk.services.vpclattice.model.ListServiceNetworkVpcAssociationsResponse;
import software.amazon.awssdk.services.vpclattice.model.ListServiceNetworksResponse;
import software.amazon.awssdk.services.vpclattice.model.ListServicesResponse;
import software.amazon.awssdk.services.vpclattice.model.ListTargetGroupsResponse;
import software.amazon.awssdk.services.vpclattice.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code reachsim import aws}: reads one account and region through the AWS SDK and writes the snapshot
 * layout of DESIGN §6, {@code OUT/<account>/<region>/<api>.json}, each file holding what the AWS CLI
 * prints for that call ({@code describe-vpcs.json} → {@code {"Vpcs": [...]}}), every page merged.
 *
 * <p>Calls about one resource (a transit gateway route table's routes, a prefix list's entries, an EKS
 * cluster, a Lattice service's listeners) write one file each, named {@code <api>--<resource>.json}; the
 * CLI's output for them does not repeat the resource, so the file name and {@link ImportReport#FILE}
 * carry it. ELBv2 files start with {@code elbv2-}, EKS with {@code eks-}, VPC Lattice with
 * {@code vpc-lattice-}; EC2's have no prefix.
 *
 * <p>An API that AWS refuses (AccessDenied, UnauthorizedOperation) or that fails after the SDK's retries
 * is recorded and skipped; the rest of the import goes on. Only STS GetCallerIdentity is essential: without
 * the account id there is no folder to write to.
 */
public final class LiveImport {
    /** Error codes that mean "these credentials may not call this", across EC2, ELBv2, EKS and Lattice. */
    static final Set<String> DENIED = Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException",
            "UnauthorizedException", "AuthFailure", "UnrecognizedClientException", "Blocked");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final AwsConnection connection;
    private final ImportListener listener;
    private final List<ApiCall> calls = new ArrayList<>();
    private Path dir;

    public LiveImport(AwsConnection connection, ImportListener listener) {
        this.connection = connection;
        this.listener = listener == null ? ImportListener.NONE : listener;
    }

    /** The whole import into {@code out}; throws when the account cannot be identified (nothing is written then). */
    public ImportReport run(Path out) throws ImportException {
        String account = account();
        String region = connection.region();
        listener.account(account, region);
        dir = out.resolve(account).resolve(region);
        try {
            Files.createDirectories(dir);
            forgetPreviousImport(dir);
        } catch (IOException e) {
            throw new ImportException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ec2(connection.ec2());
        elbv2(connection.elbv2());
        eks(connection.eks());
        lattice(connection.lattice());
        ImportReport report = new ImportReport(account, region, dir, calls);
        writeReport(report);
        return report;
    }

    private String account() throws ImportException {
        try {
            GetCallerIdentityResponse id = connection.sts().getCallerIdentity();
            return id.account();
        } catch (AwsServiceException e) {
            throw new ImportException("sts get-caller-identity: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage() + " (cannot tell which account these credentials belong to; nothing was written)", e);
        } catch (SdkException e) {
            throw new ImportException("sts get-caller-identity: " + AwsConnection.explain(e) + " (nothing was written)", e);
        }
    }

    // ---- EC2 ----

    private void ec2(Ec2Client ec2) {
        String s = "ec2";
        List<DescribeVpcsResponse> vpcs =
                fetch(s, "describe-vpcs", null, () -> ec2.describeVpcsPaginator(r -> { }));
        // DNS support and hostnames decide whether private endpoint names resolve (EKS private access, interface endpoints).
        for (var page : vpcs) {
            for (var vpc : page.vpcs()) {
                for (var attr : List.of(VpcAttributeName.ENABLE_DNS_SUPPORT,
                        VpcAttributeName.ENABLE_DNS_HOSTNAMES)) {
                    fetch(s, "describe-vpc-attribute", vpc.vpcId() + "/" + attr,
                            () -> List.of(ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId()).attribute(attr))));
                }
            }
        }
        fetch(s, "describe-subnets", null, () -> ec2.describeSubnetsPaginator(r -> { }));
        fetch(s, "describe-route-tables", null, () -> ec2.describeRouteTablesPaginator(r -> { }));
        fetch(s, "describe-security-groups", null, () -> ec2.describeSecurityGroupsPaginator(r -> { }));
        fetch(s, "describe-network-acls", null, () -> ec2.describeNetworkAclsPaginator(r -> { }));
        fetch(s, "describe-internet-gateways", null, () -> ec2.describeInternetGatewaysPaginator(r -> { }));
        fetch(s, "describe-egress-only-internet-gateways", null, () -> ec2.describeEgressOnlyInternetGatewaysPaginator(r -> { }));
        fetch(s, "describe-nat-gateways", null, () -> ec2.describeNatGatewaysPaginator(r -> { }));
        fetch(s, "describe-network-interfaces", null, () -> ec2.describeNetworkInterfacesPaginator(r -> { }));
        fetch(s, "describe-instances", null, () -> ec2.describeInstancesPaginator(r -> { }));
        fetch(s, "describe-vpc-peering-connections", null, () -> ec2.describeVpcPeeringConnectionsPaginator(r -> { }));
        fetch(s, "describe-vpc-endpoints", null, () -> ec2.describeVpcEndpointsPaginator(r -> { }));
        fetch(s, "describe-vpc-endpoint-service-configurations", null,
                () -> ec2.describeVpcEndpointServiceConfigurationsPaginator(r -> { }));
        // Not paginated by AWS: one call returns them all.
        fetch(s, "describe-vpn-gateways", null, () -> List.of(ec2.describeVpnGateways(r -> { })));
        // The networks behind a VPN gateway or transit gateway VPN attachment: the connections' static routes.
        fetch(s, "describe-vpn-connections", null, () -> List.of(ec2.describeVpnConnections(r -> { })));
        fetch(s, "describe-addresses", null, () -> List.of(ec2.describeAddresses(r -> { })));

        fetch(s, "describe-transit-gateways", null, () -> ec2.describeTransitGatewaysPaginator(r -> { }));
        fetch(s, "describe-transit-gateway-attachments", null, () -> ec2.describeTransitGatewayAttachmentsPaginator(r -> { }));
        fetch(s, "describe-transit-gateway-vpc-attachments", null, () -> ec2.describeTransitGatewayVpcAttachmentsPaginator(r -> { }));
        List<DescribeTransitGatewayRouteTablesResponse> tgwRts = fetch(s, "describe-transit-gateway-route-tables", null,
                () -> ec2.describeTransitGatewayRouteTablesPaginator(r -> { }));
        for (DescribeTransitGatewayRouteTablesResponse page : tgwRts) {
            for (TransitGatewayRouteTable rt : page.transitGatewayRouteTables()) {
                String id = rt.transitGatewayRouteTableId();
                fetch(s, "get-transit-gateway-route-table-associations", id,
                        () -> ec2.getTransitGatewayRouteTableAssociationsPaginator(r -> r.transitGatewayRouteTableId(id)));
                fetch(s, "get-transit-gateway-route-table-propagations", id,
                        () -> ec2.getTransitGatewayRouteTablePropagationsPaginator(r -> r.transitGatewayRouteTableId(id)));
                // SearchTransitGatewayRoutes needs a filter and is not paginated (AdditionalRoutesAvailable says
                // when more than MaxResults matched); these two states are every route that decides a path.
                fetch(s, "search-transit-gateway-routes", id, () -> List.of(ec2.searchTransitGatewayRoutes(r -> r
                        .transitGatewayRouteTableId(id)
                        .filters(f -> f.name("state").values("active", "blackhole"))
                        .maxResults(1000))));
            }
        }

        List<DescribeManagedPrefixListsResponse> pls = fetch(s, "describe-managed-prefix-lists", null,
                () -> ec2.describeManagedPrefixListsPaginator(r -> { }));
        for (DescribeManagedPrefixListsResponse page : pls) {
            for (ManagedPrefixList pl : page.prefixLists()) {
                String id = pl.prefixListId();
                fetch(s, "get-managed-prefix-list-entries", id, () -> ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(id)));
            }
        }
    }

    // ---- ELBv2 ----

    private void elbv2(ElasticLoadBalancingV2Client elb) {
        String s = "elbv2";
        List<DescribeLoadBalancersResponse> lbs = fetch(s, "describe-load-balancers", null, () -> elb.describeLoadBalancersPaginator(r -> { }));
        List<String> lbArns = new ArrayList<>();
        lbs.forEach(p -> p.loadBalancers().forEach(lb -> lbArns.add(lb.loadBalancerArn())));
        // DescribeListeners takes one load balancer at a time; each listener names its load balancer, so one file holds them all.
        fetchAll(s, "describe-listeners", lbArns, arn -> elb.describeListenersPaginator(r -> r.loadBalancerArn(arn)));
        List<DescribeTargetGroupsResponse> tgs = fetch(s, "describe-target-groups", null, () -> elb.describeTargetGroupsPaginator(r -> { }));
        for (DescribeTargetGroupsResponse page : tgs) {
            for (TargetGroup tg : page.targetGroups()) {
                String arn = tg.targetGroupArn();
                fetch(s, "describe-target-health", arn, () -> List.of(elb.describeTargetHealth(r -> r.targetGroupArn(arn))));
            }
        }
    }

    // ---- EKS ----

    private void eks(EksClient eks) {
        String s = "eks";
        List<ListClustersResponse> clusters = fetch(s, "list-clusters", null, () -> eks.listClustersPaginator(r -> { }));
        for (ListClustersResponse page : clusters) {
            for (String name : page.clusters()) {
                fetch(s, "describe-cluster", name, () -> List.of(eks.describeCluster(r -> r.name(name))));
                // Managed node groups: their subnets, and the launch settings reachsim's nodes:CLUSTER/GROUP stand for.
                List<ListNodegroupsResponse> groups = fetch(s, "list-nodegroups", name,
                        () -> eks.listNodegroupsPaginator(r -> r.clusterName(name)));
                for (var g : groups) {
                    for (String group : g.nodegroups()) {
                        fetch(s, "describe-nodegroup", name + "/" + group,
                                () -> List.of(eks.describeNodegroup(r -> r.clusterName(name).nodegroupName(group))));
                    }
                }
            }
        }
    }

    // ---- VPC Lattice ----

    private void lattice(VpcLatticeClient lattice) {
        String s = "vpc-lattice";
        List<ListServiceNetworksResponse> sns = fetch(s, "list-service-networks", null, () -> lattice.listServiceNetworksPaginator(r -> { }));
        List<String> snIds = new ArrayList<>();
        sns.forEach(p -> p.items().forEach(sn -> snIds.add(sn.id())));
        // Associations name both sides (serviceNetworkId, vpcId / serviceId), so each goes into one file.
        List<ListServiceNetworkVpcAssociationsResponse> snvas =
                fetchAll(s, "list-service-network-vpc-associations", snIds,
                        id -> lattice.listServiceNetworkVpcAssociationsPaginator(r -> r.serviceNetworkIdentifier(id)));
        // The association's security groups (what the clients' traffic must pass) are only in get-*.
        for (var page : snvas) {
            for (var a : page.items()) {
                String id = a.id();
                fetch(s, "get-service-network-vpc-association", id,
                        () -> List.of(lattice.getServiceNetworkVpcAssociation(r -> r.serviceNetworkVpcAssociationIdentifier(id))));
            }
        }
        fetchAll(s, "list-service-network-service-associations", snIds,
                id -> lattice.listServiceNetworkServiceAssociationsPaginator(r -> r.serviceNetworkIdentifier(id)));
        for (String id : snIds) {
            // The summaries of list-* lack the auth type (NONE or AWS_IAM); get-* has it.
            fetch(s, "get-service-network", id, () -> List.of(lattice.getServiceNetwork(r -> r.serviceNetworkIdentifier(id))));
            authPolicy(lattice, id);
        }

        List<ListServicesResponse> services = fetch(s, "list-services", null, () -> lattice.listServicesPaginator(r -> { }));
        for (ListServicesResponse page : services) {
            for (var svc : page.items()) {
                String id = svc.id();
                fetch(s, "get-service", id, () -> List.of(lattice.getService(r -> r.serviceIdentifier(id))));
                List<ListListenersResponse> listeners =
                        fetch(s, "list-listeners", id, () -> lattice.listListenersPaginator(r -> r.serviceIdentifier(id)));
                // A listener summary lacks its default action (which target group it forwards to); get-listener has it.
                for (var lp : listeners) {
                    for (var l : lp.items()) {
                        String lid = l.id();
                        fetch(s, "get-listener", lid, () -> List.of(lattice.getListener(r -> r.serviceIdentifier(id).listenerIdentifier(lid))));
                    }
                }
                authPolicy(lattice, id);
            }
        }
        List<ListTargetGroupsResponse> tgs = fetch(s, "list-target-groups", null, () -> lattice.listTargetGroupsPaginator(r -> { }));
        for (ListTargetGroupsResponse page : tgs) {
            for (var tg : page.items()) {
                String id = tg.id();
                fetch(s, "get-target-group", id, () -> List.of(lattice.getTargetGroup(r -> r.targetGroupIdentifier(id))));
                fetch(s, "list-targets", id, () -> lattice.listTargetsPaginator(r -> r.targetGroupIdentifier(id)));
            }
        }
    }

    /** A service's or service network's auth policy; a resource without one answers ResourceNotFoundException, which is no failure. */
    private void authPolicy(VpcLatticeClient lattice, String resource) {
        fetch("vpc-lattice", "get-auth-policy", resource, () -> {
            try {
                return List.of(lattice.getAuthPolicy(r -> r.resourceIdentifier(resource)));
            } catch (ResourceNotFoundException e) {
                return List.of();
            }
        });
    }

    // ---- the generic part ----

    /**
     * One API: reads every page, merges them, writes the file and records the call. Returns the pages
     * (empty when the call failed: then nothing is written and the failure is recorded).
     */
    private <R extends SdkPojo> List<R> fetch(String service, String api, String parent, Supplier<? extends Iterable<R>> pages) {
        listener.started(service, api, parent);
        List<R> read = new ArrayList<>();
        int items = 0;
        try {
            Iterator<R> it = pages.get().iterator();
            while (it.hasNext()) {
                R page = it.next();
                read.add(page);
                items += itemsOf(page);
                listener.page(read.size(), items);
            }
        } catch (AwsServiceException e) {
            fail(service, api, parent, read.size(), e);
            return List.of();
        } catch (SdkException e) {
            record(new ApiCall(service, api, parent, null, ApiCall.Outcome.FAILED, read.size(), Map.of(), null, message(e)));
            return List.of();
        }
        if (read.isEmpty()) {
            // A per-resource call that found nothing to say (a Lattice resource without an auth policy).
            record(new ApiCall(service, api, parent, null, ApiCall.Outcome.OK, 0, Map.of(), null, "none"));
            return read;
        }
        ObjectNode merged = merge(read);
        String file = fileName(service, api, parent);
        write(dir.resolve(file), merged);
        record(new ApiCall(service, api, parent, file, ApiCall.Outcome.OK, read.size(), counts(merged), null, null));
        return read;
    }

    /** One API asked about each of {@code parents}, all answers in one file (their items name the parent). */
    private <R extends SdkPojo> List<R> fetchAll(String service, String api, List<String> parents,
                                                 java.util.function.Function<String, ? extends Iterable<R>> pages) {
        return fetch(service, api, null, () -> {
            List<R> all = new ArrayList<>();
            for (String p : parents) pages.apply(p).forEach(all::add);
            return all;
        });
    }

    private void fail(String service, String api, String parent, int pages, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String msg = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        ApiCall.Outcome outcome = code != null && DENIED.contains(code) ? ApiCall.Outcome.DENIED : ApiCall.Outcome.FAILED;
        record(new ApiCall(service, api, parent, null, outcome, pages, Map.of(), code, msg));
    }

    private void record(ApiCall call) {
        calls.add(call);
        listener.finished(call);
    }

    private static String message(SdkException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().contains("Unable to execute HTTP request")) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /**
     * The pages as one CLI-shaped object: the first page's members, with every list member of the later
     * pages appended (as {@code aws} does when it follows NextToken itself), and without the token.
     */
    static ObjectNode merge(List<? extends SdkPojo> pages) {
        ObjectNode base = SdkJson.toJson(pages.get(0));
        // The CLI prints a top-level list even when AWS sent none ({"Vpcs": []}).
        for (SdkField<?> f : pages.get(0).sdkFields()) {
            if (f.location() == MarshallLocation.PAYLOAD && isList(f) && !base.has(f.memberName())) {
                base.putArray(f.memberName());
            }
        }
        for (int i = 1; i < pages.size(); i++) {
            ObjectNode next = SdkJson.toJson(pages.get(i));
            next.fields().forEachRemaining(e -> {
                JsonNode have = base.get(e.getKey());
                if (have instanceof ArrayNode a && e.getValue() instanceof ArrayNode more) a.addAll(more);
                else if (have == null) base.set(e.getKey(), e.getValue());
            });
        }
        base.remove("NextToken");
        base.remove("nextToken");
        base.remove("NextMarker");
        return base;
    }

    private static boolean isList(SdkField<?> f) {
        return f.marshallingType() == MarshallingType.LIST;
    }

    private static int itemsOf(SdkPojo page) {
        int n = 0;
        for (SdkField<?> f : page.sdkFields()) {
            if (f.location() == MarshallLocation.PAYLOAD && isList(f)) {
                Object v = f.getValueOrDefault(page);
                if (v instanceof java.util.Collection<?> c) n += c.size();
            }
        }
        return n;
    }

    private static Map<String, Integer> counts(ObjectNode merged) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        merged.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) counts.put(e.getKey(), e.getValue().size());
            else if (e.getValue().isObject()) counts.put(e.getKey(), 1);
        });
        return counts;
    }

    /** {@code describe-vpcs.json}, {@code elbv2-describe-target-health--targetgroup_web_73e2d6bc24d8a067.json}. */
    static String fileName(String service, String api, String parent) {
        String prefix = service.equals("ec2") ? "" : service + "-";
        return prefix + api + (parent == null ? "" : "--" + safe(parent)) + ".json";
    }

    /** A resource id or ARN as part of a file name: an ARN's resource part, with anything but [A-Za-z0-9._-] as '_'. */
    static String safe(String id) {
        String s = id;
        if (s.startsWith("arn:")) {
            String[] parts = s.split(":", 6);
            if (parts.length == 6) s = parts[5];
        }
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void write(Path file, JsonNode json) {
        try {
            Files.writeString(file, JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the files an earlier import wrote into this account/region folder (as its record lists
     * them), so a resource deleted since (an EKS cluster, a prefix list) does not live on in its old
     * per-resource file. Files the user put there are left alone.
     */
    private static void forgetPreviousImport(Path dir) throws IOException {
        Path record = dir.resolve(ImportReport.FILE);
        if (!Files.isRegularFile(record)) return;
        JsonNode calls;
        try {
            calls = JSON.readTree(record.toFile()).path("ReachsimImportAws").path("Calls");
        } catch (IOException e) {
            return; // not ours to interpret: leave everything as it is
        }
        for (JsonNode c : calls) {
            String file = c.path("File").asText("");
            // Only plain names of this folder: a record edited by hand cannot make us delete elsewhere.
            if (file.matches("[A-Za-z0-9._-]+\\.json") && !file.startsWith(".")) Files.deleteIfExists(dir.resolve(file));
        }
        Files.delete(record);
    }

    private static void writeReport(ImportReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putObject("ReachsimImportAws");
        r.put("Account", report.account());
        r.put("Region", report.region());
        r.put("Partial", report.partial());
        ArrayNode calls = r.putArray("Calls");
        for (ApiCall c : report.calls()) {
            ObjectNode o = calls.addObject();
            o.put("Service", c.service());
            o.put("Api", c.api());
            if (c.parent() != null) o.put("Resource", c.parent());
            o.put("Outcome", c.outcome().name());
            if (c.file() != null) o.put("File", c.file());
            o.put("Pages", c.pages());
            if (!c.counts().isEmpty()) o.set("Counts", JSON.valueToTree(c.counts()));
            if (c.errorCode() != null) o.put("ErrorCode", c.errorCode());
            if (c.message() != null) o.put("Message", c.message());
        }
        write(report.folder().resolve(ImportReport.FILE), root);
    }
}
