package io.reachsim.cli;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import picocli.CommandLine;

/** {@code --protocol P|any} and {@code --ports SET} of the set commands (docs/sets.md), as one protocol/port set. */
final class SetOptions {
    /** The two options themselves, mixed into reach, exposure and matrix. */
    static final class Scope {
        @CommandLine.Option(names = "--protocol", paramLabel = "P", description = "any (default), tcp, udp or icmp.")
        String protocol;

        @CommandLine.Option(names = "--ports", paramLabel = "SET",
                description = "Ports to ask about: 22, 1024-65535, 22,80,8000-8100 or any (default).")
        String ports;

        ServiceSet of(CommandLine cl) {
            return scope(protocol, ports, cl);
        }
    }

    private SetOptions() {}

    static ServiceSet scope(String protocol, String ports, CommandLine cl) {
        Ranges p = null;
        if (ports != null) {
            Ranges.Builder b = new Ranges.Builder();
            for (String part : ports.split(",")) {
                try {
                    b.addAll(ServiceSet.parsePorts(part));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, "--ports '" + ports + "': " + e.getMessage()
                            + " (e.g. 22,80,8000-8100 or any)");
                }
            }
            p = b.build();
        }
        String t = protocol == null ? "any" : protocol.trim().toLowerCase();
        Ranges all = p != null ? p : Ranges.of(0, ServiceSet.MAX_PORT);
        return switch (t) {
            case "any", "all" -> p == null ? ServiceSet.ALL : new ServiceSet(p, p, Ranges.EMPTY, false);
            case "tcp" -> ServiceSet.tcp(all);
            case "udp" -> ServiceSet.udp(all);
            case "icmp" -> {
                if (p != null) throw new CommandLine.ParameterException(cl, "--ports does not apply to icmp");
                yield ServiceSet.icmp(Ranges.of(0, ServiceSet.MAX_ICMP_TYPE));
            }
            default -> throw new CommandLine.ParameterException(cl, "--protocol '" + protocol + "': expected any, tcp, udp or icmp");
        };
    }

    /** A carriage-return counter on stderr while a long answer is computed (only on a terminal). */
    static final class Counter {
        private final java.io.PrintWriter err;
        private final boolean on;
        private final String what;
        private final long total;
        private long last;

        Counter(java.io.PrintWriter err, boolean on, String what, long total) {
            this.err = err;
            this.on = on;
            this.what = what;
            this.total = total;
        }

        synchronized void accept(long done) {
            long now = System.nanoTime();
            if (!on || now - last < 200_000_000L) return;
            last = now;
            err.print("\r" + what + " " + done + "/" + total);
            err.flush();
        }

        synchronized void clear() {
            if (!on || last == 0) return;
            err.print("\r" + " ".repeat(what.length() + 24) + "\r");
            err.flush();
        }
    }
}
