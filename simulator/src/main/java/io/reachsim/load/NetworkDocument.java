package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Map;

/**
 * The entry point for importers that translate another format into the scenario format's
 * {@code network:} section (DESIGN §5) rather than building the model themselves: the node tree is
 * parsed and resolved exactly as a scenario file's would be — same defaults, same checks — and every
 * error carries the positions the importer put on the nodes (its own file's line and column).
 */
public final class NetworkDocument {
    private NetworkDocument() {}

    /**
     * Resolves {@code network} (a mapping node with the fields of a scenario's {@code network:}) on top of
     * {@code base} (null: none; its ids may be referred to), in {@code region}. All errors at once.
     */
    public static Network resolve(Node network, String file, String region, Network base, Map<String, Origin> baseOrigins)
            throws LoadException {
        Problems problems = new Problems();
        NetworkParser parsed = NetworkParser.parse(network, file, region, problems);
        for (Val<String> imp : parsed.imports) problems.add(imp.at(), "'import' is not allowed here");
        Network out = base == null ? NetworkResolver.resolve(parsed.net, region, problems)
                : NetworkResolver.resolve(parsed.net, base, baseOrigins, region, problems);
        if (!problems.isEmpty()) throw problems.exception();
        return out;
    }
}
