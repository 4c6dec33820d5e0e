package dev.xdai.app;

import dev.xdai.app.cli.CommandTree;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one entry point of the jar: {@code serve} runs the HTTP service; the other commands ({@code chat}, {@code import},
 * {@code eval}, {@code bench}, {@code keys}) run the same wiring without opening the HTTP port; {@code graph-server}
 * runs only the graph server, without Quarkus. The command line is parsed first, so help and usage errors come before
 * anything boots; Quarkus then runs with the same arguments, from which {@link Startup} and {@code Commands} take the
 * command.
 */
@QuarkusMain
public final class Main {

  private Main() {}

  public static void main(String... argv) {
    String[] args = CommandTree.orServe(argv);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    CommandLine cli = CommandTree.unbooted(out, err);
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (ParameterException e) {
      parsed = null;
    }
    // Help, usage errors and the graph server need nothing booted: the tree parsed here answers them, as picocli does.
    if (parsed == null || CommandTree.answeredUnbooted(parsed)) System.exit(cli.execute(args));
    if (!CommandTree.command(parsed).equals("serve")) {
      System.setProperty("quarkus.http.host-enabled", "false");
      // Commands print to the terminal: keep the log for warnings.
      System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
    }
    Quarkus.run(dev.xdai.app.cli.Commands.class, args);
  }
}
