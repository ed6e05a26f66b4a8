package io.reachsim.load;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads a snapshot folder (DESIGN §6: the JSON the AWS CLI or SDK prints for {@code describe-*}) into a
 * network. The simulator never reads AWS data itself — it does no I/O beyond scenario files and knows
 * nothing of AWS's JSON — so the implementation lives in the {@code reachsim-aws} module and is found
 * with {@link ServiceLoader} (registered in {@code META-INF/services/io.reachsim.load.SnapshotImporter}).
 */
public interface SnapshotImporter {

    /** What the loader says when a snapshot folder is given but no importer is on the class path. */
    String MISSING = "snapshot folders need the reachsim-aws module on the class path";

    /**
     * Reads the folder {@code dir}, known to the user as {@code shown} (used in errors and the report).
     * Files with no region folder above them belong to {@code defaultRegion}; null lets the importer
     * choose (the folder's only region, else {@link ScenarioLoader#DEFAULT_REGION}). Every problem of
     * every file (malformed JSON with line and column, references that do not resolve) is thrown
     * together; what was read but skipped is in the result's warnings, never dropped silently.
     */
    SnapshotImport read(Path dir, String shown, String defaultRegion) throws LoadException;

    /** The first importer on the class path, if any. */
    static Optional<SnapshotImporter> find() {
        return ServiceLoader.load(SnapshotImporter.class).findFirst();
    }

    /** True when {@code dir} is a folder that holds JSON files and no scenario files: a snapshot folder. */
    static boolean looksLikeSnapshot(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) return false;
        try (var files = java.nio.file.Files.walk(dir)) {
            boolean[] seen = new boolean[2];
            files.filter(java.nio.file.Files::isRegularFile).forEach(f -> {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (n.endsWith(".json")) seen[0] = true;
                if (n.endsWith(".yaml") || n.endsWith(".yml")) seen[1] = true;
            });
            return seen[0] && !seen[1];
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
