package io.reachsim.load;

import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Scenario;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario files (format v1, DESIGN §5) and folders of them.
 *
 * <p>Nothing is half-loaded: every error of every file (malformed YAML, unknown fields, unresolved
 * references, addresses outside their subnets, ...) is collected with its file, line and column, and
 * thrown together as one {@link LoadException}. A file's {@code network.import} names another scenario
 * file (relative to the importing file) whose network, with its own imports, comes first; the inline
 * items are added to it. It may also name a snapshot folder (DESIGN §6), read by the
 * {@link SnapshotImporter} on the class path; inline items then add to the snapshot's network and may
 * refer to its (real AWS) ids.
 */
public final class ScenarioLoader {
    /** The only format version this loader reads. */
    public static final String API_VERSION = "reachsim/v1";
    /** The region of a scenario that names none (and imports none that does). */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Set<String> TOP_FIELDS = Format.SCENARIO.names();

    /** Null: look one up with {@link SnapshotImporter#find()} when a snapshot folder is first met. */
    private final SnapshotImporter importer;
    private final Map<String, SnapshotImport> snapshots = new LinkedHashMap<>();

    public ScenarioLoader() {
        this(null);
    }

    /** A loader that reads snapshot folders with {@code importer} (null: the one on the class path, if any). */
    public ScenarioLoader(SnapshotImporter importer) {
        this.importer = importer;
    }

    /** The snapshot folders read by this loader so far, each once, for import summaries and warnings. */
    public List<SnapshotImport> snapshots() {
        return List.copyOf(snapshots.values());
    }

    /** Loads files and folders (recursively, *.yaml/*.yml, sorted); all errors of all files at once. */
    public List<Scenario> load(List<Path> paths) throws LoadException {
        Session session = new Session();
        List<Scenario> out = new ArrayList<>();
        for (Source src : session.expand(paths)) {
            Scenario s = session.guarded(src, true);
            if (s != null) out.add(s);
        }
        if (!session.problems.isEmpty()) throw session.problems.exception();
        return out;
    }

    /**
     * Loads only the network of one scenario file or snapshot folder (for {@code reachsim trace --network}).
     */
    public Network loadNetwork(Path file) throws LoadException {
        Session session = new Session();
        Network network = null;
        if (Files.isDirectory(file) && !session.scenarioFiles(file).isEmpty()) {
            session.problems.add(new Origin(file.toString(), 1, 1), "'" + file + "' is a folder of scenario files:"
                    + " expected one scenario file or a snapshot folder");
        } else if (Files.isDirectory(file)) {
            SnapshotImport snap = session.snapshot(file, file.toString(), null, new Origin(file.toString(), 1, 1));
            if (snap != null) network = snap.network();
        } else {
            Scenario s = session.guarded(new Source(file.toString(), file), false);
            if (s != null) network = s.network();
        }
        if (!session.problems.isEmpty() || network == null) throw session.problems.exception();
        return network;
    }

    /**
     * A file to load, and the path string the user knows it by (used in errors and Scenario.file); or a
     * snapshot folder given where scenarios are expected (its network, with no expectations).
     */
    private record Source(String file, Path path, boolean snapshot) {
        Source(String file, Path path) {
            this(file, path, false);
        }
    }

    /** One scenario file's own content, parsed once per load even when several scenarios import it. */
    private static final class Parsed {
        final String file;
        final Path path;
        YMap top;
        String name;
        String description;
        String region;
        NetworkParser network;
        Node expect;

        Parsed(String file, Path path) {
            this.file = file;
            this.path = path;
        }
    }

    /** The state of one load call. */
    private final class Session {
        final Problems problems = new Problems();
        final Map<Path, Parsed> parsed = new HashMap<>();
        /** Folders whose import failed, so their errors are reported once however many files import them. */
        final Set<String> failedSnapshots = new HashSet<>();

