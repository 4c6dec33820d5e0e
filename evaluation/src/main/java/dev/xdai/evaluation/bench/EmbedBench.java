package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code bench embed}: the bundled bge-small-zh embedder's batched throughput and single-sentence latency, measured by
 * the retrieval module's {@link EmbeddingBenchmark}.
 */
final class EmbedBench implements Bench {

  @Override public Map<String, String> defaults() {
    BgeSmallZhEmbedder.Options d = BgeSmallZhEmbedder.Options.defaults();
    return Bench.options("sentences", "2000", "batch", String.valueOf(d.batchSize()), "threads", String.valueOf(d.threads()),
        "predictors", String.valueOf(d.predictors()));
  }

  @Override public BenchReport run(Args args, PrintStream progress) {
    int sentences = args.positiveInt("sentences");
    BgeSmallZhEmbedder.Options d = BgeSmallZhEmbedder.Options.defaults();
    BgeSmallZhEmbedder.Options options = new BgeSmallZhEmbedder.Options(d.maxTokens(), args.positiveInt("batch"),
        args.positiveInt("threads"), args.positiveInt("predictors"));
    progress.printf("bench embed: %d sentences%n", sentences);
    // EmbeddingBenchmark warms up with one batch of up to 64 sentences, then embeds all, then up to 200 one by one.
    BenchReport report = new BenchReport("embed", args.resolved(), Math.min(64, sentences), sentences + Math.min(200, sentences));
    report.row(RecordRow.of(EmbeddingBenchmark.run(sentences, options)));
    report.note("measured by EmbeddingBenchmark on synthetic sentences");
    return report;
  }
}
