package dev.xdai.evaluation.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every xdai command line is set up: the one parser (picocli) with the project's conventions, so that
 * {@code xdai ...}, {@code xdai eval ...} run alone and the standalone benchmarks answer alike. Exit status: 0 done or
 * help, 1 the run failed, 2 bad arguments (a picocli usage error, or a {@link UsageException} from the command).
 */
public final class Cli {

  private Cli() {}

  /** {@code commandLine} printing to {@code out} and {@code err}, enum values in any case. */
  public static CommandLine configure(CommandLine commandLine, PrintStream out, PrintStream err) {
    return commandLine
        .setOut(writer(out))
        .setErr(writer(err))
        .setCaseInsensitiveEnumValuesAllowed(true)
        // --data a b --colour: an unknown option is an error, never a file name (as the hand parser had it)
        .setUnmatchedOptionsAllowedAsOptionParameters(false)
        .setUsageHelpWidth(120)
        .setExecutionExceptionHandler((e, cl, parsed) -> {
          if (!(e instanceof UsageException)) throw e;
          cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
          cl.getErr().println("(" + cl.getCommandSpec().qualifiedName() + " --help shows the options)");
          return CommandLine.ExitCode.USAGE;
        });
  }

  /**
   * The words given after {@code command}'s name, as typed: recorded with results so a run can be repeated. The
   * commands above it take no options before their subcommand, so its words start after its depth in the tree.
   */
  public static List<String> wordsAfter(CommandSpec command) {
    int depth = 0;
    for (CommandSpec s = command; s.parent() != null; s = s.parent()) depth++;
    List<String> all = command.root().commandLine().getParseResult().originalArgs();
    return all.subList(Math.min(depth, all.size()), all.size());
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
