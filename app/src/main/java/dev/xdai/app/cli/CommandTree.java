package dev.xdai.app.cli;

import dev.xdai.evaluation.bench.BenchCommand;
import dev.xdai.evaluation.bench.BenchTargets;
import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.eval.EvalCommand;
import dev.xdai.evaluation.eval.RerankCommand;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParseResult;

/**
 * The whole {@code xdai} command line as one picocli tree: parsed in {@code Main} before anything boots (help, usage
 * errors, whether the HTTP port opens), read by {@code Startup} for what to start ({@link #launch}), and run inside
 * Quarkus by {@link Commands} with the same command classes, then holding their injected collaborators.
 */
public final class CommandTree {

  private CommandTree() {}

  @Command(name = "xdai", synopsisSubcommandLabel = "COMMAND",
      description = "A knowledge-grounded dialogue service: serve it, chat with it, import knowledge, measure it.",
      footer = "xdai alone is xdai serve. Each command answers --help at once, without starting anything.")
  static final class Xdai {
    @Mixin HelpOption help;
  }

  @Command(name = "eval", synopsisSubcommandLabel = "EVALUATION", description = "Measures reply quality, the answer confidence and the reranker.")
  static final class Eval {
    @Mixin HelpOption help;
  }

  /** The commands of the tree, each with its collaborators or, before boot, without. */
  record Parts(ServeCommand serve, ChatCommand chat, ImportCommand imports, EvalCommand kdconv, CalibrateCommand calibrate,
      RerankCommand rerank, BenchCommand bench, KeysCommand keys, GraphServerCommand graphServer) {

    /** Every command's options and none of its collaborators: parsed, never run (but graph-server, which needs none). */
    static Parts unbooted(PrintStream out, PrintStream err) {
      return new Parts(new ServeCommand(), new ChatCommand(), new ImportCommand(), new EvalCommand(null, null, out, err),
          new CalibrateCommand(out, err), new RerankCommand(null, null, null, out, err), new BenchCommand(BenchTargets.none(), out, err),
          new KeysCommand(), new GraphServerCommand());
    }
  }

  static CommandLine of(Parts p, PrintStream out, PrintStream err) {
    CommandLine eval = new CommandLine(new Eval()).addSubcommand(p.kdconv()).addSubcommand(p.calibrate()).addSubcommand(p.rerank());
    CommandLine xdai = new CommandLine(new Xdai())
        .addSubcommand(p.serve()).addSubcommand(p.chat()).addSubcommand(p.imports()).addSubcommand("eval", eval)
        .addSubcommand("bench", p.bench().commandLine()).addSubcommand(p.keys()).addSubcommand(p.graphServer());
    return Cli.configure(xdai, out, err);
  }

  /** The tree {@code Main} parses: nothing booted. */
  public static CommandLine unbooted(PrintStream out, PrintStream err) {
    return of(Parts.unbooted(out, err), out, err);
  }

  /** The arguments to run: none means {@code serve}. */
  public static String[] orServe(String... args) {
    return args.length == 0 ? new String[] {"serve"} : args;
  }

  /**
   * Whether the command line is answered without booting: help asked for anywhere, a command that needs a subcommand
   * ({@code xdai eval}, a usage error), or the graph server, which runs without Quarkus.
   */
  public static boolean answeredUnbooted(ParseResult parsed) {
    List<CommandLine> chain = parsed.asCommandLineList();
    if (chain.stream().anyMatch(CommandLine::isUsageHelpRequested)) return true;
    Object last = chain.get(chain.size() - 1).getCommand();
    boolean runnable = last instanceof Callable || last instanceof Runnable || last instanceof Method;
    return !runnable || command(parsed).equals("graph-server");
  }

  /** What the service's start needs of a command line: which command it is, and whether it is a client only. */
  public record Launch(String command, boolean clientOnly) {}

  /**
   * What a command line that {@code Main} let through asks of the service's start: the arguments Quarkus runs with, so
   * none (as in tests) is {@code serve}.
   */
  public static Launch launch(String... args) {
    ParseResult parsed = unbooted(System.out, System.err).parseArgs(orServe(args));
    return new Launch(command(parsed), clientOnly(parsed));
  }

  /** The command's name ({@code serve}, {@code bench}, …). */
  public static String command(ParseResult parsed) {
    return parsed.subcommand().commandSpec().name();
  }

  /**
   * Commands that only talk to a running service or to files, so boot nothing of the service's own (no model, no graph
   * server): {@code keys}, {@code import} (which starts what it needs only without a running service), the benchmarks
   * that bring their own components or none, and a chat with the service at {@code --url}.
   */
  public static boolean clientOnly(ParseResult parsed) {
    ParseResult command = parsed.subcommand();
    ParseResult sub = command.subcommand();
    return switch (command.commandSpec().name()) {
      case "keys", "import" -> true;
      case "bench" -> sub != null && !Set.of("pipeline", "import", "sessions").contains(sub.commandSpec().name());
      case "chat" -> command.hasMatchedOption("--url"); // the service at the URL does the work
      default -> false;
    };
  }
}
