package dev.xdai.generation.remote;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling a backend that keeps failing: after {@code threshold} consecutive failed calls it opens and refuses
 * calls for {@code coolDown}; then it lets one trial call through (half-open), which closes it on success or opens it
 * again on failure. Thread-safe.
 */
public final class CircuitBreaker {

  /** The breaker's three states. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long coolDownNanos;
  private final LongSupplier nanoClock;
  private State state = State.CLOSED;
  private int failures;
  private long openedAt;
  private boolean trialInFlight;

  public CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoClock) {
    this.threshold = threshold;
    this.coolDownNanos = coolDown.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether a call may go out now; in half-open state only one trial call at a time is allowed. */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= coolDownNanos) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) yield false;
        trialInFlight = true;
        yield true;
      }
    };
  }

  public synchronized void recordSuccess() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  public synchronized void recordFailure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = nanoClock.getAsLong();
      trialInFlight = false;
    }
  }

  /** A call that neither proved nor disproved the backend's health (e.g. a client error) frees the trial slot. */
  public synchronized void recordNeutral() {
    trialInFlight = false;
  }

  public synchronized State state() { return state; }

  /** Time left until an open breaker lets a trial through. */
  public synchronized Duration retryIn() {
    if (state != State.OPEN) return Duration.ZERO;
    return Duration.ofNanos(Math.max(0, coolDownNanos - (nanoClock.getAsLong() - openedAt)));
  }
}
