package dev.xdai.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the service reaches its graph: an external Neo4j ({@code externalUri} set, nothing is started) or a graph server
 * process started by {@link GraphServerLauncher} with its data under {@code dataDir}.
 *
 * @param externalUri  {@code neo4j://} or {@code bolt://} URI of a running Neo4j; empty to start our own server
 * @param user         user for the external server (the launched one always uses {@code neo4j})
 * @param password     password for the external server (the launched one generates and keeps its own)
 * @param dataDir      data directory of the launched server (store, logs, password file)
 * @param serverDir    directory holding {@code graph-server.jar} and {@code lib/*.jar}
 * @param javaBinary   java executable for the server process
 * @param heap         maximum heap of the server process ({@value #DEFAULT_HEAP} by default)
 * @param pageCache    Neo4j page cache size ({@value #DEFAULT_PAGE_CACHE} by default: a 100k-triple pack's store fits, so
 *                     imports do not thrash it; 64m makes a 100k import about 1.5x slower)
 * @param jvmOptions   extra JVM options for the server process
 * @param startTimeout how long to wait for the server's ready line
 * @param watchdogInterval how often the watchdog checks the process (zero disables the watchdog)
 * @param bolt         where the launched server listens: loopback and any free port unless set (xdai graph-server)
 */
public record GraphServerConfig(
    Optional<String> externalUri,
    String user,
    String password,
    Path dataDir,
    Path serverDir,
    Path javaBinary,
    String heap,
    String pageCache,
    List<String> jvmOptions,
    Duration startTimeout,
    Duration watchdogInterval,
    Bolt bolt) {

  /**
   * The launched server's Bolt address.
   *
   * @param host      listen address ({@code 0.0.0.0}: every interface)
   * @param port      0: any free port, kept across restarts where possible; else exactly this port
   * @param advertise the host name clients are told (routing tables), or empty for the listen address (this machine's
   *                  name for a wildcard)
   */
  public record Bolt(String host, int port, Optional<String> advertise) {
    /** Loopback, any free port: the embedded server's address. */
    public static final Bolt LOOPBACK = new Bolt("127.0.0.1", 0, Optional.empty());

    public Bolt {
      if (host == null || host.isBlank()) throw new IllegalArgumentException("the Bolt host is empty");
      if (port < 0 || port > 65535) throw new IllegalArgumentException("the Bolt port is out of range: " + port);
      advertise = advertise == null ? Optional.empty() : advertise.filter(a -> !a.isBlank());
    }

    /** Parses {@code HOST:PORT} (an IPv6 host in brackets). */
    public static Bolt parse(String address) {
      int colon = address == null ? -1 : address.lastIndexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("a Bolt address is HOST:PORT, e.g. 127.0.0.1:7687, not '" + address + "'");
      int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the port of the Bolt address '" + address + "' is not a number");
      }
      return new Bolt(address.substring(0, colon).replace("[", "").replace("]", ""), port, Optional.empty());
    }

    public Bolt withAdvertise(String host) {
      return new Bolt(this.host, port, Optional.ofNullable(host));
    }

    /** {@code HOST:PORT} as the server's {@code --bolt} option takes it. */
    public String option(int requestedPort) {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + requestedPort;
    }
  }

  /** Heap of a launched server unless configured. */
  public static final String DEFAULT_HEAP = "768m";

  /** Page cache of a launched server unless configured. */
  public static final String DEFAULT_PAGE_CACHE = "256m";

  public GraphServerConfig {
    externalUri = externalUri == null ? Optional.empty() : externalUri.filter(u -> !u.isBlank());
    externalUri.ifPresent(GraphServerConfig::checkUri);
    user = user == null || user.isBlank() ? "neo4j" : user;
    password = password == null ? "" : password;
    jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    heap = heap == null || heap.isBlank() ? DEFAULT_HEAP : heap;
    pageCache = pageCache == null || pageCache.isBlank() ? DEFAULT_PAGE_CACHE : pageCache;
    startTimeout = startTimeout == null ? Duration.ofMinutes(2) : startTimeout;
    watchdogInterval = watchdogInterval == null ? Duration.ofSeconds(2) : watchdogInterval;
    bolt = bolt == null ? Bolt.LOOPBACK : bolt;
  }

  /** A launched server with its data under {@code dataDir} and every other setting at its default. */
  public static GraphServerConfig local(Path dataDir) {
    return local(dataDir, defaultServerDir(), DEFAULT_HEAP);
  }

  /** A launched server run from {@code serverDir} with this heap, its data under {@code dataDir}, the rest default. */
  public static GraphServerConfig local(Path dataDir, Path serverDir, String heap) {
    return new GraphServerConfig(Optional.empty(), "neo4j", "", dataDir, serverDir, currentJava(), heap, DEFAULT_PAGE_CACHE,
        List.of(), Duration.ofMinutes(2), Duration.ofSeconds(2), Bolt.LOOPBACK);
  }

  /** An external server; nothing is started. */
  public static GraphServerConfig external(String uri, String user, String password) {
    return new GraphServerConfig(Optional.of(uri), user, password, Path.of("."), defaultServerDir(), currentJava(), null,
        null, List.of(), null, null, null);
  }

  public boolean isExternal() {
    return externalUri.isPresent();
  }

  public GraphServerConfig withWatchdogInterval(Duration interval) {
    return new GraphServerConfig(externalUri, user, password, dataDir, serverDir, javaBinary, heap, pageCache, jvmOptions,
        startTimeout, interval, bolt);
  }

  public GraphServerConfig withBolt(Bolt address) {
    return new GraphServerConfig(externalUri, user, password, dataDir, serverDir, javaBinary, heap, pageCache, jvmOptions,
        startTimeout, watchdogInterval, address);
  }

  /** {@code <xdai-project.root>/graph-server/target}, or {@code ./graph-server/target} when the property is unset. */
  public static Path defaultServerDir() {
    String root = System.getProperty("xdai-project.root");
    return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).resolve("graph-server").resolve("target")
        .toAbsolutePath();
  }

  /** The java binary running this JVM, so the server gets the same (new enough) JDK. */
  public static Path currentJava() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isPresent() && Files.isExecutable(Path.of(command.get()))) return Path.of(command.get());
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static void checkUri(String uri) {
    if (!(uri.startsWith("neo4j://") || uri.startsWith("bolt://") || uri.startsWith("neo4j+s://")
        || uri.startsWith("bolt+s://") || uri.startsWith("neo4j+ssc://") || uri.startsWith("bolt+ssc://"))) {
      throw new IllegalArgumentException("graph URI must be neo4j:// or bolt:// (optionally +s/+ssc): " + uri);
    }
  }
}
