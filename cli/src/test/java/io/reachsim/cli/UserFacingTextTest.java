package io.reachsim.cli;

import io.reachsim.load.SchemaWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users read names nothing outside the repository (a clone has no design notes beside it), and
 * {@code reachsim schema} prints the published schema.
 */
class UserFacingTextTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern OUTSIDE = Pattern.compile("DESIGN\\.md|DESIGN §|\\.\\./shared");

    @Test
    void schemaPrintsThePublishedSchema() throws IOException {
        Cli.Result r = Cli.real().run("schema");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(SchemaWriter.json())
                .isEqualTo(Files.readString(ROOT.resolve("docs/reachsim-v1.schema.json")))
                .contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @Test
    void noHelpTextNamesAFileOutsideTheRepository() {
        List<String> bad = new ArrayList<>();
        help(Main.commandLine(terminal(), Engine.REAL), bad);
        assertThat(bad).isEmpty();
    }

    private static Terminal terminal() {
        return new Terminal(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()),
                false, false, Map.<String, String>of()::get);
    }

    private static void help(CommandLine cl, List<String> bad) {
        String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (OUTSIDE.matcher(usage).find()) bad.add(cl.getCommandSpec().qualifiedName() + ": " + usage);
        cl.getSubcommands().values().forEach(sub -> help(sub, bad));
    }

    @Test
    void noDocumentOrMessageNamesAFileOutsideTheRepository() throws IOException {
        List<String> bad = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String dir : List.of("docs", "scenarios", "benchmarks", "probes", "feed", "aws", "cli", "simulator")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
                        .filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .forEach(docs::add);
            }
        }
        for (Path p : docs) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) bad.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
        }
        // Messages: string literals in main sources (comments may cite the design notes; users never see them).
        Pattern literal = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");
        for (String module : List.of("simulator", "aws", "feed", "probes", "cli")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(p);
                    for (int i = 0; i < lines.size(); i++) {
                        var m = literal.matcher(lines.get(i));
                        while (m.find()) {
                            if (OUTSIDE.matcher(m.group()).find()) bad.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(docs).hasSizeGreaterThan(60);
        assertThat(bad).isEmpty();
    }
}
