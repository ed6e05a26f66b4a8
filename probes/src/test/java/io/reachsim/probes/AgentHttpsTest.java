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
    static ProbeAgent mtlsAgent; // client certificate instead of a token
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
        // The self-signed certificate is its own CA: it serves, and it is the client certificate verify presents.
        mtlsAgent = ProbeAgent.start(new AgentConfig("127.0.0.1", 0, null, Api.allow("127.0.0.0/8"), null, null,
                cert, key, cert, AgentConfig.Limits.DEFAULT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) agent.close();
        if (mtlsAgent != null) mtlsAgent.close();
        if (listener != null) listener.close();
    }

    private AgentsFile.Agent agentEntry(String extra) throws Exception {
        return entry(agent, extra, Map.of(Tokens.ENV, Api.TOKEN));
    }

    private static AgentsFile.Agent entry(ProbeAgent a, String extra, Map<String, String> env) throws Exception {
        Path f = dir.resolve("agents.yaml");
        Files.writeString(f, "agents:\n  ip:127.0.0.1:\n    url: https://localhost:" + a.port() + "\n" + extra);
        return AgentsFile.load(f, env::get).get(0);
    }

    @Test
    void anMtlsAgentTakesAClientCertificateInsteadOfAToken() throws Exception {
        AgentsFile.Agent a = entry(mtlsAgent, "    caFile: ca.pem\n    clientCert: ca.pem\n    clientKey: key.pem\n", Map.of());
        assertThat(a.token()).isNull();
        ProbeResult r = new AgentClient().probe(a, "tcp", "127.0.0.1", listener.getLocalPort());
        assertThat(r.outcome()).isEqualTo(Outcome.CONNECTED);
    }

    @Test
    void anMtlsAgentRefusesACallerWithoutACertificateEvenWithAToken() throws Exception {
        AgentsFile.Agent a = entry(mtlsAgent, "    caFile: ca.pem\n", Map.of(Tokens.ENV, Api.TOKEN));
        assertThatThrownBy(() -> new AgentClient().probe(a, "tcp", "127.0.0.1", listener.getLocalPort()))
                .isInstanceOf(AgentClient.AgentException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("no client certificate");
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
