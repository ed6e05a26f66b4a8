package io.reachsim.terraform;

import io.reachsim.load.LoadError;
import io.reachsim.model.Origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of what {@code terraform show -json} prints: a saved plan or a state, told apart by their keys
 * (developer.hashicorp.com/terraform/internals/json-format). A plan's network is its {@code planned_values}
 * (with {@code resource_changes[].change.after_unknown} saying which values are unknown until apply); the
 * network before it is its {@code prior_state}. A state's network is its {@code values}.
 */
final class TfDoc {
    enum Kind { PLAN, STATE }

    /** A resource instance: where it lives, what it holds, and which of its values are unknown until apply. */
    record Res(String address, String module, String mode, String type, String name, J index, J values, J unknown, J node) {
        // identity: an instance is one object of one document (its J values have no value equality)
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        boolean managed() {
            return "managed".equals(mode);
        }

        /** The address without its own index: the configuration's address of the resource, in its module instance. */
        String baseAddress() {
            return (module.isEmpty() ? "" : module + ".") + (managed() ? "" : "data.") + type + "." + name;
        }
    }

    /** An entry of {@code resource_changes}. */
    record Change(String address, String type, List<String> actions, J before, J after, J afterUnknown, J node) {
        String action() {
            if (actions.contains("delete") && actions.contains("create")) return "replace";
            return actions.isEmpty() ? "no-op" : actions.get(0);
        }
    }

    final String file;
    final Kind kind;
    final String formatVersion;
    final J root;
    /** The network's resources: planned values of a plan, values of a state. */
    final List<Res> resources = new ArrayList<>();
    /** A plan's prior state (empty for a state or a plan of an empty state). */
    final List<Res> prior = new ArrayList<>();
    final Map<String, Change> changes = new LinkedHashMap<>();
    final List<LoadError> errors = new ArrayList<>();

    private TfDoc(String file, Kind kind, String formatVersion, J root) {
        this.file = file;
        this.kind = kind;
        this.formatVersion = formatVersion;
        this.root = root;
    }

    Origin at(J v) {
        return new Origin(file, Math.max(1, v.line), Math.max(1, v.column));
    }

    /** Reads and checks {@code path}; every problem is in the returned errors (the document is null when unusable). */
    static TfDoc read(Path path, String shown, List<LoadError> errors) {
        J root;
        try (InputStream in = Files.newInputStream(path)) {
            root = J.parse(in);
        } catch (J.Malformed e) {
            errors.add(new LoadError(new Origin(shown, e.line, e.column), "not JSON: " + e.getMessage()
                    + " (expected what 'terraform show -json' prints)"));
            return null;
        } catch (IOException e) {
            errors.add(new LoadError(new Origin(shown, 1, 1), "cannot read '" + shown + "': " + e.getMessage()));
            return null;
        }
        return of(root, shown, errors);
    }

    static TfDoc of(J root, String shown, List<LoadError> errors) {
        Origin top = new Origin(shown, Math.max(1, root.line), Math.max(1, root.column));
        if (!root.isObject()) {
            errors.add(new LoadError(top, "expected a JSON object with 'format_version' (what 'terraform show -json' prints)"));
            return null;
        }
        J fv = root.get("format_version");
        if (fv.isMissing() && root.get("version").kind == J.Kind.NUMBER && root.get("resources").isArray()) {
            return rawState(root, shown, errors);
        }
        if (fv.isMissing()) {
            errors.add(new LoadError(top, "JSON without 'format_version': not a Terraform plan or state as"
                    + " 'terraform show -json' prints it"));
            return null;
        }
        String version = fv.text();
        if (version == null || !version.matches("[0-9]+(\\.[0-9]+)*")) {
            errors.add(new LoadError(new Origin(shown, fv.line, fv.column), "format_version " + fv.show()
                    + " is not a version number: expected \"1.x\""));
            return null;
        }
        // 0.x (Terraform 0.12-0.15) has the same shape; a major above 1 is a format this version does not know.
        if (Integer.parseInt(version.split("\\.")[0]) > 1) {
            errors.add(new LoadError(new Origin(shown, fv.line, fv.column), "format_version \"" + version
                    + "\" is not supported: this version reads Terraform's JSON format 0.x and 1.x"));
            return null;
        }
        boolean plan = root.fields().containsKey("planned_values") || root.fields().containsKey("resource_changes");
        boolean state = root.fields().containsKey("values");
        if (!plan && !state) {
            // An empty state prints only format_version (and terraform_version).
            if (root.fields().keySet().stream().allMatch(k -> k.equals("format_version") || k.equals("terraform_version"))) {
                return new TfDoc(shown, Kind.STATE, version, root);
            }
            errors.add(new LoadError(top, "Terraform JSON with neither 'planned_values' (a plan) nor 'values' (a state):"
                    + " expected the output of 'terraform show -json' for a saved plan or for the state"));
            return null;
        }
        TfDoc d = new TfDoc(shown, plan ? Kind.PLAN : Kind.STATE, version, root);
        if (plan) {
            for (J c : root.get("resource_changes").items()) d.change(c);
            d.module(root.get("planned_values").get("root_module"), "", d.resources, true);
            d.module(root.get("prior_state").get("values").get("root_module"), "", d.prior, false);
        } else {
            d.module(root.get("values").get("root_module"), "", d.resources, false);
        }
        errors.addAll(d.errors);
        return d;
    }

