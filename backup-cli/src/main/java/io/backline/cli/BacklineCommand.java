package io.backline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code backline}: back up, list, restore and prune with the Backline library. Its subcommands are added by
 * {@link Main}, which builds only the one a command line names.
 */
@Command(name = "backline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Backs up databases and file trees into encrypted, compressed, checksummed artifacts.")
final class BacklineCommand implements Runnable {

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static boolean debugRequested(ParseResult parsed) {
        ParseResult current = parsed;
        while (current != null) {
            if (current.hasMatchedOption("--debug")) {
                return true;
            }
            current = current.subcommand();
        }
        return false;
    }
}
