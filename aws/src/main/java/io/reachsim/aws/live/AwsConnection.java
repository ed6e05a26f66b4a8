package io.reachsim.aws.live;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK clients of one import or cross-check: one region, one set of credentials, one HTTP client.
 *
 * <p>Credentials come from the SDK's own providers and never pass through reachsim's code or output:
 * the default chain (environment, shared config and credentials files, SSO, container and instance
 * roles), or {@code --profile}'s profile, optionally assuming {@code --role-arn} through STS (refreshed
 * by the provider as the session nears expiry). Every client retries in the SDK's adaptive mode, which
 * backs off and slows its own send rate when AWS throttles (RequestLimitExceeded, Throttling).
 */
public final class AwsConnection implements AutoCloseable {
    /** The session name AWS CloudTrail shows for an assumed role. */
    public static final String ROLE_SESSION_NAME = "reachsim";

    private final Settings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * What to connect with. {@code profile}, {@code roleArn}, {@code endpoint} may be null;
     * {@code credentials} (null: the SDK's chain) and {@code retry} (null: adaptive; one strategy per
     * client, as each client keeps its own send rate) are for tests.
     */
    public record Settings(String region, String profile, String roleArn, URI endpoint,
                           AwsCredentialsProvider credentials, java.util.function.Supplier<RetryStrategy> retry) {
        public Settings {
            if (region == null || region.isBlank()) throw new IllegalArgumentException("a region is required");
        }

        public Settings(String region, String profile, String roleArn, URI endpoint) {
            this(region, profile, roleArn, endpoint, null, null);
        }
    }

    public AwsConnection(Settings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        closeables.add(http);
        AwsCredentialsProvider base = settings.credentials() != null ? settings.credentials()
                : settings.profile() != null ? ProfileCredentialsProvider.create(settings.profile())
                : DefaultCredentialsProvider.builder().build();
        if (settings.roleArn() != null) {
            StsClient sts = configure(StsClient.builder(), base).build();
            closeables.add(sts);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName(ROLE_SESSION_NAME))
                    .build();
            closeables.add(assumed);
            this.credentials = assumed;
        } else {
            this.credentials = base;
        }
    }

    public String region() {
        return settings.region();
    }

    public Ec2Client ec2() {
        return keep(configure(Ec2Client.builder(), credentials).build());
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return keep(configure(ElasticLoadBalancingV2Client.builder(), credentials).build());
    }

    public EksClient eks() {
        return keep(configure(EksClient.builder(), credentials).build());
    }

    public VpcLatticeClient lattice() {
        return keep(configure(VpcLatticeClient.builder(), credentials).build());
    }

    public StsClient sts() {
        return keep(configure(StsClient.builder(), credentials).build());
    }

    private <C extends AutoCloseable> C keep(C client) {
        closeables.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, AwsCredentialsProvider creds) {
        RetryStrategy retry = settings.retry() != null ? settings.retry().get() : AwsRetryStrategy.adaptiveRetryStrategy();
        builder.region(Region.of(settings.region()))
                .credentialsProvider(creds)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retry).build());
        builder.httpClient(http);
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
        return builder;
    }

    /**
     * A client-side SDK failure in one sentence. The SDK lists every credentials provider it tried and why
     * each failed, in one long line; this says what to do instead.
     */
    public static String explain(software.amazon.awssdk.core.exception.SdkException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.startsWith("Unable to load credentials from any of the providers")) {
            return "no AWS credentials found (tried: aws.accessKeyId/aws.secretAccessKey, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                    + "web identity, the default profile of ~/.aws, container and instance roles); log in (aws sso login, "
                    + "aws configure) and name the profile with --profile or AWS_PROFILE";
        }
        return m;
    }

    @Override
    public void close() {
        // Clients first, the shared HTTP client last.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }
}
