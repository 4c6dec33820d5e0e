package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.retrieval.index.KnowledgeIndex;
import java.io.PrintStream;
import java.nio.file.Path;
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
    return Bench.options("qa", "1000,10000,100000", "queries", "1000", "vectors", "int8", "embedder", "hashing", "dir", "",
        "merge", "0");
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
    boolean bge = switch (args.value("embedder")) {
      case "hashing" -> false;
      case "bge" -> true;
      default -> throw new UsageException("--embedder must be hashing or bge");
    };
    long merge = args.longValue("merge");
    if (merge < 0) throw new UsageException("--merge must be 0 (no forced merge) or a segment count");
    // An index kept in --dir is reused by the next run with the same size.
    Path dir = args.value("dir") == null ? null : Path.of(args.value("dir"));
    if (dir != null && sizes.size() > 1) throw new UsageException("--dir keeps one index: give one --qa size with it");
    // RetrievalBenchmark warms up with min(500, queries) queries before it measures.
    BenchReport report = new BenchReport("retrieval", args.resolved(), Math.min(500, queries), queries);
    for (int size : sizes) {
      progress.printf("bench retrieval: %d QA pairs%n", size);
      report.row(RecordRow.of(RetrievalBenchmark.run(new RetrievalBenchmark.Options(size, queries, vectors, dir, bge, (int) merge))));
    }
    report.note(bge ? "measured by RetrievalBenchmark: synthetic pairs, bge-small-zh (query embedding included)"
        : "measured by RetrievalBenchmark: synthetic pairs, hashing embedder at 512 dimensions "
            + "(query embedding not included; see bench embed)");
    return report;
  }
}
