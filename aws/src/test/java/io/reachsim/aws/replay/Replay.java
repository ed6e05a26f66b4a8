package io.reachsim.aws.replay;

import io.reachsim.aws.live.AwsConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;

/** SDK settings for talking to a {@link ReplayServer}: fake static credentials, AWS's adaptive retry with short waits. */
public final class Replay {
    /** AWS's documentation example key pair; tests check that the secret never reaches a file or a log. */
    public static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private Replay() {
    }

    /** The adaptive strategy reachsim uses, with millisecond backoffs so throttling tests do not sleep for seconds. */
    public static RetryStrategy fastAdaptiveRetry() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .build();
    }

    public static AwsConnection.Settings settings(ReplayServer server, String roleArn) {
        return new AwsConnection.Settings("us-east-1", null, roleArn, server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), Replay::fastAdaptiveRetry);
    }

    public static AwsConnection connect(ReplayServer server) {
        return new AwsConnection(settings(server, null));
    }
}
