package io.reachsim.report.topology;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A network's topology as inline SVG, laid out by Eclipse ELK's layered algorithm (left to right, regions
 * nested: VPC → availability zone → subnet). Reusable by any HTML page: {@link #svg} gives the drawing
 * with one hidden highlight group per {@link Overlay}; {@link #CSS} styles it. A highlight shows when its
 * id is the page's fragment ({@code <a href="#id">}: CSS {@code :target}, no script needed) and the
 * overlays marked {@code shownByDefault} show while no other highlight of the drawing is targeted.
 *
 * <p>Boxes are as wide as their full id (monospace, measured by character count), so ids are never
 * clipped; every box also carries its id as a {@code <title>} tooltip.
 */
public final class TopologyDrawing {
    private static final double CHAR_W = 6.7, LEAF_H = 34, PAD = 8, HEAD = 20;

    static {
        // Plain Java (no Eclipse plug-in registry): register the one algorithm used.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /**
     * One flow drawn over the topology: the components its request and its reply pass (in order), where
     * it was dropped and with which code (both null when delivered).
     */
    public record Overlay(String id, List<String> forward, List<String> reply, String dropAt, String dropCode,
                          boolean shownByDefault, String title) {
        public Overlay {
            forward = List.copyOf(forward);
            reply = List.copyOf(reply);
        }

        public static Overlay of(ComponentGraph g, io.reachsim.trace.FlowResult f, String id, boolean shownByDefault, String title) {
            return new Overlay(id, g.path(f, io.reachsim.trace.Leg.FORWARD), g.path(f, io.reachsim.trace.Leg.RETURN),
                    g.dropAt(f), f.drop() == null ? null : f.drop().code().name(), shownByDefault, title);
        }
    }

    /** Where each component ended up, in absolute page coordinates. */
    private record Box(Component c, double x, double y, double w, double h) {
        double cx() { return x + w / 2; }
        double cy() { return y + h / 2; }
    }

    /** The drawing, {@code <svg class="topology">…</svg>}; an empty string for a network with nothing to draw. */
    public String svg(ComponentGraph g, List<Overlay> overlays) {
        if (g.components().isEmpty()) return "";
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(PAD));
        Map<String, ElkNode> nodes = new HashMap<>();
        for (Component c : g.components()) {
            ElkNode parent = c.parent() == null ? root : nodes.get(c.parent());
            ElkNode n = ElkGraphUtil.createNode(parent);
            n.setIdentifier(c.id());
            double labelW = text(c).length() * CHAR_W + 2 * PAD;
            if (c.kind().container()) {
                n.setProperty(CoreOptions.PADDING, new ElkPadding(HEAD + PAD, PAD, PAD, PAD));
                n.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
                n.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(labelW, HEAD + 2 * PAD));
                n.setProperty(CoreOptions.DIRECTION, c.kind() == Component.Kind.VPC ? Direction.DOWN : Direction.RIGHT);
                n.setDimensions(labelW, HEAD + 2 * PAD);
            } else {
                n.setDimensions(Math.max(labelW, c.kind().tag().length() * CHAR_W + 2 * PAD), LEAF_H);
            }
            nodes.put(c.id(), n);
        }
        List<ElkEdge> edges = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (Link l : g.graph().edgeSet()) {
            ElkEdge e = ElkGraphUtil.createSimpleEdge(nodes.get(l.source()), nodes.get(l.target()));
            ElkGraphUtil.updateContainment(e);
            if (l.kind() == Link.Kind.ROUTE) {
                ElkLabel label = ElkGraphUtil.createLabel(l.label(), e);
                label.setDimensions(Math.min(l.label().length(), 40) * 6.0 + 4, 12);
            }
            edges.add(e);
            links.add(l);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Box> boxes = new HashMap<>();
        for (Component c : g.components()) {
            ElkNode n = nodes.get(c.id());
            double[] o = origin(n);
            boxes.put(c.id(), new Box(c, o[0], o[1], n.getWidth(), n.getHeight()));
        }
        double w = root.getWidth(), h = root.getHeight();
        StringBuilder s = new StringBuilder(8192);
        s.append("<svg class=\"topology\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(w)).append("\" height=\"")
                .append(num(h)).append("\" viewBox=\"0 0 ").append(num(w)).append(' ').append(num(h))
                .append("\" role=\"img\" aria-label=\"network topology\">");
        s.append("<defs><marker id=\"arr\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0,0 L8,4 L0,8 z\" class=\"arrowhead\"/></marker>");
        for (String leg : List.of("fwd", "ret")) {
            s.append("<marker id=\"arr-").append(leg).append("\" viewBox=\"0 0 8 8\" refX=\"4\" refY=\"4\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L8,4 L0,8 z\" class=\"arrow-").append(leg).append("\"/></marker>");
        }
        s.append("</defs>");
        for (Component c : g.components()) {
            if (c.kind().container()) box(s, boxes.get(c.id()));
        }
        for (int i = 0; i < edges.size(); i++) edge(s, edges.get(i), links.get(i));
        for (Component c : g.components()) {
            if (!c.kind().container()) box(s, boxes.get(c.id()));
        }
        for (Overlay o : overlays) overlay(s, o, boxes);
        s.append("</svg>");
        return s.toString();
    }

    private static String text(Component c) {
        return c.kind().container() ? c.kind().tag() + " " + c.label() : c.label();
    }

    private static void box(StringBuilder s, Box b) {
        Component c = b.c();
        String cls = c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        s.append("<g class=\"n ").append(cls).append(c.kind().container() ? " region" : "").append("\" data-id=\"")
                .append(esc(c.id())).append("\"><title>").append(esc(c.id())).append("</title>");
        s.append("<rect x=\"").append(num(b.x())).append("\" y=\"").append(num(b.y())).append("\" width=\"").append(num(b.w()))
                .append("\" height=\"").append(num(b.h())).append("\" rx=\"").append(c.kind().container() ? 6 : 4).append("\"/>");
        if (c.kind().container()) {
            s.append("<text class=\"rl\" x=\"").append(num(b.x() + PAD)).append("\" y=\"").append(num(b.y() + 15)).append("\">")
                    .append("<tspan class=\"k\">").append(esc(c.kind().tag())).append("</tspan> ").append(esc(c.label())).append("</text>");
        } else {
            s.append("<text class=\"k\" x=\"").append(num(b.cx())).append("\" y=\"").append(num(b.y() + 13)).append("\">")
                    .append(esc(c.kind().tag())).append("</text>");
            s.append("<text x=\"").append(num(b.cx())).append("\" y=\"").append(num(b.y() + 27)).append("\">")
                    .append(esc(c.label())).append("</text>");
        }
        s.append("</g>");
    }

    private static void edge(StringBuilder s, ElkEdge e, Link l) {
        if (e.getSections().isEmpty()) return;
        double[] o = origin(e.getContainingNode());
        ElkEdgeSection sec = e.getSections().get(0);
        StringBuilder d = new StringBuilder();
        d.append('M').append(num(o[0] + sec.getStartX())).append(',').append(num(o[1] + sec.getStartY()));
        for (ElkBendPoint p : sec.getBendPoints()) d.append(" L").append(num(o[0] + p.getX())).append(',').append(num(o[1] + p.getY()));
        d.append(" L").append(num(o[0] + sec.getEndX())).append(',').append(num(o[1] + sec.getEndY()));
        String cls = l.kind().name().toLowerCase(Locale.ROOT);
        s.append("<g class=\"e ").append(cls).append("\"><title>").append(esc(l.source() + " → " + l.target() + ": " + l.label()))
                .append("</title><path d=\"").append(d).append("\"").append(l.kind() == Link.Kind.ROUTE ? " marker-end=\"url(#arr)\"" : "")
                .append("/>");
        for (ElkLabel label : e.getLabels()) {
            String t = l.label().length() > 40 ? l.label().substring(0, 18) + "…" + l.label().substring(l.label().length() - 18) : l.label();
            s.append("<text class=\"el\" x=\"").append(num(o[0] + label.getX() + 2)).append("\" y=\"").append(num(o[1] + label.getY() + 10))
                    .append("\">").append(esc(t)).append("</text>");
        }
        s.append("</g>");
    }

    /** A flow: outlines on what it passes, a line through the boxes (request solid, reply dashed), the drop with its code. */
    private static void overlay(StringBuilder s, Overlay o, Map<String, Box> boxes) {
        s.append("<g class=\"hl").append(o.shownByDefault() ? " default" : "").append("\" id=\"").append(esc(o.id()))
                .append("\"><title>").append(esc(o.title())).append("</title>");
        for (String id : o.forward()) outline(s, boxes.get(id), "on fwd");
        for (String id : o.reply()) outline(s, boxes.get(id), "on ret");
        line(s, o.forward(), boxes, "fwd", 0);
        line(s, o.reply(), boxes, "ret", 5);
        Box at = o.dropAt() == null ? null : boxes.get(o.dropAt());
        if (at != null) {
            double x = at.x() + at.w(), y = at.y();
            s.append("<g class=\"drop\"><circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"9\"/>")
                    .append("<text class=\"x\" x=\"").append(num(x)).append("\" y=\"").append(num(y + 4)).append("\">✗</text>")
                    .append("<text class=\"code\" x=\"").append(num(x + 12)).append("\" y=\"").append(num(y - 10)).append("\">")
                    .append(esc(o.dropCode() == null ? "DROPPED" : o.dropCode())).append("</text></g>");
        }
        s.append("</g>");
    }

    private static void outline(StringBuilder s, Box b, String cls) {
        if (b == null) return;
        s.append("<rect class=\"").append(cls).append("\" x=\"").append(num(b.x() - 2)).append("\" y=\"").append(num(b.y() - 2))
                .append("\" width=\"").append(num(b.w() + 4)).append("\" height=\"").append(num(b.h() + 4)).append("\" rx=\"6\"/>");
    }

    /**
     * Through the centres of the boxes (regions only mark their outline: their centre is not where the
     * packet is), one segment per step with its arrow half-way, so no arrowhead covers an id.
     */
    private static void line(StringBuilder s, List<String> path, Map<String, Box> boxes, String cls, double shift) {
        Box prev = null;
        for (String id : path) {
            Box b = boxes.get(id);
            if (b == null || b.c().kind().container()) continue;
            if (prev != null) {
                // from the edge of one box to the edge of the next, so the line never crosses an id
                double[] a = edgePoint(prev, b.cx() - prev.cx(), b.cy() - prev.cy()), z = edgePoint(b, prev.cx() - b.cx(), prev.cy() - b.cy());
                double x1 = a[0] + shift, y1 = a[1] + shift, x2 = z[0] + shift, y2 = z[1] + shift;
                s.append("<path class=\"").append(cls).append("\" d=\"M").append(num(x1)).append(',').append(num(y1))
                        .append(" L").append(num((x1 + x2) / 2)).append(',').append(num((y1 + y2) / 2))
                        .append(" L").append(num(x2)).append(',').append(num(y2)).append("\" marker-mid=\"url(#arr-")
                        .append(cls).append(")\"/>");
            }
            prev = b;
        }
    }

    /** Where a ray from the box's centre in direction (dx, dy) leaves the box. */
    private static double[] edgePoint(Box b, double dx, double dy) {
        if (dx == 0 && dy == 0) return new double[] {b.cx(), b.cy()};
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : (b.w() / 2 + 3) / Math.abs(dx), dy == 0 ? Double.MAX_VALUE : (b.h() / 2 + 3) / Math.abs(dy));
        return new double[] {b.cx() + t * dx, b.cy() + t * dy};
    }

    private static double[] origin(ElkNode n) {
        double x = 0, y = 0;
        for (ElkNode p = n; p != null; p = p.getParent()) {
            x += p.getX();
            y += p.getY();
        }
        return new double[] {x, y};
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return io.reachsim.report.HtmlReport.esc(s);
    }

    /** Styles for {@code svg.topology}; a page embedding the drawing includes this once. */
    public static final String CSS = """
            svg.topology{display:block;margin:.6em 0;max-width:100%;height:auto;font:11px ui-monospace,monospace}
            svg.topology .region>rect{fill:#f6f8fa;stroke:#8c959f;stroke-width:1}
            svg.topology .vpc>rect{fill:#f3f7fd;stroke:#3a78c2;stroke-width:1.5}
            svg.topology .availability-zone>rect{fill:#fbfbfc;stroke:#b6bec8;stroke-dasharray:4 3}
            svg.topology .subnet>rect{fill:#ffffff;stroke:#6e7781}
            svg.topology .transit-gateway>rect{fill:#fff8ec;stroke:#b07d1a}
            svg.topology .n:not(.region)>rect{fill:#fff;stroke:#57606a;stroke-width:1}
            svg.topology .internet-gateway>rect,svg.topology .egress-only-internet-gateway>rect,svg.topology .nat-gateway>rect,
            svg.topology .vpn-gateway>rect,svg.topology .vpc-peering>rect,svg.topology .tgw-attachment>rect{fill:#eef6ee;stroke:#2f7d32}
            svg.topology .route-table>rect,svg.topology .tgw-route-table>rect{fill:#fff5e6;stroke:#b07d1a}
            svg.topology .vpc-endpoint>rect,svg.topology .load-balancer>rect,svg.topology .eks-cluster>rect,svg.topology .node-group>rect{fill:#f4efff;stroke:#7a5cc2}
            svg.topology .internet>rect,svg.topology .external>rect{fill:#eef3f8;stroke:#3a78c2}
            svg.topology text{text-anchor:middle;fill:#1d2330}svg.topology text.rl{text-anchor:start;font-weight:600}
            svg.topology .k{fill:#6e7781;font-weight:normal}
            svg.topology .e path{fill:none;stroke:#9aa4ae;stroke-width:1}svg.topology .e.association path{stroke-dasharray:3 3}
            svg.topology .e text.el{text-anchor:start;font-size:9.5px;fill:#8a5a00}
            svg.topology .arrowhead{fill:#9aa4ae}
            svg.topology .hl{display:none}svg.topology .hl:target{display:inline}
            svg.topology:not(:has(.hl:target)) .hl.default{display:inline}
            svg.topology .hl rect.on{fill:none;stroke-width:3}svg.topology .hl rect.fwd{stroke:#1f6feb}svg.topology .hl rect.ret{stroke:#8250df;stroke-dasharray:6 3}
            svg.topology .hl path{fill:none;stroke-width:2.5;opacity:.85}svg.topology .hl path.fwd{stroke:#1f6feb}
            svg.topology .hl path.ret{stroke:#8250df;stroke-dasharray:7 4}
            svg.topology .arrow-fwd{fill:#1f6feb}svg.topology .arrow-ret{fill:#8250df}
            svg.topology .drop circle{fill:#c0262d}svg.topology .drop text.x{fill:#fff;font-weight:700;font-size:12px}
            svg.topology .drop text.code{fill:#c0262d;font-weight:700;text-anchor:start;paint-order:stroke;stroke:#fff;stroke-width:3px}
            """;
}
