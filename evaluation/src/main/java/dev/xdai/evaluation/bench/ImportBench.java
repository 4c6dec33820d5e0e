package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench import}: knowledge import throughput for each {@code --triples} size, measured by the knowledge
 * module's import benchmark through {@link ImportRunner} (first import, then the idempotent re-import).
 */
@Command(name = "import", sortOptions = false, description = "Knowledge import throughput into the graph, first import and re-import.")
final class ImportBench extends Bench {

  private final Supplier<ImportRunner> importer;

  ImportBench(Supplier<ImportRunner> importer) {
    this.importer = importer;
  }

  @Option(names = "--triples", defaultValue = "10000,100000", split = ",", converter = PositiveInt.class, paramLabel = "N[,N...]",
      description = "sizes in triples, one row each (default ${DEFAULT-VALUE})")
  List<Integer> sizes;
  @Option(names = "--batch", paramLabel = "N", defaultValue = "2000", converter = PositiveInt.class, description = "triples per transaction (default ${DEFAULT-VALUE})")
  int batch;

  @Override BenchReport run(PrintStream progress) throws Exception {
    ImportRunner runner = BenchTargets.require(importer, "import", "the knowledge importer and its graph");
    BenchReport report = new BenchReport("import", options(), 0, sizes.size());
    for (int size : sizes) {
      progress.printf("bench import: %d triples%n", size);
      report.row(RecordRow.of(runner.run(size, batch)));
    }
    return report;
  }
}
