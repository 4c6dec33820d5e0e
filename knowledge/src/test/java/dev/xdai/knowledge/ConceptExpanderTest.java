package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.curation.ConceptExpander;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConceptExpanderTest {

  static GraphConnection graph;
  static Packs packs;

  @BeforeAll
  static void start() {
    graph = TestGraph.get();
    packs = new Packs(graph, null);
    KnowledgeImporter importer = new KnowledgeImporter(graph, null);
    // 滑雪 links to 雪场 and 雪板 (1 hop), 雪场 to 缆车 (2 hops); 篮球 is unrelated. 雪板 co-occurs with 滑雪 in
    // several texts, 缆车 in one, 篮球 in none.
    importer.importStream("t-expand", "s.csv", ImportFormat.TRIPLES, null, new ByteArrayInputStream("""
        滑雪,场地,雪场
        滑雪,装备,雪板、雪镜
        雪场,设施,缆车
        雪板,Information,雪板是滑雪时踩在脚下的板，初学滑雪建议租用软一些的雪板。
        雪镜,Information,雪镜保护眼睛。
        缆车,Information,缆车把滑雪的人送上山顶。
        篮球,Information,篮球是一项球类运动。
        """.getBytes(StandardCharsets.UTF_8)));
    packs.setSeeds("t-expand", List.of("滑雪", "不存在的概念"));
  }

  @AfterAll
  static void cleanUp() {
    packs.delete("t-expand");
  }

  @Test
  void neighboursThatCooccurWithTheSeedsAreRankedAndStored() {
    ConceptExpander expander = new ConceptExpander(graph, ConceptExpander.Options.defaults());
    ConceptExpander.Result result = expander.expand("t-expand");
    assertEquals(List.of("不存在的概念"), result.unresolvedSeeds());
    List<String> names = result.concepts().stream().map(ConceptExpander.Concept::name).toList();
    assertEquals("雪板", names.get(0), result.toString());
    assertTrue(names.containsAll(List.of("雪场", "缆车", "雪镜")), names.toString());
    assertFalse(names.contains("篮球"));
    assertFalse(names.contains("滑雪")); // a seed is not its own expansion
    ConceptExpander.Concept cableCar = result.concepts().stream().filter(c -> c.name().equals("缆车")).findFirst().orElseThrow();
    assertEquals(2, cableCar.hops());

    assertEquals(names, packs.get("t-expand").orElseThrow().expansions());
    assertEquals("滑雪", expander.concepts("t-expand").get(0));
    assertTrue(expander.concepts("t-expand").contains("雪板"));

    // the scheduler entry point: nothing changed since, so nothing to do for this pack
    assertTrue(expander.expandStale().stream().noneMatch(r -> r.pack().equals("t-expand")));
  }
}
