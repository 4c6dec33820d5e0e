package dev.xdai.app.cli;

import dev.xdai.evaluation.bench.BenchCommand;
import dev.xdai.evaluation.bench.BenchTargets;
import dev.xdai.evaluation.eval.EvalCommand;
import dev.xdai.evaluation.eval.RerankCommand;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code xdai <command> --help}: the command's usage, printed before anything boots (no Quarkus, no model, no graph),
 * from the same text the command prints when its arguments are wrong.
 */
public final class Help {

  private Help() {}

  static final String SERVE = """
      usage: xdai serve
        starts the graph server and the chat service; settings come from environment variables and system properties
        (README, docs/security.md). Without API keys it listens on 127.0.0.1 only.""";
  static final String CHAT = """
      usage: xdai chat [--bot ID] [--emotion E] [--url URL]
        a conversation in the terminal through the same pipeline; /grounding shows what grounded the last reply.
        Through the service serving this data directory when one runs, or the one (any replica) at --url, with the
        API key in XDAI_API_KEY when it has access control on.""";

  /** The usage to print when {@code args} ask for help, else empty. */
  public static Optional<String> of(String... args) {
    List<String> words = Arrays.asList(args);
    if (!words.contains("--help") && !words.contains("-h")) return Optional.empty();
    String command = args.length == 0 ? "" : args[0];
    String sub = args.length > 1 ? args[1] : "";
    return Optional.of(switch (command) {
      case "serve" -> SERVE;
      case "chat" -> CHAT;
      case "import" -> ToolCommands.IMPORT_USAGE;
      case "keys" -> KeysCommand.USAGE;
      case "graph-server" -> GraphServerCommand.USAGE;
      case "eval" -> switch (sub) {
        case "calibrate" -> CalibrateCommand.USAGE;
        case "rerank" -> RerankCommand.USAGE;
        default -> EvalCommand.USAGE;
      };
      case "bench" -> new BenchCommand(new BenchTargets(null, null, null), new PrintStream(OutputStream.nullOutputStream()),
          new PrintStream(OutputStream.nullOutputStream())).usage();
      default -> "usage: xdai serve|chat|import|eval|bench|keys|graph-server ... (each answers --help)";
    });
  }

  /**
   * Commands that only talk to a running service or to files, so boot nothing of the service's own (no model, no graph
   * server): {@code keys}, {@code import} (which starts what it needs only without a running service), and the
   * benchmarks that bring their own components or none.
   */
  public static boolean clientOnly(String... args) {
    String command = args.length == 0 ? "serve" : args[0];
    String sub = args.length > 1 ? args[1] : "";
    if (command.equals("chat") && List.of(args).contains("--url")) return true; // the service at the URL does the work
    return switch (command) {
      case "keys", "import" -> true;
      case "bench" -> !sub.equals("pipeline") && !sub.equals("import") && !sub.equals("sessions");
      default -> false;
    };
  }
}
