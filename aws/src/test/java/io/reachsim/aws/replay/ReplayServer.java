package io.reachsim.aws.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the AWS endpoints reachsim calls, for the real AWS SDK to talk to (clients built
 * with {@code endpointOverride(server.endpoint())} and fake static credentials). Listens on 127.0.0.1
 * only, on a free port.
 *
 * <p>Requests are told apart as AWS tells them apart:
 * <ul>
 *   <li>Query protocols (EC2, STS, ELBv2): a form-encoded POST whose {@code Version} names the service
 *       (2016-11-15 EC2, 2011-06-15 STS, 2015-12-01 ELBv2) and whose {@code Action} names the call. The key
 *       is {@code ec2/DescribeVpcs}; the fixture {@code replay/ec2/DescribeVpcs.xml}, or, for a later page,
 *       {@code replay/ec2/DescribeVpcs.<NextToken>.xml}.</li>
 *   <li>REST-JSON (EKS, VPC Lattice): the method and path. The key is {@code rest/GET/clusters/prod}; the
 *       fixture {@code replay/rest/GET/clusters/prod.json} ({@code .<nextToken>.json} for later pages).</li>
 * </ul>
 * Fixtures may hold {@code ${Name}} placeholders, replaced by the request's parameter of that name, and
 * {@code ${seq}}, a counter per key. Before fixtures, a test may queue responses for a key (a throttling
 * error, then success) or install a handler. A query call with no fixture gets AWS's empty answer for it
 * (a valid response with no items); a REST call with none gets 404 ResourceNotFoundException.
 */
public final class ReplayServer implements AutoCloseable {
    public static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String ELBV2_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    /** One response to send. */
    public record Response(int status, String contentType, String body, Map<String, String> headers) {
        public static Response xml(int status, String body) {
            return new Response(status, "text/xml;charset=UTF-8", body, Map.of());
        }

        public static Response json(int status, String body) {
            return new Response(status, "application/json", body, Map.of());
        }

        /** An EC2 error as EC2 sends it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). */
        public static Response ec2Error(int status, String code, String message) {
            return xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>" + requestId() + "</RequestID></Response>");
        }

        /** An error of the awsQuery protocol (STS, ELBv2). */
        public static Response queryError(int status, String namespace, String code, String message) {
            return xml(status, "<ErrorResponse xmlns=\"" + namespace + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>" + code
                    + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n  <RequestId>" + requestId() + "</RequestId>\n</ErrorResponse>");
        }

        /** An error of the REST-JSON protocol (EKS, Lattice): the type in x-amzn-ErrorType. */
        public static Response restError(int status, String type, String message) {
            return new Response(status, "application/json", "{\"message\":\"" + message + "\"}", Map.of("x-amzn-ErrorType", type));
        }
    }

    /** One request as received. {@code params}: the form parameters of a query call, the query string of a REST call. */
    public record Request(String key, String method, String path, Map<String, String> params, Map<String, List<String>> headers, String body) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private final HttpServer server;
    private final String root;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Response>> queued = new HashMap<>();
    private final Map<String, Function<Request, Response>> handlers = new HashMap<>();
    private final Map<String, AtomicInteger> seq = new HashMap<>();

    static {
        // The JDK server otherwise waits for delayed ACKs on every small response (~40 ms a call).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private ReplayServer(String root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server replaying the fixtures under the classpath folder {@code root} (e.g. {@code replay}). */
    public static ReplayServer start(String root) throws IOException {
        return new ReplayServer(root);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends these before any fixture for {@code key}, one per request, in order. */
    public synchronized ReplayServer enqueue(String key, Response... responses) {
        Deque<Response> q = queued.computeIfAbsent(key, k -> new ArrayDeque<>());
        Collections.addAll(q, responses);
        return this;
    }

    public synchronized ReplayServer handle(String key, Function<Request, Response> handler) {
        handlers.put(key, handler);
        return this;
    }

    /** The fixture {@code name} (below the root) with {@code ${key}} replaced by {@code values}; for handlers that compose answers. */
    public String fixture(String name, Map<String, String> values) {
        String text = resource(root + "/" + name);
        if (text == null) throw new IllegalArgumentException("no fixture " + root + "/" + name);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String key) {
        return requests().stream().filter(r -> r.key().equals(key)).toList();
    }

    public List<String> keys() {
        return requests().stream().map(Request::key).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- serving ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            Request req;
            boolean query = "POST".equals(method) && contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
            if (query) {
                Map<String, String> params = form(body);
                String service = switch (params.getOrDefault("Version", "")) {
                    case "2016-11-15" -> "ec2";
                    case "2011-06-15" -> "sts";
                    case "2015-12-01" -> "elbv2";
                    default -> "unknown";
                };
                req = new Request(service + "/" + params.get("Action"), method, path, params, copy(ex), body);
            } else {
                Map<String, String> params = form(ex.getRequestURI().getRawQuery());
                String p = path.replaceAll("^/+", "").replaceAll("/+$", "");
                req = new Request("rest/" + method + "/" + URLDecoder.decode(p, StandardCharsets.UTF_8), method, path, params, copy(ex), body);
            }
            requests.add(req);
            Response r = respond(req, query);
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.getResponseHeaders().set("x-amzn-RequestId", requestId());
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
            }
        }
    }

    private Response respond(Request req, boolean query) {
        Function<Request, Response> handler;
        synchronized (this) {
            Deque<Response> q = queued.get(req.key());
            if (q != null && !q.isEmpty()) return q.poll();
            handler = handlers.get(req.key());
        }
        if (handler != null) return handler.apply(req);
        String token = query ? firstNonNull(req.param("NextToken"), req.param("Marker")) : req.param("nextToken");
        String ext = query ? ".xml" : ".json";
        String base = root + "/" + req.key().replace("rest/", "rest/");
        String text = resource(token == null ? base + ext : base + "." + token + ext);
        if (text != null) {
            text = substitute(text, req);
            return query ? Response.xml(200, text) : Response.json(200, text);
        }
        if (token != null) {
            return query ? Response.ec2Error(400, "InvalidPaginationToken", "The pagination token is not valid.")
                    : Response.restError(400, "ValidationException", "invalid nextToken");
        }
        if (!query) return Response.restError(404, "ResourceNotFoundException", "not found: " + req.path());
        return Response.xml(200, emptyAnswer(req));
    }

    /** What AWS answers when there is nothing to list: the response element and its request id. */
    private static String emptyAnswer(Request req) {
        String action = req.param("Action");
        if (req.key().startsWith("ec2/")) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + EC2_NS + "\">\n    <requestId>"
                    + requestId() + "</requestId>\n</" + action + "Response>";
        }
        String ns = req.key().startsWith("sts/") ? STS_NS : ELBV2_NS;
        return "<" + action + "Response xmlns=\"" + ns + "\">\n  <" + action + "Result/>\n  <ResponseMetadata>\n    <RequestId>"
                + requestId() + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>";
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private String substitute(String text, Request req) {
        int n;
        synchronized (this) {
            n = seq.computeIfAbsent(req.key(), k -> new AtomicInteger()).incrementAndGet();
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = name.equals("seq") ? String.valueOf(n) : req.param(name);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resource(String name) {
        try (InputStream in = ReplayServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static Map<String, List<String>> copy(HttpExchange ex) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k, List.copyOf(v)));
        return h;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    static String requestId() {
        return String.format("7a62c49f-347e-4fc4-9331-%012d", REQUEST_IDS.incrementAndGet());
    }
}
