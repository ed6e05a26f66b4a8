package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.model.Origin;

import java.util.ArrayList;
import java.util.List;

/** An item of a list key (or a whole get-* document), with the document it came from. */
record Item(JsonDoc doc, JsonNode node, String parent) {
    Item(JsonDoc doc, JsonNode node) {
        this(doc, node, null);
    }

    Origin at() {
        return doc.at(node);
    }

    Origin at(String field) {
        JsonNode v = node.get(field);
        return v != null ? doc.at(v) : doc.at(node);
    }

    String str(String field) {
        return FamilyReader.str(node, field);
    }

    boolean bool(String field, boolean dflt) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? dflt : v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    List<Item> list(String field) {
        List<Item> l = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v != null && v.isArray()) for (JsonNode n : v) if (n.isObject()) l.add(new Item(doc, n));
        return l;
    }

    Item obj(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isObject() ? new Item(doc, v) : null;
    }

    List<String> strings(String field) {
        List<String> l = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v != null && v.isArray()) for (JsonNode n : v) if (n.isTextual()) l.add(n.asText());
        return l;
    }

    String region() {
        return doc.region;
    }
}
