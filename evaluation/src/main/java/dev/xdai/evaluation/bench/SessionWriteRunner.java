package dev.xdai.evaluation.bench;

import java.util.Map;

/**
 * The port {@code bench sessions} runs: the dialogue module's session-write benchmark against the service's graph. The
 * app implements it over {@code SessionWriteBenchmark}; the harness summarises each mode's durations.
 */
@FunctionalInterface
public interface SessionWriteRunner {

  /** Measures {@code turns} turn writes (after {@code warmup}) by {@code threads} writers; per mode, the nanoseconds. */
  Map<String, long[]> run(int turns, int warmup, int threads, int sessionsPerThread) throws Exception;
}
