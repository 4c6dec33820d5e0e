package dev.xdai.app.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Per-key limits of requests and of generated tokens per minute. A request is refused while either budget is spent;
 * tokens are known only after a reply, so the turn that overdraws the token budget completes and the next request
 * waits for the budget to refill.
 */
public final class RateLimits {

  private final RateLimiterRegistry requests;
  private final RateLimiterRegistry tokens;

  public RateLimits(int requestsPerMinute, int tokensPerMinute) {
    this.requests = RateLimiterRegistry.of(config(requestsPerMinute));
    this.tokens = RateLimiterRegistry.of(config(tokensPerMinute));
  }

  private static RateLimiterConfig config(int perMinute) {
    return RateLimiterConfig.custom().limitForPeriod(Math.max(1, perMinute)).limitRefreshPeriod(Duration.ofMinutes(1))
        .timeoutDuration(Duration.ZERO).build();
  }

  /** Takes one request from the key's budget; empty when allowed, else the seconds until it may try again. */
  public OptionalLong admit(String key) {
    RateLimiter tokenBudget = tokens.rateLimiter(key);
    if (tokenBudget.getMetrics().getAvailablePermissions() <= 0) return OptionalLong.of(retryAfter(tokenBudget));
    RateLimiter requestBudget = requests.rateLimiter(key);
    if (!requestBudget.acquirePermission()) return OptionalLong.of(retryAfter(requestBudget));
    return OptionalLong.empty();
  }

  /** Counts {@code n} generated tokens against the key's budget, down to empty. */
  public void charge(String key, int n) {
    if (n <= 0) return;
    RateLimiter budget = tokens.rateLimiter(key);
    int available = budget.getMetrics().getAvailablePermissions();
    if (n >= available) budget.drainPermissions();
    else budget.acquirePermission(n);
  }

  private static long retryAfter(RateLimiter limiter) {
    long nanos = limiter instanceof AtomicRateLimiter a ? a.getDetailedMetrics().getNanosToWait() : 0;
    if (nanos <= 0 && limiter instanceof AtomicRateLimiter a) {
      nanos = a.getRateLimiterConfig().getLimitRefreshPeriod().toNanos(); // refused at the very end of a cycle
    }
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
