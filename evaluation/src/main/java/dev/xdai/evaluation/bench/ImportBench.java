package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench import}: throughput of the knowledge import path for synthetic triples (reproducible from the seed),
 * one fresh pack per size, after one warm-up import.
 */
final class ImportBench implements Bench {

  private final Supplier<TripleImporter> importer;

  ImportBench(Supplier<TripleImporter> importer) {
    this.importer = importer;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("triples", "10000,100000", "warmup-triples", "2000", "seed", "1");
  }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    List<Integer> sizes = args.positiveInts("triples");
    int warmupTriples = args.positiveInt("warmup-triples");
    long seed = args.longValue("seed");
    TripleImporter target = BenchTargets.require(importer, "import", "the knowledge importer");
    SyntheticKnowledge syn = new SyntheticKnowledge(seed);

    BenchReport report = new BenchReport("import", args.resolved(), 1, sizes.size());
    progress.printf("bench import: warm-up with %d triples%n", warmupTriples);
    target.importTriples("bench-import-warmup", syn.triples(warmupTriples), warmupTriples);
    for (int size : sizes) {
      progress.printf("bench import: %d triples%n", size);
      long t0 = System.nanoTime();
      long items = target.importTriples("bench-import-" + size, syn.triples(size), size);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("triples", size);
      row.put("items", items);
      row.put("seconds", JsonLine.round(seconds, 2));
      row.put("triples_per_s", JsonLine.round(size / seconds, 0));
      report.row(row);
    }
    return report;
  }
}
