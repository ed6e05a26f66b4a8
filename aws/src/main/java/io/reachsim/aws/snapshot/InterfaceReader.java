package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadError;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EC2 instances (describe-instances), network interfaces (describe-network-interfaces) and Elastic IPs (describe-addresses). */
final class InterfaceReader extends FamilyReader {
    InterfaceReader(FamilyReader shared) {
        super(shared);
    }

    void interfacesAndInstances(Map<String, List<String>> eksInterfaces, Map<String, List<String>> elbInterfaces) {
        report.kind("instances");
        report.kind("network interfaces");
        // Instances first: which are running decides which attached interfaces are kept.
        Map<String, Item> running = new LinkedHashMap<>();
        Map<String, List<Item>> attached = new LinkedHashMap<>();
        for (Item r : items("Reservations")) {
            for (Item i : r.list("Instances")) {
                String id = id(i, "InstanceId", "an instance");
                if (id == null) continue;
                Item st = i.obj("State");
                String state = st == null ? "running" : st.str("Name");
                if (!"running".equals(state)) {
                    report.skip(i.at(), "instance '" + id + "'", "state is " + state + ", not running: it sends and answers nothing");
                    skippedInstances.put(id, state);
                    continue;
                }
                if (!subnets.containsKey(i.str("SubnetId"))) {
                    report.skip(i.at(), "instance '" + id + "'", i.str("SubnetId") == null ? "it has no subnet (EC2-Classic)"
                            : "its subnet '" + i.str("SubnetId") + "' is not in the snapshot");
                    skippedInstances.put(id, "outside the snapshot");
                    continue;
                }
                if (!first(id, "instance", i)) continue;
                running.put(id, i);
                attached.put(id, i.list("NetworkInterfaces"));
            }
        }
        // describe-network-interfaces, then the instances' own copies of interfaces it did not list.
        Map<String, Item> eniItems = new LinkedHashMap<>();
        Map<String, String> eniInstance = new HashMap<>();
        Map<String, Integer> deviceIndex = new HashMap<>();
        Map<String, String> eniSubnet = new HashMap<>();
        for (Item e : items("NetworkInterfaces")) {
            String id = id(e, "NetworkInterfaceId", "a network interface");
            if (id == null) continue;
            String type = e.str("InterfaceType");
            if ("nat_gateway".equals(type) || kinds.getOrDefault(id, "").equals("NAT gateway interface")) {
                report.note(e.at(), "network interface '" + id + "'", "it is a NAT gateway's interface: the NAT gateway stands for it");
                continue;
            }
            if ("transit_gateway".equals(type)) {
                report.note(e.at(), "network interface '" + id + "'", "it is a transit gateway attachment's interface: the"
                        + " attachment stands for it");
                continue;
            }
            if (type != null && type.startsWith("gateway_load_balancer")) {
                report.skip(e.at(), "network interface '" + id + "'", "Gateway Load Balancer (" + type + ") interfaces are not modelled");
                continue;
            }
            Item att = e.obj("Attachment");
            String inst = att == null ? null : att.str("InstanceId");
            if (inst != null && skippedInstances.containsKey(inst)) {
                report.skip(e.at(), "network interface '" + id + "'", "attached to instance '" + inst + "', which is "
                        + skippedInstances.get(inst));
                continue;
            }
            if (!subnets.containsKey(e.str("SubnetId"))) {
                report.skip(e.at(), "network interface '" + id + "'", "its subnet '" + e.str("SubnetId") + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "network interface", e)) continue;
            eniItems.put(id, e);
            if (inst != null && running.containsKey(inst)) {
                eniInstance.put(id, inst);
                deviceIndex.put(id, att.node().path("DeviceIndex").asInt(0));
            }
        }
        for (var en : attached.entrySet()) {
            for (Item e : en.getValue()) {
                String id = e.str("NetworkInterfaceId");
                if (id == null) continue;
                Item att = e.obj("Attachment");
                deviceIndex.putIfAbsent(id, att == null ? 0 : att.node().path("DeviceIndex").asInt(0));
                eniInstance.putIfAbsent(id, en.getKey());
                if (!eniItems.containsKey(id) && !origins.containsKey(id)) {
                    // describe-instances' copy of an interface may leave out its subnet: the instance's then.
                    String subnet = e.str("SubnetId") != null ? e.str("SubnetId") : running.get(en.getKey()).str("SubnetId");
                    if (!subnets.containsKey(subnet)) {
                        report.skip(e.at(), "network interface '" + id + "' of instance '" + en.getKey() + "'",
                                "its subnet '" + subnet + "' is not in the snapshot");
                        continue;
                    }
                    first(id, "network interface", e);
                    eniItems.put(id, e);
                    eniSubnet.put(id, subnet);
                }
            }
        }
        for (var en : eniItems.entrySet()) {
            Item e = en.getValue();
            String id = en.getKey();
            NetworkInterface ni = eni(e, id, eniSubnet.getOrDefault(id, e.str("SubnetId")), eniInstance.get(id));
            if (ni == null) continue;
            enis.put(id, ni);
            String d = e.str("Description");
            if (d != null && d.startsWith("Amazon EKS ")) eksInterfaces.computeIfAbsent(d.substring("Amazon EKS ".length()).trim(), k -> new ArrayList<>()).add(id);
            if (d != null && d.startsWith("ELB ")) {
                String[] parts = d.substring(4).split("/");
                if (parts.length >= 2) elbInterfaces.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, List<String>> byInstance = new HashMap<>();
        eniInstance.forEach((eni, inst) -> {
            if (enis.containsKey(eni)) byInstance.computeIfAbsent(inst, k -> new ArrayList<>()).add(eni);
        });
        // Instances whose primary interface is missing from both outputs get one from their own fields.
        for (var en : running.entrySet()) {
            String id = en.getKey();
            Item i = en.getValue();
            List<String> mine = new ArrayList<>(byInstance.getOrDefault(id, List.of()));
            mine.sort(Comparator.comparingInt(x -> deviceIndex.getOrDefault(x, 0)));
            if (mine.isEmpty()) {
                // describe-instances without NetworkInterfaces: the instance's own addresses make its interface.
                Ip pi = ip(i, "PrivateIpAddress");
                if (pi == null) {
                    report.skip(i.at(), "instance '" + id + "'", "it has no private IP address");
                    continue;
                }
                List<String> groups = new ArrayList<>();
                for (Item g : i.list("SecurityGroups")) if (securityGroups.contains(g.str("GroupId"))) groups.add(g.str("GroupId"));
                NetworkInterface ni = new NetworkInterface(id, i.str("SubnetId"), pi, List.of(), null, ip(i, "PublicIpAddress"),
                        groups, i.bool("SourceDestCheck", true), id);
                enis.put(id, ni);
                mine.add(id);
            }
            out.add(new Instance(id, i.str("SubnetId"), mine, tags(i)));
            report.count("instances");
        }
        for (NetworkInterface ni : enis.values()) {
            out.add(ni);
            report.count("network interfaces");
        }
    }

    NetworkInterface eni(Item e, String id, String subnet, String instance) {
        Ip primary = null;
        Ip pub = null;
        List<Ip> secondary = new ArrayList<>();
        for (Item a : e.list("PrivateIpAddresses")) {
            Ip ip = ip(a, "PrivateIpAddress");
            if (ip == null) continue;
            Item assoc = a.obj("Association");
            if (a.bool("Primary", false) && primary == null) {
                primary = ip;
                if (assoc != null) pub = ip(assoc, "PublicIp");
            } else {
                secondary.add(ip);
                if (assoc != null && assoc.str("PublicIp") != null) {
                    report.note(a.at(), "public IP " + assoc.str("PublicIp") + " of secondary address " + ip + " of '" + id + "'",
                            "only the primary address's public IP is modelled");
                }
            }
        }
        if (primary == null) primary = ip(e, "PrivateIpAddress");
        if (primary == null) {
            report.skip(e.at(), "network interface '" + id + "'", "it has no private IP address");
            return null;
        }
        if (pub == null) {
            Item assoc = e.obj("Association");
            if (assoc != null) pub = ip(assoc, "PublicIp");
        }
        Ip v6 = null;
        for (Item a : e.list("Ipv6Addresses")) {
            Ip ip = ip(a, "Ipv6Address");
            if (ip == null) continue;
            if (v6 == null) v6 = ip;
            else report.note(a.at(), "IPv6 address " + ip + " of '" + id + "'", "only the first IPv6 address of an interface is modelled");
        }
        List<String> groups = new ArrayList<>();
        for (Item g : e.list("Groups")) {
            String gid = g.str("GroupId");
            if (gid == null) continue;
            if (securityGroups.contains(gid)) {
                groups.add(gid);
            } else {
                report.skip(g.at(), "security group '" + gid + "' of network interface '" + id + "'", "that group is not in the snapshot");
            }
        }
        Subnet s = subnets.get(subnet);
        if (!e.node().has("Groups") && vpcs.containsKey(s.vpc())) {
            // AWS always prints Groups; without it (a trimmed file) the interface gets what AWS gives one launched without groups.
            String dflt = vpcs.get(s.vpc()).defaultSecurityGroup();
            groups.add(dflt);
            report.note(e.at(), "network interface '" + id + "'", "its output has no Groups: the VPC's default security group '"
                    + dflt + "' is assumed");
        }
        String owner = e.str("OwnerId");
        String subnetOwner = s.owner() != null ? s.owner() : vpcAccount.get(s.vpc());
        if (owner != null && owner.equals(subnetOwner)) owner = null;
        // describe-network-interfaces calls an interface's tags TagSet (DESIGN §9 selectors read them).
        Map<String, String> eniTags = new java.util.LinkedHashMap<>(tags(e));
        for (Item t : e.list("TagSet")) if (t.str("Key") != null) eniTags.put(t.str("Key"), t.str("Value") == null ? "" : t.str("Value"));
        return new NetworkInterface(id, subnet, primary, secondary, v6, pub, groups, e.bool("SourceDestCheck", true), instance, owner)
                .withTags(eniTags);
    }

    void addresses() {
        report.kind("Elastic IPs");
        boolean eipAdded = false;
        for (Item a : items("Addresses")) {
            String ip = a.str("PublicIp");
            if (ip == null) {
                errors.add(new LoadError(a.at(), "an Elastic IP address without 'PublicIp'"));
                continue;
            }
            String eni = a.str("NetworkInterfaceId");
            if (eni == null) {
                report.skip(a.at(), "Elastic IP " + ip, a.str("AssociationId") == null ? "not associated with anything"
                        : "associated with something that is not a network interface");
                continue;
            }
            if ("NAT gateway interface".equals(kinds.get(eni))) {
                report.count("Elastic IPs");
                continue;
            }
            NetworkInterface ni = enis.get(eni);
            if (ni == null) {
                report.skip(a.at(), "Elastic IP " + ip, "its network interface '" + eni + "' is not in the snapshot");
                continue;
            }
            Ip pub = ip(a, "PublicIp");
            Ip priv = ip(a, "PrivateIpAddress");
            if (pub == null) continue;
            if (priv != null && !priv.equals(ni.privateIp())) {
                report.note(a.at(), "Elastic IP " + ip, "it is on secondary address " + priv + " of '" + eni + "': only the primary"
                        + " address's public IP is modelled");
                continue;
            }
            if (ni.publicIp() == null) {
                NetworkInterface with = new NetworkInterface(ni.id(), ni.subnet(), ni.privateIp(), ni.secondaryPrivateIps(), ni.ipv6Ip(), pub,
                        ni.securityGroups(), ni.sourceDestCheck(), ni.instance(), ni.account());
                enis.put(eni, with);
                eipAdded = true;
            } else if (!ni.publicIp().equals(pub)) {
                report.note(a.at(), "Elastic IP " + ip, "network interface '" + eni + "' shows public IP " + ni.publicIp() + "; that is used");
            }
            report.count("Elastic IPs");
        }
        if (eipAdded) out.networkInterfaces.replaceAll(x -> enis.getOrDefault(x.id(), x));
    }
}