        /** Reads a snapshot folder once per loader; null (errors recorded) when it cannot be read. */
        SnapshotImport snapshot(Path dir, String shown, String region, Origin referencedAt) {
            // Files without a region folder take the importing scenario's region, so the region is part of the key.
            String k = key(dir) + "|" + region;
            SnapshotImport known = snapshots.get(k);
            if (known != null) return known;
            if (failedSnapshots.contains(k)) return null;
            SnapshotImporter reader = importer != null ? importer : SnapshotImporter.find().orElse(null);
            if (reader == null) {
                problems.add(referencedAt, "'" + shown + "' is a snapshot folder: " + SnapshotImporter.MISSING);
                failedSnapshots.add(k);
                return null;
            }
            try {
                SnapshotImport read = reader.read(dir, shown, region);
                snapshots.put(k, read);
                return read;
            } catch (LoadException e) {
                e.errors().forEach(x -> problems.add(x.origin(), x.message()));
                failedSnapshots.add(k);
                return null;
            } catch (RuntimeException e) {
                // A bug in the importer must still come out as a located error, never as a stack trace.
                problems.add(referencedAt, "internal error while reading snapshot folder '" + shown + "' (please report it): " + e);
                failedSnapshots.add(k);
                return null;
            }
        }

        Scenario guarded(Source src, boolean withExpectations) {
            try {
                return scenario(src, withExpectations);
            } catch (RuntimeException | StackOverflowError e) {
                // A bug in the loader must still come out as a located error, never as a stack trace.
                problems.add(new Origin(src.file(), 1, 1), "internal error while loading this file (please report it): " + e);
                return null;
            }
        }

        // ---- finding files ----

        List<Source> expand(List<Path> paths) {
            Map<Path, Source> files = new LinkedHashMap<>();
            for (Path p : paths) {
                String shown = p.toString();
                if (!Files.exists(p)) {
                    problems.add(new Origin(shown, 1, 1), "'" + shown + "' does not exist");
                } else if (Files.isDirectory(p)) {
                    List<Path> found = scenarioFiles(p);
                    if (found.isEmpty() && SnapshotImporter.looksLikeSnapshot(p)) {
                        files.putIfAbsent(key(p), new Source(shown, p, true));
                        continue;
                    }
                    if (found.isEmpty()) {
                        problems.add(new Origin(shown, 1, 1), "folder '" + shown + "' holds no scenario files (*.yaml, *.yml)");
                    }
                    for (Path f : found) files.putIfAbsent(key(f), new Source(f.toString(), f));
                } else {
                    files.putIfAbsent(key(p), new Source(shown, p));
                }
            }
            return new ArrayList<>(files.values());
        }

        List<Path> scenarioFiles(Path root) {
            List<Path> found = new ArrayList<>();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (attrs.isRegularFile() && !hidden(file) && (n.endsWith(".yaml") || n.endsWith(".yml"))) found.add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(new Origin(file.toString(), 1, 1), "cannot read '" + file + "': " + e.getMessage());
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problems.add(new Origin(root.toString(), 1, 1), "cannot read folder '" + root + "': " + e.getMessage());
            }
            // Sorted by the path below the folder, '/'-separated, so the order is the same on every OS.
            found.sort((a, b) -> root.relativize(a).toString().replace('\\', '/').compareTo(root.relativize(b).toString().replace('\\', '/')));
            return found;
        }

        private static boolean hidden(Path p) {
            Path name = p.getFileName();
            return name != null && name.toString().startsWith(".");
        }

        private static Path key(Path p) {
            return p.toAbsolutePath().normalize();
        }

        // ---- one file ----

