package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command line. Exit codes: 0 the run completed (whatever was detected; rejected
 * rules and skipped records are reported, not fatal), 1 some input could not be opened or read at
 * all, 2 usage errors.
 */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionText.class,
        description = "Intrusion detection for MSPs: hunt Windows event logs with Sigma rules.",
        subcommands = {HuntCommand.class, RulesCommand.class, DumpCommand.class, ScoreCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_ERROR = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vigil: " + ex.getMessage());
            ex.getCommandLine()
                    .getErr()
                    .println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (hunt, rules, dump, score)");
    }
}
