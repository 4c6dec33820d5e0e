package dev.xdai.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static final long[] ONE_TO_TEN = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6}; // unsorted on purpose
  private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

  @Test
  void nearestRank() {
    assertEquals(5, Percentiles.of(ONE_TO_TEN, 50));
    assertEquals(9, Percentiles.of(ONE_TO_TEN, 90));
    assertEquals(10, Percentiles.of(ONE_TO_TEN, 99));
    assertEquals(10, Percentiles.of(ONE_TO_TEN, 100));
    assertEquals(1, Percentiles.of(ONE_TO_TEN, 1));
    assertEquals(50, Percentiles.of(ONE_TO_HUNDRED, 50));
    assertEquals(99, Percentiles.of(ONE_TO_HUNDRED, 99));
    assertEquals(42, Percentiles.of(new long[] {42}, 99));
  }

  @Test
  void badInputs() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(ONE_TO_TEN, 0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(ONE_TO_TEN, 101));
  }

  @Test
  void summaryIsInMilliseconds() {
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).toArray();
    LatencySummary s = Percentiles.summarise(nanos);
    assertEquals(100, s.count());
    assertEquals(50.0, s.p50Ms(), 1e-9);
    assertEquals(90.0, s.p90Ms(), 1e-9);
    assertEquals(99.0, s.p99Ms(), 1e-9);
    assertEquals(50.5, s.meanMs(), 1e-9);
    assertEquals(100.0, s.maxMs(), 1e-9);
  }
}
