package io.reachsim.aws.snapshot;

import io.reachsim.load.LoadError;
import io.reachsim.model.Origin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an import read and what it left out, and why (DESIGN §6: never a silent drop). {@code read}
 * counts the resources that went into the network, per kind ("subnets"); {@code skipped} lists what did
 * not, each where it was read and with the reason; {@code notes} are things a user should know that drop
 * nothing (AWS defaults assumed, values not in describe-* output).
 */
public record ImportReport(String source, Set<String> accounts, Set<String> regions, List<String> files,
                           Map<String, Integer> read, List<Item> skipped, List<Item> notes) {

    public ImportReport {
        accounts = Set.copyOf(new TreeSet<>(accounts));
        regions = Set.copyOf(new TreeSet<>(regions));
        files = List.copyOf(files);
        read = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(read));
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** The order kinds are listed in: the VPC first, then what lives in it, then what joins VPCs. */
    private static final List<String> ORDER = List.of("VPCs", "subnets", "route tables", "internet gateways",
            "egress-only internet gateways", "NAT gateways", "VPN gateways", "network ACLs", "security groups", "prefix lists",
            "instances", "network interfaces", "Elastic IPs", "VPC endpoints", "endpoint services", "load balancers",
            "VPC peering connections", "transit gateways", "transit gateway attachments", "transit gateway route tables",
            "EKS clusters", "Lattice service networks", "Lattice services", "Lattice target groups");

    /** One skipped resource or note: where it was read, what, and why. */
    public record Item(Origin at, String what, String why) {
        @Override
        public String toString() {
            return where(at) + "  " + what + ": " + why;
        }
    }

    static String where(Origin o) {
        if (o == null) return "";
        return o.line() <= 0 ? o.file() : o.toString();
    }

    /**
     * One line: "snapshots/prod: 7 files, 1 account, 1 region (us-east-1); read 2 VPCs, 4 subnets, ...;
     * skipped 1 (see reachsim import report)".
     */
    public String summary() {
        List<String> counts = new ArrayList<>();
        read.forEach((k, v) -> {
            if (v > 0) counts.add(v + " " + (v == 1 ? singular(k) : k));
        });
        String acc = accounts.size() + (accounts.size() == 1 ? " account" : " accounts");
        String reg = regions.size() + (regions.size() == 1 ? " region" : " regions") + " (" + String.join(", ", new TreeSet<>(regions)) + ")";
        return source + ": " + files.size() + (files.size() == 1 ? " file, " : " files, ") + acc + ", " + reg
                + "; read " + (counts.isEmpty() ? "nothing" : String.join(", ", counts))
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size());
    }

    /** Skipped items and notes as located warnings, for the scenario loader's SPI. */
    public List<LoadError> warnings() {
        List<LoadError> w = new ArrayList<>();
        for (Item i : skipped) w.add(new LoadError(i.at(), "skipped " + i.what() + ": " + i.why()));
        return w;
    }

    /** A skipped item that is one resource ("instance 'i-0123'"): its id is the quoted name. */
    private static final java.util.regex.Pattern ONE_RESOURCE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9 -]* '([^'\\s]+)'");

    /** Ids of skipped resources, each with why and where it was read (the first, when an id was skipped twice). */
    public Map<String, String> skippedIds() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Item i : skipped) {
            java.util.regex.Matcher x = ONE_RESOURCE.matcher(i.what());
            if (x.matches()) m.putIfAbsent(x.group(1), i.why() + " (" + where(i.at()) + ")");
        }
        return m;
    }

    /** The full report, for {@code reachsim import report DIR}. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(summary()).append("\n\n");
        b.append("accounts: ").append(accounts.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(accounts))).append('\n');
        b.append("regions:  ").append(regions.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(regions))).append('\n');
        b.append("files:    ").append(files.size()).append('\n');
        for (String f : files) b.append("  ").append(f).append('\n');
        b.append("\nread\n");
        int width = read.keySet().stream().mapToInt(String::length).max().orElse(0);
        read.forEach((k, v) -> b.append("  ").append(k).append(" ".repeat(width - k.length())).append("  ").append(v).append('\n'));
        b.append("\nskipped (").append(skipped.size()).append(")\n");
        if (skipped.isEmpty()) b.append("  nothing\n");
        for (Item i : skipped) b.append("  ").append(i).append('\n');
        b.append("\nnotes (").append(notes.size()).append(")\n");
        if (notes.isEmpty()) b.append("  none\n");
        for (Item i : notes) b.append("  ").append(i).append('\n');
        return b.toString();
    }

    private static String singular(String plural) {
        if (plural.endsWith("ies")) return plural.substring(0, plural.length() - 3) + "y";
        if (plural.endsWith("sses")) return plural.substring(0, plural.length() - 2);
        if (plural.endsWith("s")) return plural.substring(0, plural.length() - 1);
        return plural;
    }

    /** Mutable collector used while reading. */
    static final class Builder {
        final String source;
        final Set<String> accounts = new LinkedHashSet<>();
        final Set<String> regions = new LinkedHashSet<>();
        final List<String> files = new ArrayList<>();
        final Map<String, Integer> read = new LinkedHashMap<>();
        final List<Item> skipped = new ArrayList<>();
        final List<Item> notes = new ArrayList<>();

        Builder(String source) {
            this.source = source;
        }

        void count(String kind) {
            read.merge(kind, 1, Integer::sum);
        }

        void kind(String kind) {
            read.putIfAbsent(kind, 0);
        }

        void skip(Origin at, String what, String why) {
            skipped.add(new Item(at, what, why));
        }

        void note(Origin at, String what, String why) {
            notes.add(new Item(at, what, why));
        }

        ImportReport build() {
            Map<String, Integer> ordered = new LinkedHashMap<>();
            for (String k : ORDER) if (read.containsKey(k)) ordered.put(k, read.get(k));
            read.forEach(ordered::putIfAbsent);
            return new ImportReport(source, accounts, regions, files, ordered, skipped, notes);
        }
    }
}
