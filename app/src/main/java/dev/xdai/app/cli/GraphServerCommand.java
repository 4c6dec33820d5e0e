package dev.xdai.app.cli;

import dev.xdai.knowledge.graph.GraphEndpoint;
import dev.xdai.knowledge.graph.GraphServerConfig;
import dev.xdai.knowledge.graph.GraphServerLauncher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code xdai graph-server}: the graph server the service embeds, run in the foreground for several services (and tests)
 * to share. It is started by the same launcher, with its watchdog, so it is restarted on the same address if it dies;
 * once Bolt answers, the URI and the password file are printed as two lines on stdout, which nothing else is written to.
 * SIGTERM or Ctrl-C stops the server cleanly (the launcher's shutdown hook). Runs without Quarkus.
 */
public final class GraphServerCommand {

  static final String USAGE = """
      usage: xdai graph-server [--data DIR] [--bolt HOST:PORT] [--advertise HOST] [--heap SIZE]
        runs the graph server (Neo4j) in the foreground for several services to share, until Ctrl-C or SIGTERM;
        once it answers it prints two lines, uri=bolt://HOST:PORT and password-file=PATH. Defaults: --data data/graph,
        --bolt 127.0.0.1:7687 (port 0: any free port), --heap 768m; --advertise names the host clients are told
        (routing tables) when HOST is 0.0.0.0. Each service then runs with XDAI_GRAPH_URI, XDAI_GRAPH_PASSWORD (or
        XDAI_GRAPH_PASSWORD_FILE) and its own XDAI_DATA_DIR (docs/replication.md).""";

  /** Where it listens unless told: the port Neo4j users expect, on loopback. */
  static final String DEFAULT_BOLT = "127.0.0.1:7687";

  private GraphServerCommand() {}

  /** Runs until the JVM is asked to stop; returns an exit status only when the arguments are wrong or start fails. */
  public static int run(Path projectRoot, String... args) {
    // The launcher logs to the console: keep stdout for the two lines.
    PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    GraphServerConfig config;
    try {
      config = parse(projectRoot, args);
    } catch (IllegalArgumentException e) {
      System.err.println("xdai graph-server: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    GraphServerLauncher launcher = new GraphServerLauncher(config);
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

  static GraphServerConfig parse(Path projectRoot, String... args) {
    Path data = projectRoot.resolve("data").resolve("graph");
    GraphServerConfig.Bolt bolt = GraphServerConfig.Bolt.parse(DEFAULT_BOLT);
    String advertise = null;
    String heap = "768m";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value" : "unexpected argument '" + arg + "'");
      String value = args[++i];
      switch (arg) {
        case "--data" -> data = Path.of(value);
        case "--bolt" -> bolt = GraphServerConfig.Bolt.parse(value);
        case "--advertise" -> advertise = value;
        case "--heap" -> heap = value;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return GraphServerConfig.local(data.toAbsolutePath().normalize())
        .withServerDir(projectRoot.resolve("graph-server").resolve("target").toAbsolutePath())
        .withHeap(heap)
        .withBolt(advertise == null ? bolt : bolt.withAdvertise(advertise));
  }
}
