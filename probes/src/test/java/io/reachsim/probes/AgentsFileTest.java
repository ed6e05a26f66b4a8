package io.reachsim.probes;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AgentsFileTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) throws Exception {
        Path f = dir.resolve("agents.yaml");
        Files.writeString(f, yaml);
        LoadException e = catchThrowableOfType(LoadException.class, () -> AgentsFile.load(f, Map.of("T", "token-from-env-0123456789")::get));
        assertThat(e).as("expected errors").isNotNull();
        return e.errors().stream().map(x -> x.origin().line() + ":" + x.origin().column() + " " + x.message()).toList();
    }

    @Test
    void readsUrlsTokensAndSettings() throws Exception {
        Files.writeString(dir.resolve("tok"), "file-token-0123456789\n");
        Path f = dir.resolve("agents.yaml");
        Files.writeString(f, """
                timeoutMs: 1500
                agents:
                  nodes:prod/workers: {url: "http://10.0.10.4:7070", tokenFile: tok, attempts: 3}
                  subnet:private-b: {url: "https://10.0.11.4:7443/", tokenEnv: T}
                """);
        List<AgentsFile.Agent> agents = AgentsFile.load(f, Map.of("T", "token-from-env-0123456789")::get);
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).ref()).isEqualTo("nodes:prod/workers");
        assertThat(agents.get(0).token()).isEqualTo("file-token-0123456789");
        assertThat(agents.get(0).timeoutMs()).isEqualTo(1500);
        assertThat(agents.get(0).attempts()).isEqualTo(3);
        assertThat(agents.get(1).token()).isEqualTo("token-from-env-0123456789");
        assertThat(agents.get(1).attempts()).isEqualTo(AgentsFile.DEFAULT_ATTEMPTS);
        assertThat(agents.get(1).toString()).doesNotContain("token-from-env");
    }

    @Test
    void malformedYamlIsOneErrorWithAPosition() throws Exception {
        assertThat(errors("agents:\n  subnet:a: [http://x\n")).singleElement().asString().startsWith("3:1 malformed YAML");
    }

    @Test
    void structuralErrorsAllAtOnce() throws Exception {
        assertThat(errors("""
                agentz: {}
                """)).containsExactly("1:1 unknown field 'agentz' in the file — did you mean 'agents'?",
                "1:1 no 'agents:' (required): a mapping from endpoint references (nodes:prod/workers, subnet:private-a, …) to agent URLs");
        assertThat(errors("""
                agents:
                  subnet:a: {url: "http://127.0.0.1:1", tokenEnv: T}
                  subnet:a: {url: "http://127.0.0.1:2", tokenEnv: T}
                  subnet:b: {tokenEnv: NOPE}
                  subnet:c: {url: "http://127.0.0.1:3/v1/probe", tokenEnv: T, tokenFile: x}
                """)).containsExactly(
                "3:3 duplicate key 'subnet:a' in 'agents' (first written at line 2)",
                "4:13 agent 'subnet:b' has no 'url' (required), e.g. http://10.0.10.4:7070",
                "4:24 agent 'subnet:b': environment variable NOPE is not set",
                "5:19 'http://127.0.0.1:3/v1/probe' is not an agent URL: expected http(s)://HOST:PORT with no path",
                "5:60 agent 'subnet:c' has both 'tokenFile' and 'tokenEnv': give one");
    }

    @Test
    void namesMapDestinationsToDnsNames() throws Exception {
        assertThat(errors("""
                agents:
                  subnet:a: {url: "http://127.0.0.1:1", tokenEnv: T}
                names:
                  eks-api:prod: "not a name"
                  webserver: web.example
                """)).containsExactly("4:17 'not a name' is not a DNS name",
                "5:3 keys under 'names' must be endpoint references such as eks-api:prod, not 'webserver'");
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, "agents:\n  subnet:a: {url: \"http://127.0.0.1:1\", tokenEnv: T}\nnames:\n  eks-api:prod: ABC.gr7.us-west-2.eks.amazonaws.com\n");
        assertThat(AgentsFile.loadConfig(f, Map.of("T", "token-from-env-0123456789")::get).names())
                .containsEntry("eks-api:prod", "ABC.gr7.us-west-2.eks.amazonaws.com");
    }

    @Test
    void emptyFile() throws Exception {
        assertThat(errors("")).singleElement().asString().contains("is empty");
        assertThat(errors("agents: {}\n")).singleElement().asString().contains("'agents' is empty");
    }
}
