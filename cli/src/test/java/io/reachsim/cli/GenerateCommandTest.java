package io.reachsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reachsim generate}: the file it writes loads and its expectations hold; usage mistakes exit 2. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAScenarioWhoseExpectationsAllHold() throws Exception {
        Path f = dir.resolve("s.yaml");
        Cli.Result g = Cli.real().run("generate", "--size", "S", "--seed", "7", "--out", f.toString());
        assertThat(g.exitCode()).as(g.toString()).isEqualTo(0);
        assertThat(g.out()).contains("1 VPCs, 10 subnets").contains("100 expectations").contains("seed 7");
        assertThat(Files.readString(f)).startsWith("apiVersion: reachsim/v1");

        Cli.Result r = Cli.real().run("run", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("100");
    }

    @Test
    void sameSizeAndSeedSameFile() throws Exception {
        Path a = dir.resolve("a.yaml"), b = dir.resolve("b.yaml"), c = dir.resolve("c.yaml");
        Cli.real().run("generate", "--size", "M", "--seed", "3", "--out", a.toString());
        Cli.real().run("generate", "--size", "M", "--seed", "3", "--out", b.toString());
        Cli.real().run("generate", "--size", "M", "--seed", "4", "--out", c.toString());
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).isNotEqualTo(Files.readString(c));
    }

    @Test
    void unknownSizeIsAUsageError() {
        Cli.Result r = Cli.real().run("generate", "--size", "XXL", "--out", dir.resolve("x.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("XXL").contains("S, M, L, XL");
        assertThat(dir.resolve("x.yaml")).doesNotExist();
    }

    @Test
    void aFolderOrAMissingFolderIsBadInput() {
        Cli.Result folder = Cli.real().run("generate", "--size", "S", "--out", dir.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder").contains("nothing was generated.");

        Cli.Result missing = Cli.real().run("generate", "--size", "S", "--out", dir.resolve("no/such/x.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such folder").contains("nothing was generated.");
    }
}
