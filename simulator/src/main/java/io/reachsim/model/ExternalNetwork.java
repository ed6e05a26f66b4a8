package io.reachsim.model;

/**
 * A network outside AWS: on-premises behind a VPN gateway ({@code via} a vgw id), or a host on the
 * internet ({@code via} null). Exactly one of {@code cidr} and {@code ip} is set.
 */
public record ExternalNetwork(String id, Cidr cidr, Ip ip, String via) {
    /** The address flows use: the host, or the first host address of the block. */
    public Ip address() {
        if (ip != null) return ip;
        return cidr.prefix() >= cidr.base().bits() - 1 ? cidr.base() : cidr.address(1);
    }

    public boolean contains(Ip a) {
        return ip != null ? ip.equals(a) : cidr.contains(a);
    }
}
