package dev.xdai.graph;

import io.github.resilience4j.core.IntervalFunction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts the graph-server module's Neo4j as a child process, waits for its ready line, stops it on close or JVM exit,
 * and (once {@link #startWatchdog()} is called) restarts it when it dies. The child exits by itself when this JVM dies,
 * because it watches its stdin, which only this process holds open. Thread-safe.
 */
public final class GraphServerLauncher implements AutoCloseable {

  /** Must match {@code dev.xdai.graphserver.GraphServerMain.URI_LINE}; the server's classes are not on our classpath. */
  static final String URI_LINE = "uri=";
  static final String MAIN_CLASS = "dev.xdai.graphserver.GraphServerMain";
  static final String USER = "neo4j";
  private static final System.Logger LOG = System.getLogger(GraphServerLauncher.class.getName());
  private static final long MAX_LOG_BYTES = 20L << 20;
  /** The watchdog's wait before trying again after the n-th restart in a row failed. */
  static final IntervalFunction RESTART_BACKOFF = IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2,
      Duration.ofMinutes(1));

  private final GraphServerConfig config;
  private final List<Consumer<GraphEndpoint>> restartListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  // Written under the lock, read without it: health checks must not wait for a restart in progress.
  private volatile Process process;
  private volatile GraphEndpoint endpoint;
  private int port; // guarded by lock; the last bound port, reused on restart so drivers reconnect by themselves
  private boolean closed; // guarded by lock
  private boolean wanted; // guarded by lock; true once started, until closed: the watchdog keeps a server running
  private Thread shutdownHook; // guarded by lock
  private ScheduledExecutorService watchdog; // guarded by lock
  private volatile String failure; // why the server is not running although it should; null when fine
  private volatile int restarts;
  private volatile Instant nextRestartAttempt = Instant.MIN;
  private int failedRestarts; // guarded by lock; the watchdog's restarts that failed in a row
  private volatile Duration ownerGrace = Duration.ZERO;
  /** Open until {@link #close()} has stopped the server. */
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  public GraphServerLauncher(GraphServerConfig config) {
    if (config.isExternal()) throw new IllegalArgumentException("an external graph URI is configured; nothing to launch");
    this.config = config;
  }

  /** The state of the launched server, for health checks and logs. */
  public record State(boolean running, long pid, int restarts, Optional<String> failure, Optional<GraphEndpoint> endpoint) {}

  /** {@link #start()} for a launcher that is of no use if the first start fails: it is then closed, and the failure thrown. */
  public GraphEndpoint startOrClose() {
    try {
      return start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts the server unless it is running and returns where it listens. Blocks until Bolt accepts connections. */
  public GraphEndpoint start() {
    synchronized (lock) {
      if (closed) throw new IllegalStateException("launcher is closed");
      if (process != null && process.isAlive() && endpoint != null) return endpoint;
      GraphEndpoint started = launchPreferringPort(port);
      failure = null;
      wanted = true;
      return started;
    }
  }

  /** Stops the server (cleanly) and starts it again, on the same port where possible. */
  public GraphEndpoint restart() {
    GraphEndpoint started;
    synchronized (lock) {
      if (closed) throw new IllegalStateException("launcher is closed");
      failure = "graph server is restarting (requested)";
      stopProcess();
      try {
        started = launchPreferringPort(port);
      } catch (RuntimeException e) {
        failure = "graph server restart failed (the watchdog retries): " + e.getMessage();
        throw e;
      }
      failure = null;
      restarts++;
    }
    notifyRestart(started);
    return started;
  }

  /** Checks the process every {@code watchdogInterval} and restarts it (with back-off) when it died unasked. */
  public void startWatchdog() {
    synchronized (lock) {
      if (watchdog != null || config.watchdogInterval().isZero() || config.watchdogInterval().isNegative()) return;
      watchdog = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("graph-server-watchdog").factory());
      long millis = config.watchdogInterval().toMillis();
      watchdog.scheduleWithFixedDelay(this::checkProcess, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Called with the new endpoint after every restart (by the watchdog or {@link #restart()}). */
  public void onRestart(Consumer<GraphEndpoint> listener) {
    restartListeners.add(listener);
  }

  /** A snapshot that never waits for a start or restart in progress. */
  public State state() {
    Process p = process;
    boolean running = p != null && p.isAlive();
    String reason = failure;
    if (reason == null && p != null && !running) {
      reason = "graph server exited unexpectedly with code " + p.exitValue() + "; restart pending";
    }
    return new State(running, running ? p.pid() : -1, restarts, Optional.ofNullable(reason), Optional.ofNullable(endpoint));
  }

  /** The server process while one runs (tests use it to simulate a crash). */
  public Optional<ProcessHandle> process() {
    Process p = process;
    return p == null ? Optional.empty() : Optional.of(p.toHandle());
  }

  public GraphServerConfig config() {
    return config;
  }

  /** Stops the watchdog and the server; waits for a clean Neo4j shutdown (bounded). */
  @Override
  public void close() {
    ScheduledExecutorService dog;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      dog = watchdog;
      watchdog = null;
    }
    if (dog != null) dog.shutdownNow();
    synchronized (lock) {
      stopProcess();
      stopped.countDown();
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down; the hook is running or ran
        }
        shutdownHook = null;
      }
    }
  }

  private void checkProcess() {
    GraphEndpoint restarted = null;
    synchronized (lock) {
      Process p = process;
      if (closed || !wanted || (p != null && p.isAlive())) return;
      if (failure == null) {
        failure = p == null ? "graph server is not running; restarting"
            : "graph server exited unexpectedly with code " + p.exitValue() + "; restarting";
        LOG.log(System.Logger.Level.WARNING, failure + " (log: " + logFile() + ")");
      }
      if (Instant.now().isBefore(nextRestartAttempt)) return;
      try {
        restarted = launchPreferringPort(port);
        failure = null;
        restarts++;
        failedRestarts = 0;
      } catch (RuntimeException e) {
        failure = "graph server exited and could not be restarted: " + e.getMessage();
        nextRestartAttempt = Instant.now().plusMillis(RESTART_BACKOFF.apply(++failedRestarts));
        LOG.log(System.Logger.Level.ERROR, failure);
      }
    }
    if (restarted != null) notifyRestart(restarted);
  }

  private void notifyRestart(GraphEndpoint started) {
    for (Consumer<GraphEndpoint> listener : restartListeners) {
      try {
        listener.accept(started);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "graph restart listener failed", e);
      }
    }
  }

  /**
   * A configured port is the only one tried (clients were told it). Otherwise the previous port first (drivers keep
   * their URI); if that fails, any free port. Caller holds the lock.
   */
  private GraphEndpoint launchPreferringPort(int preferred) {
    if (config.bolt().port() > 0) return launch(config.bolt().port());
    if (preferred > 0) {
      try {
        return launch(preferred);
      } catch (GraphServerException e) {
        LOG.log(System.Logger.Level.WARNING, "graph server did not start on port " + preferred + ", trying any port: "
            + e.getMessage());
      }
    }
    return launch(0);
  }

  private GraphEndpoint launch(int requestedPort) {
    Path jar = config.serverDir().resolve("graph-server.jar");
    Path lib = config.serverDir().resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new GraphServerException("graph server is not built: " + jar + " or " + lib + " is missing. Build it with "
          + "'./mvnw -pl graph-server install', or set xdai.graph.uri for an external Neo4j.");
    }
    try {
      Files.createDirectories(config.dataDir());
      waitForPreviousServer();
      String password = readOrCreatePassword(passwordFile());
      Path log = logFile();
      rotateLog(log);
      List<String> command = command(jar, lib, requestedPort);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(config.dataDir().toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectOutput(ProcessBuilder.Redirect.PIPE)
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      Files.writeString(log, "---- " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
      Process started = builder.start();
      // "<server pid> <owner pid>": a later launcher can tell a server in use from an orphan still shutting down
      Files.writeString(pidFile(), started.pid() + " " + ProcessHandle.current().pid(), StandardCharsets.UTF_8);
      String uri;
      try {
        uri = awaitReady(started);
      } catch (GraphServerException e) {
        started.destroyForcibly();
        started.waitFor(10, TimeUnit.SECONDS);
        throw e;
      }
      process = started;
      Files.writeString(config.dataDir().resolve("graph-server.uri"), uri + "\n", StandardCharsets.UTF_8);
      port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
      endpoint = new GraphEndpoint(uri, USER, password);
      installShutdownHook();
      LOG.log(System.Logger.Level.INFO, "graph server pid " + started.pid() + " ready at " + uri);
      return endpoint;
    } catch (IOException e) {
      throw new GraphServerException("cannot start graph server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphServerException("interrupted while starting graph server", e);
    }
  }

  private List<String> command(Path jar, Path lib, int requestedPort) {
    List<String> command = new ArrayList<>();
    command.add(config.javaBinary().toString());
    command.add("-Xmx" + config.heap());
    command.add("-XX:+ExitOnOutOfMemoryError"); // a dead server is restarted by the watchdog; a thrashing one is not
    command.add("--enable-native-access=ALL-UNNAMED");
    if (config.javaBinary().equals(GraphServerConfig.currentJava()) && Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // Neo4j's jctools use Unsafe; silence the JDK 24+ warning
    }
    command.add("-Xms128m");
    // What Neo4j's own start script passes: direct buffer access for the page cache and Netty, no cached huge buffers.
    command.addAll(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.nio.maxCachedBufferSize=1024",
        "-XX:-OmitStackTraceInFastThrow", "-XX:+DisableExplicitGC"));
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(config.jvmOptions());
    command.add("-cp");
    command.add(jar.toAbsolutePath() + java.io.File.pathSeparator + lib.toAbsolutePath().resolve("*"));
    command.add(MAIN_CLASS);
    command.addAll(List.of("--data", config.dataDir().toAbsolutePath().toString(), "--bolt", config.bolt().option(requestedPort),
        "--password-file", passwordFile().toString(), "--page-cache", config.pageCache(), "--exit-on-stdin-close"));
    config.bolt().advertise().ifPresent(host -> command.addAll(List.of("--advertise", host)));
    return command;
  }

  /** Reads the child's stdout until the ready line; fails when the child exits first or the timeout passes. */
  private String awaitReady(Process started) throws InterruptedException {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("graph-server-stdout").start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(URI_LINE)) ready.complete(line.substring(URI_LINE.length()).trim());
        }
      } catch (IOException e) {
        // the stream closes when the child exits; onExit below reports that
      }
    });
    started.onExit().thenRun(() -> ready.completeExceptionally(new GraphServerException(
        "graph server exited with code " + started.exitValue() + " before it was ready; last log lines:\n" + logTail(40))));
    try {
      return ready.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new GraphServerException("graph server not ready after " + config.startTimeout() + "; last log lines:\n"
          + logTail(40));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof GraphServerException g ? g : new GraphServerException(e.getCause().getMessage(), e);
    }
  }

  /** Clean stop: SIGTERM (Neo4j flushes and closes its store), then kill after a grace period. Caller holds the lock. */
  private void stopProcess() {
    Process p = process;
    process = null;
    endpoint = null;
    if (p == null) return;
    try {
      p.getOutputStream().close(); // the server also exits on stdin EOF
    } catch (IOException e) {
      // already closed
    }
    p.destroy();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "graph server did not stop within 60 s; killing it");
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A server of an earlier run may still be shutting down on the same store (it exits when its owner's stdin pipe
   * closed); Neo4j would refuse the locked store. Wait for it, then kill it if it hangs. A server whose owner is alive
   * belongs to another xdai process: refuse, saying how to share it instead.
   */
  private void waitForPreviousServer() throws IOException, InterruptedException {
    Path pidFile = pidFile();
    if (!Files.exists(pidFile)) return;
    long pid;
    long owner;
    try {
      String[] pids = Files.readString(pidFile).trim().split("\\s+");
      pid = Long.parseLong(pids[0]);
      owner = pids.length > 1 ? Long.parseLong(pids[1]) : -1;
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> previous = ProcessHandle.of(pid)
        .filter(h -> h.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(false))
        .filter(h -> h.info().commandLine().map(c -> c.contains(config.dataDir().toAbsolutePath().toString())).orElse(false));
    if (previous.isEmpty() || (process != null && process.pid() == pid)) return;
    if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) { // incl. another launcher here
      Path uriFile = config.dataDir().resolve("graph-server.uri");
      String uri = Files.exists(uriFile) ? Files.readString(uriFile).strip() : "bolt://127.0.0.1:<port>";
      throw new GraphServerException("the graph data directory " + config.dataDir() + " is in use by graph server pid " + pid
          + " of process " + owner + ". Share it (XDAI_GRAPH_URI=" + uri + ", XDAI_GRAPH_PASSWORD from "
          + passwordFile() + ") or use another data directory.");
    }
    LOG.log(System.Logger.Level.INFO, "waiting for the previous graph server (pid " + pid + ") to exit");
    try {
      previous.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      previous.get().destroyForcibly();
      previous.get().onExit().join();
    }
  }

  /**
   * For an owner that closes this launcher in its own orderly shutdown (the service, which still writes its last turns
   * and its registrations to the graph then): the JVM's shutdown hook, which runs alongside that shutdown, waits this
   * long for {@link #close()} before it stops the server itself.
   */
  public void awaitOwnerAtExit(Duration grace) {
    ownerGrace = grace;
  }

  private void installShutdownHook() {
    if (shutdownHook != null) return;
    shutdownHook = new Thread(() -> {
      try {
        if (stopped.await(ownerGrace.toMillis(), TimeUnit.MILLISECONDS)) return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (lock) {
        closed = true;
        stopProcess();
      }
    }, "graph-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private Path logFile() {
    return config.dataDir().resolve("graph-server.log");
  }

  /** The file holding the password of the server's {@value #USER} user (generated on first start). */
  public Path passwordFile() {
    return config.dataDir().resolve("password").toAbsolutePath();
  }

  private Path pidFile() {
    return config.dataDir().resolve("graph-server.pid");
  }

  private static void rotateLog(Path log) throws IOException {
    if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
      Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The launcher owns the password: generated once, kept owner-readable in the data directory. */
  static String readOrCreatePassword(Path file) throws IOException {
    if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    return password;
  }

  /** Starting or restarting the graph server failed; the message carries the server's last log lines. */
  public static final class GraphServerException extends RuntimeException {
    public GraphServerException(String message) {
      super(message);
    }

    public GraphServerException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
