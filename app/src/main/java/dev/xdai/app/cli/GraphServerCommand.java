package dev.xdai.app.cli;

import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.graph.GraphEndpoint;
import dev.xdai.graph.GraphServerConfig;
import dev.xdai.graph.GraphServerLauncher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code xdai graph-server}: the graph server the service embeds, run in the foreground for several services (and tests)
 * to share. It is started by the same launcher, with its watchdog, so it is restarted on the same address if it dies;
 * once Bolt answers, the URI and the password file are printed as two lines on stdout, which nothing else is written to.
 * SIGTERM or Ctrl-C stops the server cleanly (the launcher's shutdown hook). Runs without Quarkus.
 */
@Command(name = "graph-server", description = {"Runs the graph server (Neo4j) in the foreground for several services to share, until "
    + "Ctrl-C or SIGTERM; once it answers it prints two lines, uri=bolt://HOST:PORT and password-file=PATH.",
    "Each service then runs with XDAI_GRAPH_URI, XDAI_GRAPH_PASSWORD (or XDAI_GRAPH_PASSWORD_FILE) and its own XDAI_DATA_DIR "
        + "(docs/replication.md)."})
public final class GraphServerCommand implements Callable<Integer> {

  /** Where it listens unless told: the port Neo4j users expect, on loopback. */
  static final String DEFAULT_BOLT = "127.0.0.1:7687";

  @Mixin HelpOption help;

  @Option(names = "--data", paramLabel = "DIR", description = "the graph's directory (default data/graph)")
  Path data;

  @Option(names = "--bolt", defaultValue = DEFAULT_BOLT, paramLabel = "HOST:PORT", converter = BoltAddress.class,
      description = "where Bolt listens (default ${DEFAULT-VALUE}; port 0: any free port)")
  GraphServerConfig.Bolt bolt;

  @Option(names = "--advertise", paramLabel = "HOST", description = "the host clients are told (routing tables) when HOST is 0.0.0.0")
  String advertise;

  @Option(names = "--heap", defaultValue = GraphServerConfig.DEFAULT_HEAP, paramLabel = "SIZE", description = "the server's heap (default ${DEFAULT-VALUE})")
  String heap;

  private final Path projectRoot;

  /** A command for the project that {@link ProjectPaths#root()} names (the launcher sets it). */
  public GraphServerCommand() {
    this(ProjectPaths.root());
  }

  GraphServerCommand(Path projectRoot) {
    this.projectRoot = projectRoot;
  }

  /** {@code HOST:PORT}, as {@link GraphServerConfig.Bolt#parse} reads it. */
  static final class BoltAddress implements ITypeConverter<GraphServerConfig.Bolt> {
    @Override
    public GraphServerConfig.Bolt convert(String text) {
      try {
        return GraphServerConfig.Bolt.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Runs until the JVM is asked to stop; returns an exit status only when start fails. */
  @Override
  public Integer call() {
    // The launcher logs to the console: keep stdout for the two lines.
    PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    GraphServerLauncher launcher = new GraphServerLauncher(config());
    GraphEndpoint endpoint;
    try {
      endpoint = launcher.startOrClose();
    } catch (RuntimeException e) {
      System.err.println("xdai graph-server: " + e.getMessage());
      return 1;
    }
    launcher.startWatchdog();
    protocol.println("uri=" + endpoint.uri());
    protocol.println("password-file=" + launcher.passwordFile());
    protocol.flush();
    try {
      new CountDownLatch(1).await(); // the launcher's shutdown hook stops the server when the JVM is asked to exit
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    launcher.close();
    return 0;
  }

  /** The server the options describe. */
  GraphServerConfig config() {
    Path dir = data != null ? data : projectRoot.resolve("data").resolve("graph");
    Path serverDir = projectRoot.resolve("graph-server").resolve("target").toAbsolutePath();
    return GraphServerConfig.local(dir.toAbsolutePath().normalize(), serverDir, heap)
        .withBolt(advertise == null ? bolt : bolt.withAdvertise(advertise));
  }
}
