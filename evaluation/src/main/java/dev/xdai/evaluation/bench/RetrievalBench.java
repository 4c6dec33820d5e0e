package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.retrieval.index.KnowledgeIndex;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench retrieval}: knowledge retrieval latency against knowledge size. For each {@code --qa} size it runs the
 * retrieval module's {@link RetrievalBenchmark} (a fresh index of that many reproducible synthetic QA pairs, the real
 * hybrid source: BM25, HNSW vectors, entity linking, fusion) and prints one row per size.
 */
@Command(name = "retrieval", sortOptions = false, description = "Knowledge retrieval latency against knowledge size (synthetic QA pairs).")
final class RetrievalBench extends Bench {

  /** What embeds the pairs and the queries. */
  enum EmbedderKind { HASHING, BGE }

  @Option(names = "--qa", defaultValue = "1000,10000,100000", split = ",", converter = PositiveInt.class, paramLabel = "N[,N...]",
      description = "knowledge sizes in QA pairs, one row each (default ${DEFAULT-VALUE})")
  List<Integer> sizes;
  @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", converter = PositiveInt.class, description = "queries measured per size (default ${DEFAULT-VALUE})")
  int queries;
  @Option(names = "--vectors", defaultValue = "int8", paramLabel = "STORAGE", description = "vector storage: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  KnowledgeIndex.VectorStorage vectors;
  @Option(names = "--embedder", defaultValue = "hashing", paramLabel = "EMBEDDER", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  EmbedderKind embedder;
  @Option(names = "--dir", paramLabel = "DIR", description = "keep the index here and reuse it for the same size (one --qa size)")
  Path dir;
  @Option(names = "--merge", paramLabel = "N", defaultValue = "0", description = "force-merge to this many segments, 0: none (default ${DEFAULT-VALUE})")
  long merge;

  @Override BenchReport run(PrintStream progress) {
    boolean bge = embedder == EmbedderKind.BGE;
    if (merge < 0) throw new UsageException("--merge must be 0 (no forced merge) or a segment count");
    // An index kept in --dir is reused by the next run with the same size.
    if (dir != null && sizes.size() > 1) throw new UsageException("--dir keeps one index: give one --qa size with it");
    // RetrievalBenchmark warms up with min(500, queries) queries before it measures.
    BenchReport report = new BenchReport("retrieval", options(), Math.min(500, queries), queries);
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
