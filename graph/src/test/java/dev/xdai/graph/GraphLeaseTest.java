package dev.xdai.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.testing.TestGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class GraphLeaseTest {

  @Test
  void oneHolderAtATimeUntilReleasedOrExpired() throws Exception {
    GraphLease first = new GraphLease(TestGraph.get(), "t-lease");
    GraphLease second = new GraphLease(TestGraph.get(), "t-lease");
    assertTrue(first.tryAcquire(Duration.ofMinutes(1)));
    assertTrue(first.tryAcquire(Duration.ofMinutes(1)), "the holder may renew");
    assertFalse(second.tryAcquire(Duration.ofMinutes(1)));
    first.release();
    assertTrue(second.tryAcquire(Duration.ofMillis(200)));
    Thread.sleep(300);
    assertTrue(first.tryAcquire(Duration.ofMinutes(1)), "an expired lease is free: a replica that died holding it delays no one for long");
    first.release();
  }

  @Test
  void workDoneExclusivelyByReplicasStartingTogetherRunsOneAtATime() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    try (var pool = Executors.newFixedThreadPool(3)) {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < 3; i++) {
        GraphLease lease = new GraphLease(TestGraph.get(), "t-lease-work");
        calls.add(pool.submit(() -> lease.exclusively(Duration.ofMinutes(1), () -> {
          events.add("in");
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          events.add("out");
          return null;
        })));
      }
      for (var call : calls) call.get();
    }
    assertEquals(List.of("in", "out", "in", "out", "in", "out"), events);
  }

  @Test
  void workWaitsForAnExpiredHolderButNotForOneThatKeepsTheLease() {
    GraphLease died = new GraphLease(TestGraph.get(), "t-lease-wait");
    GraphLease next = new GraphLease(TestGraph.get(), "t-lease-wait");
    assertTrue(died.tryAcquire(Duration.ofMillis(700)));
    assertEquals("done", next.exclusively(Duration.ofSeconds(5), () -> "done"), "taken once the dead holder's lease expired");

    assertTrue(died.tryAcquire(Duration.ofMinutes(1)));
    List<String> ran = new CopyOnWriteArrayList<>();
    var e = assertThrows(IllegalStateException.class, () -> next.exclusively(Duration.ofMillis(300), () -> ran.add("ran")));
    assertEquals("the lease 't-lease-wait' was not free within PT0.3S", e.getMessage());
    assertTrue(ran.isEmpty());
    died.release();
  }
}
