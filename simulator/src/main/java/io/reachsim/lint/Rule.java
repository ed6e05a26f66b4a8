package io.reachsim.lint;

import java.util.List;

/**
 * One lint rule: a stable id, the guide's reason (one sentence, shown with every finding), and the
 * check. Rules read the model through {@link Facts} and never change it.
 */
abstract class Rule {
    final String id;
    final String reason;

    Rule(String id, String reason) {
        this.id = id;
        this.reason = reason;
    }

    abstract void check(Facts facts, List<Finding> out);

    Finding finding(Severity severity, String resource, String message, String fix) {
        return new Finding(severity, id, resource, message, reason, fix);
    }
}
