package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Scenario;

import java.nio.file.Path;
import java.util.List;

/** Reads scenario files (format v1) and folders of them. (Being written: signatures fixed.) */
public final class ScenarioLoader {

    /** Loads files and folders (recursively, *.yaml/*.yml, sorted); all errors of all files at once. */
    public List<Scenario> load(List<Path> paths) throws LoadException {
        throw new UnsupportedOperationException("being written");
    }

    /** Loads only the network of one scenario file (for {@code reachsim trace --network}). */
    public Network loadNetwork(Path file) throws LoadException {
        throw new UnsupportedOperationException("being written");
    }
}
