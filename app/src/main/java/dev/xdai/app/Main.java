package dev.xdai.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point of the jar: {@code serve} runs the HTTP service; the other commands ({@code chat}, {@code import},
 * {@code eval}, {@code bench}) run the same wiring without opening the HTTP port; {@code graph-server} runs only the
 * graph server, without Quarkus.
 */
@QuarkusMain
public final class Main {

  private Main() {}

  public static void main(String... args) {
    var help = dev.xdai.app.cli.Help.of(args);
    if (help.isPresent()) { // before anything boots
      System.out.println(help.get());
      return;
    }
    String command = args.length == 0 ? "serve" : args[0];
    if (command.equals("graph-server")) {
      System.exit(dev.xdai.app.cli.GraphServerCommand.run(java.nio.file.Path.of(System.getProperty("xdai.project.root", ".")),
          java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    if (dev.xdai.app.cli.Help.clientOnly(args)) System.setProperty(Startup.CLIENT_ONLY_PROPERTY, "true");
    System.setProperty(Startup.COMMAND_PROPERTY, command);
    if (!command.equals("serve")) {
      System.setProperty("quarkus.http.host-enabled", "false");
      // Commands print to the terminal: keep the log for warnings.
      System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
    }
    Quarkus.run(dev.xdai.app.cli.Commands.class, args);
  }
}
