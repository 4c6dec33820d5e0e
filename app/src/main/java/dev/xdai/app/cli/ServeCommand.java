package dev.xdai.app.cli;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import dev.xdai.evaluation.cli.HelpOption;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xdai serve}: prints where the service listens and serves until the process is asked to stop. */
@Dependent // picocli sets a command's options on the instance itself, which a client proxy would hide
@Command(name = "serve", description = {"Starts the graph server and the chat service; settings come from environment variables and "
    + "system properties (README, docs/security.md).", "Without API keys it listens on 127.0.0.1 only."})
public class ServeCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Inject XdaiConfig xdai;

  @Override
  public Integer call() {
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
