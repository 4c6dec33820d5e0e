package dev.xdai.graph;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.summary.ResultSummary;

/**
 * The service's one way into the graph: owns the Bolt {@link Driver} (and, when no external URI is configured, the
 * {@link GraphServerLauncher} with its watchdog), creates the schema of what this module stores, offers retrying
 * read/write helpers and a health check. After the launched server restarts the driver reconnects by itself (same
 * port) or is replaced (new port). Thread-safe; share one instance.
 */
public final class GraphConnection implements AutoCloseable {

  /** The database all xdai data lives in (Community has one user database). */
  public static final String DATABASE = "neo4j";
  private static final System.Logger LOG = System.getLogger(GraphConnection.class.getName());
  /** Long enough to span a server restart (start-up takes ~10-30 s on a busy 2-core machine). */
  private static final Duration RETRY_TIME = Duration.ofSeconds(90);
  /** Between two tries of a call while the server is unreachable. */
  private static final Duration RETRY_WAIT = Duration.ofMillis(500);
  /** Between two checks while waiting for Bolt to answer. */
  private static final Duration CONNECT_WAIT = Duration.ofMillis(250);

  private final GraphServerLauncher launcher; // null for an external server
  private volatile GraphEndpoint endpoint;
  private volatile Driver driver;
  private final List<AutoCloseable> beforeClose = new CopyOnWriteArrayList<>();

  /** Package-private for tests: a connection that has not waited for Bolt yet. */
  GraphConnection(GraphServerLauncher launcher, GraphEndpoint endpoint) {
    this.launcher = launcher;
    this.endpoint = endpoint;
    this.driver = newDriver(endpoint);
  }

