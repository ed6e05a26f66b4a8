package io.reachsim.verdict;

import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowResult;

import java.util.List;

/** Why one flow does not meet its expectation. Data; the report renders the sentence. */
public sealed interface Mismatch {
    FlowResult flow();

    /** Expected reachable but dropped, or expected unreachable but delivered. */
    record UnexpectedDisposition(FlowResult flow, boolean expectedReachable) implements Mismatch {}

    /** A {@code via} id is not on the path. */
    record MissingVia(FlowResult flow, String id) implements Mismatch {}

    /** None of the {@code viaAny} ids is on the path. */
    record MissingViaAny(FlowResult flow, List<String> ids) implements Mismatch {}

    /** A {@code notVia} id is on the path. */
    record ForbiddenVia(FlowResult flow, String id) implements Mismatch {}

    /** Dropped as expected, but for another reason than {@code because}. */
    record WrongCode(FlowResult flow, ExplanationCode expected) implements Mismatch {}

    /**
     * DESIGN §9: {@code services} get through (from {@code sources}, admitted by {@code rules}) but the
     * expectation says they must not ({@code reachable: false}, or not listed in {@code open}). {@code flow}
     * is one of them.
     */
    record ExtraOpen(FlowResult flow, io.reachsim.model.ServiceSet services, String sources, String rules) implements Mismatch {}

    /** DESIGN §9: {@code services} should get through but do not; {@code flow} shows their first blocker. */
    record MissingOpen(FlowResult flow, io.reachsim.model.ServiceSet services) implements Mismatch {}
}