    /**
     * A state file as Terraform keeps it ({@code terraform.tfstate}, version 4), read as {@code terraform show -json}
     * would print it: each resource instance's {@code attributes} are its values.
     */
    private static TfDoc rawState(J root, String shown, List<LoadError> errors) {
        J version = root.get("version");
        if (!"4".equals(version.text())) {
            errors.add(new LoadError(new Origin(shown, version.line, version.column), "Terraform state version " + version.text()
                    + " is not supported: this version reads state version 4 (Terraform 0.12 and later) and what"
                    + " 'terraform show -json' prints"));
            return null;
        }
        TfDoc d = new TfDoc(shown, Kind.STATE, "state v4", root);
        for (J r : root.get("resources").items()) {
            String type = r.get("type").str();
            String name = r.get("name").str();
            if (type == null || name == null) {
                d.errors.add(new LoadError(d.at(r), "a resource without " + (type == null ? "'type'" : "'name'")));
                continue;
            }
            String mode = r.get("mode").str() == null ? "managed" : r.get("mode").str();
            String module = r.get("module").str() == null ? "" : r.get("module").str();
            for (J inst : r.get("instances").items()) {
                J key = inst.get("index_key");
                String index = key.absent() ? "" : "[" + (key.kind == J.Kind.STRING ? "\"" + key.text() + "\"" : key.text()) + "]";
                String address = (module.isEmpty() ? "" : module + ".") + (mode.equals("data") ? "data." : "") + type + "." + name + index;
                d.resources.add(new Res(address, module, mode, type, name, key, inst.get("attributes"), J.MISSING, inst));
            }
        }
        errors.addAll(d.errors);
        return d;
    }

    private void change(J c) {
        String address = c.get("address").str();
        if (address == null) {
            errors.add(new LoadError(at(c), "a resource change without 'address'"));
            return;
        }
        J ch = c.get("change");
        List<String> actions = new ArrayList<>();
        for (J a : ch.get("actions").items()) if (a.str() != null) actions.add(a.str());
        changes.put(address, new Change(address, String.valueOf(c.get("type").text()), actions, ch.get("before"),
                ch.get("after"), ch.get("after_unknown"), c));
    }

    private void module(J m, String fallbackAddress, List<Res> into, boolean planned) {
        if (m.absent()) return;
        String moduleAddress = m.get("address").str() != null ? m.get("address").str() : fallbackAddress;
        for (J r : m.get("resources").items()) {
            String address = r.get("address").str();
            String type = r.get("type").str();
            String name = r.get("name").str();
            if (address == null || type == null || name == null) {
                errors.add(new LoadError(at(r), "a resource without " + (address == null ? "'address'" : type == null ? "'type'" : "'name'")
                        + (address == null ? "" : " (" + address + ")")));
                continue;
            }
            String mode = r.get("mode").str() == null ? "managed" : r.get("mode").str();
            J unknown = J.MISSING;
            if (planned) {
                Change c = changes.get(address);
                if (c != null) unknown = c.afterUnknown();
            }
            into.add(new Res(address, moduleAddress, mode, type, name, r.get("index"), r.get("values"), unknown, r));
        }
        for (J child : m.get("child_modules").items()) module(child, "", into, planned);
    }
}