  /**
   * Connects as configured: to the external URI, or to a graph server started now (with a watchdog). Waits until Bolt
   * answers and this module's schema exists.
   */
  public static GraphConnection open(GraphServerConfig config) {
    GraphConnection connection;
    if (config.isExternal()) {
      connection = new GraphConnection(null, new GraphEndpoint(config.externalUri().orElseThrow(), config.user(),
          config.password()));
    } else {
      GraphServerLauncher launcher = new GraphServerLauncher(config);
      connection = new GraphConnection(launcher, launcher.startOrClose());
      launcher.onRestart(connection::serverRestarted);
      launcher.startWatchdog();
    }
    try {
      connection.awaitConnectivity(Duration.ofSeconds(60));
      connection.ensureSchema(GraphSchema.STATEMENTS);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  public Driver driver() {
    return driver;
  }

  public GraphEndpoint endpoint() {
    return endpoint;
  }

  /** The launcher when this connection started its own server. */
  public Optional<GraphServerLauncher> launcher() {
    return Optional.ofNullable(launcher);
  }

  /** A session on the xdai database; the caller closes it. Prefer {@link #read}/{@link #write}, which retry. */
  public Session session() {
    return driver.session(SessionConfig.forDatabase(DATABASE));
  }

  /** Runs a read transaction; retried on transient failures and while the server restarts. */
  public <T> T read(TransactionCallback<T> work) {
    return withRetry(() -> {
      try (Session session = session()) {
        return session.executeRead(work);
      }
    });
  }

  /** Runs a write transaction; retried on transient failures and while the server restarts. */
  public <T> T write(TransactionCallback<T> work) {
    return withRetry(() -> {
      try (Session session = session()) {
        return session.executeWrite(work);
      }
    });
  }

  /** A parameterised read returning all records (for small results). */
  public List<Record> query(String cypher, Map<String, Object> parameters) {
    return read(tx -> tx.run(cypher, parameters).list());
  }

  /** A parameterised write whose result is not needed. */
  public ResultSummary update(String cypher, Map<String, Object> parameters) {
    return write(tx -> tx.run(cypher, parameters).consume());
  }

  /**
   * Runs one statement in an auto-commit transaction: needed for {@code CALL {...} IN TRANSACTIONS} (batched deletes).
   * Retried while the server is unreachable; the statement must therefore be idempotent.
   */
  public ResultSummary autoCommit(String cypher, Map<String, Object> parameters) {
    return withRetry(() -> {
      try (Session session = session()) {
        return session.run(cypher, parameters).consume();
      }
    });
  }

  /**
   * Creates a constraint or an index ({@code CREATE … IF NOT EXISTS}). Replicas starting together race for it, and
   * Neo4j refuses the later creation as an equivalent rule that already exists: which is what was asked for.
   */
  public void ensureSchema(String cypher) {
    try {
      autoCommit(cypher, Map.of());
    } catch (ClientException e) {
      if (!String.valueOf(e.code()).endsWith("AlreadyExists")) throw e;
    }
  }

  /** Creates these constraints and indexes, each as {@link #ensureSchema(String)}; then waits until all are online. */
  public void ensureSchema(List<String> statements) {
    statements.forEach(this::ensureSchema);
    autoCommit("CALL db.awaitIndexes(300)", Map.of());
  }

  /**
   * UP when Bolt answers; DEGRADED while the launched server is dead or restarting (with the reason); DOWN when an
   * external server cannot be reached.
   */
  public GraphHealth health() {
    GraphEndpoint current = endpoint;
    if (launcher != null) {
      GraphServerLauncher.State state = launcher.state();
      if (state.failure().isPresent()) return new GraphHealth(GraphHealth.Status.DEGRADED, state.failure().get(), current.uri());
      if (!state.running()) {
        return new GraphHealth(GraphHealth.Status.DEGRADED, "graph server is not running", current.uri());
      }
    }
    try {
      driver.verifyConnectivity();
      String detail = launcher == null ? "external Neo4j" : "graph server pid " + launcher.state().pid()
          + (launcher.state().restarts() > 0 ? ", restarted " + launcher.state().restarts() + "x" : "");
      return new GraphHealth(GraphHealth.Status.UP, detail, current.uri());
    } catch (RuntimeException e) {
      GraphHealth.Status status = launcher == null ? GraphHealth.Status.DOWN : GraphHealth.Status.DEGRADED;
      return new GraphHealth(status, "cannot reach " + current.uri() + ": " + e.getMessage(), current.uri());
    }
  }

  /**
   * Why the graph cannot answer now, when that is known without waiting: a server this connection launched is down or
   * restarting. Empty when it should answer (an external server is never known down here: the driver finds out).
   */
  public Optional<String> knownDown() {
    if (launcher == null) return Optional.empty();
    GraphServerLauncher.State state = launcher.state();
    if (state.failure().isPresent()) return state.failure();
    return state.running() ? Optional.empty() : Optional.of("graph server is not running");
  }

  /** Waits until Bolt answers (e.g. after a restart) or the timeout passes. */
  public void awaitConnectivity(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try {
      // not up yet: wait, while a wait ends before the deadline; anything else (wrong password, bad URI) fails at once
      retrying(CONNECT_WAIT, e -> (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException)
          && Instant.now().plus(CONNECT_WAIT).isBefore(deadline)).executeRunnable(() -> driver.verifyConnectivity());
    } catch (ServiceUnavailableException | SessionExpiredException last) {
      throw new IllegalStateException("graph at " + endpoint.uri() + " not reachable within " + timeout + ": "
          + last.getMessage(), last);
    }
  }

  /**
   * Registers something that writes to the graph to be closed before the connection is (last registered, first
   * closed): a session journal then applies its last turns instead of finding the driver gone.
   */
  public void beforeClose(AutoCloseable user) {
    beforeClose.add(user);
  }

  @Override
  public void close() {
    for (int i = beforeClose.size() - 1; i >= 0; i--) {
      try {
        beforeClose.get(i).close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing " + beforeClose.get(i) + " before the graph connection failed: " + e);
      }
    }
    beforeClose.clear();
    try {
      driver.close();
    } finally {
      if (launcher != null) launcher.close();
    }
  }

  private void serverRestarted(GraphEndpoint started) {
    GraphEndpoint old = endpoint;
    if (old.uri().equals(started.uri()) && old.password().equals(started.password())) return; // the driver reconnects
    LOG.log(System.Logger.Level.INFO, "graph server moved to " + started.uri() + "; replacing the driver");
    Driver previous = driver;
    endpoint = started;
    driver = newDriver(started);
    previous.closeAsync();
  }

  /**
   * The driver's managed transactions retry within one driver; this outer retry also covers a driver replaced after a
   * restart on a new port, and auto-commit statements (which the driver does not retry) on transient failures. A
   * {@link Retry} per call: its deadline, {@link #RETRY_TIME} from now, is the call's.
   */
  private <T> T withRetry(java.util.function.Supplier<T> work) {
    Instant deadline = Instant.now().plus(RETRY_TIME);
    AtomicReference<Driver> used = new AtomicReference<>(); // the driver the last try went through
    return retrying(RETRY_WAIT, e -> retryable(e, used.get(), deadline)).executeSupplier(() -> {
      used.set(driver);
      return work.get();
    });
  }

  /** The tries of one call: again after {@code wait} for as long as {@code retryable} says. */
  private static Retry retrying(Duration wait, Predicate<Throwable> retryable) {
    return Retry.of("graph", RetryConfig.custom().maxAttempts(Integer.MAX_VALUE).waitDuration(wait).retryOnException(retryable).build());
  }

  /** Whether a failed try through {@code used} is tried again. */
  private boolean retryable(Throwable e, Driver used, Instant deadline) {
    if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException || e instanceof TransientException) {
      // TransientException: e.g. a deadlock between replicas creating the schema at once, or a cluster leader change
      return !Instant.now().isAfter(deadline);
    }
    return e instanceof IllegalStateException && used != driver; // the driver was closed because a restart replaced it
  }

  private static Driver newDriver(GraphEndpoint endpoint) {
    Config config = Config.builder()
        .withMaxTransactionRetryTime(RETRY_TIME.toMillis(), TimeUnit.MILLISECONDS)
        .withConnectionTimeout(10, TimeUnit.SECONDS)
        .withConnectionAcquisitionTimeout(60, TimeUnit.SECONDS)
        .withLogging(Logging.javaUtilLogging(java.util.logging.Level.SEVERE))
        .build();
    return GraphDatabase.driver(endpoint.uri(), AuthTokens.basic(endpoint.user(), endpoint.password()), config);
  }

  /** For callers that want to be told when the launched server restarted (e.g. to re-check their own state). */
  public void onServerRestart(Consumer<GraphEndpoint> listener) {
    if (launcher != null) launcher.onRestart(listener);
  }
}
