package dev.xdai.graphserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs a Neo4j Community DBMS with only a Bolt connector (on 127.0.0.1 unless told otherwise) and authentication
 * enabled, as a process of its own: started by the service's launcher, or by {@code xdai graph-server} for several
 * services to share. When Bolt accepts connections it prints exactly two lines on stdout, {@value #URI_LINE}{@code
 * bolt://HOST:PORT} and {@value #PASSWORD_FILE_LINE}{@code PATH}, and nothing else ever; it shuts down cleanly on
 * SIGTERM or, with {@code --exit-on-stdin-close}, when its parent goes away. Its options are parsed by picocli
 * ({@code --help} lists them); a usage error exits 2.
 *
 * <pre>
 * java -cp graph-server.jar:lib/* dev.xdai.graphserver.GraphServerMain --data DIR [--bolt HOST:PORT] [--advertise HOST]
 *      [--password-file F] [--page-cache 64m] [--tx-memory 256m] [--exit-on-stdin-close]
 * </pre>
 */
@Command(name = "GraphServerMain", usageHelpWidth = 120, description = {
    "Runs Neo4j with Bolt on HOST:PORT until SIGTERM; once it answers, prints uri=bolt://HOST:PORT and password-file=PATH "
        + "on stdout, and nothing else ever."})
public final class GraphServerMain implements Callable<Integer> {

  /** The start of the first line on stdout, printed once Bolt is up; followed by the bolt URI. The launcher matches it. */
  public static final String URI_LINE = "uri=";
  /** The start of the second line: the file holding the {@value #USER} user's password. */
  public static final String PASSWORD_FILE_LINE = "password-file=";
  /** The user the service logs in as (Community has one admin user). */
  public static final String USER = "neo4j";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "the server's directory (store and logs under DIR/neo4j)")
  Path data;

  @Option(names = "--bolt", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT", converter = BoltAddress.class,
      description = "where Bolt listens (default ${DEFAULT-VALUE}; port 0: any free port)")
  BoltAddress.Address bolt;

  @Option(names = "--advertise", paramLabel = "HOST",
      description = "the host clients are told (routing tables, the printed URI); default: HOST, or this machine's name when HOST is a wildcard")
  String advertise;

  @Option(names = "--password-file", paramLabel = "F", description = "the neo4j user's password (default DIR/password, created when missing)")
  Path passwordFile;

  @Option(names = "--page-cache", defaultValue = "64m", paramLabel = "SIZE", converter = Bytes.class,
      description = "the page cache (default ${DEFAULT-VALUE}; k, m, g or bytes)")
  long pageCacheBytes;

  @Option(names = "--tx-memory", defaultValue = "256m", paramLabel = "SIZE", converter = Bytes.class,
      description = "the memory of all transactions together (default ${DEFAULT-VALUE})")
  long txMemoryBytes;

  @Option(names = "--exit-on-stdin-close", description = "shut down when stdin reaches its end (the parent went away)")
  boolean exitOnStdinClose;

  public static void main(String... args) {
    int status = new CommandLine(new GraphServerMain()).execute(args);
    // A server stopped by SIGTERM returns 0 while the shutdown hooks end the JVM: only a failure needs an exit here.
    if (status != 0) System.exit(status);
  }

  /** Runs the server until the JVM is asked to stop. */
  @Override
  public Integer call() throws Exception {
    // Neo4j's own output must never be mistaken for the ready line: keep stdout for us only.
    PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);

    Path dataDir = data.toAbsolutePath();
    Path passwordPath = (passwordFile == null ? dataDir.resolve("password") : passwordFile).toAbsolutePath();
    String advertisedHost = advertise != null ? advertise : bolt.isWildcard() ? localHostName() : bolt.host();
    String password = readOrCreatePassword(passwordPath);
    Path home = dataDir.resolve("neo4j");
    Files.createDirectories(home);

    // A routing driver (neo4j://) is sent the advertised address: it must be the port really bound, so "any port" is
    // chosen here rather than by Neo4j.
    int port = bolt.port() == 0 ? freePort(bolt.host()) : bolt.port();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(bolt.host(), port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(advertisedHost, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemoryBytes)
        // A local knowledge store does not need point-in-time recovery from old logs; keep the disk footprint small.
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
        .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Bolt's defaults wait ~10 s in netty's graceful shutdown after the databases are already closed; a local
        // server that restarts with its parent should stop in about a second.
        .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("graph-server-shutdown").unstarted(() -> {
      try {
        dbms.shutdown();
      } finally {
        stopped.countDown();
      }
    }));

    Path applied = home.resolve("password-applied.sha256");
    String fingerprint = sha256(password);
    if (!(Files.exists(applied) && Files.readString(applied).strip().equals(fingerprint))) {
      // Cold Cypher on the system database takes seconds: only when the password file changed.
      setInitialPassword(dbms.database("system"), password);
      Files.writeString(applied, fingerprint + "\n", StandardCharsets.UTF_8);
    }
    port = boundBoltPort(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), port);

    if (exitOnStdinClose) Thread.ofPlatform().name("graph-server-parent-watch").daemon().start(() -> waitForEof(System.in));
    protocol.println(URI_LINE + "bolt://" + advertisedHost + ":" + port);
    protocol.println(PASSWORD_FILE_LINE + passwordPath);
    protocol.flush();
    stopped.await();
    return 0;
  }

  /** A port free on {@code host} now (the DBMS binds it a moment later). */
  private static int freePort(String host) throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** Blocks until stdin reaches end of file (the parent closed it or died), then exits, which runs the shutdown hook. */
  private static void waitForEof(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // input is ignored; only its end matters
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of file
    }
    System.err.println("graph-server: stdin closed, shutting down");
    System.exit(0);
  }

  /**
   * Sets the neo4j user's password. A fresh DBMS has password "neo4j" with a forced change, which a driver cannot log in
   * with; the embedded API runs the statement without authentication. Setting the same password again is refused by
   * Neo4j, which is the normal case on every restart and is ignored.
   */
  static void setInitialPassword(GraphDatabaseService system, String password) {
    try {
      system.executeTransactionally(
          "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", java.util.Map.of("password", password));
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (!(message.contains("same") || message.contains("old password"))) throw e;
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int boundBoltPort(GraphDatabaseService db, int configured) {
    ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    var address = ports.getLocalAddress(ConnectorType.BOLT);
    return address != null ? address.getPort() : configured;
  }

  /** Reads the password, or creates a random one readable only by the owner when the file does not exist. */
  static String readOrCreatePassword(Path file) throws IOException {
    if (Files.exists(file)) {
      String password = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (password.length() < 8) throw new IllegalStateException("password in " + file + " is shorter than 8 characters");
      return password;
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the data directory's own permissions protect it
    }
    return password;
  }

  private static String localHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /** {@code HOST:PORT}; an IPv6 host may be bracketed ({@code [::1]:7687}). */
  static final class BoltAddress implements ITypeConverter<BoltAddress.Address> {

    /** Where Bolt listens; port 0 is any free port. */
    record Address(String host, int port) {
      boolean isWildcard() {
        return host.equals("0.0.0.0") || host.equals("::");
      }
    }

    @Override
    public Address convert(String address) {
      int colon = address.lastIndexOf(':');
      if (colon < 0) throw new TypeConversionException("--bolt must be HOST:PORT, e.g. 127.0.0.1:7687: " + address);
      String host = address.substring(0, colon).replace("[", "").replace("]", "");
      if (host.isBlank()) throw new TypeConversionException("--bolt needs a host: " + address);
      String text = address.substring(colon + 1).strip();
      int port;
      try {
        port = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("the Bolt port is not a number: " + text);
      }
      if (port < 0 || port > 65535) throw new TypeConversionException("the Bolt port is out of range: " + text);
      return new Address(host, port);
    }
  }

  /** Sizes such as {@code 64m}, {@code 1g}, {@code 512k} or plain bytes. */
  static final class Bytes implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      String t = text.strip().toLowerCase(java.util.Locale.ROOT);
      long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        default -> 1L;
      };
      String digits = unit == 1L ? t : t.substring(0, t.length() - 1);
      try {
        return Long.parseLong(digits) * unit;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("not a size such as 64m, 1g, 512k or a number of bytes: " + text);
      }
    }
  }
}
