package io.reachsim.cli;

import io.reachsim.generate.NetworkGenerator;
import io.reachsim.generate.Stats;
import io.reachsim.generate.YamlWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reachsim generate --size S|M|L|XL --seed N --out FILE}: a seeded network of realistic shape, with expectations. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Write a generated network and its expectations as a scenario file (the benchmarks' inputs).",
                "Deterministic: the same size and seed give the same file. Per VPC: public, private, data and cluster subnets "
                        + "in 3 AZs, a NAT gateway per AZ, security groups referencing each other and prefix lists, NACLs, "
                        + "a VPN gateway in every 5th VPC, an EKS cluster in every 10th, 100 expectations that all hold. "
                        + "XL: 1,000 VPCs, 10,000 subnets, 50,000 ENIs, 100,000 SG rules, 100,000 expectations (31 MB)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad usage or the file cannot be written", "3:internal error"})
final class GenerateCommand implements Callable<Integer> {
    private final Main main;

    @Option(names = "--size", required = true, paramLabel = "S|M|L|XL",
            description = "S: 1 VPC, M: 10, L: 100, XL: 1,000 (each VPC: 10 subnets, ~50 ENIs, ~100 SG rules, 100 expectations).")
    NetworkGenerator.Size size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Scenario file to write (replaced if it exists);"
            + " a name ending in .json writes the network as a Terraform plan that creates it (what 'terraform show -json' prints),"
            + " without the expectations.")
    Path out;

    GenerateCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter err = main.terminal.err();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            err.println(out + ": no such folder: " + parent);
            err.println("nothing was generated.");
            err.flush();
            return Main.BAD_INPUT;
        }
        if (Files.isDirectory(out)) {
            err.println(out + ": is a folder; expected a file name such as " + out.resolve("network-" + size + ".yaml"));
            err.println("nothing was generated.");
            err.flush();
            return Main.BAD_INPUT;
        }
        NetworkGenerator.Generated g = NetworkGenerator.generate(size, seed);
        try {
            if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                int n = io.reachsim.generate.TerraformWriter.write(g.network(), out, Integer.MAX_VALUE);
                main.terminal.out().println(out + ": Terraform plan of " + n + " resources (size " + size + ", seed " + seed + ")");
                main.terminal.out().flush();
                return Main.OK;
            }
            YamlWriter.write(g, out);
        } catch (IOException e) {
            err.println(out + ": cannot write: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        PrintWriter o = main.terminal.out();
        o.println(out + ": " + Stats.of(g) + " (size " + size + ", seed " + seed + ")");
        o.flush();
        return Main.OK;
    }
}
