package dev.kcb.report;

import dev.kcb.report.compare.CompareCommand;
import dev.kcb.report.model.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Entry point of report.jar: {@code java -jar report.jar report [RUN ...]}. Unusable input prints one line and
 * exits 2; nothing here ever prints a stack trace (set KCB_REPORT_DEBUG=1 to get one).
 */
@Command(name = "kcb-report", mixinStandardHelpOptions = true, version = "kcb-report 0.1.0",
        description = "Reads the suite's results (JMH JSON + run.json): charts, pages, and run comparison.",
        subcommands = {CommandLine.HelpCommand.class})
public final class ReportCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ReportCli())
                .addSubcommand("report", new ReportCommand())
                .addSubcommand("compare", new CompareCommand());
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (System.getenv("KCB_REPORT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            if (cause instanceof InputException) {
                err.println("error: " + cause.getMessage());
                return 2;
            }
            if (cause instanceof IOException) {
                err.println("error: cannot write the report: " + cause);
                return 1;
            }
            err.println("error: " + cause + " (set KCB_REPORT_DEBUG=1 for a stack trace)");
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** No subcommand: say what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
