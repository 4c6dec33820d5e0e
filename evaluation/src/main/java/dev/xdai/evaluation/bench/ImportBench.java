package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench import}: knowledge import throughput for each {@code --triples} size, measured by the knowledge
 * module's import benchmark through {@link ImportRunner} (first import, then the idempotent re-import).
 */
final class ImportBench implements Bench {

  private final Supplier<ImportRunner> importer;

  ImportBench(Supplier<ImportRunner> importer) {
    this.importer = importer;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("triples", "10000,100000", "batch", "2000");
  }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    List<Integer> sizes = args.positiveInts("triples");
    int batch = args.positiveInt("batch");
    ImportRunner runner = BenchTargets.require(importer, "import", "the knowledge importer and its graph");
    BenchReport report = new BenchReport("import", args.resolved(), 0, sizes.size());
    for (int size : sizes) {
      progress.printf("bench import: %d triples%n", size);
      report.row(RecordRow.of(runner.run(size, batch)));
    }
    return report;
  }
}
