package io.reachsim.probes;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What {@code /metrics} shows, in the Prometheus text format. One registry per agent. */
final class AgentMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter probes = Counter.builder().name("reachsim_agent_probes")
            .help("Probes run, by protocol and outcome").labelNames("protocol", "outcome").register(registry);
    private final Counter refusals = Counter.builder().name("reachsim_agent_refusals")
            .help("Requests the agent refused, by reason").labelNames("reason").register(registry);
    private final Histogram latency = Histogram.builder().name("reachsim_agent_probe_duration_seconds")
            .help("Time from request to answer, attempts and DNS included").labelNames("protocol", "outcome")
            .classicOnly().classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);

    void probe(ProbeProtocol protocol, Outcome outcome, double elapsedMs) {
        probes.labelValues(protocol.label(), outcome.name()).inc();
        latency.labelValues(protocol.label(), outcome.name()).observe(elapsedMs / 1000.0);
    }

    void refused(String reason) {
        refusals.labelValues(reason).inc();
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
