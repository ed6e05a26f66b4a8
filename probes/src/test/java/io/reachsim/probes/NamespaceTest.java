package io.reachsim.probes;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static io.reachsim.probes.Api.probe;
import static io.reachsim.probes.Api.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Outcomes loopback cannot show, from a network namespace this test makes (iproute2, root): a host
 * whose replies are dropped (a blackhole route in the namespace: TIMEOUT, like a security group or
 * NACL dropping) and an address nobody has on the link (ARP fails: UNREACHABLE). Skipped, saying why,
 * where namespaces cannot be made.
 */
class NamespaceTest {
    static final long PID = ProcessHandle.current().pid();
    static final String NS = "rsprobe" + PID % 100_000;
    static final String VETH = "rsp" + PID % 100_000;
    static String net; // 10.253.N
    static ProbeAgent agent;

    @BeforeAll
    static void namespace() throws Exception {
        String why = run("ip", "netns", "add", NS);
        assumeTrue(why == null, "cannot make a network namespace here (needs iproute2 and CAP_NET_ADMIN): " + why);
        String addrs = String.valueOf(runOut("ip", "-4", "addr"));
        int n = (int) (PID % 200) + 20;
        while (addrs.contains("10.253." + n + ".")) n++;
        net = "10.253." + n;
        String[][] steps = {
                {"ip", "link", "add", VETH + "a", "type", "veth", "peer", "name", VETH + "b"},
                {"ip", "link", "set", VETH + "b", "netns", NS},
                {"ip", "addr", "add", net + ".1/29", "dev", VETH + "a"},
                {"ip", "link", "set", VETH + "a", "up"},
                {"ip", "netns", "exec", NS, "ip", "addr", "add", net + ".2/29", "dev", VETH + "b"},
                {"ip", "netns", "exec", NS, "ip", "link", "set", VETH + "b", "up"},
                // The namespace answers (RST) but its answers go nowhere: what a dropped reply looks like from outside.
                {"ip", "netns", "exec", NS, "ip", "route", "add", "blackhole", net + ".1/32"},
        };
        for (String[] s : steps) {
            String err = run(s);
            if (err != null) {
                cleanup();
                assumeTrue(false, "cannot set up the test namespace (" + String.join(" ", s) + "): " + err);
            }
        }
        agent = ProbeAgent.start(Api.config(Api.allow(net + ".0/29"), null, null, AgentConfig.Limits.DEFAULT));
    }

    @AfterAll
    static void cleanup() throws Exception {
        if (agent != null) agent.close();
        run("ip", "netns", "del", NS);
        run("ip", "link", "del", VETH + "a");
    }

    @Test
    void droppedRepliesAreATimeoutAndTheSourceAddressIsTheVethOne() throws Exception {
        Api.Reply r = probe(agent, req("tcp", net + ".2", 9).put("timeoutMs", 700));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject o = r.json();
        assertThat(o.getString("outcome")).isEqualTo("TIMEOUT");
        assertThat(o.getString("localAddress")).isEqualTo(net + ".1");
    }

    @Test
    void anAddressNobodyHasIsUnreachable() throws Exception {
        // ARP gets no answer for .5; the kernel gives up after about 3 s with "no route to host".
        Api.Reply r = probe(agent, req("tcp", net + ".5", 443).put("timeoutMs", 8000));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getString("outcome")).as(r.body()).isEqualTo("UNREACHABLE");
    }

    /** Null when the command succeeded, else what it said. */
    static String run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : out.isEmpty() ? "exit " + p.exitValue() : out;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    static String runOut(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(20, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        }
    }
}
