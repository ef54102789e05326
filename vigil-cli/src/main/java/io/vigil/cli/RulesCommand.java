package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil rules ...}: commands that work on rule sets without reading events. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Work with rule sets.",
        subcommands = {LintCommand.class})
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (lint)");
    }
}
