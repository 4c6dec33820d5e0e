package dev.xdai.knowledge;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packs one test class writes into the shared test graph, with an importer and the pack admin over it; the packs
 * are deleted after the class so that classes sharing the graph stay apart.
 */
final class TestPacks implements AfterAllCallback {
  final GraphConnection graph = TestGraph.get();
  final KnowledgeImporter importer;
  final Packs packs = new Packs(graph, null);
  private final List<String> names;

  private TestPacks(KnowledgeImporter importer, List<String> names) {
    this.importer = importer;
    this.names = names;
  }

  /** An importer with the production batch sizes, no index attached. */
  static TestPacks named(String... packs) {
    return new TestPacks(new KnowledgeImporter(TestGraph.get(), null), List.of(packs));
  }

  /** An importer whose tiny batches make every path cross batch boundaries. */
  static TestPacks batched(int batchSize, int writers, String... packs) {
    return new TestPacks(new KnowledgeImporter(TestGraph.get(), null, batchSize, writers), List.of(packs));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    names.forEach(packs::delete);
  }

}
