package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code bench retrieval}: knowledge retrieval latency against knowledge size. For each size it builds a fresh index
 * of that many synthetic QA items (reproducible from the seed), then times queries about randomly chosen items;
 * {@code hit_rate} is the share of queries whose item came back among the {@code --limit} results.
 */
final class RetrievalBench implements Bench {

  static final String PACK = "bench";
  private final Supplier<RetrievalIndexFactory> factory;

  RetrievalBench(Supplier<RetrievalIndexFactory> factory) {
    this.factory = factory;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("qa", "1000,10000,100000", "queries", "200", "warmup", "50", "limit", "5", "seed", "1");
  }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    List<Integer> sizes = args.positiveInts("qa");
    int queries = args.positiveInt("queries");
    int warmup = args.positiveInt("warmup");
    int limit = args.positiveInt("limit");
    long seed = args.longValue("seed");
    RetrievalIndexFactory indexes = BenchTargets.require(factory, "retrieval", "the retrieval index");
    SyntheticKnowledge syn = new SyntheticKnowledge(seed);

    BenchReport report = new BenchReport("retrieval", args.resolved(), warmup, queries);
    for (int size : sizes) {
      progress.printf("bench retrieval: indexing %d items%n", size);
      long t0 = System.nanoTime();
      try (RetrievalIndexFactory.IndexUnderTest index = indexes.build(PACK, syn.qaItems(size, PACK), size)) {
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        Random pick = new Random(seed + size);
        Durations latency = new Durations();
        int hits = 0;
        for (int q = 0; q < warmup + queries; q++) {
          long target = pick.nextInt(size);
          KnowledgeQuery query = KnowledgeQuery.qa(syn.question(target), List.of(), Set.of(PACK), limit);
          long start = System.nanoTime();
          List<KnowledgeItem> found = index.retrieve(query);
          long nanos = System.nanoTime() - start;
          if (q < warmup) continue;
          latency.add(nanos);
          String id = SyntheticKnowledge.id(target);
          if (found.stream().anyMatch(k -> k.id().equals(id))) hits++;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("qa", size);
        row.put("build_s", JsonLine.round(buildSeconds, 2));
        row.put("items_per_s", JsonLine.round(size / buildSeconds, 0));
        row.putAll(latency.summary().cells(""));
        row.put("hit_rate", JsonLine.round(100.0 * hits / queries, 1));
        report.row(row);
      }
    }
    report.note("queries ask for one item's fact in other words than its stored question (\"你知道<entity>的<attribute>吗？\")");
    return report;
  }
}
