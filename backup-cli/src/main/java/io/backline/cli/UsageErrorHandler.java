package io.backline.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A command line that does not parse: one line saying why, a hint, exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        line.getErr().println("backline: usage error: " + e.getMessage());
        line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
        line.getErr().flush();
        return ExitCodes.USAGE;
    }
}
