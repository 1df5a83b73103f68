package io.backline.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of the {@code backline} command. Exit codes: 0 success, 1 operation failed, 2 usage error. */
public final class Main {
    /** The subcommands of {@code backline}, by name, in the order its help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging(args);
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The library logs at INFO; a command-line user wants warnings only, or everything with --debug. */
    private static void quietLogging(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("backup", BackupCommand::new);
        all.put("list", ListCommand::new);
        all.put("restore", RestoreCommand::new);
        all.put("verify", VerifyCommand::new);
        all.put("health", HealthCommand::new);
        all.put("report", ReportCommand::new);
        all.put("forecast", ForecastCommand::new);
        all.put("forget", ForgetCommand::new);
        all.put("keygen", KeygenCommand::new);
        all.put("demo", DemoCommand::new);
        return all;
    }

    /** {@code backline} with every subcommand: what its help lists, and what a command line naming none needs. */
    static CommandLine newCommandLine() {
        return configured(SUBCOMMANDS.keySet().toArray(String[]::new));
    }

    /**
     * {@code backline} with only the subcommand {@code args} name, or with every one when they name none ({@code
     * --help}, {@code --version}, or a name that is no subcommand, a usage error as ever). Picocli reflects over every
     * command it is given, interpreted code in a fresh JVM: building all of them costs ≈ 0.1–0.2 s more than building
     * the one a run uses.
     */
    static CommandLine newCommandLine(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return SUBCOMMANDS.containsKey(arg) ? configured(arg) : newCommandLine();
            }
        }
        return newCommandLine();
    }

    private static CommandLine configured(String... subcommands) {
        CommandLine line = new CommandLine(new BacklineCommand());
        for (String name : subcommands) {
            line.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        // set after the subcommands are added: picocli applies these to the subcommands present at the time
        line.setExecutionExceptionHandler(new ErrorHandler());
        line.setParameterExceptionHandler(new UsageErrorHandler());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }
}
