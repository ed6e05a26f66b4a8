package io.reachsim.lint;

import java.util.List;

/**
 * Findings over a set of scenario files: each distinct finding once, with the files it came from.
 * {@code files} are every linted scenario file in load order; {@code networks} counts distinct networks
 * (files importing the same network share one).
 */
public record LintResult(List<String> files, int networks, List<Located> findings) {
    public LintResult {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    public int scenarios() {
        return files.size();
    }

    /** A finding and the scenario files whose network has it, in load order. */
    public record Located(Finding finding, List<String> files) {
        public Located {
            files = List.copyOf(files);
        }
    }

    public long count(Severity severity) {
        return findings.stream().filter(l -> l.finding().severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }
}
