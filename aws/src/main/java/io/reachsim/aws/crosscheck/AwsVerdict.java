package io.reachsim.aws.crosscheck;

import java.util.List;

/**
 * What Reachability Analyzer answered for one path: the analysis status ({@code succeeded}, {@code failed},
 * {@code running} when the wait ran out), {@code NetworkPathFound}, and the explanation codes of a path
 * that was not found. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInsightsAnalysis.html
 */
public record AwsVerdict(String analysisId, String status, Boolean networkPathFound, List<Explanation> explanations, String statusMessage) {
    public AwsVerdict {
        explanations = List.copyOf(explanations);
    }

    /** One entry of {@code Explanations[]}: its code and the component it names (an id, may be null). */
    public record Explanation(String code, String component) {}

    public boolean succeeded() {
        return "succeeded".equals(status) && networkPathFound != null;
    }

    public List<String> codes() {
        return explanations.stream().map(Explanation::code).distinct().toList();
    }
}
