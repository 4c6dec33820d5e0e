package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.KnowledgeSink;
import dev.xdai.knowledge.sync.SyncResult;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.Retrieval;
import dev.xdai.retrieval.testing.HashingEmbedder;
import dev.xdai.retrieval.index.IndexedKnowledge;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import and delete keep retrieval's real index and entity dictionary in step with the graph. */
class IndexSyncTest {

  static GraphConnection graph;
  static Retrieval retrieval;
  static IndexSync sync;
  static KnowledgeImporter importer;
  static Packs packs;

  @BeforeAll
  static void start() {
    graph = TestGraph.get();
    retrieval = Retrieval.open(Retrieval.Settings.defaults(null), new HashingEmbedder(64));
    sync = new IndexSync(graph, KnowledgeSink.of(retrieval.feed()));
    importer = new KnowledgeImporter(graph, sync);
    packs = new Packs(graph, sync);
  }

  @AfterAll
  static void stop() {
    packs.delete("t-sync");
    packs.delete("t-sync-2");
    retrieval.close();
  }

  private static void importCsv(String pack, String source, String csv) {
    importer.importStream(pack, source, ImportFormat.TRIPLES, null, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void importedKnowledgeIsSearchableAndDeletedKnowledgeIsGone() {
    importCsv("t-sync", "clinic.csv", """
        康宁社区诊所,营业时间,周一至周五8:00-20:00
        康宁社区诊所,Information,康宁社区诊所是一家社区综合诊所。
        康宁社区诊所,科室,全科门诊、儿科
        全科门诊,位置,一楼东侧
        """);
    importCsv("t-sync-2", "other.csv", "青禾大学,校训,明理、笃行\n");
    List<IndexedKnowledge> items = new java.util.ArrayList<>();
    sync.items("t-sync").forEach(items::add);
    assertEquals(5, items.size()); // 4 facts as QA + 1 description
    IndexedKnowledge departments = items.stream().filter(i -> i.title().equals("康宁社区诊所的科室是什么？")).findFirst().orElseThrow();
    assertEquals(KnowledgeItem.Format.QA, departments.format());
    assertEquals(2, departments.entityIds().size()); // the clinic and 全科门诊, which the value names
    assertEquals(2, sync.entities("t-sync").size());

    List<KnowledgeItem> found = retrieval.source().retrieve(KnowledgeQuery.qa("康宁社区诊所几点开门？", List.of(), Set.of("t-sync"), 3));
    assertFalse(found.isEmpty());
    assertTrue(found.stream().anyMatch(i -> i.text().equals("周一至周五8:00-20:00")), found.toString());
    assertTrue(found.stream().allMatch(i -> i.pack().equals("t-sync")));
    List<KnowledgeItem> described = retrieval.source().retrieve(
        KnowledgeQuery.descriptions("康宁社区诊所", List.of(), Set.of("t-sync"), 1));
    assertEquals("康宁社区诊所是一家社区综合诊所。", described.get(0).text());

    packs.delete("t-sync");
    assertTrue(retrieval.source().retrieve(KnowledgeQuery.qa("康宁社区诊所几点开门？", List.of(), Set.of("t-sync"), 3)).isEmpty());
    assertFalse(retrieval.source().retrieve(KnowledgeQuery.qa("青禾大学的校训", List.of(), Set.of("t-sync-2"), 3)).isEmpty());
  }

  @Test
  void aMissingIndexIsRebuiltFromTheGraphAtStartup() {
    importCsv("t-sync-2", "other.csv", "青禾大学,校训,明理、笃行\n");
    try (Retrieval fresh = Retrieval.open(Retrieval.Settings.defaults(null), new HashingEmbedder(64))) {
      IndexSync freshSync = new IndexSync(graph, KnowledgeSink.of(fresh.feed()));
      SyncResult rebuilt = freshSync.atStartup().orElseThrow(); // an empty index needs a rebuild
      assertTrue(rebuilt.qa() >= 1, rebuilt.toString());
      assertFalse(fresh.source().retrieve(KnowledgeQuery.qa("青禾大学的校训是什么", List.of(), Set.of("t-sync-2"), 3)).isEmpty());
      assertTrue(freshSync.atStartup().isEmpty()); // now it holds knowledge: only the dictionary is reloaded
    }
  }
}
