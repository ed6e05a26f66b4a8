package io.reachsim.terraform;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the scenario format's {@code network:} section as a YAML node tree whose positions are those of
 * the plan's JSON, so that the simulator's own parser and resolver check it and their errors point into
 * the plan file.
 */
final class Y {
    private Y() {}

    static Mark mark(J at) {
        return new Mark("terraform", 0, Math.max(0, at.line - 1), Math.max(0, at.column - 1), new int[0], 0);
    }

    static ScalarNode s(String value, J at) {
        Mark m = mark(at);
        return new ScalarNode(Tag.STR, value, m, m, DumperOptions.ScalarStyle.PLAIN);
    }

    static Seq seq(J at) {
        return new Seq(at);
    }

    static Map map(J at) {
        return new Map(at);
    }

    static final class Map {
        final J at;
        final List<NodeTuple> tuples = new ArrayList<>();

        Map(J at) {
            this.at = at;
        }

        Map put(String key, String value, J where) {
            if (value != null) tuples.add(new NodeTuple(s(key, where), s(value, where)));
            return this;
        }

        Map put(String key, String value) {
            return put(key, value, at);
        }

        Map put(String key, Node value) {
            if (value != null) tuples.add(new NodeTuple(s(key, at), value));
            return this;
        }

        Map put(String key, Map value) {
            return value == null ? this : put(key, value.node());
        }

        Map put(String key, Seq value) {
            return value == null ? this : put(key, value.node());
        }

        boolean has(String key) {
            for (NodeTuple t : tuples) if (((ScalarNode) t.getKeyNode()).getValue().equals(key)) return true;
            return false;
        }

        MappingNode node() {
            Mark m = mark(at);
            return new MappingNode(Tag.MAP, true, tuples, m, m, DumperOptions.FlowStyle.BLOCK);
        }
    }

    static final class Seq {
        final J at;
        final List<Node> items = new ArrayList<>();

        Seq(J at) {
            this.at = at;
        }

        Seq add(String value, J where) {
            if (value != null) items.add(s(value, where));
            return this;
        }

        Seq add(Map m) {
            items.add(m.node());
            return this;
        }

        Seq add(Node n) {
            items.add(n);
            return this;
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        /**
         * Drops items equal to an earlier one (same keys and scalar values, wherever written): a state lists a
         * route or rule both in its parent's refreshed attribute and as its own resource, and AWS holds it once.
         */
        Seq dedupe() {
            java.util.Set<String> seen = new java.util.HashSet<>();
            items.removeIf(n -> !seen.add(content(n)));
            return this;
        }

        private static String content(Node n) {
            if (n instanceof ScalarNode sc) return sc.getValue();
            StringBuilder b = new StringBuilder();
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) b.append(content(t.getKeyNode())).append('=').append(content(t.getValueNode())).append(';');
            } else if (n instanceof SequenceNode q) {
                for (Node x : q.getValue()) b.append(content(x)).append(',');
            }
            return b.toString();
        }

        SequenceNode node() {
            Mark m = mark(at);
            return new SequenceNode(Tag.SEQ, true, items, m, m, DumperOptions.FlowStyle.BLOCK);
        }
    }
}
