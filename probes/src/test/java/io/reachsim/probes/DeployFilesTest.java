package io.reachsim.probes;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the deployment files promise: non-root, token from a Secret, node view on the host network, pod view in the pod network. */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> docs(String file) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : new Yaml().loadAll(Files.readString(DEPLOY.resolve(file)))) if (o != null) out.add((Map<String, Object>) o);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object n = node;
        for (String p : path) {
            if (n instanceof List<?> l) n = l.get(Integer.parseInt(p));
            else n = ((Map<String, Object>) n).get(p);
            if (n == null) return null;
        }
        return n;
    }

    @Test
    void nodeViewRunsOnTheHostNetworkWithTheNodesResolver() throws Exception {
        Map<String, Object> ds = docs("agent-node.yaml").get(0);
        assertThat(ds.get("kind")).isEqualTo("DaemonSet");
        assertThat(at(ds, "spec", "template", "spec", "hostNetwork")).isEqualTo(true);
        assertThat(at(ds, "spec", "template", "spec", "dnsPolicy")).isEqualTo("Default");
        secureAgent(ds);
    }

    @Test
    void podViewRunsInThePodNetwork() throws Exception {
        List<Map<String, Object>> docs = docs("agent-pod.yaml");
        Map<String, Object> ds = docs.get(0);
        assertThat(ds.get("kind")).isEqualTo("DaemonSet");
        assertThat(at(ds, "spec", "template", "spec", "hostNetwork")).isNull();
        secureAgent(ds);
        assertThat(docs.get(1).get("kind")).isEqualTo("Service");
    }

    @SuppressWarnings("unchecked")
    private static void secureAgent(Map<String, Object> ds) {
        Object pod = at(ds, "spec", "template", "spec");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
        Object c = at(pod, "containers", "0");
        List<String> args = (List<String>) at(c, "args");
        assertThat(args.get(0)).isEqualTo("agent");
        assertThat(args).contains("--token-file=/var/run/reachsim/token").anyMatch(a -> a.startsWith("--vpc-cidr=") || a.startsWith("--allow="));
        assertThat(at(c, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(c, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/health");
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) at(pod, "volumes");
        assertThat(volumes).anyMatch(v -> "reachsim-agent-token".equals(at(v, "secret", "secretName")));
        // TLS by default: the token never crosses the VPC in clear; probes and scrapes speak HTTPS; no h2c.
        assertThat(args).contains("--tls-cert=/var/run/reachsim-tls/tls.crt", "--tls-key=/var/run/reachsim-tls/tls.key").doesNotContain("--h2c");
        assertThat(volumes).anyMatch(v -> "reachsim-agent-tls".equals(at(v, "secret", "secretName")));
        assertThat(at(c, "readinessProbe", "httpGet", "scheme")).isEqualTo("HTTPS");
        assertThat(at(c, "livenessProbe", "httpGet", "scheme")).isEqualTo("HTTPS");
        assertThat(at(ds, "spec", "template", "metadata", "annotations", "prometheus.io/scheme")).isEqualTo("https");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServingCertificateComesFromCertManagerAndNamesThePodsOfTheNamespace() throws Exception {
        List<Map<String, Object>> docs = docs("tls.yaml");
        Map<String, Object> serving = docs.stream().filter(d -> "reachsim-agent-tls".equals(at(d, "spec", "secretName"))).findFirst().orElseThrow();
        assertThat(serving.get("kind")).isEqualTo("Certificate");
        assertThat((List<Object>) at(serving, "spec", "dnsNames")).containsExactly("*.reachsim.pod.cluster.local");
        assertThat(at(serving, "spec", "privateKey", "encoding")).isEqualTo("PKCS8");
        assertThat(Files.readString(DEPLOY.resolve("kustomization.yaml"))).contains("- tls.yaml");
        assertThat(Files.readString(DEPLOY.resolve("namespace.yaml"))).contains("name: reachsim");
    }

    @Test
    void theImageRunsTheShadedJarsAgentAsANonRootUser() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertThat(dockerfile).contains("USER 10001:10001").contains("cli/target/reachsim.jar")
                .contains("\"-jar\", \"/opt/reachsim/reachsim.jar\"]").contains("CMD [\"agent\"");
        assertThat(dockerfile.indexOf("USER 10001")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
    }

    @Test
    void theExampleAgentsFileIsValidButForItsSecretFiles() throws Exception {
        LoadException e = catchThrowableOfType(LoadException.class,
                () -> AgentsFile.load(DEPLOY.resolve("agents.example.yaml"), Map.of(Tokens.ENV, "example-token-0123456789")::get));
        assertThat(e.errors()).extracting(LoadError::message)
                .containsExactly("tokenFile 'secrets/agent-token' of agent 'subnet:private-a' cannot be read (no such file: "
                                + DEPLOY.resolve("secrets/agent-token").toAbsolutePath() + ")",
                        "caFile 'secrets/agent-ca.pem' of agent 'external:corp' cannot be read (looked at "
                                + DEPLOY.resolve("secrets/agent-ca.pem").toAbsolutePath() + ")");
    }
}
