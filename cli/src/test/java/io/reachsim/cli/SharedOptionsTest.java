package io.reachsim.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Options several commands repeat are one picocli mixin each: same name, same words, same behaviour. */
class SharedOptionsTest {
    private final CommandLine cl = Main.commandLine(new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            false, false, Map.<String, String>of()::get), Engine.REAL);

    @Test
    void jsonToAFileIsOneMixinForRunVerifyDiffAndCrosscheck() {
        for (String c : new String[] {"run", "verify", "diff", "crosscheck"}) {
            CommandLine.Model.CommandSpec spec = cl.getSubcommands().get(c).getCommandSpec();
            assertThat(spec.mixins()).as(c).containsKey("jsonOut");
            assertThat(spec.findOption("--json").description()).as(c).isEqualTo(new CommandLine(new JsonFileOption())
                    .getCommandSpec().findOption("--json").description());
        }
    }

    @Test
    void importReportIsOneMixinForRunTraceAndLint() {
        for (String c : new String[] {"run", "trace", "lint"}) {
            assertThat(cl.getSubcommands().get(c).getCommandSpec().mixins()).as(c).containsKey("importReport");
        }
    }

    @Test
    void theMixinSaysWhereJsonGoes() {
        JsonFileOption o = new JsonFileOption();
        new CommandLine(o).parseArgs("--json", "-");
        assertThat(o.toStdout()).isTrue();
        assertThat(o.file()).isNull();
        JsonFileOption f = new JsonFileOption();
        new CommandLine(f).parseArgs("--json", "out.json");
        assertThat(f.toStdout()).isFalse();
        assertThat(f.file()).hasToString("out.json");
    }
}
