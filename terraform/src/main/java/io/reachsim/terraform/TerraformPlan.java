package io.reachsim.terraform;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.SnapshotImport;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved plan as the two networks {@code reachsim diff --plan} compares: before is the plan's prior state,
 * after its planned values (each laid on a base snapshot when given), with the resource changes that
 * lead from one to the other, so that a regression can be blamed on the change that caused it.
 */
public final class TerraformPlan {
    /** Attributes that name what a resource changes when it is not itself an item of the network. */
    private static final List<String> PARENTS = List.of("security_group_id", "route_table_id", "network_acl_id", "subnet_id",
            "nat_gateway_id", "gateway_id", "transit_gateway_id", "transit_gateway_route_table_id",
            "transit_gateway_attachment_id", "vpc_peering_connection_id", "network_interface_id", "instance_id", "vpc_endpoint_id",
            "default_route_table_id", "default_network_acl_id", "source_security_group_id", "referenced_security_group_id",
            "allocation_id", "load_balancer_arn", "target_group_arn", "prefix_list_id");
    private static final Set<String> NOT_COMPARED = Set.of("tags_all", "timeouts", "arn", "owner_id");

    /** One resource change: its address, action, the network ids it touches, and what it changes (before → after). */
    public record Change(String address, String action, Set<String> ids, String detail) {
        public Change {
            ids = Set.copyOf(ids);
        }

        @Override
        public String toString() {
            return address + " (" + action + "): " + detail;
        }
    }

    /** The two networks and the changes; the reports say what each side read. */
    public record Read(Network before, Network after, List<Change> changes, String beforeSummary, String afterSummary) {
        public Read {
            changes = List.copyOf(changes);
        }
    }

    private TerraformPlan() {}

    /** Reads a saved plan ({@code terraform show -json plan}); {@code base} (may be null) is the snapshot both sides lie on. */
    public static Read read(Path file, String shown, SnapshotImport base, String region) throws LoadException {
        TfDoc doc = TerraformImporter.document(file, shown);
        if (doc.kind != TfDoc.Kind.PLAN) {
            throw new LoadException(List.of(new LoadError(new Origin(shown, 1, 1), "a state, not a plan: diff --plan needs a saved plan"
                    + " ('terraform plan -out p && terraform show -json p'); compare states with --before and --after")));
        }
        List<LoadError> errors = new ArrayList<>();
        SnapshotImport before = null;
        SnapshotImport after = null;
        try {
            before = doc.prior.isEmpty() && base != null ? base
                    : TerraformImporter.layer(doc, doc.prior, Set.of(), base, region, "plan (prior state)");
        } catch (LoadException e) {
            errors.addAll(e.errors());
        }
        try {
            after = TerraformImporter.layer(doc, doc.resources, TerraformImporter.removed(doc), base, region, "plan (planned values)");
        } catch (LoadException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) throw new LoadException(errors.stream().distinct().toList());
        return new Read(before.network(), after.network(), changes(doc), before.summary(), after.summary());
    }

