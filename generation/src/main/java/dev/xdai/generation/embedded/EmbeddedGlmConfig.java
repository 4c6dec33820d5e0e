package dev.xdai.generation.embedded;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the embedded model: where its files are, how many requests may run at once ({@code permits}), how long a
 * request waits for a free slot before "model busy", ONNX Runtime's thread counts (0 lets ONNX Runtime choose), and
 * whether its idle worker threads spin. Spinning shaves a little latency on an idle machine but burns the cores that
 * concurrent streams and other processes need; measured on 2 busy cores it doubled step times, so it is off by default.
 */
public record EmbeddedGlmConfig(Path modelDir, int permits, Duration queueTimeout, int intraOpThreads, int interOpThreads,
    boolean spinning) {

  public EmbeddedGlmConfig {
    if (permits < 1) throw new IllegalArgumentException("permits must be >= 1");
    if (intraOpThreads < 0 || interOpThreads < 0) throw new IllegalArgumentException("thread counts must be >= 0");
  }

  /** Two requests at once, a 10 s wait for a slot, one intra-op thread per core, no spinning. */
  public static EmbeddedGlmConfig of(Path modelDir) {
    return new EmbeddedGlmConfig(modelDir, 2, Duration.ofSeconds(10), Runtime.getRuntime().availableProcessors(), 1, false);
  }

  public EmbeddedGlmConfig withPermits(int n, Duration wait) {
    return new EmbeddedGlmConfig(modelDir, n, wait, intraOpThreads, interOpThreads, spinning);
  }

  public EmbeddedGlmConfig withThreads(int intraOp, int interOp) {
    return new EmbeddedGlmConfig(modelDir, permits, queueTimeout, intraOp, interOp, spinning);
  }

  public EmbeddedGlmConfig withSpinning(boolean spin) {
    return new EmbeddedGlmConfig(modelDir, permits, queueTimeout, intraOpThreads, interOpThreads, spin);
  }
}
