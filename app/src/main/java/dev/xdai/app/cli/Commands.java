package dev.xdai.app.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.microprofile.config.ConfigProvider;

/** Dispatches the command line to the command classes; each returns the process exit code. */
public class Commands implements QuarkusApplication {

  @Inject ChatCommand chat;
  @Inject ToolCommands tools;
  @Inject KeysCommand keys;
  @Inject XdaiConfig xdai;

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
      case "keys" -> keys.run(rest);
      default -> {
        System.err.println("xdai: unknown command '" + command + "' (serve, chat, import, eval, bench, keys)");
        yield 2;
      }
    };
  }

  private int serve() {
    var config = ConfigProvider.getConfig();
    String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
    int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    String base = "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port;
    System.out.println("xdai is serving at " + base + "/api  (web console: " + base + "/, Swagger UI: " + base + "/q/swagger-ui, health: "
        + base + "/q/health)");
    System.out.flush();
    // Lets `xdai import` find this service instead of fighting it for the graph server and the index.
    String loopback = "http://" + (host.equals("0.0.0.0") || host.equals("localhost") ? "127.0.0.1" : host) + ":" + port;
    Path dataDir = Wiring.dataDir(xdai);
    RunningService.record(dataDir, URI.create(loopback));
    try {
      Quarkus.waitForExit();
    } finally {
      try {
        Files.deleteIfExists(dataDir.resolve(RunningService.FILE));
      } catch (java.io.IOException ignored) {
        // deleteOnExit tries again; a stale file names a dead pid and is ignored
      }
    }
    return 0;
  }
}
