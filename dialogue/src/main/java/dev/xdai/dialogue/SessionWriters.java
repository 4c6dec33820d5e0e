package dev.xdai.dialogue;

import dev.xdai.graph.GraphConnection;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Record;

/**
 * Keeps the replication rule in force across processes: the services writing sessions to one graph are either one
 * that owns its sessions ({@link DialogueService.Ownership#OWNED}, write-behind) or any number that share them
 * ({@link DialogueService.Ownership#SHARED}, synchronous appends), never a mix, which could lose an acknowledged turn.
 * Each service registers as a {@code (:SessionWriter)} with its ownership and renews it while it runs; a service whose
 * ownership clashes with a live registration waits until that one expires (a process that died) and then refuses to
 * start, saying who is in the way. A registration is keyed by host and data directory, so a service started again after
 * a crash takes its own place at once.
 */
public final class SessionWriters implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SessionWriters.class.getName());

  /** How a clash is reported: the service must not start. */
  public static final class ClashException extends RuntimeException {
    ClashException(String message) {
      super(message);
    }
  }

  private final GraphConnection graph;
  private final String id;
  private final String describe;
  private final DialogueService.Ownership ownership;
  private final Duration ttl;
  private final ScheduledExecutorService heartbeat;

  private SessionWriters(GraphConnection graph, String id, String describe, DialogueService.Ownership ownership, Duration ttl) {
    this.graph = graph;
    this.id = id;
    this.describe = describe;
    this.ownership = ownership;
    this.ttl = ttl;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("xdai-session-writer-heartbeat").factory());
  }

  /**
   * Registers this service, waiting at most {@code ttl} plus a little for a clashing registration to expire.
   *
   * @param id       stable for this service across restarts (host and data directory)
   * @param describe what a clashing service is told about this one
   * @param ttl      how long a registration lives without being renewed (renewed every third of it)
   * @throws ClashException when a live service of the other ownership writes sessions to the graph
   */
  public static SessionWriters register(GraphConnection graph, String id, String describe, DialogueService.Ownership ownership,
      Duration ttl) {
    SessionWriters writers = new SessionWriters(graph, id, describe, ownership, ttl);
    Instant deadline = Instant.now().plus(ttl).plus(ttl.dividedBy(3));
    RetryConfig untilFree = RetryConfig.<List<String>>custom()
        .maxAttempts(Integer.MAX_VALUE)
        .waitDuration(Duration.ofMillis(Math.max(100, ttl.toMillis() / 10)))
        .retryOnResult(clashes -> !clashes.isEmpty() && !Instant.now().isAfter(deadline))
        .retryOnException(e -> false)
        .build();
    List<String> clashes = Retry.of("session-writers", untilFree).executeSupplier(writers::tryRegister);
    if (!clashes.isEmpty()) {
      throw new ClashException("this service (" + ownership.name().toLowerCase() + " sessions) cannot write sessions to this "
          + "graph: " + String.join("; ", clashes) + " writes them " + (ownership == DialogueService.Ownership.OWNED
              ? "too, and write-behind needs a service that owns its sessions alone"
              : "with write-behind, as if it owned them alone")
          + ". Run every service over a shared graph with xdai.sessions.write-behind=false (the default with "
          + "xdai.graph.uri), see docs/replication.md.");
    }
    long every = Math.max(50, ttl.toMillis() / 3);
    writers.heartbeat.scheduleWithFixedDelay(writers::renew, every, every, TimeUnit.MILLISECONDS);
    return writers;
  }

  /** Registers unless a live registration of the other ownership exists; returns those that clash. */
  private List<String> tryRegister() {
    long now = Instant.now().toEpochMilli();
    return graph.write(tx -> {
      // The one SessionWriters node is written first: registrations are serialised, two cannot both see the graph free.
      tx.run("MERGE (all:SessionWriters {id: 'xdai'}) SET all.checkedAt = $now", Map.of("now", now)).consume();
      tx.run("MATCH (w:SessionWriter) WHERE w.until < $now DELETE w", Map.of("now", now)).consume();
      List<String> clashes = tx.run("""
          MATCH (w:SessionWriter) WHERE w.id <> $id AND (w.ownership <> $ownership OR $ownership = 'OWNED')
          RETURN w.describe AS describe, w.ownership AS ownership""", Map.of("id", id, "ownership", ownership.name()))
          .list().stream().map(SessionWriters::describe).toList();
      if (clashes.isEmpty()) {
        tx.run("""
            MERGE (w:SessionWriter {id: $id})
            SET w.ownership = $ownership, w.describe = $describe, w.since = $now, w.until = $until""",
            Map.of("id", id, "ownership", ownership.name(), "describe", describe, "now", now, "until", now + ttl.toMillis())).consume();
      }
      return clashes;
    });
  }

  private static String describe(Record r) {
    return r.get("describe").asString() + " (" + r.get("ownership").asString().toLowerCase() + " sessions)";
  }

  private void renew() {
    try {
      long now = Instant.now().toEpochMilli();
      graph.update("""
          MERGE (w:SessionWriter {id: $id})
          SET w.ownership = $ownership, w.describe = $describe, w.until = $until""",
          Map.of("id", id, "ownership", ownership.name(), "describe", describe, "until", now + ttl.toMillis()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot renew this service's session-writer registration: " + e.getMessage());
    }
  }

  /** Stops renewing and removes the registration. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      graph.update("MATCH (w:SessionWriter {id: $id}) DELETE w", Map.of("id", id));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove this service's session-writer registration (it expires by itself): "
          + e.getMessage());
    }
  }
}
