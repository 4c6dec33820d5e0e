package dev.xdai.graph;

import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;

/**
 * The graph's change clock: one counter that every change other replicas must follow (a pack imported or deleted, a
 * persona written or deleted) ticks in the change's own transaction, stamping what changed with the new value. The
 * clock node is locked until that transaction commits, so stamps are given in commit order: a reader that has seen
 * stamp N has seen every change stamped before it, and reading "what changed since N" misses nothing. A replica that
 * finds the clock where it left it knows, from one small read, that nothing changed.
 */
public final class ChangeClock {

  /**
   * Cypher that ticks the clock and binds it as {@code clock}; follow it with {@code SET x.version = clock.seq}. It
   * must come after the changed node is matched or created, so locks are always taken in the same order (the changed
   * node, then the clock).
   */
  public static final String TICK = "MERGE (clock:ChangeClock {id: 'xdai'}) SET clock.seq = coalesce(clock.seq, 0) + 1";

  private ChangeClock() {}

  /** The clock's value now; 0 before the first change. */
  public static long current(GraphConnection graph) {
    List<Record> rows = graph.query("MATCH (clock:ChangeClock {id: 'xdai'}) RETURN clock.seq AS seq", Map.of());
    return rows.isEmpty() ? 0 : rows.get(0).get("seq").asLong(0);
  }
}
