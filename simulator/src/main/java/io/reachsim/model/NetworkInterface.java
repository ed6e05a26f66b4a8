package io.reachsim.model;

import java.util.List;

/**
 * An elastic network interface. An instance's primary interface carries the instance's id as its own
 * id and {@code instance}; secondary ones name their instance. Addresses: {@code privateIp} (+
 * secondaries), optional {@code ipv6Ip} and {@code publicIp} (public IP or EIP). {@code account} is the
 * account that created it (null: its subnet's owner); in a shared subnet, a participant's. {@code tags}: its own AWS
 * tags (DESIGN §9; selectors add its instance's).
 */
public record NetworkInterface(String id, String subnet, Ip privateIp, List<Ip> secondaryPrivateIps, Ip ipv6Ip,
                               Ip publicIp, List<String> securityGroups, boolean sourceDestCheck, String instance,
                               String account, java.util.Map<String, String> tags) {
    public NetworkInterface {
        secondaryPrivateIps = List.copyOf(secondaryPrivateIps);
        securityGroups = List.copyOf(securityGroups);
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    /** An untagged interface. */
    public NetworkInterface(String id, String subnet, Ip privateIp, List<Ip> secondaryPrivateIps, Ip ipv6Ip, Ip publicIp,
                            List<String> securityGroups, boolean sourceDestCheck, String instance, String account) {
        this(id, subnet, privateIp, secondaryPrivateIps, ipv6Ip, publicIp, securityGroups, sourceDestCheck, instance, account, null);
    }

    public NetworkInterface withTags(java.util.Map<String, String> t) {
        return new NetworkInterface(id, subnet, privateIp, secondaryPrivateIps, ipv6Ip, publicIp, securityGroups, sourceDestCheck,
                instance, account, t);
    }

    /** An interface created by its subnet's owner. */
    public NetworkInterface(String id, String subnet, Ip privateIp, List<Ip> secondaryPrivateIps, Ip ipv6Ip, Ip publicIp,
                            List<String> securityGroups, boolean sourceDestCheck, String instance) {
        this(id, subnet, privateIp, secondaryPrivateIps, ipv6Ip, publicIp, securityGroups, sourceDestCheck, instance, null);
    }

    public boolean isInstancePrimary() {
        return id.equals(instance);
    }

    public boolean owns(Ip ip) {
        if (ip.equals(privateIp) || ip.equals(ipv6Ip)) return true;
        return secondaryPrivateIps.contains(ip);
    }
}
