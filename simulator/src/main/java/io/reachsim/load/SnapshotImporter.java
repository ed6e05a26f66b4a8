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
    /** What the loader says when a Terraform JSON file is given but no importer reads it. */
    String MISSING_TERRAFORM = "Terraform plan and state files need the reachsim-terraform module on the class path";

    /**
     * Reads the folder {@code dir}, known to the user as {@code shown} (used in errors and the report).
     * Files with no region folder above them belong to {@code defaultRegion}; null lets the importer
     * choose (the folder's only region, else {@link ScenarioLoader#DEFAULT_REGION}). Every problem of
     * every file (malformed JSON with line and column, references that do not resolve) is thrown
     * together; what was read but skipped is in the result's warnings, never dropped silently.
     */
    SnapshotImport read(Path dir, String shown, String defaultRegion) throws LoadException;

    /**
     * Reads {@code path} laid on {@code below} (the layer before it in a {@code network.import} list, null
     * for the first): by default the layer's items replace those of {@code below} with the same id and
     * add the others ({@link Layers#overlay}). An importer whose input can also remove items (a Terraform
     * plan destroying a resource) or refer to the ids below overrides it.
     */
    default SnapshotImport read(Path path, String shown, String defaultRegion, SnapshotImport below) throws LoadException {
        SnapshotImport self = read(path, shown, defaultRegion);
        return below == null ? self : Layers.overlay(below, self, java.util.Set.of());
    }

    /** True when this importer reads {@code path}; by default any folder (a snapshot folder). */
    default boolean accepts(Path path) {
        return java.nio.file.Files.isDirectory(path);
    }

    /** What this importer reads, for messages ("snapshot folders", "Terraform plan or state JSON files"). */
    default String reads() {
        return "snapshot folders";
    }

    /** The first importer on the class path, if any. */
    static Optional<SnapshotImporter> find() {
        return ServiceLoader.load(SnapshotImporter.class).findFirst();
    }

    /** The importer on the class path that accepts {@code path}, if any (importers are asked in class path order). */
    static Optional<SnapshotImporter> find(Path path) {
        for (SnapshotImporter i : ServiceLoader.load(SnapshotImporter.class)) {
            if (i.accepts(path)) return Optional.of(i);
        }
        return Optional.empty();
    }

    /**
     * True when {@code file} is a regular file whose JSON starts with an object holding {@code format_version}
     * before any other structure of note: what {@code terraform show -json} prints. Only the first 64 KiB are read.
     */
    static boolean looksLikeTerraformJson(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) return false;
        try (var in = java.nio.file.Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            return head.startsWith("{") && head.contains("\"format_version\"");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
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
