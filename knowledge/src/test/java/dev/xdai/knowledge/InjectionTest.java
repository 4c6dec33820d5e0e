package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Data that looks like Cypher is stored as data: every value travels as a parameter. */
class InjectionTest {

  static final String DELETE_ALL = "'}) MATCH (n) DETACH DELETE n //";
  static final String DELETE_ALL_2 = "\"}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //";
  static final String BACKTICK = "`) DETACH DELETE n; MATCH (`";

  @RegisterExtension static final TestPacks fixture = TestPacks.named("t-inject", "t-inject-guard");
  static final GraphConnection graph = fixture.graph;
  static final KnowledgeImporter importer = fixture.importer;
  static final Packs packs = fixture.packs;
  @TempDir Path dir;

  @Test
  void cypherInEntitiesAttributesValuesQuestionsAndTextIsJustText() throws IOException {
    Path guard = dir.resolve("guard.csv");
    Files.writeString(guard, "守卫,说明,这条数据必须保留\n");
    importer.importFile("t-inject-guard", ImportFormat.TRIPLES, guard);
    long nodesBefore = graph.query("MATCH (n) RETURN count(n) AS n", Map.of()).get(0).get("n").asLong();

    Path csv = dir.resolve("evil.csv");
    Files.writeString(csv, String.join("\n",
        "\"" + DELETE_ALL + "\",\"" + DELETE_ALL + "\",\"" + DELETE_ALL + "\",\"" + DELETE_ALL + "\"",
        "\"" + DELETE_ALL_2.replace("\"", "\"\"") + "\",导演,\"" + BACKTICK + "\"",
        "正常,Information,\"" + DELETE_ALL + "\"")
        + "\n");
    Path faq = dir.resolve("evil.jsonl");
    Files.writeString(faq, "{\"question\": \"" + DELETE_ALL + "\", \"answer\": \"" + BACKTICK + "\", \"topic\": \"" + DELETE_ALL + "\"}\n");
    Path md = dir.resolve("evil.md");
    Files.writeString(md, "## " + DELETE_ALL + "\n\n" + BACKTICK + "\n");
    importer.importFile("t-inject", ImportFormat.TRIPLES, csv);
    importer.importFile("t-inject", ImportFormat.FAQ, faq);
    importer.importFile("t-inject", ImportFormat.TEXT, md);

    assertEquals(1, PackCounts.of(graph, "t-inject-guard").facts());
    assertTrue(graph.query("MATCH (n) RETURN count(n) AS n", Map.of()).get(0).get("n").asLong() > nodesBefore);
    Set<String> entities = graph.query("MATCH (e:Entity {pack: 't-inject'}) RETURN e.name AS n", Map.of()).stream()
        .map(r -> r.get("n").asString()).collect(Collectors.toSet());
    assertTrue(entities.containsAll(Set.of(DELETE_ALL, DELETE_ALL_2, "正常")), entities.toString());
    var fact = graph.query("""
        MATCH (e:Entity {pack: 't-inject', name: $e})-[:HAS_FACT]->(f:Fact {attribute: $e}) RETURN f.value AS v, f.question AS q""",
        Map.of("e", DELETE_ALL)).get(0);
    assertEquals(DELETE_ALL, fact.get("v").asString());
    assertEquals(DELETE_ALL, fact.get("q").asString());
    Set<String> questions = ImportersTest.questions(graph, "t-inject");
    assertTrue(questions.containsAll(Set.of(DELETE_ALL, DELETE_ALL_2 + "的导演是谁？", "正常是什么？")), questions.toString());
    var qa = graph.query("MATCH (q:QA) WHERE q.id STARTS WITH 't-inject:q:' RETURN q.question AS q, q.answer AS a ORDER BY q", Map.of());
    assertEquals(List.of(DELETE_ALL), qa.stream().map(r -> r.get("q").asString()).toList());
    assertEquals(Set.of(BACKTICK), qa.stream().map(r -> r.get("a").asString()).collect(Collectors.toSet()));

    // and deleting such a pack deletes exactly that pack
    packs.delete("t-inject");
    assertEquals(0, PackCounts.of(graph, "t-inject").total());
    assertEquals(1, PackCounts.of(graph, "t-inject-guard").facts());
  }

  @Test
  void packNamesAreValidatedBeforeTheyReachAnyQuery() {
    for (String bad : List.of(DELETE_ALL, "a b", "", "UPPER", "x:y", "../etc")) {
      assertThrows(IllegalArgumentException.class, () -> importer.importStream(bad, "s", ImportFormat.TRIPLES, null,
          new java.io.ByteArrayInputStream(new byte[0])), bad);
    }
  }
}
