package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.HelpOption;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One {@code xdai bench} benchmark: a subcommand whose typed options (picocli fields in the subclass) say what to
 * measure, and a run that returns its report; {@link BenchCommand} prints it and turns failures into exit statuses.
 */
abstract class Bench implements Callable<Integer> {

  @Spec CommandSpec spec;
  @ParentCommand BenchCommand command;
  @Mixin HelpOption help;

  @Option(names = "--json", description = "also print the result as one JSON object on the last line")
  boolean json;

  /** Runs the benchmark; {@code progress} gets occasional lines for a person waiting. */
  abstract BenchReport run(PrintStream progress) throws Exception;

  @Override
  public Integer call() {
    return command.execute(this);
  }

  /**
   * Each option that says what to measure, with the value in force as written on a command line (a list joined by
   * commas, an enum in lower case, none as null), in declaration order: the report's {@code options}.
   */
  Map<String, Object> options() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (o.usageHelp() || o.versionHelp() || name.equals("--json") || name.equals("--data")) continue;
      out.put(name.substring(2), text(o.getValue()));
    }
    return out;
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) return String.join(",", list.stream().map(Bench::text).toList());
    if (value instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }
}
