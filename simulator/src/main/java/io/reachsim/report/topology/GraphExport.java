package io.reachsim.report.topology;

import org.jgrapht.Graph;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The component graph in DOT (Graphviz), GraphML (yEd, Gephi) or JSON through JGraphT's exporters.
 * Every vertex carries {@code label}, {@code kind} and {@code parent}; every edge {@code kind} and
 * {@code label}. Besides routes, associations and attachments the export has a {@code contains} edge from
 * each region to what it holds (VPC → availability zone → subnet → instance), since DOT and JSON have no
 * nesting of their own.
 */
public final class GraphExport {

    public enum Format { DOT, GRAPHML, JSON }

    public void write(ComponentGraph g, Format format, Writer out) {
        Graph<String, Link> export = GraphTypeBuilder.<String, Link>directed().allowingMultipleEdges(true)
                .allowingSelfLoops(false).weighted(false).buildGraph();
        for (Component c : g.components()) export.addVertex(c.id());
        for (Component c : g.components()) {
            if (c.parent() != null) export.addEdge(c.parent(), c.id(), new Link(c.parent(), c.id(), Link.Kind.CONTAINS, "contains"));
        }
        for (Link l : g.graph().edgeSet()) export.addEdge(l.source(), l.target(), l);
        exporter(g, format).exportGraph(export, out);
    }

    private static GraphExporter<String, Link> exporter(ComponentGraph g, Format format) {
        switch (format) {
            case DOT -> {
                // quoted ids: AWS ids have dashes, which bare DOT ids do not allow
                DOTExporter<String, Link> dot = new DOTExporter<>(id -> '"' + id.replace("\"", "\\\"") + '"');
                dot.setGraphIdProvider(() -> "reachsim");
                dot.setGraphAttributeProvider(() -> Map.of("rankdir", DefaultAttribute.createAttribute("LR"),
                        "fontname", DefaultAttribute.createAttribute("monospace")));
                dot.setVertexAttributeProvider(v -> {
                    Map<String, Attribute> a = vertex(g, v);
                    Component c = g.component(v).orElseThrow();
                    a.put("label", DefaultAttribute.createAttribute(c.kind().tag() + "\\n" + c.label())); // DOT line break
                    a.put("shape", DefaultAttribute.createAttribute(c.kind().container() ? "folder" : "box"));
                    return a;
                });
                dot.setEdgeAttributeProvider(e -> {
                    Map<String, Attribute> a = edge(e);
                    if (e.kind() == Link.Kind.CONTAINS) a.put("style", DefaultAttribute.createAttribute("dotted"));
                    if (e.kind() == Link.Kind.ASSOCIATION) a.put("style", DefaultAttribute.createAttribute("dashed"));
                    return a;
                });
                return dot;
            }
            case GRAPHML -> {
                GraphMLExporter<String, Link> ml = new GraphMLExporter<>(id -> id);
                ml.setExportEdgeLabels(true);
                ml.setExportVertexLabels(true);
                ml.registerAttribute("kind", GraphMLExporter.AttributeCategory.ALL, AttributeType.STRING);
                ml.registerAttribute("parent", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
                ml.setVertexAttributeProvider(v -> vertex(g, v));
                ml.setEdgeAttributeProvider(GraphExport::edge);
                return ml;
            }
            case JSON -> {
                JSONExporter<String, Link> json = new JSONExporter<>(id -> id);
                json.setVertexAttributeProvider(v -> vertex(g, v));
                json.setEdgeAttributeProvider(GraphExport::edge);
                return json;
            }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
    }

    private static Map<String, Attribute> vertex(ComponentGraph g, String id) {
        Component c = g.component(id).orElseThrow();
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("label", DefaultAttribute.createAttribute(c.label()));
        a.put("kind", DefaultAttribute.createAttribute(kind(c.kind())));
        if (c.parent() != null) a.put("parent", DefaultAttribute.createAttribute(c.parent()));
        return a;
    }

    private static Map<String, Attribute> edge(Link l) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("kind", DefaultAttribute.createAttribute(l.kind().name().toLowerCase(Locale.ROOT)));
        a.put("label", DefaultAttribute.createAttribute(l.label()));
        return a;
    }

    private static String kind(Component.Kind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
