package io.reachsim.probes;

import io.reachsim.model.Ip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An agent serving its API over HTTPS (--tls-cert/--tls-key), and verify's client trusting it through caFile. */
class AgentHttpsTest {
    @TempDir
    static Path dir;
    static ProbeAgent agent;
    static ServerSocket listener;

    @BeforeAll
    static void start() throws Exception {
        Path cert = Targets.selfSigned(dir);
        Path key = dir.resolve("key.pem");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        PrivateKey k = (PrivateKey) ks.getKey("probe", "changeit".toCharArray());
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(k.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        listener = new ServerSocket(0, 50, Targets.LOOPBACK);
        agent = ProbeAgent.start(new AgentConfig("127.0.0.1", 0, Tokens.sha256(Api.TOKEN), Api.allow("127.0.0.0/8"), null, null,
                cert, key, AgentConfig.Limits.DEFAULT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (listener != null) listener.close();
    }

    private AgentsFile.Agent agentEntry(String extra) throws Exception {
        Path f = dir.resolve("agents.yaml");
        Files.writeString(f, "agents:\n  ip:127.0.0.1:\n    url: https://localhost:" + agent.port() + "\n" + extra);
        return AgentsFile.load(f, Map.of(Tokens.ENV, Api.TOKEN)::get).get(0);
    }

    @Test
    void verifyTalksToAnHttpsAgentThroughItsCa() throws Exception {
        ProbeResult r = new AgentClient().probe(agentEntry("    caFile: ca.pem\n"), "tcp", Ip.parse("127.0.0.1").toString(), listener.getLocalPort());
        assertThat(r.outcome()).isEqualTo(Outcome.CONNECTED);
    }

    @Test
    void withoutTheCaTheAgentIsNotTrusted() throws Exception {
        AgentsFile.Agent a = agentEntry("");
        assertThatThrownBy(() -> new AgentClient().probe(a, "tcp", "127.0.0.1", listener.getLocalPort()))
                .isInstanceOf(AgentClient.AgentException.class).hasMessageContaining("did not answer");
    }
}
