package dev.xdai.app.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the command line inside Quarkus: the same tree {@code Main} parsed before boot ({@link CommandTree}), now with
 * the injected commands, so each runs with its collaborators. Returns the process exit code.
 */
public class Commands implements QuarkusApplication {

  @Inject ServeCommand serve;
  @Inject ChatCommand chat;
  @Inject ImportCommand imports;
  @Inject KeysCommand keys;
  @Inject ToolCommands tools;

  @Override
  public int run(String... args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    var parts = new CommandTree.Parts(serve, chat, imports, tools.kdconv(), new CalibrateCommand(out, err), tools.rerank(),
        tools.bench(), keys, new GraphServerCommand());
    CommandLine cli = CommandTree.of(parts, out, err);
    cli.getSubcommands().get("bench").getSubcommands().get("load").setDefaultValueProvider(tools.runningService());
    return cli.execute(CommandTree.orServe(args));
  }
}
