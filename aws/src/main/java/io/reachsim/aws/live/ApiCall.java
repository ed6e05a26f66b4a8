package io.reachsim.aws.live;

import java.util.Map;

/**
 * What one API call of an import did: the service and CLI-style operation name ({@code ec2
 * describe-vpcs}), the resource it was asked about for per-resource calls ({@code parent}, e.g. a
 * transit gateway route table id; null for account-wide lists), the file written, the pages read and
 * the items per top-level key. On failure, {@code file} is null and the AWS error code and message say why.
 */
public record ApiCall(String service, String api, String parent, String file, Outcome outcome, int pages,
                      Map<String, Integer> counts, String errorCode, String message) {
    public ApiCall {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    public enum Outcome {
        /** Every page was read and written. */
        OK,
        /** AWS refused the call (AccessDenied, UnauthorizedOperation): nothing of this API is in the snapshot. */
        DENIED,
        /** Another error after the SDK's retries (service error, network, throttled too long). */
        FAILED
    }

    /** {@code ec2 describe-vpcs} or {@code ec2 get-managed-prefix-list-entries pl-0123}. */
    public String label() {
        return label(service, api, parent);
    }

    public static String label(String service, String api, String parent) {
        if (parent == null) return service + " " + api;
        // An ARN's resource part (targetgroup/web/73e2d6bc24d8a067) says enough on a progress line.
        String[] arn = parent.startsWith("arn:") ? parent.split(":", 6) : new String[0];
        return service + " " + api + " " + (arn.length == 6 ? arn[5] : parent);
    }

    public int items() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
