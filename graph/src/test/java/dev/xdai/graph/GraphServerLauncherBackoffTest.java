package dev.xdai.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The watchdog's schedule of restarts after failed ones, without a server. */
class GraphServerLauncherBackoffTest {

  @Test
  void failedRestartsAreRetriedAfterASecondDoublingUpToAMinute() {
    List<Long> waits = IntStream.rangeClosed(1, 9).mapToObj(n -> GraphServerLauncher.RESTART_BACKOFF.apply(n)).toList();
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), waits);
  }
}
