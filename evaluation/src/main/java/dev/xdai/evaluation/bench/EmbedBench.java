package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench embed}: the bundled bge-small-zh embedder's batched throughput and single-sentence latency, measured by
 * the retrieval module's {@link EmbeddingBenchmark}.
 */
@Command(name = "embed", sortOptions = false, description = "The bundled bge-small-zh embedder's throughput and latency.")
final class EmbedBench extends Bench {

  // The embedder's own defaults, so the benchmark measures what the service runs unless told otherwise.
  private static final BgeSmallZhEmbedder.Options DEFAULTS = BgeSmallZhEmbedder.Options.defaults();

  @Option(names = "--sentences", paramLabel = "N", defaultValue = "2000", converter = PositiveInt.class, description = "sentences embedded (default ${DEFAULT-VALUE})")
  int sentences;
  @Option(names = "--batch", paramLabel = "N", converter = PositiveInt.class, description = "sentences per batch (default ${DEFAULT-VALUE})")
  int batch = DEFAULTS.batchSize();
  @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class, description = "intra-op threads (default ${DEFAULT-VALUE})")
  int threads = DEFAULTS.threads();
  @Option(names = "--predictors", paramLabel = "N", converter = PositiveInt.class, description = "concurrent predictors (default ${DEFAULT-VALUE})")
  int predictors = DEFAULTS.predictors();

  @Override BenchReport run(PrintStream progress) {
    BgeSmallZhEmbedder.Options options = new BgeSmallZhEmbedder.Options(DEFAULTS.maxTokens(), batch, threads, predictors);
    progress.printf("bench embed: %d sentences%n", sentences);
    // EmbeddingBenchmark warms up with one batch of up to 64 sentences, then embeds all, then up to 200 one by one.
    BenchReport report = new BenchReport("embed", options(), Math.min(64, sentences), sentences + Math.min(200, sentences));
    report.row(RecordRow.of(EmbeddingBenchmark.run(sentences, options)));
    report.note("measured by EmbeddingBenchmark on synthetic sentences");
    return report;
  }
}
