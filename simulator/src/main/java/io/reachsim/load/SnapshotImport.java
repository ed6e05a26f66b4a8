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
 * can be told where a clashing id came from. {@code skipped} gives, for each id left out on import (an
 * instance that is stopped), why and where, so that a scenario naming it is told that instead of "does not exist".
 */
public record SnapshotImport(String folder, Network network, String summary, List<LoadError> warnings, String report,
                             Map<String, Origin> origins, Map<String, String> skipped) {
    public SnapshotImport {
        warnings = List.copyOf(warnings);
        origins = Map.copyOf(origins);
        skipped = Map.copyOf(skipped);
    }

    /** A snapshot whose importer names no skipped ids. */
    public SnapshotImport(String folder, Network network, String summary, List<LoadError> warnings, String report,
                          Map<String, Origin> origins) {
        this(folder, network, summary, warnings, report, origins, Map.of());
    }
}
