package io.reachsim.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An id the scenario names that an imported snapshot held but left out (an instance that is stopped, a NAT
 * gateway that is deleting) is not unknown: the error says it was skipped and why, instead of "does not exist".
 */
final class SkippedIds {
    /** "… 'ID' does not exist (known …)" and "'ID' in 'via' of … names nothing in the network (known ids: …)". */
    private static final Pattern UNKNOWN = Pattern.compile("'([^'\\s]+)'(?:| in '[^']+' of .*?)( does not exist| names nothing in the network).*$");

    private SkippedIds() {
    }

    static List<LoadError> explain(List<LoadError> errors, Collection<SnapshotImport> snapshots) {
        Map<String, String> skipped = new HashMap<>();
        for (SnapshotImport s : snapshots) s.skipped().forEach(skipped::putIfAbsent);
        if (skipped.isEmpty()) return errors;
        List<LoadError> out = new ArrayList<>(errors.size());
        for (LoadError e : errors) {
            Matcher m = UNKNOWN.matcher(e.message());
            String why = null;
            while (m.find()) {
                why = skipped.get(m.group(1));
                if (why != null) break;
            }
            out.add(why == null ? e : new LoadError(e.origin(), e.message().substring(0, m.start(2)) + " was skipped on import: " + why));
        }
        return out;
    }
}
