package dev.xdai.generation.embedded;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the embedded model: where its files are, how many requests may run at once ({@code permits}), how long a
 * request waits for a free slot before "model busy", and ONNX Runtime's thread counts (0 lets ONNX Runtime choose).
 */
public record EmbeddedGlmConfig(Path modelDir, int permits, Duration queueTimeout, int intraOpThreads, int interOpThreads) {

  public EmbeddedGlmConfig {
    if (permits < 1) throw new IllegalArgumentException("permits must be >= 1");
    if (intraOpThreads < 0 || interOpThreads < 0) throw new IllegalArgumentException("thread counts must be >= 0");
  }

  /** Four requests at once, a 10 s wait for a slot, one intra-op thread per core. */
  public static EmbeddedGlmConfig of(Path modelDir) {
    return new EmbeddedGlmConfig(modelDir, 4, Duration.ofSeconds(10), Runtime.getRuntime().availableProcessors(), 1);
  }

  public EmbeddedGlmConfig withPermits(int n, Duration wait) {
    return new EmbeddedGlmConfig(modelDir, n, wait, intraOpThreads, interOpThreads);
  }

  public EmbeddedGlmConfig withThreads(int intraOp, int interOp) {
    return new EmbeddedGlmConfig(modelDir, permits, queueTimeout, intraOp, interOp);
  }
}
