package dev.xdai.evaluation.bench;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.Embedder;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import dev.xdai.retrieval.testing.HashingEmbedder;
import dev.xdai.retrieval.hybrid.HybridKnowledgeSource;
import dev.xdai.retrieval.index.KnowledgeIndex;
import dev.xdai.retrieval.link.DictionaryEntity;
import dev.xdai.retrieval.link.EntityDictionary;
import dev.xdai.retrieval.link.EntityLinker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Latency of a whole {@link HybridKnowledgeSource#retrieve} (BM25 + HNSW + entity linking + fusion + loading) over a
 * synthetic index of N QA pairs. Documents are embedded with {@link HashingEmbedder} at bge's 512 dimensions (embedding
 * a million texts with the neural model would take hours on 2 cores; HNSW cost depends on dimension and count, not on
 * what the vectors mean), or with the real model ({@code --embedder bge}, small N only), or not at all ({@code --vectors none}).
 * Query-embedding time is not included with the hashing embedder; {@link EmbeddingBenchmark} measures it.
 *
 * <p>{@code xdai bench retrieval} runs it. An index already in {@code --dir} with the same N is reused.
 */
public final class RetrievalBenchmark {

  /** The figures of one run. */
  public record Result(long pairs, String vectors, String embedder, double buildSeconds, long indexBytes, int segments,
      int queries, double p50Ms, double p99Ms, double meanMs, double cpuP50Ms, double cpuP99Ms, double top1) {
    @Override
    public String toString() {
      return String.format("retrieval: %,d QA pairs, vectors %s (%s), built in %.0f s, %,d MB on disk, %d segments; "
              + "%d queries: wall p50 %.2f ms, p99 %.2f ms, mean %.2f ms; CPU p50 %.2f ms, p99 %.2f ms; top-1 hit %.1f%%",
          pairs, vectors, embedder, buildSeconds, indexBytes >> 20, segments, queries, p50Ms, p99Ms, meanMs, cpuP50Ms, cpuP99Ms,
          100 * top1);
    }
  }

  /** What to run. {@code dir} null: a fresh temporary folder, deleted afterwards. */
  public record Options(long pairs, int queries, KnowledgeIndex.VectorStorage vectors, Path dir, boolean bge, int mergeTo) {
    public static Options defaults() {
      return new Options(100_000, 2_000, KnowledgeIndex.VectorStorage.INT8, null, false, 0);
    }
  }

  static final long SEED = 42;
  static final String PAIRS_MARKER = "bench-pairs.txt";

  private RetrievalBenchmark() {}

  public static Result run(Options o) {
    try {
      Path dir = o.dir() != null ? o.dir() : Files.createTempDirectory("xdai-retrieval-bench");
      try {
        return run(o, dir);
      } finally {
        if (o.dir() == null) deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result run(Options o, Path dir) throws IOException {
    SyntheticKnowledge synthetic = new SyntheticKnowledge(SEED);
    try (Embedder embedder = o.bge() ? BgeSmallZhEmbedder.create() : new HashingEmbedder(512)) {
      Path marker = dir.resolve(PAIRS_MARKER);
      String expected = o.pairs() + " " + o.vectors() + " " + embedder.name();
      boolean reuse = Files.exists(marker) && Files.readString(marker).equals(expected);
      KnowledgeIndex.Options indexOptions = KnowledgeIndex.Options.defaults().withVectors(o.vectors()).withRamBufferMb(256);
      try (KnowledgeIndex index = KnowledgeIndex.onDisk(dir.resolve("index"), embedder, indexOptions)) {
        long t0 = System.nanoTime();
        if (!reuse) {
          Files.deleteIfExists(marker);
          index.rebuild(synthetic.pairs(o.pairs()));
          if (o.mergeTo() > 0) index.forceMerge(o.mergeTo());
          Files.writeString(marker, expected);
        }
        double buildSeconds = reuse ? 0 : (System.nanoTime() - t0) / 1e9;
        EntityDictionary dictionary = new EntityDictionary();
        List<DictionaryEntity> entities = new ArrayList<>();
        for (long e = 0; e * 8 < o.pairs(); e++) entities.add(new DictionaryEntity("e-" + e, "pack-" + (e % 4), synthetic.entity(e), List.of(), ""));
        dictionary.replaceAll(entities);
        HybridKnowledgeSource source = new HybridKnowledgeSource(index, new EntityLinker(dictionary), HybridKnowledgeSource.Config.defaults());

        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < Math.min(500, o.queries()); i++) source.retrieve(query(synthetic, random.nextLong(o.pairs())));
        long[] latencies = new long[o.queries()];
        // CPU time of the querying thread (a search runs on it alone) tells the work from waiting for a busy CPU.
        long[] cpu = new long[o.queries()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int hits = 0;
        for (int i = 0; i < o.queries(); i++) {
          long target = random.nextLong(o.pairs());
          KnowledgeQuery q = query(synthetic, target);
          long c = threads.getCurrentThreadCpuTime();
          long s = System.nanoTime();
          List<KnowledgeItem> items = source.retrieve(q);
          latencies[i] = System.nanoTime() - s;
          cpu[i] = threads.getCurrentThreadCpuTime() - c;
          // Short synthetic names can repeat, so any pair about the same name and attribute counts as a hit.
          if (!items.isEmpty() && items.get(0).title().contains(synthetic.entity(target / 8))
              && items.get(0).title().contains(synthetic.attribute(target))) hits++;
        }
        LatencySummary wall = Percentiles.summarise(latencies);
        return new Result(o.pairs(), o.vectors().name(), embedder.name(), buildSeconds, size(dir.resolve("index")), index.segments(),
            o.queries(), wall.p50Ms(), wall.p99Ms(), wall.meanMs(),
            Percentiles.of(cpu, 50) / 1e6, Percentiles.of(cpu, 99) / 1e6, hits / (double) o.queries());
      }
    }
  }

  private static KnowledgeQuery query(SyntheticKnowledge synthetic, long target) {
    return KnowledgeQuery.qa(synthetic.query(target), List.of(), Set.of(), 3);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

}
