package io.reachsim.aws.crosscheck;

/**
 * One Reachability Analyzer path (CreateNetworkInsightsPath): a source resource, a destination resource
 * or address, the protocol ({@code tcp} or {@code udp}) and the destination port.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsPath.html
 */
public record AnalyzerPath(String source, String destination, String destinationIp, String protocol, Integer destinationPort) {
    /** {@code i-0abc → i-0def tcp/5432} or {@code igw-1 → 54.1.2.3 tcp/443}. */
    public String text() {
        return source + " → " + (destination != null ? destination : destinationIp) + " " + protocol
                + (destinationPort == null ? "" : "/" + destinationPort);
    }
}
