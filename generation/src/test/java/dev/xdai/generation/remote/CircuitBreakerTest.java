package dev.xdai.generation.remote;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  final AtomicLong clock = new AtomicLong();
  final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock::get);

  @Test
  void opensAfterConsecutiveFailuresOnly() {
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess(); // resets the count
    breaker.recordFailure();
    breaker.recordFailure();
    assertTrue(breaker.tryAcquire());
    breaker.recordFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(10), breaker.retryIn());
  }

  @Test
  void halfOpenLetsOneTrialThroughAndAFailedTrialReopens() {
    for (int i = 0; i < 3; i++) breaker.recordFailure();
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(breaker.tryAcquire());
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    assertFalse(breaker.tryAcquire()); // one trial at a time
    breaker.recordFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(breaker.tryAcquire());
    breaker.recordSuccess();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
  }
}
