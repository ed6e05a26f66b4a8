package io.reachsim.verdict;

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
    record WrongCode(FlowResult flow, String expected) implements Mismatch {}
}
