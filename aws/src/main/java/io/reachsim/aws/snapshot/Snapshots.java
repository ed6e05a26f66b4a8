package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshot folders (DESIGN §6): JSON files as {@code aws ec2 describe-*}, {@code aws eks describe-cluster},
 * {@code aws elbv2 describe-*} and {@code aws vpc-lattice list-*}/{@code get-*} print them, read into a
 * {@link Network}.
 *
 * <p>A file's kind is decided by its top-level key ({@code Vpcs}, {@code Subnets}, {@code cluster}, ...),
 * never by its name. Sub-folders are optional and may nest: a folder named like an account id (12 digits)
 * sets the account of the files below it, one named like a region ({@code us-east-1}) their region, any
 * other name only groups. Files that list the items of one resource without naming it
 * ({@code get-managed-prefix-list-entries}, {@code get-transit-gateway-route-table-associations} /
 * {@code -propagations}, {@code search-transit-gateway-routes}, {@code elbv2 describe-target-health},
 * {@code vpc-lattice list-targets}) name it in the file name: {@code entries-pl-0123abcd.json},
 * {@code routes-tgw-rtb-0a1b.json}, {@code targets-my-target-group.json} — or, in a file or a merged document,
 * in the key: {@code "Entries:pl-0123abcd"}, {@code "Routes:tgw-rtb-0a1b"},
 * {@code "TargetHealthDescriptions:my-target-group"}, {@code "items:tg-0abc"}.
 */
public final class Snapshots {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1, cn-north-1, il-central-1. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    private Snapshots() {
    }

    /** A snapshot read: the network and what was read and left out. */
    public record Result(Network network, ImportReport report, Map<String, Origin> origins) {
    }

    /**
     * Reads every {@code *.json} file below {@code dir}. Files with no region folder above them belong to
     * {@code defaultRegion}; null: the folder's only region, else {@value ScenarioLoader#DEFAULT_REGION}.
     * Throws every problem of every file together (malformed JSON with file:line:column, ids that do not
     * resolve).
     */
    public static Result readFolder(Path dir, String defaultRegion) throws LoadException {
        return readFolder(dir, dir.toString(), defaultRegion);
    }

    /** As {@link #readFolder(Path, String)}, with the folder shown to the user as {@code shown}. */
    public static Result readFolder(Path dir, String shown, String defaultRegion) throws LoadException {
        List<LoadError> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new LoadException(List.of(new LoadError(new Origin(shown, 1, 1), "'" + shown + "' is not a folder")));
        }
        List<Path> files = jsonFiles(dir, shown, errors);
        if (files.isEmpty() && errors.isEmpty()) {
            errors.add(new LoadError(new Origin(shown, 1, 1), "snapshot folder '" + shown + "' holds no JSON files"
                    + " (save the output of aws ec2 describe-vpcs, describe-subnets, ... there)"));
        }
        // Files below a region folder take it; the others take the given region, else the one their data shows.
        // Files are parsed in parallel (most of a large snapshot's load is parsing its two or three biggest
        // files); results and errors keep the files' order.
        List<Object> parsed = files.parallelStream().map(f -> parseFile(dir, shown, f)).toList();
        List<JsonDoc> docs = new ArrayList<>();
        for (Object o : parsed) {
            if (o instanceof JsonDoc d) docs.add(d);
            else errors.add((LoadError) o);
        }
        String region = defaultRegion != null ? defaultRegion : inferRegion(docs);
        List<JsonDoc> placed = new ArrayList<>();
        for (JsonDoc d : docs) placed.add(d.region != null ? d : d.withRegion(region));
        docs = placed;
        if (!errors.isEmpty()) throw new LoadException(errors);
        return new SnapshotReader(shown, region, docs).read();
    }

    /** One file parsed: its document, or the error that stops it. */
    private static Object parseFile(Path dir, String shown, Path f) {
        Path rel = dir.relativize(f);
        String account = null;
        String fileRegion = null;
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            String name = rel.getName(i).toString();
            if (ACCOUNT.matcher(name).matches()) account = name;
            else if (REGION.matcher(name).matches()) fileRegion = name;
        }
        String fileShown = Path.of(shown).resolve(rel).toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            return new LoadError(new Origin(fileShown, 1, 1), "cannot read '" + fileShown + "': " + e.getMessage());
        }
        try {
            JsonDoc d = JsonDoc.parse(fileShown, bytes, account, fileRegion);
            return d != null ? d : new LoadError(new Origin(fileShown, 1, 1), "'" + fileShown + "' is not UTF-8 text");
        } catch (JsonDoc.Malformed e) {
            return new LoadError(e.at, "malformed JSON: " + e.getMessage());
        }
    }

    /**
     * Reads one document holding the top-level keys of a folder's files merged ({@code {"Vpcs": [...],
     * "Subnets": [...], ...}}), all of {@code account} (null: unknown) and {@code region}. Positions in
     * errors and the report name the document as "document".
     */
    public static Result fromDocument(JsonNode doc, String account, String region) throws LoadException {
        String r = region != null ? region : ScenarioLoader.DEFAULT_REGION;
        if (doc == null || !doc.isObject()) {
            throw new LoadException(List.of(new LoadError(new Origin("document", 0, 0), "expected a JSON object of describe-* outputs")));
        }
        return new SnapshotReader("document", r, List.of(JsonDoc.of(doc, "document", account, r))).read();
    }

    /**
     * The region of files with no region folder above them, when none is given: the folder's only region
     * folder, else the only region the data's availability zones name (us-east-2a is in us-east-2), else
     * {@value ScenarioLoader#DEFAULT_REGION}.
     */
    private static String inferRegion(List<JsonDoc> docs) {
        Set<String> folders = new LinkedHashSet<>();
        for (JsonDoc d : docs) if (d.region != null) folders.add(d.region);
        if (folders.size() == 1) return folders.iterator().next();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonDoc d : docs) {
            if (d.region != null) continue;
            for (JsonNode az : d.root.findValues("AvailabilityZone")) {
                java.util.regex.Matcher m = AZ.matcher(az.asText());
                if (m.lookingAt()) seen.add(m.group(1));
            }
        }
        return seen.size() == 1 ? seen.iterator().next() : ScenarioLoader.DEFAULT_REGION;
    }

    private static final Pattern AZ = Pattern.compile("([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d)[a-z]");

    private static List<Path> jsonFiles(Path dir, String shown, List<LoadError> errors) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted((a, b) -> dir.relativize(a).toString().replace('\\', '/').compareTo(dir.relativize(b).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            errors.add(new LoadError(new Origin(shown, 1, 1), "cannot read folder '" + shown + "': " + e.getMessage()));
            return List.of();
        }
    }
}
