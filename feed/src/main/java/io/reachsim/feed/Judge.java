package io.reachsim.feed;

import io.reachsim.model.Expectation;
import io.reachsim.trace.FlowResult;

import java.util.Set;

/**
 * Whether one flow satisfies its expectation: DESIGN §5, the same rules as the suite runner's judge
 * (disposition, then because, then via/viaAny/notVia), which is package-private there.
 */
final class Judge {
    private Judge() {}

    static boolean passes(Expectation e, FlowResult r) {
        if (r.delivered() != e.reachable()) return false;
        if (!r.delivered() && e.because() != null && (r.drop() == null || !e.because().equals(r.drop().code().name()))) return false;
        Set<String> path = r.pathIds();
        for (String id : e.via()) if (!path.contains(id)) return false;
        if (!e.viaAny().isEmpty() && e.viaAny().stream().noneMatch(path::contains)) return false;
        for (String id : e.notVia()) if (path.contains(id)) return false;
        return true;
    }
}
