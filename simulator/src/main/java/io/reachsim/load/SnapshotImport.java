package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Origin;

import java.util.List;
import java.util.Map;

/**
 * A snapshot folder, read. {@code summary} is one line ("snapshots/prod: 2 accounts, 1 region; 3 VPCs,
 * 12 subnets, ...; 2 skipped"); {@code warnings} say what was read but left out and why (an unknown
 * top-level key, a resource not {@code available}, a route to a carrier gateway), each where it was
 * read. {@code report} is the full import report (what was read per kind, every skipped item and note).
 * {@code origins} gives the file position each id was read at, so that a scenario adding to the snapshot
 * can be told where a clashing id came from.
 */
public record SnapshotImport(String folder, Network network, String summary, List<LoadError> warnings, String report,
                             Map<String, Origin> origins) {
    public SnapshotImport {
        warnings = List.copyOf(warnings);
        origins = Map.copyOf(origins);
    }
}
