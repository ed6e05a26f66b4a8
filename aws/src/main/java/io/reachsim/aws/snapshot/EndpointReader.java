package io.reachsim.aws.snapshot;

import io.reachsim.model.EndpointService;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** VPC endpoints (describe-vpc-endpoints) and endpoint services (describe-vpc-endpoint-service-configurations). */
final class EndpointReader extends FamilyReader {
    EndpointReader(FamilyReader shared) {
        super(shared);
    }

    void vpcEndpoints() {
        report.kind("VPC endpoints");
        for (Item e : items("VpcEndpoints")) {
            String id = id(e, "VpcEndpointId", "a VPC endpoint");
            if (id == null) continue;
            String what = "VPC endpoint '" + id + "'";
            if (!state(e, "State", "available")) {
                report.skip(e.at(), what, "state is " + e.str("State") + ", not available");
                continue;
            }
            String vpc = e.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(e.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            String type = e.str("VpcEndpointType");
            VpcEndpoint.Type t;
            if ("Gateway".equalsIgnoreCase(type)) t = VpcEndpoint.Type.GATEWAY;
            else if ("Interface".equalsIgnoreCase(type)) t = VpcEndpoint.Type.INTERFACE;
            else {
                report.skip(e.at(), what, "endpoints of type " + type + " are not modelled (Gateway and Interface are)");
                continue;
            }
            if (!first(id, "VPC endpoint", e)) continue;
            String service = serviceName(e.str("ServiceName"));
            List<String> tables = e.strings("RouteTableIds");
            List<String> subnetIds = new ArrayList<>();
            for (String s : e.strings("SubnetIds")) if (subnets.containsKey(s)) subnetIds.add(s);
            List<String> groups = new ArrayList<>();
            for (Item g : e.list("Groups")) if (securityGroups.contains(g.str("GroupId"))) groups.add(g.str("GroupId"));
            List<String> interfaces = new ArrayList<>();
            for (String n : e.strings("NetworkInterfaceIds")) {
                if (enis.containsKey(n)) interfaces.add(n);
                else report.skip(e.at("NetworkInterfaceIds"), "network interface '" + n + "' of " + what, "not in describe-network-interfaces output");
            }
            out.add(new VpcEndpoint(id, vpc, t, service, tables, subnetIds, groups, e.bool("PrivateDnsEnabled", false), interfaces));
            report.count("VPC endpoints");
        }
    }

    /** com.amazonaws.us-east-1.s3 → s3; com.amazonaws.vpce.us-east-1.vpce-svc-0abc → vpce-svc-0abc. */
    static String serviceName(String full) {
        if (full == null) return null;
        java.util.regex.Matcher svc = java.util.regex.Pattern.compile(".*\\.(vpce-svc-[0-9a-f]+)$").matcher(full);
        if (svc.matches()) return svc.group(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("com\\.amazonaws\\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d\\.(.+)").matcher(full);
        return m.matches() ? m.group(2) : full;
    }

    void endpointServices(Map<String, String> lbByArn) {
        report.kind("endpoint services");
        Map<String, List<String>> accepted = new HashMap<>();
        for (VpcEndpoint e : out.vpcEndpoints) if (e.service() != null && e.service().startsWith("vpce-svc-")) accepted.computeIfAbsent(e.service(), k -> new ArrayList<>()).add(e.id());
        for (Item s : items("ServiceConfigurations")) {
            String id = id(s, "ServiceId", "an endpoint service");
            if (id == null) continue;
            String what = "endpoint service '" + id + "'";
            if (!state(s, "ServiceState", "Available")) {
                report.skip(s.at(), what, "state is " + s.str("ServiceState") + ", not Available");
                continue;
            }
            List<String> nlbs = s.strings("NetworkLoadBalancerArns");
            String lb = nlbs.isEmpty() ? null : lbByArn.get(nlbs.get(0));
            if (lb == null) {
                report.skip(s.at(), what, nlbs.isEmpty() ? "it is not backed by a network load balancer (Gateway Load Balancer services are not modelled)"
                        : "its network load balancer is not in the snapshot");
                continue;
            }
            if (!first(id, "endpoint service", s)) continue;
            report.note(s.at(), what, "allowed principals are not in describe-vpc-endpoint-service-configurations output: not enforced");
            out.add(new EndpointService(id, lb, s.bool("AcceptanceRequired", false), List.of(), accepted.getOrDefault(id, List.of())));
            report.count("endpoint services");
        }
    }
}