        Parsed parse(String file, Path path, Origin referencedAt) {
            Parsed cached = parsed.get(key(path));
            if (cached != null) return cached;
            Parsed f = new Parsed(file, path);
            parsed.put(key(path), f);
            YamlFile yaml = YamlFile.read(file, path, referencedAt, problems);
            if (yaml.root == null) return f;
            YMap top = YMap.of(yaml.root, file, "scenario", "the scenario file '" + file + "'", TOP_FIELDS, problems);
            if (top == null) return f;
            f.top = top;
            Map<String, String> misplaced = new HashMap<>();
            for (String k : NetworkParser.NETWORK_FIELDS) misplaced.put(k, "'" + k + "' belongs under 'network:'");
            for (String k : NetworkParser.LATER_SECTIONS.keySet()) {
                misplaced.put(k, "'" + k + "' belongs under 'network:' (and is not supported yet (issue: "
                        + NetworkParser.LATER_SECTIONS.get(k) + "))");
            }
            top.checkFields(Map.of(), misplaced);

            Val<String> api = top.str("apiVersion");
            if (api == null && !top.has("apiVersion")) {
                problems.add(top.at(), "the scenario file '" + file + "' has no 'apiVersion' (required: " + API_VERSION + ")");
            } else if (api != null && !api.v().trim().equals(API_VERSION)) {
                problems.add(api.at(), "apiVersion '" + api.v() + "' is not supported: expected " + API_VERSION);
            }
            Val<String> name = top.str("name");
            Val<String> description = top.str("description");
            Val<String> region = top.str("region");
            f.name = name == null ? null : name.v();
            f.description = description == null ? null : description.v();
            f.region = region == null ? null : region.v().trim();
            Node network = top.value("network");
            if (network != null) f.network = NetworkParser.parse(network, file, f.region, problems);
            f.expect = top.value("expect");
            return f;
        }

        Scenario scenario(Source src, boolean withExpectations) {
            if (src.snapshot()) {
                SnapshotImport snap = snapshot(src.path(), src.file(), null, new Origin(src.file(), 1, 1));
                return snap == null ? null : new Scenario(src.file(), baseName(src.path()), "snapshot folder", snap.network(), List.of());
            }
            Parsed f = parse(src.file(), src.path(), null);
            if (f.top == null) return null;
            Deque<Path> chain = new ArrayDeque<>();
            Deque<String> shown = new ArrayDeque<>();
            chain.addLast(key(f.path));
            shown.addLast(f.file);
            RawNetwork raw = new RawNetwork();
            Imported base = new Imported();
            String importedRegion = assemble(f, chain, shown, raw, f.region, base);
            String region = f.region != null ? f.region : importedRegion != null ? importedRegion : DEFAULT_REGION;
            Network network = base.snapshot == null ? NetworkResolver.resolve(raw, region, problems)
                    : NetworkResolver.resolve(raw, base.snapshot.network(), base.snapshot.origins(), region, problems);
            List<Expectation> expectations = withExpectations && f.expect != null
                    ? ExpectationParser.parse(f.expect, f.file, network, problems)
                    : List.of();
            return new Scenario(f.file, f.name != null ? f.name : baseName(f.path), f.description, network, expectations);
        }

        /**
         * Adds the items of {@code f}'s imports (depth first) and then its own to {@code into}; returns the
         * first region written in the import chain below {@code f}. A snapshot folder at the bottom of the
         * chain goes to {@code base}; {@code regionAbove} is the nearest region written above it.
         */
        private String assemble(Parsed f, Deque<Path> chain, Deque<String> shown, RawNetwork into, String regionAbove,
                                Imported base) {
            String region = null;
            if (f.network != null && f.network.importPath != null) {
                Val<String> imp = f.network.importPath;
                Path target = f.path.resolveSibling(imp.v().trim());
                String targetShown = Path.of(f.file).resolveSibling(imp.v().trim()).normalize().toString();
                if (Files.isDirectory(target)) {
                    base.snapshot = snapshot(target, targetShown, regionAbove, imp.at());
                    if (base.snapshot != null) region = base.snapshot.network().region();
                } else if (chain.contains(key(target))) {
                    problems.add(imp.at(), "import cycle: " + String.join(" → ", shown) + " → " + targetShown);
                } else {
                    Parsed g = parse(targetShown, target, imp.at());
                    if (g.top != null) {
                        chain.addLast(key(target));
                        shown.addLast(g.file);
                        String below = assemble(g, chain, shown, into, regionAbove != null ? regionAbove : g.region, base);
                        chain.removeLast();
                        shown.removeLast();
                        region = g.region != null ? g.region : below;
                    }
                }
            }
            if (f.network != null) into.addAll(f.network.net);
            return region;
        }

        /** The snapshot a scenario's import chain ends in, if any. */
        private static final class Imported {
            SnapshotImport snapshot;
        }

        private static String baseName(Path p) {
            String n = p.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }
    }

}
