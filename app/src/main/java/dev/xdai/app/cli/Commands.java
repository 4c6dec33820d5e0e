package dev.xdai.app.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.eclipse.microprofile.config.ConfigProvider;

/** Dispatches the command line to the command classes; each returns the process exit code. */
public class Commands implements QuarkusApplication {

  @Inject ChatCommand chat;
  @Inject ToolCommands tools;

  @Override
  public int run(String... args) throws Exception {
    String command = args.length == 0 ? "serve" : args[0];
    String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
    return switch (command) {
      case "serve" -> serve();
      case "chat" -> chat.run(rest);
      case "import" -> tools.importPacks(rest);
      case "eval" -> tools.eval(rest);
      case "bench" -> tools.bench(rest);
      default -> {
        System.err.println("xdai: unknown command '" + command + "' (serve, chat, import, eval, bench)");
        yield 2;
      }
    };
  }

  private int serve() {
    var config = ConfigProvider.getConfig();
    String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
    int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    String base = "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port;
    System.out.println("xdai is serving at " + base + "/api  (Swagger UI: " + base + "/q/swagger-ui, health: " + base + "/q/health)");
    System.out.flush();
    Quarkus.waitForExit();
    return 0;
  }
}
