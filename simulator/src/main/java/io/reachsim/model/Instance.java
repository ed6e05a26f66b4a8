package io.reachsim.model;

import java.util.List;

/**
 * An EC2 instance. Its primary network interface is materialised by the loader in
 * {@link Network#networkInterfaces()} with the instance's id; {@code networkInterfaces} lists all of
 * its interface ids, primary first. {@code tags}: AWS tags (DESIGN §9); its interfaces carry them too.
 */
public record Instance(String id, String subnet, List<String> networkInterfaces, java.util.Map<String, String> tags) {
    public Instance {
        networkInterfaces = List.copyOf(networkInterfaces);
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    /** An untagged instance. */
    public Instance(String id, String subnet, List<String> networkInterfaces) {
        this(id, subnet, networkInterfaces, null);
    }
}
