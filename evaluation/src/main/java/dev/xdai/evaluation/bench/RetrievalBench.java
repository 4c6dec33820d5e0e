package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.retrieval.bench.RetrievalBenchmark;
import dev.xdai.retrieval.index.KnowledgeIndex;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench retrieval}: knowledge retrieval latency against knowledge size. For each {@code --qa} size it runs the
 * retrieval module's {@link RetrievalBenchmark} (a fresh index of that many reproducible synthetic QA pairs, the real
 * hybrid source: BM25, HNSW vectors, entity linking, fusion) and prints one row per size.
 */
final class RetrievalBench implements Bench {

  @Override public Map<String, String> defaults() {
    return Bench.options("qa", "1000,10000,100000", "queries", "1000", "vectors", "int8");
  }

  @Override public BenchReport run(Args args, PrintStream progress) {
    List<Integer> sizes = args.positiveInts("qa");
    int queries = args.positiveInt("queries");
    KnowledgeIndex.VectorStorage vectors;
    try {
      vectors = KnowledgeIndex.VectorStorage.valueOf(args.value("vectors").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--vectors must be one of " + List.of(KnowledgeIndex.VectorStorage.values()).toString().toLowerCase(Locale.ROOT));
    }
    RetrievalBenchmark.Options d = RetrievalBenchmark.Options.defaults();
    // RetrievalBenchmark warms up with min(500, queries) queries before it measures.
    BenchReport report = new BenchReport("retrieval", args.resolved(), Math.min(500, queries), queries);
    for (int size : sizes) {
      progress.printf("bench retrieval: %d QA pairs%n", size);
      report.row(RecordRow.of(RetrievalBenchmark.run(new RetrievalBenchmark.Options(size, queries, vectors, null, d.bge(), d.mergeTo()))));
    }
    report.note("measured by dev.xdai.retrieval.bench.RetrievalBenchmark: synthetic pairs, hashing embedder at 512 dimensions "
        + "(query embedding not included; see bench embed)");
    return report;
  }
}
