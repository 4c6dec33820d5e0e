package dev.xdai.graph;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * A named lease in the graph, for work that one of several replicas sharing the graph should do at a time (importing
 * the shipped packs on first start): taken by one holder until it is released or expires, so a replica that died
 * holding it delays the others by at most its time to live.
 */
public final class GraphLease {

  private static final Duration POLL = Duration.ofMillis(500);

  private final GraphConnection graph;
  private final String name;
  private final String holder = UUID.randomUUID().toString();

  public GraphLease(GraphConnection graph, String name) {
    this.graph = graph;
    this.name = name;
  }

  /** Takes the lease for {@code ttl} unless another holder has it; true when this one holds it now. */
  public boolean tryAcquire(Duration ttl) {
    long now = Instant.now().toEpochMilli();
    // Writing the node first takes its lock, so two replicas cannot both read it free.
    return !graph.write(tx -> tx.run("""
        MERGE (l:Lease {name: $name})
        SET l.askedAt = $now
        WITH l WHERE l.holder IS NULL OR l.holder = $holder OR l.until < $now
        SET l.holder = $holder, l.until = $until
        RETURN l.holder AS holder""", Map.of("name", name, "holder", holder, "now", now, "until", now + ttl.toMillis()))
        .list()).isEmpty();
  }

  /** Gives the lease up if this one holds it. */
  public void release() {
    graph.update("MATCH (l:Lease {name: $name, holder: $holder}) SET l.holder = null, l.until = 0",
        Map.of("name", name, "holder", holder));
  }

  /**
   * Runs {@code work} holding the lease: waits while another holder has it (at most {@code ttl}, after which it has
   * expired), then releases it.
   */
  public <T> T exclusively(Duration ttl, Supplier<T> work) {
    Instant deadline = Instant.now().plus(ttl).plus(POLL);
    RetryConfig untilFree = RetryConfig.<Boolean>custom()
        .maxAttempts(Integer.MAX_VALUE)
        .waitDuration(POLL)
        .retryOnResult(held -> !held && !Instant.now().isAfter(deadline))
        .retryOnException(e -> false)
        .build();
    boolean acquired;
    try {
      acquired = Retry.of("lease-" + name, untilFree).executeSupplier(() -> tryAcquire(ttl));
    } catch (CancellationException e) { // Resilience4j's answer to an interrupt while it waits; the flag is set again
      throw new IllegalStateException("interrupted waiting for the lease '" + name + "'", e);
    }
    if (!acquired) throw new IllegalStateException("the lease '" + name + "' was not free within " + ttl);
    try {
      return work.get();
    } finally {
      release();
    }
  }
}
