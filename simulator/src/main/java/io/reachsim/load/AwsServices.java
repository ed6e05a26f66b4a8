package io.reachsim.load;

import java.util.List;
import java.util.regex.Pattern;

/** Short AWS service names ({@code s3}, {@code ecr.api}), as VPC endpoints and {@code aws:SERVICE} write them. */
final class AwsServices {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");
    private static final Pattern FULL = Pattern.compile("com\\.amazonaws\\.[a-z0-9-]+\\.(.+)");

    /** The services that have gateway endpoints. */
    static final List<String> GATEWAY = List.of("s3", "dynamodb");

    private AwsServices() {}

    /** Null when {@code s} is a short AWS service name (any dotted lowercase name); else what is wrong. */
    static String problem(String s) {
        java.util.regex.Matcher full = FULL.matcher(s);
        if (full.matches()) {
            return "write the short name '" + full.group(1) + "' (the com.amazonaws.<region>. part comes from the VPC's region)";
        }
        if (!NAME.matcher(s).matches()) {
            return "expected a short lowercase AWS service name such as s3, ecr.api, sts or logs";
        }
        return null;
    }

    /** An endpoint service (PrivateLink provider side), not an AWS service. */
    static boolean isEndpointService(String s) {
        return s.startsWith("vpce-svc-");
    }
}
