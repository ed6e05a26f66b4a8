package io.reachsim.terraform;

import io.reachsim.load.Layers;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.NetworkDocument;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.load.SnapshotImport;
import io.reachsim.load.SnapshotImporter;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code terraform show -json} prints, as a network (registered in META-INF/services): a saved plan
 * stands for its planned values, a state for its values. Laid on a lower layer ({@code import: [snap/,
 * plan.json]}), a resource whose AWS id is known replaces the item with that id, one the plan destroys
 * removes it, a new one is added; the plan may refer to the lower layer's ids (data sources, hard-coded ids).
 */
public final class TerraformImporter implements SnapshotImporter {

    @Override
    public boolean accepts(Path path) {
        if (!Files.isRegularFile(path)) return false;
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".tfstate") || SnapshotImporter.looksLikeTerraformJson(path);
    }

    @Override
    public String reads() {
        return "Terraform plan and state JSON files";
    }

    @Override
    public SnapshotImport read(Path path, String shown, String defaultRegion) throws LoadException {
        return read(path, shown, defaultRegion, null);
    }

    @Override
    public SnapshotImport read(Path path, String shown, String defaultRegion, SnapshotImport below) throws LoadException {
        TfDoc doc = document(path, shown);
        return layer(doc, doc.resources, doc.kind == TfDoc.Kind.PLAN ? removed(doc) : Set.of(), below, defaultRegion,
                doc.kind == TfDoc.Kind.PLAN ? "plan (planned values)" : "state");
    }

    static TfDoc document(Path path, String shown) throws LoadException {
        List<LoadError> errors = new ArrayList<>();
        TfDoc doc = TfDoc.read(path, shown, errors);
        if (doc == null || !errors.isEmpty()) throw new LoadException(errors);
        return doc;
    }

    /** The ids of what a plan destroys (replaced resources included: the new one has no AWS id yet). */
    static Set<String> removed(TfDoc doc) {
        Set<String> out = new HashSet<>();
        for (TfDoc.Change c : doc.changes.values()) {
            if (c.actions().contains("delete")) {
                String id = c.before().get("id").str();
                if (id != null) out.add(id);
            }
        }
        return out;
    }

    /** One layer: {@code resources} of {@code doc} as a network laid on {@code below} (may be null). */
    static SnapshotImport layer(TfDoc doc, List<TfDoc.Res> resources, Set<String> removed, SnapshotImport below,
                                String defaultRegion, String kind) throws LoadException {
        Values v = new Values(doc, resources);
        Report report = new Report(doc.file);
        Network belowNet = below == null ? null : below.network();
        Converter c = new Converter(v, resources, belowNet, report);
        Y.Map net = c.convert();
        report.unread(resources);
        v.notes.forEach(report::note);
        if (!v.errors.isEmpty()) throw new LoadException(v.errors);
        String region = defaultRegion != null ? defaultRegion : region(doc, belowNet);
        Network base = null;
        Map<String, Origin> origins = Map.of();
        if (belowNet != null) {
            Set<String> gone = new HashSet<>(removed);
            Set<String> known = belowNet.kindsById().keySet();
            for (String id : c.emitted()) if (known.contains(id)) gone.add(id);
            belowNet.eksClusters().forEach(k -> { if (v.ids.containsValue(k.name())) gone.add(k.name()); });
            base = Layers.without(belowNet, gone);
            origins = below.origins();
        }
        Network network = NetworkDocument.resolve(net.node(), doc.file, region, base, origins);
        List<LoadError> warnings = new ArrayList<>();
        Origin top = new Origin(doc.file, 1, 1);
        report.skipped().forEach(s -> warnings.add(new LoadError(top, "skipped " + s)));
        report.notModelled().forEach(a -> warnings.add(new LoadError(top, "not modelled: " + a)));
        String summary = report.summary(kind);
        String text = report.text(kind);
        if (below != null) {
            List<LoadError> all = new ArrayList<>(below.warnings());
            all.addAll(warnings);
            return new SnapshotImport(below.folder() + " + " + doc.file, network, below.summary() + "\n" + summary, all,
                    below.report() + "\n" + text, below.origins());
        }
        return new SnapshotImport(doc.file, network, summary, warnings, text, Map.of());
    }

    /** The AWS provider's region when the configuration writes it, else the lower layer's, else the default. */
    private static String region(TfDoc doc, Network below) {
        for (J p : doc.root.get("configuration").get("provider_config").fields().values()) {
            if ("aws".equals(p.get("name").str()) && p.get("alias").absent()) {
                String r = p.get("expressions").get("region").get("constant_value").str();
                if (r != null) return r;
            }
        }
        return below != null && below.region() != null ? below.region() : ScenarioLoader.DEFAULT_REGION;
    }
}
