package io.reachsim.probes;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.Problems;
import io.reachsim.load.Val;
import io.reachsim.load.YMap;
import io.reachsim.load.YamlFile;
import io.reachsim.model.Origin;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code agents.yaml}: which agent probes for which endpoint reference.
 *
 * <pre>
 * agents:
 *   nodes:prod/workers:                   # every flow from this node group
 *     url: http://10.0.10.4:7070
 *     tokenFile: secrets/agent-token      # relative to this file; or tokenEnv: VAR (default REACHSIM_AGENT_TOKEN)
 *   subnet:private-b: https://10.0.11.9:7070   # url only
 *   instance:bastion:
 *     url: https://10.0.0.10:7070
 *     caFile: agent-ca.pem                # for an agent serving HTTPS with a private CA
 *     clientCert: verify.pem              # mTLS (with clientKey, PEM); the token is then optional
 *     clientKey: verify-key.pem
 *     timeoutMs: 3000
 *     attempts: 2
 * names:                                  # optional: probe these destinations by name
 *   eks-api:prod: 0A1B2C3D.gr7.us-west-2.eks.amazonaws.com
 * </pre>
 *
 * With a name, the agent resolves it through its own resolver and connects to what it gets, and
 * verify compares those addresses with where the model resolved the destination.
 *
 * Every error names the file, line and column, and all are reported together.
 */
public final class AgentsFile {
    static final Set<String> TOP = Set.of("apiVersion", "agents", "names", "timeoutMs", "attempts");
    static final Set<String> AGENT = Set.of("url", "tokenFile", "tokenEnv", "caFile", "clientCert", "clientKey", "timeoutMs", "attempts");
    static final List<String> KINDS = List.of("instance", "eni", "subnet", "ip", "external", "nodes", "pods");
    public static final int DEFAULT_TIMEOUT_MS = 2000;
    public static final int DEFAULT_ATTEMPTS = 2;

    /**
     * One agent: the endpoint reference it stands for, where it listens, its token (null with a client
     * certificate and no token), the CA its HTTPS certificate chains to, the client certificate for
     * mTLS, and probe settings.
     */
    public record Agent(String ref, URI url, String token, Path caFile, Path clientCert, Path clientKey, int timeoutMs, int attempts,
                        Origin origin) {
        @Override
        public String toString() {
            return ref + " → " + url; // never the token
        }
    }

    /** The whole file: the agents, and destination names (endpoint reference → DNS name). */
    public record Config(List<Agent> agents, Map<String, String> names) {
        public Config {
            agents = List.copyOf(agents);
            names = Map.copyOf(names);
        }
    }

    private final String file;
    private final Path dir;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Function<String, String> env;
    private final Problems problems = new Problems();

    private AgentsFile(String file, Path dir, Function<String, String> env) {
        this.file = file;
        this.dir = dir;
        this.env = env;
    }

    public static List<Agent> load(Path path) throws LoadException {
        return load(path, System::getenv);
    }

    /** {@code env} stands for the environment (tests give their own). */
    public static List<Agent> load(Path path, Function<String, String> env) throws LoadException {
        return loadConfig(path, env).agents();
    }

