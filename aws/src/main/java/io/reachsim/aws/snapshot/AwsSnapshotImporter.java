package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadException;
import io.reachsim.load.SnapshotImport;
import io.reachsim.load.SnapshotImporter;

import java.nio.file.Path;

/** The simulator's {@link SnapshotImporter}, registered in META-INF/services. */
public final class AwsSnapshotImporter implements SnapshotImporter {
    @Override
    public SnapshotImport read(Path dir, String shown, String defaultRegion) throws LoadException {
        Snapshots.Result r = Snapshots.readFolder(dir, shown, defaultRegion);
        return new SnapshotImport(shown, r.network(), r.report().summary(), r.report().warnings(), r.report().text(), r.origins(),
                r.report().skippedIds());
    }
}
