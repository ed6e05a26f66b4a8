package io.reachsim.report.topology;

/** A labelled edge of the component graph: a route, a route table association or an attachment. */
public record Link(String source, String target, Kind kind, String label) {

    public enum Kind {
        /** A route table entry: the table to its target; the label lists the destinations. */
        ROUTE,
        /** A subnet (or transit gateway attachment) to the route table it uses. */
        ASSOCIATION,
        /** Something attached to something else: a gateway to its VPC, a peering to both VPCs, an endpoint to its subnet. */
        ATTACHMENT,
        /** A region to what it holds; only in exports (the drawing nests boxes instead). */
        CONTAINS
    }
}
