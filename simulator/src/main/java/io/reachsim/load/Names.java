package io.reachsim.load;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions and lists of known names for error messages. */
final class Names {
    private static final int MAX_LISTED = 12;

    private Names() {}

    /** The known name nearest to {@code wanted}, or null when none is plausibly a typo of it. */
    static String nearest(String wanted, Collection<String> known) {
        if (wanted == null || wanted.isEmpty()) return null;
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        LevenshteinDistance lev = new LevenshteinDistance(limit);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            if (k.equals(wanted)) continue;
            int d = lev.apply(w, k.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    /** " — did you mean 'x'?" or "". */
    static String didYouMean(String wanted, Collection<String> known) {
        String n = nearest(wanted, known);
        return n == null ? "" : " — did you mean '" + n + "'?";
    }

    /** Sorted, comma-separated, cut after a dozen names; "none" when empty. */
    static String list(Collection<String> names) {
        if (names.isEmpty()) return "none";
        List<String> sorted = names.stream().distinct().sorted().toList();
        if (sorted.size() <= MAX_LISTED) return String.join(", ", sorted);
        return String.join(", ", sorted.subList(0, MAX_LISTED)) + ", … (" + (sorted.size() - MAX_LISTED) + " more)";
    }

    /** "… — did you mean 'x'? (known KIND: a, b)" tail used by every unresolved-reference error. */
    static String unknown(String wanted, String kindPlural, Collection<String> known) {
        return didYouMean(wanted, known) + " (known " + kindPlural + ": " + list(known) + ")";
    }
}