    /** The changes that touch any of {@code ids} (components on a flow's path, the component that drops it). */
    public static List<Change> causes(List<Change> changes, Set<String> ids) {
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            for (String id : c.ids()) {
                if (ids.contains(id)) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    private static List<Change> changes(TfDoc doc) {
        Values after = new Values(doc, doc.resources);
        Map<String, TfDoc.Res> planned = new java.util.HashMap<>();
        doc.resources.forEach(r -> planned.put(r.address(), r));
        Converter ids = new Converter(after, doc.resources, null, new Report(doc.file));
        try {
            ids.convert(); // fills the ids of what VPCs imply and of adopted defaults
        } catch (RuntimeException ignored) {
            // errors were reported by read(); here only ids are wanted
        }
        List<Change> out = new ArrayList<>();
        for (TfDoc.Change c : doc.changes.values()) {
            String action = c.action();
            if (action.equals("no-op") || action.equals("read")) continue;
            Set<String> touched = new LinkedHashSet<>();
            touched.add(c.address());
            for (J side : List.of(c.before(), c.after())) {
                if (side.get("id").str() != null) touched.add(side.get("id").str());
                for (String p : PARENTS) {
                    J v = side.get(p);
                    if (v.str() != null) touched.add(v.str());
                }
                for (String list : List.of("vpc_security_group_ids", "security_groups", "subnet_ids", "route_table_ids")) {
                    for (J x : side.get(list).items()) if (x.str() != null) touched.add(x.str());
                }
            }
            TfDoc.Res r = planned.get(c.address());
            if (r != null) {
                touched.add(after.id(r));
                for (String p : PARENTS) {
                    if (Values.unknown(r, p)) {
                        String id = after.ref(r, p, Set.of(), false);
                        if (id != null) touched.add(id);
                    }
                }
            }
            out.add(new Change(c.address(), action, touched, detail(c)));
        }
        return out;
    }

    /** What the change does, as "attribute: before → after" (at most four), or created/destroyed. */
    static String detail(TfDoc.Change c) {
        if (c.before().absent()) return "(absent) → created" + brief(c.after());
        if (c.after().absent()) return "destroyed" + brief(c.before()) + " → (absent)";
        List<String> diffs = new ArrayList<>();
        diff("", c.before(), c.after(), c.afterUnknown(), diffs);
        String prefix = c.action().equals("replace") ? "replaced: " : "";
        if (diffs.isEmpty()) return prefix + "no visible attribute change";
        String s = String.join("; ", diffs.subList(0, Math.min(4, diffs.size())));
        return prefix + s + (diffs.size() > 4 ? "; and " + (diffs.size() - 4) + " more" : "");
    }

    private static String brief(J values) {
        List<String> l = new ArrayList<>();
        for (String k : List.of("cidr_block", "destination_cidr_block", "type", "protocol", "ip_protocol", "from_port", "to_port",
                "cidr_blocks", "cidr_ipv4", "gateway_id", "nat_gateway_id", "transit_gateway_id", "rule_action")) {
            J v = values.get(k);
            if (!v.absent() && !(v.isString() && v.str() == null) && !(v.isArray() && v.items().isEmpty())) l.add(k + " = " + v.show());
        }
        return l.isEmpty() ? "" : " (" + String.join(", ", l.subList(0, Math.min(5, l.size()))) + ")";
    }

    private static void diff(String path, J before, J after, J unknown, List<String> out) {
        if (unknown.bool(false)) {
            out.add(path + ": " + before.show() + " → (known after apply)");
            return;
        }
        if (before.sameAs(after)) return;
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>(before.fields().keySet());
            keys.addAll(after.fields().keySet());
            for (String k : keys) {
                if (path.isEmpty() && NOT_COMPARED.contains(k)) continue;
                diff(path.isEmpty() ? k : path + "." + k, before.get(k), after.get(k), unknown.get(k), out);
            }
            return;
        }
        if (before.isArray() && after.isArray() && before.items().size() == after.items().size()) {
            for (int i = 0; i < before.items().size(); i++) diff(path + "[" + i + "]", before.get(i), after.get(i), unknown.get(i), out);
            return;
        }
        if (before.isArray() && after.isArray()) {
            // a set of blocks or values that gained or lost members: name those, not the whole lists
            List<String> parts = new ArrayList<>();
            for (J b : before.items()) if (after.items().stream().noneMatch(b::sameAs)) parts.add("removed " + compact(b));
            for (J a : after.items()) if (before.items().stream().noneMatch(a::sameAs)) parts.add("added " + compact(a));
            out.add(path + ": " + String.join(", ", parts));
            return;
        }
        out.add(path + ": " + before.show() + " → " + after.show());
    }

    /** An object without its empty values ({@code ""}, {@code []}, {@code false}, null). */
    private static String compact(J v) {
        if (!v.isObject()) return v.show();
        List<String> l = new ArrayList<>();
        v.fields().forEach((k, x) -> {
            boolean empty = x.absent() || x.isString() && x.str() == null || x.isArray() && x.items().isEmpty()
                    || x.kind == J.Kind.BOOLEAN && !x.bool(false);
            if (!empty) l.add(k + ": " + x.show());
        });
        return "{" + String.join(", ", l) + "}";
    }
}
