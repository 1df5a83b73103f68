package io.backline.cli;

import io.backline.core.BackupException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one clear line (the stack trace only with {@code --debug}) and maps it to an exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
        PrintWriter err = line.getErr();
        boolean usage = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof CommandLine.ParameterException;
        err.println("backline: " + (usage ? "usage error: " : "error: ") + message(e));
        if (BacklineCommand.debugRequested(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    private static String message(Throwable e) {
        if (e instanceof BackupException) {
            return e.getMessage();
        }
        String text = e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text;
    }
}
