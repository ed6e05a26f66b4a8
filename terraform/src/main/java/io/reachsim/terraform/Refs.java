package io.reachsim.terraform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a value that is unknown until apply ({@code vpc_id = aws_vpc.main.id} for a VPC not created yet)
 * to the resource instance it refers to, through the plan's {@code configuration}: the resource's
 * expression lists its {@code references}, which are followed through module inputs ({@code var.*} to the
 * calling module's expression), module outputs ({@code module.m.out} to the output's expression) and
 * instance keys ({@code count.index}, {@code each.key}: the instance with the referring resource's key).
 * The configuration does not show locals, so a reference only through {@code local.*} falls back to the
 * one resource of the expected type in the same module instance (noted in the import report).
 */
final class Refs {
    /** What a reference resolved to, whether only the fallback by type found it, and the attribute it reads (or null). */
    record Target(TfDoc.Res res, boolean byType, String attr) {}

    /** A resource instance a reference names, and the attribute it reads ({@code default_route_table_id}; null: the resource). */
    record Hit(TfDoc.Res res, String attr) {}

    private final J configuration;
    private final Map<String, List<TfDoc.Res>> byBase = new HashMap<>();
    private final Map<String, List<TfDoc.Res>> byModuleAndType = new HashMap<>();

    Refs(J configuration, List<TfDoc.Res> resources) {
        this.configuration = configuration;
        for (TfDoc.Res r : resources) {
            byBase.computeIfAbsent(r.baseAddress(), k -> new ArrayList<>()).add(r);
            if (r.managed()) byModuleAndType.computeIfAbsent(r.module() + "|" + r.type(), k -> new ArrayList<>()).add(r);
        }
    }

    /** The expression of {@code r}'s configuration at {@code path} (attribute names and block indexes), or MISSING. */
    J expression(TfDoc.Res r, List<Object> path) {
        J res = configResource(r);
        J e = res.get("expressions");
        for (Object p : path) {
            if (p instanceof Integer i) {
                e = e.isArray() ? e.get(i) : e;
            } else {
                e = e.get((String) p);
            }
            if (e.isMissing()) return J.MISSING;
        }
        return e;
    }

    /** Every resource instance the expression at {@code path} of {@code r} refers to, in order, each once. */
    List<Hit> hits(TfDoc.Res r, List<Object> path) {
        J e = expression(r, path);
        Map<TfDoc.Res, String> out = new LinkedHashMap<>();
        collect(e, r.module(), key(r.index()), out, 0);
        List<Hit> l = new ArrayList<>();
        out.forEach((res, attr) -> l.add(new Hit(res, attr.isEmpty() ? null : attr)));
        return l;
    }

    /**
     * The one resource instance of one of {@code types} that the value at {@code path} of {@code r} names;
     * null when none or several can be told apart.
     */
    Target target(TfDoc.Res r, List<Object> path, Set<String> types) {
        List<Hit> hits = hits(r, path).stream().filter(t -> types.isEmpty() || types.contains(t.res().type())).toList();
        List<TfDoc.Res> all = hits.stream().map(Hit::res).toList();
        TfDoc.Res one = pick(all, key(r.index()));
        if (one != null) {
            for (Hit h : hits) if (h.res() == one) return new Target(one, false, h.attr());
        }
        if (!all.isEmpty() || !throughLocal(expression(r, path))) return null;
        // Locals are not in the JSON configuration: the one resource of the expected type in this module instance.
        List<TfDoc.Res> sameModule = new ArrayList<>();
        for (String t : types) sameModule.addAll(byModuleAndType.getOrDefault(r.module() + "|" + t, List.of()));
        one = pick(sameModule, key(r.index()));
        return one == null ? null : new Target(one, true, null);
    }

    private static boolean throughLocal(J expression) {
        for (J ref : expression.get("references").items()) if (ref.str() != null && ref.str().startsWith("local.")) return true;
        return false;
    }

    private static TfDoc.Res pick(List<TfDoc.Res> all, String key) {
        if (all.size() == 1) return all.get(0);
        if (all.isEmpty() || key == null) return null;
        TfDoc.Res found = null;
        for (TfDoc.Res t : all) {
            if (key.equals(key(t.index()))) {
                if (found != null) return null;
                found = t;
            }
        }
        return found;
    }

    static String key(J index) {
        return index == null || index.absent() ? null : index.text();
    }

    // ---------------------------------------------------------------- following references

    private void collect(J expression, String module, String key, Map<TfDoc.Res, String> out, int depth) {
        if (depth > 20 || expression.absent()) return;
        if (expression.isArray()) {
            for (J item : expression.items()) collect(item, module, key, out, depth);
            return;
        }
        // Terraform lists a reference and its prefixes (aws_vpc.this[0].id, aws_vpc.this[0], aws_vpc.this): follow the longest.
        List<String> refs = new ArrayList<>();
        for (J ref : expression.get("references").items()) if (ref.str() != null) refs.add(ref.str());
        for (String s : refs) {
            boolean prefix = false;
            for (String o : refs) if (o.length() > s.length() && (o.startsWith(s + ".") || o.startsWith(s + "["))) prefix = true;
            if (!prefix) follow(s, module, key, out, depth);
        }
        // Nested blocks and object values carry their own expressions.
        if (expression.get("references").isMissing() && expression.get("constant_value").isMissing()) {
            for (J v : expression.fields().values()) if (v.isObject() || v.isArray()) collect(v, module, key, out, depth + 1);
        }
    }

    private void follow(String ref, String module, String key, Map<TfDoc.Res, String> out, int depth) {
        List<String> parts = split(ref);
        if (parts.isEmpty()) return;
        String head = parts.get(0);
        switch (head) {
            case "var" -> {
                if (parts.size() < 2 || module.isEmpty()) return;
                // The calling module's expression for this input, in the caller's scope.
                int cut = lastModuleSegment(module);
                String parent = cut <= 0 ? "" : module.substring(0, cut - 1);
                String call = module.substring(cut + "module.".length());
                String callKey = null;
                int br = call.indexOf('[');
                if (br >= 0) {
                    callKey = unquote(call.substring(br + 1, call.length() - 1));
                    call = call.substring(0, br);
                }
                J e = moduleConfig(parent).get("module_calls").get(call).get("expressions").get(parts.get(1));
                collect(e, parent, callKey, out, depth + 1);
            }
            case "module" -> {
                if (parts.size() < 3) return;
                String call = parts.get(1);
                String literal = null;
                int br = call.indexOf('[');
                if (br >= 0) {
                    literal = unquote(call.substring(br + 1, call.length() - 1));
                    call = call.substring(0, br);
                }
                String childPath = (module.isEmpty() ? "" : module + ".") + "module." + call;
                String output = parts.get(2);
                String element = null;
                int ob = output.indexOf('[');
                if (ob >= 0) {
                    element = unquote(output.substring(ob + 1, output.length() - 1));
                    output = output.substring(0, ob);
                }
                J e = moduleConfig(module).get("module_calls").get(call).get("module").get("outputs").get(output).get("expression");
                Map<TfDoc.Res, String> found = new LinkedHashMap<>();
                for (String inst : moduleInstances(childPath, literal)) collect(e, inst, null, found, depth + 1);
                if (element != null && element.matches("[0-9]+")) {
                    // module.vpc.public_subnets[0]: the element of the output's list
                    int i = Integer.parseInt(element);
                    List<TfDoc.Res> l = new ArrayList<>(found.keySet());
                    if (i < l.size()) out.putIfAbsent(l.get(i), found.get(l.get(i)));
                } else {
                    found.forEach(out::putIfAbsent);
                }
            }
            case "data" -> {
                if (parts.size() >= 3) resource("data." + parts.get(1), parts.get(2), parts.size() > 3 ? parts.get(3) : "", module, key, out);
            }
            case "local", "count", "each", "path", "self", "terraform" -> {
                // not resolvable from the JSON configuration
            }
            default -> {
                if (parts.size() >= 2) resource(head, parts.get(1), parts.size() > 2 ? parts.get(2) : "", module, key, out);
            }
        }
    }

    private void resource(String type, String nameWithIndex, String attr, String module, String key, Map<TfDoc.Res, String> out) {
        String name = nameWithIndex;
        String literal = null;
        int br = nameWithIndex.indexOf('[');
        if (br >= 0) {
            name = nameWithIndex.substring(0, br);
            literal = unquote(nameWithIndex.substring(br + 1, nameWithIndex.length() - 1));
        }
        List<TfDoc.Res> all = byBase.getOrDefault((module.isEmpty() ? "" : module + ".") + type + "." + name, List.of());
        if (literal != null) {
            for (TfDoc.Res r : all) if (literal.equals(key(r.index()))) out.putIfAbsent(r, attr);
            return;
        }
        if (all.size() > 1 && key != null) {
            for (TfDoc.Res r : all) {
                if (key.equals(key(r.index()))) {
                    out.putIfAbsent(r, attr);
                    return;
                }
            }
        }
        for (TfDoc.Res r : all) out.putIfAbsent(r, attr);
    }

    /** The instances of a module call present in the plan ({@code module.vpc}, {@code module.vpc["a"]}, ...). */
    private List<String> moduleInstances(String path, String literal) {
        Set<String> found = new LinkedHashSet<>();
        for (List<TfDoc.Res> rs : byBase.values()) {
            for (TfDoc.Res r : rs) {
                String m = r.module();
                if (m.equals(path) || m.startsWith(path + ".")) {
                    found.add(path);
                } else if (m.startsWith(path + "[")) {
                    int end = m.indexOf(']', path.length());
                    String inst = m.substring(0, end + 1);
                    if (literal == null || literal.equals(unquote(inst.substring(path.length() + 1, inst.length() - 1)))) found.add(inst);
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** The configuration of a module instance path (indexes ignored). */
    private J moduleConfig(String module) {
        J m = configuration.get("root_module");
        if (module.isEmpty()) return m;
        for (String part : split(module)) {
            if (part.equals("module")) continue;
            String call = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            m = m.get("module_calls").get(call).get("module");
        }
        return m;
    }

    /** Each module configuration's resources by address, built on first use. */
    private final Map<J, Map<String, J>> configIndex = new java.util.IdentityHashMap<>();

    private J configResource(TfDoc.Res r) {
        J m = moduleConfig(r.module());
        Map<String, J> index = configIndex.computeIfAbsent(m, k -> {
            Map<String, J> byAddress = new HashMap<>();
            for (J c : k.get("resources").items()) if (c.get("address").str() != null) byAddress.putIfAbsent(c.get("address").str(), c);
            return byAddress;
        });
        J c = index.get((r.managed() ? "" : "data.") + r.type() + "." + r.name());
        return c == null ? J.MISSING : c;
    }

    private static int lastModuleSegment(String module) {
        // the start of the last "module.NAME[...]" segment, skipping dots inside brackets
        int depth = 0;
        int last = 0;
        for (int i = 0; i < module.length(); i++) {
            char c = module.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (depth == 0 && module.startsWith("module.", i) && (i == 0 || module.charAt(i - 1) == '.')) last = i;
        }
        return last;
    }

    /** Splits a reference at dots outside brackets: {@code module.vpc["a"].id} → module, vpc["a"], id. */
    static List<String> split(String ref) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '"' && (i == 0 || ref.charAt(i - 1) != '\\')) quoted = !quoted;
            if (!quoted && c == '[') depth++;
            if (!quoted && c == ']') depth--;
            if (c == '.' && !quoted && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) parts.add(cur.toString());
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