    public static Config loadConfig(Path path, Function<String, String> env) throws LoadException {
        String file = path.toString();
        AgentsFile f = new AgentsFile(file, path.toAbsolutePath().getParent(), env);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LoadException(List.of(new LoadError(new Origin(file, 0, 0), "no such file")));
        } catch (IOException e) {
            throw new LoadException(List.of(new LoadError(new Origin(file, 0, 0), "cannot read: " + e.getMessage())));
        }
        List<Agent> agents = f.parse(path, text);
        if (!f.problems.isEmpty()) throw f.problems.exception();
        return new Config(agents, f.names);
    }

    /** The simulator's YAML reader: every value keeps its line and column, duplicates name both lines. */
    private List<Agent> parse(Path path, String text) {
        if (text.isBlank()) {
            error(new Origin(file, 1, 1), "'" + file + "' is empty: expected 'agents:' mapping endpoint references to agent URLs");
            return List.of();
        }
        Node root = YamlFile.parse(file, path, text, problems).root();
        if (root == null) return List.of();
        if (!(root instanceof MappingNode)) {
            error(at(root), "the file must be a mapping with 'agents:', not " + YMap.describe(root));
            return List.of();
        }
        YMap top = YMap.of(root, file, "the file", "the file", TOP, problems);
        top.checkFields();
        Val<String> version = top.has("apiVersion") ? top.str("apiVersion") : null;
        if (version != null && !version.v().equals("reachsim/v1")) {
            error(version.at(), "'apiVersion' must be reachsim/v1, not '" + version.v() + "'");
        }
        int timeout = intField(top, "timeoutMs", 1, 60_000, DEFAULT_TIMEOUT_MS);
        int attempts = intField(top, "attempts", 1, 10, DEFAULT_ATTEMPTS);
        if (top.has("names")) names(top.value("names"));
        Node agentsNode = top.value("agents");
        if (agentsNode == null) {
            error(top.at(), "no 'agents:' (required): a mapping from endpoint references (nodes:prod/workers, subnet:private-a, …) to agent URLs");
            return List.of();
        }
        if (!(agentsNode instanceof MappingNode)) {
            error(at(agentsNode), "'agents' must be a mapping from endpoint references to agents, not " + YMap.describe(agentsNode));
            return List.of();
        }
        YMap agentsMap = YMap.of(agentsNode, file, "agents", "'agents'", Set.of(), problems);
        List<Agent> out = new ArrayList<>();
        for (Val<String> k : agentsMap.dataKeys()) {
            String ref = k.v().trim();
            if (!checkRef(ref, k.at())) continue;
            Agent a = agent(ref, agentsMap.dataValue(k.v()), timeout, attempts, k.at());
            if (a != null) out.add(a);
        }
        if (out.isEmpty() && problems.isEmpty()) error(agentsMap.at(), "'agents' is empty: map at least one endpoint reference to an agent URL");
        return out;
    }

    private static final java.util.regex.Pattern DNS_NAME =
            java.util.regex.Pattern.compile("(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.?");

    private void names(Node v) {
        if (!(v instanceof MappingNode)) {
            error(at(v), "'names' must be a mapping from destinations (eks-api:prod, aws:ecr.api, …) to DNS names, not " + YMap.describe(v));
            return;
        }
        YMap m = YMap.of(v, file, "names", "'names'", Set.of(), problems);
        for (Val<String> k : m.dataKeys()) {
            if (!k.v().contains(":")) {
                error(k.at(), "keys under 'names' must be endpoint references such as eks-api:prod, not '" + k.v() + "'");
                continue;
            }
            Val<String> name = m.scalar(m.dataValue(k.v()), "the name of '" + k.v() + "'");
            if (name == null) continue;
            if (!DNS_NAME.matcher(name.v().trim()).matches()) {
                error(name.at(), "'" + name.v() + "' is not a DNS name");
            } else {
                names.putIfAbsent(k.v().trim(), name.v().trim());
            }
        }
    }

    private boolean checkRef(String ref, Origin at) {
        int colon = ref.indexOf(':');
        String kind = colon < 0 ? "" : ref.substring(0, colon);
        if (colon < 0 || !KINDS.contains(kind) || ref.length() == colon + 1) {
            String hint = colon < 0 ? "" : didYouMean(kind, KINDS);
            error(at, "'" + ref + "' is not an endpoint reference an agent can stand for: expected one of "
                    + String.join(", ", KINDS.stream().map(x -> x + ":…").toList()) + hint);
            return false;
        }
        if ((kind.equals("nodes") || kind.equals("pods")) && !ref.substring(colon + 1).contains("/")) {
            error(at, "'" + ref + "' must name a cluster and a node group: " + kind + ":CLUSTER/GROUP");
            return false;
        }
        return true;
    }

    private Agent agent(String ref, Node v, int defaultTimeout, int defaultAttempts, Origin keyAt) {
        String what = "agent '" + ref + "'";
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            URI url = url(new Val<>(s.getValue(), at(s)));
            String token = token(null, null, keyAt, what, false);
            return url == null || token == null ? null : new Agent(ref, url, token, null, null, null, defaultTimeout, defaultAttempts, keyAt);
        }
        if (!(v instanceof MappingNode)) {
            error(at(v), what + " must be a URL or a mapping with 'url', not " + YMap.describe(v));
            return null;
        }
        YMap f = YMap.of(v, file, "agent", what, AGENT, problems);
        f.checkFields();
        URI url = null;
        if (!f.has("url")) error(f.at(), what + " has no 'url' (required), e.g. http://10.0.10.4:7070");
        else url = value(f, "url", u -> url(u));
        Val<String> tokenFile = f.has("tokenFile") ? nonBlank(f, "tokenFile", what) : null;
        Val<String> tokenEnv = f.has("tokenEnv") ? nonBlank(f, "tokenEnv", what) : null;
        if (tokenFile != null && tokenEnv != null) {
            error(tokenEnv.at(), what + " has both 'tokenFile' and 'tokenEnv': give one");
            return null;
        }
        Path ca = file(f, "caFile", what);
        Path clientCert = file(f, "clientCert", what);
        Path clientKey = file(f, "clientKey", what);
        if (f.has("clientCert") != f.has("clientKey")) {
            String given = f.has("clientCert") ? "clientCert" : "clientKey";
            error(f.keyAt(given), what + " has '" + given + "' without '"
                    + (given.equals("clientCert") ? "clientKey" : "clientCert") + "': mTLS needs both (PEM)");
        }
        boolean mtls = f.has("clientCert") && f.has("clientKey");
        if (mtls && url != null && !"https".equals(url.getScheme())) {
            error(at(f.value("url")), what + " has a client certificate but an http URL: mTLS needs https");
        }
        // With a client certificate the token is optional: an explicit tokenFile/tokenEnv is still read.
        String token = token(tokenFile, tokenEnv, keyAt, what, mtls && tokenFile == null && tokenEnv == null);
        int timeout = intField(f, "timeoutMs", 1, 60_000, defaultTimeout);
        int attempts = intField(f, "attempts", 1, 10, defaultAttempts);
        if (url == null || (token == null && !mtls)) return null;
        return new Agent(ref, url, token, ca, clientCert, clientKey, timeout, attempts, keyAt);
    }

    private <T> T value(YMap f, String key, Function<Val<String>, T> read) {
        Val<String> v = f.str(key);
        return v == null ? null : read.apply(v);
    }

    /** A single, non-empty value (an empty one is an error, as a missing one would be). */
    private Val<String> nonBlank(YMap f, String key, String what) {
        Val<String> v = f.str(key);
        if (v != null && v.v().isBlank()) {
            error(v.at(), "'" + key + "' of " + what + " must be a single value, not an empty value");
            return null;
        }
        return v;
    }

    private URI url(Val<String> s) {
        try {
            URI u = new URI(s.v().trim());
            if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null
                    && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) && u.getQuery() == null) {
                return u;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        error(s.at(), "'" + s.v() + "' is not an agent URL: expected http(s)://HOST:PORT with no path");
        return null;
    }

    /** A readable file named by {@code key}, relative to agents.yaml; null (and an error) otherwise. */
    private Path file(YMap f, String key, String what) {
        if (!f.has(key)) return null;
        Val<String> c = nonBlank(f, key, what);
        if (c == null) return null;
        Path p = dir.resolve(c.v());
        if (!Files.isReadable(p)) {
            error(c.at(), key + " '" + c.v() + "' of " + what + " cannot be read (looked at " + p + ")");
            return null;
        }
        return p;
    }

    /**
     * The token from the file, the named variable, or REACHSIM_AGENT_TOKEN; {@code optional}: a missing
     * default variable is no error (an agent reached with a client certificate).
     */
    private String token(Val<String> file, Val<String> envName, Origin keyAt, String what, boolean optional) {
        if (file != null) {
            Path p = dir.resolve(file.v());
            try {
                String t = Tokens.read(p);
                if (t.length() < Tokens.MIN_LENGTH) {
                    error(file.at(), "the token in '" + file.v() + "' is shorter than " + Tokens.MIN_LENGTH + " characters");
                    return null;
                }
                return t;
            } catch (IOException e) {
                error(file.at(), "tokenFile '" + file.v() + "' of " + what + " cannot be read ("
                        + (e instanceof NoSuchFileException ? "no such file: " + p : e.getMessage()) + ")");
                return null;
            }
        }
        String name = envName != null ? envName.v() : Tokens.ENV;
        String t = env.apply(name);
        if ((t == null || t.isBlank()) && optional) return null;
        if (t == null || t.isBlank()) {
            error(envName != null ? envName.at() : keyAt, what + ": environment variable " + name + " is not set"
                    + (envName == null ? " (give 'tokenFile' or 'tokenEnv', or set " + Tokens.ENV + ")" : ""));
            return null;
        }
        return t.strip();
    }

    private int intField(YMap f, String key, int min, int max, int dflt) {
        Val<Integer> v = f.integer(key, min, max);
        return v == null ? dflt : v.v();
    }

    private Origin at(Node n) {
        return YamlFile.at(file, n);
    }

    private void error(Origin at, String message) {
        problems.add(at, message);
    }

    static String didYouMean(String wanted, java.util.Collection<String> known) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int x = d.apply(wanted.toLowerCase(), k.toLowerCase());
            if (x < bestD) {
                bestD = x;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, wanted.length() / 3) ? " — did you mean '" + best + "'?" : "";
    }
}
