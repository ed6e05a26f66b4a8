package io.reachsim.model;

import java.util.List;

/**
 * An EC2 instance. Its primary network interface is materialised by the loader in
 * {@link Network#networkInterfaces()} with the instance's id; {@code networkInterfaces} lists all of
 * its interface ids, primary first.
 */
public record Instance(String id, String subnet, List<String> networkInterfaces) {
    public Instance {
        networkInterfaces = List.copyOf(networkInterfaces);
    }
}
