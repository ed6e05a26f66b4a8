package io.reachsim.probes;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.model.Origin;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final List<LoadError> errors = new ArrayList<>();

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
        List<Agent> agents = f.parse(text);
        if (!f.errors.isEmpty()) throw new LoadException(f.errors);
        return new Config(agents, f.names);
    }

    private List<Agent> parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below with both lines
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            error(m == null ? new Origin(file, 1, 1) : new Origin(file, m.getLine() + 1, m.getColumn() + 1),
                    "malformed YAML: " + String.valueOf(e.getProblem()).replaceAll("\\s+", " ").trim());
            return List.of();
        } catch (YAMLException e) {
            error(new Origin(file, 1, 1), "malformed YAML: " + e.getMessage());
            return List.of();
        }
        if (root == null) {
            error(new Origin(file, 1, 1), "'" + file + "' is empty: expected 'agents:' mapping endpoint references to agent URLs");
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            error(at(root), "the file must be a mapping with 'agents:', not " + describe(root));
            return List.of();
        }
        Map<String, NodeTuple> fields = fields(top, "the file", TOP);
        if (fields.containsKey("apiVersion")) {
            Node v = fields.get("apiVersion").getValueNode();
            if (!(v instanceof ScalarNode s) || !s.getValue().equals("reachsim/v1")) {
                error(at(v), "'apiVersion' must be reachsim/v1, not " + describe(v));
            }
        }
        int timeout = intField(fields, "timeoutMs", "the file", 1, 60_000, DEFAULT_TIMEOUT_MS);
        int attempts = intField(fields, "attempts", "the file", 1, 10, DEFAULT_ATTEMPTS);
        if (fields.containsKey("names")) names(fields.get("names").getValueNode());
        NodeTuple agentsField = fields.get("agents");
        if (agentsField == null) {
            error(at(top), "no 'agents:' (required): a mapping from endpoint references (nodes:prod/workers, subnet:private-a, …) to agent URLs");
            return List.of();
        }
        if (!(agentsField.getValueNode() instanceof MappingNode agentsMap)) {
            error(at(agentsField.getValueNode()), "'agents' must be a mapping from endpoint references to agents, not "
                    + describe(agentsField.getValueNode()));
            return List.of();
        }
        List<Agent> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : agentsMap.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(at(t.getKeyNode()), "keys under 'agents' must be endpoint references, not " + describe(t.getKeyNode()));
                continue;
            }
            String ref = k.getValue().trim();
            Integer first = seen.putIfAbsent(ref, k.getStartMark().getLine() + 1);
            if (first != null) {
                error(at(k), "'" + ref + "' is mapped twice (first at line " + first + ")");
                continue;
            }
            if (!checkRef(ref, k)) continue;
            Agent a = agent(ref, t.getValueNode(), timeout, attempts, at(k));
            if (a != null) out.add(a);
        }
        if (out.isEmpty() && errors.isEmpty()) error(at(agentsMap), "'agents' is empty: map at least one endpoint reference to an agent URL");
        return out;
    }

    private static final java.util.regex.Pattern DNS_NAME =
            java.util.regex.Pattern.compile("(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.?");

    private void names(Node v) {
        if (!(v instanceof MappingNode m)) {
            error(at(v), "'names' must be a mapping from destinations (eks-api:prod, aws:ecr.api, …) to DNS names, not " + describe(v));
            return;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !k.getValue().contains(":")) {
                error(at(t.getKeyNode()), "keys under 'names' must be endpoint references such as eks-api:prod, not " + describe(t.getKeyNode()));
                continue;
            }
            ScalarNode name = scalar(t.getValueNode(), "the name of '" + k.getValue() + "'");
            if (name == null) continue;
            if (!DNS_NAME.matcher(name.getValue().trim()).matches()) {
                error(at(name), "'" + name.getValue() + "' is not a DNS name");
            } else if (names.putIfAbsent(k.getValue().trim(), name.getValue().trim()) != null) {
                error(at(k), "'" + k.getValue() + "' is named twice");
            }
        }
    }

    private boolean checkRef(String ref, ScalarNode k) {
        int colon = ref.indexOf(':');
        String kind = colon < 0 ? "" : ref.substring(0, colon);
        if (colon < 0 || !KINDS.contains(kind) || ref.length() == colon + 1) {
            String hint = colon < 0 ? "" : didYouMean(kind, KINDS);
            error(at(k), "'" + ref + "' is not an endpoint reference an agent can stand for: expected one of "
                    + String.join(", ", KINDS.stream().map(x -> x + ":…").toList()) + hint);
            return false;
        }
        if ((kind.equals("nodes") || kind.equals("pods")) && !ref.substring(colon + 1).contains("/")) {
            error(at(k), "'" + ref + "' must name a cluster and a node group: " + kind + ":CLUSTER/GROUP");
            return false;
        }
        return true;
    }

    private Agent agent(String ref, Node v, int defaultTimeout, int defaultAttempts, Origin keyAt) {
        String what = "agent '" + ref + "'";
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            URI url = url(s);
            String token = token(null, null, keyAt, what, false);
            return url == null || token == null ? null : new Agent(ref, url, token, null, null, null, defaultTimeout, defaultAttempts, keyAt);
        }
        if (!(v instanceof MappingNode m)) {
            error(at(v), what + " must be a URL or a mapping with 'url', not " + describe(v));
            return null;
        }
        Map<String, NodeTuple> f = fields(m, what, AGENT);
        URI url = null;
        if (!f.containsKey("url")) error(at(m), what + " has no 'url' (required), e.g. http://10.0.10.4:7070");
        else if (scalar(f.get("url").getValueNode(), "'url' of " + what) != null) url = url((ScalarNode) f.get("url").getValueNode());
        ScalarNode tokenFile = f.containsKey("tokenFile") ? scalar(f.get("tokenFile").getValueNode(), "'tokenFile' of " + what) : null;
        ScalarNode tokenEnv = f.containsKey("tokenEnv") ? scalar(f.get("tokenEnv").getValueNode(), "'tokenEnv' of " + what) : null;
        if (tokenFile != null && tokenEnv != null) {
            error(at(tokenEnv), what + " has both 'tokenFile' and 'tokenEnv': give one");
            return null;
        }
        Path ca = file(f, "caFile", what);
        Path clientCert = file(f, "clientCert", what);
        Path clientKey = file(f, "clientKey", what);
        if (f.containsKey("clientCert") != f.containsKey("clientKey")) {
            String given = f.containsKey("clientCert") ? "clientCert" : "clientKey";
            error(at(f.get(given).getKeyNode()), what + " has '" + given + "' without '"
                    + (given.equals("clientCert") ? "clientKey" : "clientCert") + "': mTLS needs both (PEM)");
        }
        boolean mtls = f.containsKey("clientCert") && f.containsKey("clientKey");
        if (mtls && url != null && !"https".equals(url.getScheme())) {
            error(at(f.get("url").getValueNode()), what + " has a client certificate but an http URL: mTLS needs https");
        }
        // With a client certificate the token is optional: an explicit tokenFile/tokenEnv is still read.
        String token = token(tokenFile, tokenEnv, keyAt, what, mtls && tokenFile == null && tokenEnv == null);
        int timeout = intField(f, "timeoutMs", what, 1, 60_000, defaultTimeout);
        int attempts = intField(f, "attempts", what, 1, 10, defaultAttempts);
        if (url == null || (token == null && !mtls)) return null;
        return new Agent(ref, url, token, ca, clientCert, clientKey, timeout, attempts, keyAt);
    }

    private URI url(ScalarNode s) {
        try {
            URI u = new URI(s.getValue().trim());
            if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null
                    && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) && u.getQuery() == null) {
                return u;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        error(at(s), "'" + s.getValue() + "' is not an agent URL: expected http(s)://HOST:PORT with no path");
        return null;
    }

    /** A readable file named by {@code key}, relative to agents.yaml; null (and an error) otherwise. */
    private Path file(Map<String, NodeTuple> f, String key, String what) {
        if (!f.containsKey(key)) return null;
        ScalarNode c = scalar(f.get(key).getValueNode(), "'" + key + "' of " + what);
        if (c == null) return null;
        Path p = dir.resolve(c.getValue());
        if (!Files.isReadable(p)) {
            error(at(c), key + " '" + c.getValue() + "' of " + what + " cannot be read (looked at " + p + ")");
            return null;
        }
        return p;
    }

    /**
     * The token from the file, the named variable, or REACHSIM_AGENT_TOKEN; {@code optional}: a missing
     * default variable is no error (an agent reached with a client certificate).
     */
    private String token(ScalarNode file, ScalarNode envName, Origin keyAt, String what, boolean optional) {
        if (file != null) {
            Path p = dir.resolve(file.getValue());
            try {
                String t = Tokens.read(p);
                if (t.length() < Tokens.MIN_LENGTH) {
                    error(at(file), "the token in '" + file.getValue() + "' is shorter than " + Tokens.MIN_LENGTH + " characters");
                    return null;
                }
                return t;
            } catch (IOException e) {
                error(at(file), "tokenFile '" + file.getValue() + "' of " + what + " cannot be read ("
                        + (e instanceof NoSuchFileException ? "no such file: " + p : e.getMessage()) + ")");
                return null;
            }
        }
        String name = envName != null ? envName.getValue() : Tokens.ENV;
        String t = env.apply(name);
        if ((t == null || t.isBlank()) && optional) return null;
        if (t == null || t.isBlank()) {
            error(envName != null ? at(envName) : keyAt, what + ": environment variable " + name + " is not set"
                    + (envName == null ? " (give 'tokenFile' or 'tokenEnv', or set " + Tokens.ENV + ")" : ""));
            return null;
        }
        return t.strip();
    }

    private Map<String, NodeTuple> fields(MappingNode m, String what, Set<String> known) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(at(t.getKeyNode()), "field names in " + what + " must be plain words, not " + describe(t.getKeyNode()));
                continue;
            }
            if (!known.contains(k.getValue())) {
                error(at(k), "unknown field '" + k.getValue() + "' in " + what + didYouMean(k.getValue(), known));
            } else if (out.containsKey(k.getValue())) {
                error(at(k), "duplicate field '" + k.getValue() + "' in " + what + " (first at line "
                        + (out.get(k.getValue()).getKeyNode().getStartMark().getLine() + 1) + ")");
            } else {
                out.put(k.getValue(), t);
            }
        }
        return out;
    }

    private int intField(Map<String, NodeTuple> f, String key, String what, int min, int max, int dflt) {
        NodeTuple t = f.get(key);
        if (t == null) return dflt;
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && s.getValue().trim().matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(s.getValue().trim());
            if (n >= min && n <= max) return n;
        }
        error(at(v), "'" + key + "' of " + what + " must be a whole number from " + min + " to " + max + ", not " + describe(v));
        return dflt;
    }

    private ScalarNode scalar(Node v, String what) {
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getValue().isBlank()) return s;
        error(at(v), what + " must be a single value, not " + describe(v));
        return null;
    }

    private Origin at(Node n) {
        Mark m = n.getStartMark();
        return m == null ? new Origin(file, 1, 1) : new Origin(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private void error(Origin at, String message) {
        errors.add(new LoadError(at, message));
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) n;
        if (s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) return "an empty value";
        return "'" + s.getValue() + "'";
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
