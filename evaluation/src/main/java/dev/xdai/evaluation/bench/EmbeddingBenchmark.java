package dev.xdai.evaluation.bench;

import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Sentences per second of the bundled bge-small-zh embedder, batched, on this machine's cores; also the latency of one
 * query-length sentence (what a dialogue turn pays). {@code xdai bench embed} runs it.
 */
public final class EmbeddingBenchmark {

  /** The figures of one run. */
  public record Result(int sentences, int batchSize, int threads, int predictors, double seconds, double sentencesPerSecond,
      double cpuSeconds, double sentencesPerCpuSecond, double singleP50Ms, double singleP99Ms) {
    @Override
    public String toString() {
      return String.format("embed: %d sentences, batch %d, %d ORT threads x %d predictors: %.1f s, %.1f sentences/s "
              + "(%.1f CPU s, %.1f sentences per CPU second); single sentence p50 %.1f ms, p99 %.1f ms",
          sentences, batchSize, threads, predictors, seconds, sentencesPerSecond, cpuSeconds, sentencesPerCpuSecond,
          singleP50Ms, singleP99Ms);
    }
  }

  private EmbeddingBenchmark() {}

  public static Result run(int sentences, BgeSmallZhEmbedder.Options options) {
    List<String> texts = new SyntheticKnowledge(42).sentences(sentences);
    try (BgeSmallZhEmbedder embedder = BgeSmallZhEmbedder.create(options)) {
      embedder.embedAll(texts.subList(0, Math.min(64, texts.size()))); // warm up ONNX Runtime's kernels
      // Process CPU time (ONNX Runtime's native threads included) says what the work costs when others share the cores.
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      embedder.embedAll(texts);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (processCpuNanos() - c0) / 1e9;
      long[] singles = new long[Math.min(200, sentences)];
      for (int i = 0; i < singles.length; i++) {
        long s = System.nanoTime();
        embedder.embed(texts.get(i));
        singles[i] = System.nanoTime() - s;
      }
      return new Result(sentences, options.batchSize(), options.threads(), options.predictors(), seconds, sentences / seconds,
          cpuSeconds, sentences / cpuSeconds,
          Percentiles.of(singles, 50) / 1e6, Percentiles.of(singles, 99) / 1e6);
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

}
