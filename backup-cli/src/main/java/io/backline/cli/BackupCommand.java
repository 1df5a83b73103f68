package io.backline.cli;

import picocli.CommandLine.Command;

/** {@code backline backup files|db …}. */
@Command(name = "backup", description = "Back up a file tree or a database.",
        subcommands = {BackupFilesCommand.class, BackupDbCommand.class}, mixinStandardHelpOptions = true)
final class BackupCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "say what to back up: 'backup files NAME PATH' or 'backup db NAME URL'");
    }
}
