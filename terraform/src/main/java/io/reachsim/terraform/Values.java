package io.reachsim.terraform;

import io.reachsim.load.LoadError;
import io.reachsim.model.Origin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading one resource's values: known values as written, values unknown until apply resolved through the
 * configuration ({@link Refs}) when they name another resource, and an error naming the resource address
 * and attribute for any other unknown value the network needs.
 */
final class Values {
    final TfDoc doc;
    final Refs refs;
    final List<LoadError> errors = new ArrayList<>();
    /** Notes for the import report ("aws_subnet.a: vpc_id found by type: ..."). */
    final List<String> notes = new ArrayList<>();
    /** Id of a resource instance in the network (its AWS id, or its address while it has none), by address. */
    final Map<String, String> ids = new HashMap<>();
    /** Ids of what a VPC implies (main route table, default SG, default ACL), by VPC address and attribute. */
    final Map<String, String> vpcParts = new LinkedHashMap<>();

    Values(TfDoc doc, List<TfDoc.Res> resources) {
        this.doc = doc;
        this.refs = new Refs(doc.root.get("configuration"), resources);
        for (TfDoc.Res r : resources) {
            String id = r.values().get("id").str();
            ids.put(r.address(), id != null && !unknown(r, "id") ? id : r.address());
        }
    }

    Origin at(J v) {
        return doc.at(v.isMissing() ? J.MISSING : v);
    }

    void error(TfDoc.Res r, String attr, String message) {
        J v = attr == null ? r.node() : r.values().get(attr);
        errors.add(new LoadError(doc.at(v.absent() ? r.node() : v), r.address() + (attr == null ? "" : ": " + attr) + ": " + message));
    }

    String id(TfDoc.Res r) {
        return ids.get(r.address());
    }

    /** True when the value at {@code path} (names and indexes) is unknown until apply. */
    static boolean unknown(TfDoc.Res r, Object... path) {
        J u = r.unknown();
        for (Object p : path) {
            if (u.kind == J.Kind.BOOLEAN) return u.bool(false);
            u = p instanceof Integer i ? u.get(i) : u.get((String) p);
        }
        return u.bool(false);
    }

    /** A known, non-empty string value; null when absent, empty or unknown. */
    static String known(TfDoc.Res r, String attr) {
        return unknown(r, attr) ? null : r.values().get(attr).str();
    }

    /** A string value the network needs: an error when unknown until apply or absent ({@code what} says why it matters). */
    String required(TfDoc.Res r, String attr) {
        if (unknown(r, attr)) {
            error(r, attr, "unknown until apply, and the network depends on it (a value Terraform computes: the plan cannot be"
                    + " checked before it is known; set it in the configuration)");
            return null;
        }
        String v = r.values().get(attr).str();
        if (v == null) error(r, attr, "missing (required)");
        return v;
    }

    Integer integer(TfDoc.Res r, J v, String attr) {
        if (unknown(r, attr)) {
            error(r, attr, "unknown until apply, and the network depends on it");
            return null;
        }
        String t = v.text();
        if (t == null) return null;
        try {
            return (int) Double.parseDouble(t);
        } catch (NumberFormatException e) {
            error(r, attr, "expected a number, not " + v.show());
            return null;
        }
    }

    /**
     * The id a reference attribute names: the known value, else the resource (of one of {@code types}) the
     * configuration says it refers to. Null (and an error when {@code needed}) when it cannot be told.
     */
    String ref(TfDoc.Res r, String attr, Set<String> types, boolean needed) {
        return refAt(r, List.of(attr), r.values().get(attr), types, needed);
    }

    String refAt(TfDoc.Res r, List<Object> path, J value, Set<String> types, boolean needed) {
        if (!unknown(r, path.toArray())) {
            String v = value.str();
            if (v == null && needed) error(r, join(path), "missing (required)");
            return v;
        }
        Refs.Target t = refs.target(r, path, types);
        if (t == null) {
            if (needed) {
                error(r, join(path), "unknown until apply and refers to no single " + String.join(" or ", types)
                        + " in this plan (references: " + references(r, path) + ")");
            }
            return null;
        }
        if (t.byType()) notes.add(r.address() + ": " + join(path) + " taken to be " + t.res().address()
                + " (the only " + t.res().type() + " of its module: the configuration refers to it through a local value)");
        return idOf(t);
    }

    /** A list of ids: known items as written, unknown ones from the configuration's references, in order. */
    List<String> refs(TfDoc.Res r, String attr, Set<String> types) {
        return refsAt(r, List.of(attr), r.values().get(attr), types);
    }

    /** {@link #refs} for a list at {@code path} (inside a nested block too), whose value is {@code list}. */
    List<String> refsAt(TfDoc.Res r, List<Object> path, J list, Set<String> types) {
        List<String> out = new ArrayList<>();
        J u = r.unknown();
        for (Object p : path) {
            if (u.kind == J.Kind.BOOLEAN) break;
            u = p instanceof Integer i ? u.get(i) : u.get((String) p);
        }
        boolean whole = u.bool(false);
        boolean some = false;
        for (J x : u.items()) some |= x.bool(false);
        List<Refs.Target> targets = new ArrayList<>();
        if (whole || some) {
            for (Refs.Hit h : refs.hits(r, path)) {
                if (types.isEmpty() || types.contains(h.res().type())) targets.add(new Refs.Target(h.res(), false, h.attr()));
            }
        }
        String what = String.join(" or ", types);
        if (whole) {
            if (targets.isEmpty()) {
                error(r, join(path), "unknown until apply and refers to no " + what + " in this plan (references: " + references(r, path) + ")");
            }
            for (Refs.Target t : targets) out.add(idOf(t));
            return out;
        }
        int next = 0;
        List<J> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            if (u.get(i).bool(false)) {
                if (next < targets.size()) out.add(idOf(targets.get(next++)));
                else error(r, join(path) + "[" + i + "]", "unknown until apply and refers to no " + what + " in this plan");
            } else if (items.get(i).str() != null) {
                out.add(items.get(i).str());
            }
        }
        return out;
    }

    /** The id of what a resolved reference names: a VPC's main route table, default SG or ACL when the attribute says so. */
    String idOf(Refs.Target t) {
        if (t.res().type().equals("aws_vpc") && t.attr() != null) {
            String part = vpcParts.get(t.res().address() + "|" + t.attr());
            if (part != null) return part;
        }
        if (!t.res().managed()) {
            String id = t.res().values().get(t.attr() != null ? t.attr() : "id").str();
            if (id != null) return id;
        }
        return id(t.res());
    }

    private String references(TfDoc.Res r, List<Object> path) {
        J e = refs.expression(r, path);
        List<String> l = new ArrayList<>();
        for (J x : e.get("references").items()) l.add(x.text());
        return l.isEmpty() ? (e.isMissing() ? "none in the configuration" : "none") : String.join(", ", l);
    }

    static String join(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) b.append('[').append(i).append(']');
            else b.append(b.length() == 0 ? "" : ".").append(p);
        }
        return b.toString();
    }
}
