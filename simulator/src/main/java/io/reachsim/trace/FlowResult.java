package io.reachsim.trace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of tracing one flow: every hop, and on a drop the reason. A DEPENDS flow lists one
 * {@link Choice} per class of AWS's choices; {@code drop} is then the first failing class's.
 */
public record FlowResult(Flow flow, Disposition disposition, List<Hop> hops, Drop drop, List<Choice> choices) {
    public FlowResult {
        hops = List.copyOf(hops);
        choices = List.copyOf(choices);
    }

    public FlowResult(Flow flow, Disposition disposition, List<Hop> hops, Drop drop) {
        this(flow, disposition, hops, drop, List.of());
    }

    /** One class of an AWS choice (e.g. "NAT source port", ranges ["1024-32767"]) and what it led to; drop null when delivered. */
    public record Choice(String choice, List<String> ranges, Disposition verdict, Drop drop) {
        public Choice {
            ranges = List.copyOf(ranges);
        }
    }

    public boolean delivered() {
        return disposition == Disposition.DELIVERED;
    }

    /** Every component and subnet id the flow touched, both legs, in order of first touch (for via/notVia). */
    public Set<String> pathIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Hop h : hops) {
            ids.add(h.component());
            if (h.subnet() != null) ids.add(h.subnet());
            // A transit gateway hop names its route table or attachment; the gateway itself is on the path too.
            if (h.detail() instanceof Detail.TgwRouteLookup t) ids.add(t.transitGateway());
            if (h.detail() instanceof Detail.TgwAttachmentCross t) ids.add(t.transitGateway());
        }
        return ids;
    }
}
