package io.reachsim.cli;

import io.reachsim.probes.AgentConfig;
import io.reachsim.probes.Allowlist;
import io.reachsim.probes.ProbeAgent;
import io.reachsim.probes.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code reachsim agent}: the probe agent, until stopped (SIGTERM/SIGINT). */
@Command(name = "agent",
        mixinStandardHelpOptions = true,
        description = {"Run a probe agent: an HTTP API (POST /v1/probe, GET /health, GET /metrics) that probes tcp, udp, "
                + "http(s), tls and dns from where it runs, for 'reachsim verify' and other tools.",
                "Callers need the agent's bearer token (--token-file or " + Tokens.ENV + ") or a client certificate (--client-ca). "
                        + "Targets must be inside "
                        + "--allow / --vpc-cidr; with neither, every probe is refused."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad input or usage (nothing was started)", "3:internal error"})
final class AgentCommand implements Callable<Integer> {
    private final Main main;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "0.0.0.0:7070",
            description = "Address and port of the API (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the bearer token (else the " + Tokens.ENV + " environment variable).")
    Path tokenFile;

    @Option(names = "--allow", paramLabel = "CIDR[:PORTS]",
            description = "A target the agent may probe: 10.0.0.0/16, 10.0.0.0/16:443, 10.0.2.0/24:80,8000-8100. Repeatable.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--vpc-cidr", paramLabel = "CIDR", description = "A CIDR of the agent's VPC: every port inside it may be probed. Repeatable.")
    List<String> vpcCidrs = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "Resolve names through this DNS server (default: the system resolver, as applications here see it).")
    String dnsServer;

    @Option(names = "--trust-ca", paramLabel = "FILE", description = "PEM CA certificates https/tls probes trust besides the JDK's (e.g. the EKS cluster CA).")
    Path trustCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve the API over HTTPS with this PEM certificate (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "Require callers of /v1/probe to present a client certificate signed by this PEM CA (mTLS; needs --tls-cert). "
                    + "The token is then optional; with both, both are checked.")
    Path clientCa;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "5", description = "Requests per second per caller (token bucket; default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "20", description = "Requests a caller may send at once (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "16", description = "Probes in flight at once, all callers (default ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-timeout-ms", paramLabel = "MS", defaultValue = "10000", description = "Largest timeoutMs a request may ask for (default ${DEFAULT-VALUE}).")
    int maxTimeoutMs;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5", description = "Largest attempts a request may ask for (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "256", description = "Connections open at once, all callers (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-source", paramLabel = "N", defaultValue = "32",
            description = "Connections open at once from one source address (default ${DEFAULT-VALUE}).")
    int maxConnectionsPerSource;

    @Option(names = "--request-deadline-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Time a request may take to arrive, headers and body, however slowly (default ${DEFAULT-VALUE}).")
    int requestDeadlineMs;

    @Option(names = "--h2c", description = "Also serve HTTP/2 without TLS (h2c); off by default.")
    boolean h2c;

    @Option(names = "--metrics-need-token", description = "/metrics answers only callers that present the token (or client certificate).")
    boolean metricsNeedToken;

    AgentCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        List<String> problems = new ArrayList<>();
        AgentConfig.HostPort at = null;
        try {
            at = AgentConfig.HostPort.parse(listen, 7070);
        } catch (IllegalArgumentException e) {
            problems.add("--listen " + e.getMessage() + ": expected ADDR:PORT, e.g. 0.0.0.0:7070");
        }
        String token = null;
        if (tokenFile != null) {
            try {
                token = Tokens.read(tokenFile);
            } catch (java.nio.file.NoSuchFileException e) {
                problems.add("--token-file " + tokenFile + ": no such file");
            } catch (IOException e) {
                problems.add("--token-file " + tokenFile + ": " + e.getMessage());
            }
        } else {
            token = main.terminal.env().apply(Tokens.ENV);
            if ((token == null || token.isBlank()) && clientCa != null) {
                token = null; // mTLS alone
            } else if (token == null || token.isBlank()) {
                problems.add("no token: give --token-file FILE or set " + Tokens.ENV + " (callers must present it as 'Authorization: Bearer <token>')");
                token = null;
            } else {
                token = token.strip();
            }
        }
        if (token != null && token.length() < Tokens.MIN_LENGTH) {
            problems.add("the token is shorter than " + Tokens.MIN_LENGTH + " characters: use a long random one (e.g. openssl rand -hex 32)");
        }
        List<Allowlist.Entry> entries = new ArrayList<>();
        for (String a : allow) {
            try {
                entries.add(Allowlist.parse(a));
            } catch (IllegalArgumentException e) {
                problems.add("--allow " + e.getMessage());
            }
        }
        for (String c : vpcCidrs) {
            try {
                if (c.indexOf('/') < 0 || c.indexOf(':', c.indexOf('/')) >= 0) throw new IllegalArgumentException("'" + c + "' is not a CIDR like 10.0.0.0/16");
                entries.add(Allowlist.parse(c));
            } catch (IllegalArgumentException e) {
                problems.add("--vpc-cidr " + e.getMessage());
            }
        }
        AgentConfig.HostPort dns = null;
        if (dnsServer != null) {
            try {
                dns = AgentConfig.HostPort.parse(dnsServer, 53);
                if (dns.port() == 0) problems.add("--dns-server '" + dnsServer + "': port 0 is not a DNS server's port");
            } catch (IllegalArgumentException e) {
                problems.add("--dns-server " + e.getMessage());
            }
        }
        if (clientCa != null && tlsCert == null) problems.add("--client-ca needs --tls-cert and --tls-key (client certificates are checked in TLS)");
        for (Path p : new Path[] {trustCa, tlsCert, tlsKey, clientCa}) {
            if (p != null && !Files.isReadable(p)) problems.add(p + ": no such file (or not readable)");
        }
        if ((tlsCert == null) != (tlsKey == null)) problems.add("--tls-cert and --tls-key go together");
        if (rate <= 0) problems.add("--rate must be above 0, not " + rate);
        if (burst < 1) problems.add("--burst must be at least 1, not " + burst);
        if (maxConcurrent < 1) problems.add("--max-concurrent must be at least 1, not " + maxConcurrent);
        if (maxTimeoutMs < 1 || maxTimeoutMs > 120_000) problems.add("--max-timeout-ms must be 1..120000, not " + maxTimeoutMs);
        if (maxAttempts < 1 || maxAttempts > 100) problems.add("--max-attempts must be 1..100, not " + maxAttempts);
        if (maxConnections < 1) problems.add("--max-connections must be at least 1, not " + maxConnections);
        if (maxConnectionsPerSource < 1) problems.add("--max-connections-per-source must be at least 1, not " + maxConnectionsPerSource);
        if (requestDeadlineMs < 100 || requestDeadlineMs > 600_000) problems.add("--request-deadline-ms must be 100..600000, not " + requestDeadlineMs);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println(problems.size() + (problems.size() == 1 ? " error" : " errors") + "; the agent was not started.");
            err.flush();
            return Main.BAD_INPUT;
        }

        AgentConfig config = new AgentConfig(at.host(), at.port(), token == null ? null : Tokens.sha256(token), new Allowlist(entries), dns,
                trustCa, tlsCert, tlsKey, clientCa, new AgentConfig.Limits(maxTimeoutMs, maxAttempts, 4096, rate, burst, maxConcurrent),
                new AgentConfig.Guards(maxConnections, maxConnectionsPerSource, requestDeadlineMs, AgentConfig.Guards.DEFAULT.anonRatePerSecond(),
                        AgentConfig.Guards.DEFAULT.anonBurst(), AgentConfig.Guards.DEFAULT.resolverThreads(), h2c, metricsNeedToken));
        // A probe asks the resolver now: the JVM's default 30 s cache would show a name's old addresses.
        java.security.Security.setProperty("networkaddress.cache.ttl", "0");
        java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
        ProbeAgent agent;
        try {
            agent = ProbeAgent.start(config);
        } catch (IOException e) {
            err.println(e.getMessage() + "; the agent was not started.");
            err.flush();
            return Main.BAD_INPUT;
        }
        for (String w : agent.warnings()) err.println("warning: " + w);
        out.println("reachsim agent listening on " + (tlsCert != null ? "https" : "http") + "://" + hostText(at.host()) + ":" + agent.port()
                + "   targets: " + config.allowlist() + "   resolver: " + (dns == null ? "system" : dns));
        out.flush();
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.close();
        }
        return Main.OK;
    }

    private static String hostText(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
