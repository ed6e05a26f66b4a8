package io.reachsim.cli;

import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code reachsim} command. Exit codes: 0 every expectation held, 1 one failed, 2 bad input or
 * usage, 3 an internal error (a bug: one line, the stack trace only with {@code --debug}).
 */
@Command(name = "reachsim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Can A reach B on this port in this AWS network, by which path, and if not, which setting stops it?",
        subcommandsRepeatable = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every expectation held (trace: every flow delivered)",
                "1:an expectation failed (trace: a flow was dropped; lint: an ERROR finding)",
                "2:bad input or usage",
                "3:internal error (run again with --debug and report it)"})
public final class Main implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL_ERROR = 3;

    final Terminal terminal;
    final Engine engine;
    boolean debug;
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main(Terminal terminal, Engine engine) {
        this.terminal = terminal;
        this.engine = engine;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colour, even on a terminal (colour is also off when NO_COLOR is set or output is redirected).")
    void setNoColor(boolean noColor) {
        this.noColor = noColor;
    }

    boolean color() {
        return terminal.color(noColor);
    }

    /** {@code reachsim} alone: say what there is to run. */
    @Override
    public Integer call() {
        spec.commandLine().usage(terminal.err());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), Engine.REAL, args));
    }

    static int execute(Terminal terminal, Engine engine, String... args) {
        return commandLine(terminal, engine).execute(args);
    }

    static CommandLine commandLine(Terminal terminal, Engine engine) {
        Main main = new Main(terminal, engine);
        // ./reachsim starts the commands that need no AWS SDK, Kafka or Vert.x on a class path without them
        // (-Dreachsim.classpath=core, for a fast start); picocli reflects on every registered command, so the
        // ones that do need them are not registered then, and with -Dreachsim.command=NAME (the command the
        // launcher saw) only that one is: building every command's model is most of a small run's start.
        boolean full = !"core".equals(System.getProperty("reachsim.classpath"));
        String only = System.getProperty("reachsim.command");
        CommandLine cl = only == null ? new CommandLine(main) : new CommandLine(main) {
            @Override
            public CommandLine addSubcommand(Object command) {
                return only.equals(commandName(command)) ? super.addSubcommand(command) : this;
            }
        };
        cl.addSubcommand(new RunCommand(main));
        cl.addSubcommand(new TraceCommand(main));
        cl.addSubcommand(new ReachCommand(main));
        cl.addSubcommand(new ExposureCommand(main));
        cl.addSubcommand(new MatrixCommand(main));
        cl.addSubcommand(new LintCommand(main));
        cl.addSubcommand(new DiffCommand(main));
        if (full) cl.addSubcommand(ImportCommand.create(main));
        if (full) cl.addSubcommand(new CrosscheckCommand(main));
        if (full) cl.addSubcommand(new WatchCommand(main));
        if (full) cl.addSubcommand(new AgentCommand(main));
        if (full) cl.addSubcommand(new VerifyCommand(main));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.addSubcommand(new GenerateCommand(main));
        cl.addSubcommand(new GraphCommand(main));
        cl.addSubcommand(new SchemaCommand(main));
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = terminal.err();
            String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            err.println("internal error: " + message);
            if (main.debug) ex.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        });
        return cl;
    }

    private static String commandName(Object command) {
        if (command instanceof CommandLine c) return c.getCommandName();
        Command c = command.getClass().getAnnotation(Command.class);
        return c == null ? null : c.name();
    }

    /** A usage mistake: the message, a suggestion when picocli has one, and where to read more. Exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return BAD_INPUT;
    }

    /**
     * Input errors, as the loader found them: one line each, {@code file:line:col  message}, the
     * messages aligned, then the count.
     */
    /**
     * Loads the scenarios under {@code paths} for a command; on missing paths, load errors or no scenario
     * files, says so on stderr (ending with {@code whatWasNotDone}) and returns null (exit code 2).
     */
    List<io.reachsim.model.Scenario> loadScenarios(List<java.nio.file.Path> paths, String whatWasNotDone) {
        PrintWriter err = terminal.err();
        List<String> missing = new java.util.ArrayList<>();
        for (java.nio.file.Path p : paths) if (!java.nio.file.Files.exists(p)) missing.add(p + ": no such file or folder");
        if (!missing.isEmpty()) {
            missing.forEach(err::println);
            err.println(whatWasNotDone);
            err.flush();
            return null;
        }
        List<io.reachsim.model.Scenario> scenarios;
        try {
            scenarios = engine.load(paths);
        } catch (LoadException e) {
            printLoadErrors(err, e, whatWasNotDone);
            return null;
        }
        if (scenarios.isEmpty()) {
            err.println("no scenario files (*.yaml, *.yml) in " + String.join(", ", paths.stream().map(java.nio.file.Path::toString).toList())
                    + "; " + whatWasNotDone);
            err.flush();
            return null;
        }
        return scenarios;
    }

    /** Warnings shown per snapshot folder before "--import-report" is needed to see the rest. */
    static final int SHOWN_WARNINGS = 10;

    /**
     * What the snapshot folders of the last load were (README: Snapshots): one line each on stderr ("import: ..."),
     * then what was skipped and why — the first few, or with {@code full} the whole import report.
     */
    void printImports(boolean full) {
        PrintWriter err = terminal.err();
        for (io.reachsim.load.SnapshotImport s : engine.snapshots()) {
            if (full) {
                err.println(s.report());
                continue;
            }
            err.println("import: " + s.summary());
            List<LoadError> w = s.warnings();
            for (int i = 0; i < Math.min(SHOWN_WARNINGS, w.size()); i++) err.println("  " + where(w.get(i)) + "  " + w.get(i).message());
            if (w.size() > SHOWN_WARNINGS) {
                err.println("  ... and " + (w.size() - SHOWN_WARNINGS) + " more (--import-report prints the whole import report)");
            }
        }
        err.flush();
    }

    /**
     * The network of {@code --network} (a scenario file, snapshot folder, or Terraform plan/state), or null
     * after its errors were printed with {@code whatWasNotDone} ("nothing was traced.").
     */
    io.reachsim.model.Network loadNetwork(java.nio.file.Path network, String whatWasNotDone) {
        PrintWriter err = terminal.err();
        if (!java.nio.file.Files.exists(network)) {
            err.println(network + ": no such file or folder");
            err.flush();
            return null;
        }
        try {
            return engine.loadNetwork(network);
        } catch (LoadException e) {
            printLoadErrors(err, e, whatWasNotDone);
            return null;
        }
    }

    static void printLoadErrors(PrintWriter err, LoadException e, String whatWasNotDone) {
        List<LoadError> errors = e.errors();
        int width = 0;
        for (LoadError le : errors) width = Math.max(width, where(le).length());
        for (LoadError le : errors) {
            String w = where(le);
            err.println(w + " ".repeat(width - w.length()) + "  " + le.message());
        }
        int n = errors.size();
        err.println(n + (n == 1 ? " error" : " errors") + "; " + whatWasNotDone);
        err.flush();
    }

    private static String where(LoadError le) {
        var o = le.origin();
        if (o == null) return "";
        if (o.line() <= 0) return o.file();
        return o.toString();
    }

    /** The version baked in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"reachsim " + p.getProperty("version", "(development build)"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
