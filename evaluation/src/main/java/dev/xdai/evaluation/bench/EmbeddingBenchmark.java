package dev.xdai.retrieval.bench;

import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences per second of the bundled bge-small-zh embedder, batched, on this machine's cores; also the latency of one
 * query-length sentence (what a dialogue turn pays). Usage: {@code EmbeddingBenchmark [sentences] [batchSize] [ortThreads]
 * [predictors]}; the defaults are the embedder's.
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
      List<Double> singles = new ArrayList<>();
      for (int i = 0; i < Math.min(200, sentences); i++) {
        long s = System.nanoTime();
        embedder.embed(texts.get(i));
        singles.add((System.nanoTime() - s) / 1e6);
      }
      return new Result(sentences, options.batchSize(), options.threads(), options.predictors(), seconds, sentences / seconds,
          cpuSeconds, sentences / cpuSeconds,
          Percentiles.of(singles, 0.50), Percentiles.of(singles, 0.99));
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  public static void main(String[] args) {
    BgeSmallZhEmbedder.Options d = BgeSmallZhEmbedder.Options.defaults();
    int sentences = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : d.batchSize();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : d.threads();
    int predictors = args.length > 3 ? Integer.parseInt(args[3]) : d.predictors();
    System.out.println(run(sentences, new BgeSmallZhEmbedder.Options(d.maxTokens(), batch, threads, predictors)));
  }
}
