package dev.xdai.evaluation.bench;

/**
 * The port {@code bench import} runs: the knowledge module's import benchmark against the service's graph. The app
 * implements it as {@code (triples, batch) -> ImportBenchmark.run(graph, triples, batch)}; the harness prints the
 * returned result record's components.
 */
@FunctionalInterface
public interface ImportRunner {

  /** Imports {@code triples} synthetic triples in batches of {@code batchSize} and returns the benchmark's result record. */
  Record run(int triples, int batchSize) throws Exception;
}
