package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Neighbourhood;
import dev.xdai.knowledge.ingest.Packs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding an entity of a pack by name, and what the real graph holds around it. */
class NeighbourhoodTest {

  static final Packs packs = new Packs(TestGraph.get(), null);

  /** Triples whose values name other entities (the links), a description, and an FAQ pair about 滑雪. */
  @BeforeAll
  static void importThePack() {
    KnowledgeImporter importer = new KnowledgeImporter(TestGraph.get(), null);
    importer.importStream("t-around", "s.csv", ImportFormat.TRIPLES, null, new ByteArrayInputStream("""
        滑雪,场地,雪场
        滑雪,装备,雪板、雪镜
        滑雪,Information,滑雪是在雪地上滑行的运动。
        雪场,设施,缆车
        雪场,票价,一百元
        滑雪圈,Information,滑雪圈是一种雪上玩具。
        """.getBytes(StandardCharsets.UTF_8)));
    importer.importStream("t-around", "faq.jsonl", ImportFormat.FAQ, null, new ByteArrayInputStream("""
        {"question": "滑雪要多久才能学会？", "answer": "一般两三天。", "topic": "滑雪"}
        """.getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void cleanUp() {
    packs.delete("t-around");
  }

  @Test
  void entitiesAreFoundByAPartOfTheirNameExactFirst() {
    List<String> names = packs.findEntities("t-around", "滑雪", 10).stream().map(Neighbourhood.EntityRef::name).toList();
    assertEquals(List.of("滑雪", "滑雪圈"), names);
    assertTrue(packs.findEntities("t-around", "没有这个", 10).isEmpty());
    assertTrue(packs.findEntities("another-pack", "滑雪", 10).isEmpty());
  }

  @Test
  void theNeighbourhoodHoldsFactsTextsAndLinksBothWays() {
    String ski = packs.findEntities("t-around", "滑雪", 1).get(0).id();
    Neighbourhood n = packs.neighbourhood("t-around", ski, 20).orElseThrow();
    assertEquals("滑雪", n.entity().name());
    assertTrue(n.facts().stream().anyMatch(f -> f.attribute().equals("场地") && f.value().equals("雪场")), n.facts().toString());
    assertEquals(List.of("滑雪是在雪地上滑行的运动。"), n.descriptions().stream().map(Neighbourhood.Text::text).toList());
    assertEquals(List.of("滑雪要多久才能学会？"), n.qa().stream().map(Neighbourhood.Text::title).toList());
    // 场地 names 雪场, 装备 names 雪板 and 雪镜: entities only when the pack has them (雪场 has facts of its own)
    assertTrue(n.links().stream().anyMatch(l -> l.outgoing() && l.other().name().equals("雪场") && l.attribute().equals("场地")),
        n.links().toString());
    assertFalse(n.truncated());

    String venue = packs.findEntities("t-around", "雪场", 1).get(0).id();
    Neighbourhood around = packs.neighbourhood("t-around", venue, 20).orElseThrow();
    assertTrue(around.links().stream().anyMatch(l -> !l.outgoing() && l.other().name().equals("滑雪")), around.links().toString());
    assertEquals(List.of(), around.descriptions(), "雪场 has no description");
    assertEquals(List.of(), around.qa(), "and no FAQ pair");

    Neighbourhood cut = packs.neighbourhood("t-around", ski, 1).orElseThrow();
    assertEquals(1, cut.facts().size());
    assertTrue(cut.truncated());
  }

  @Test
  void anEntityOfAnotherPackOrNoneIsNotFound() {
    String ski = packs.findEntities("t-around", "滑雪", 1).get(0).id();
    assertTrue(packs.neighbourhood("clinic", ski, 10).isEmpty());
    assertTrue(packs.neighbourhood("t-around", "t-around:e:0000000000000000", 10).isEmpty());
  }
}
