package io.reachsim.aws.live;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK builds some clients itself (the SSO and STS clients behind a profile's sso_session or
 * role_arn); it picks their HTTP implementation from the class path and refuses to guess between
 * several. aws/pom.xml therefore keeps exactly one.
 */
class HttpImplementationTest {
    @Test
    void exactlyOneSyncHttpImplementationIsOnTheClassPath() {
        assertThat(ServiceLoader.load(SdkHttpService.class).stream().map(p -> p.type().getName()).toList())
                .containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    }
}
