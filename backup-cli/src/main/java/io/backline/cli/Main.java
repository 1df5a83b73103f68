package io.backline.cli;

import picocli.CommandLine;

/** Entry point of the {@code backline} command. Exit codes: 0 success, 1 operation failed, 2 usage error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLogging(args);
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The library logs at INFO; a command-line user wants warnings only, or everything with --debug. */
    private static void quietLogging(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    static CommandLine newCommandLine() {
        CommandLine line = new CommandLine(new BacklineCommand());
        line.setExecutionExceptionHandler(new ErrorHandler());
        line.setParameterExceptionHandler(new UsageErrorHandler());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }
}
