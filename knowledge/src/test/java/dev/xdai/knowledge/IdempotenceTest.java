package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Re-imports replace, never duplicate; sources add up within a pack; deleting a pack leaves nothing behind. */
class IdempotenceTest {

  // tiny batches: every path crosses batch boundaries
  @RegisterExtension static final TestPacks fixture = TestPacks.batched(3, 2, "t-idem", "t-idem-other", "t-del");
  static final GraphConnection graph = fixture.graph;
  static final KnowledgeImporter importer = fixture.importer;
  static final Packs packs = fixture.packs;
  @TempDir Path dir;

  @Test
  void reimportingTheSameFileChangesNothing() throws IOException {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "甲,导演,乙\n甲,上映时间,2001年\n乙,Information,乙是一位导演。\n丙,门票,免费\n");
    ImportResult first = importer.importFile("t-idem", ImportFormat.TRIPLES, csv);
    PackCounts before = PackCounts.of(graph, "t-idem");
    ImportResult second = importer.importFile("t-idem", ImportFormat.TRIPLES, csv);
    PackCounts after = PackCounts.of(graph, "t-idem");
    assertEquals(before, after);
    assertEquals(new PackCounts(3, 3, 4, 0, 1, 1), after);
    assertEquals(first.facts(), second.facts());
    assertEquals(0, second.removed());
    long relations = graph.query("MATCH (:Entity {pack: 't-idem'})-[r]->() RETURN count(r) AS n", Map.of()).get(0).get("n").asLong();
    importer.importFile("t-idem", ImportFormat.TRIPLES, csv);
    assertEquals(relations, graph.query("MATCH (:Entity {pack: 't-idem'})-[r]->() RETURN count(r) AS n", Map.of()).get(0).get("n").asLong());
  }

  @Test
  void reimportingAChangedFileReplacesItsKnowledgeButKeepsOtherSources() throws IOException {
    Path one = dir.resolve("one.csv");
    Path two = dir.resolve("two.csv");
    Files.writeString(one, "甲,导演,乙\n甲,类型,爱情\n");
    Files.writeString(two, "丁,门票,50元\n甲,导演,乙\n"); // shares one triple with one.csv
    importer.importFile("t-idem-other", ImportFormat.TRIPLES, one);
    importer.importFile("t-idem-other", ImportFormat.TRIPLES, two);
    assertEquals(3, PackCounts.of(graph, "t-idem-other").facts());

    Files.writeString(one, "甲,类型,喜剧\n"); // 导演 and 爱情 gone from this source
    ImportResult changed = importer.importFile("t-idem-other", ImportFormat.TRIPLES, one);
    assertEquals(1, changed.removed()); // 甲 类型 爱情; 甲 导演 乙 is still provided by two.csv
    var values = graph.query("MATCH (f:Fact) WHERE f.id STARTS WITH 't-idem-other:f:' RETURN f.value AS v ORDER BY v", Map.of()).stream()
        .map(r -> r.get("v").asString()).toList();
    assertEquals(List.of("50元", "乙", "喜剧"), values);
    PackInfo info = packs.get("t-idem-other").orElseThrow();
    assertEquals(2, info.sources().size());
    assertEquals(3, info.facts());
  }

  @Test
  void deletingAPackRemovesEveryNodeAndLeavesOtherPacksAlone() throws IOException {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "甲,导演,乙\n乙,Information,乙是一位导演。\n");
    importer.importFile("t-del", ImportFormat.TRIPLES, csv);
    importer.importFile("t-idem", ImportFormat.TRIPLES, csv);
    long otherBefore = PackCounts.of(graph, "t-idem").total();
    assertTrue(packs.exists("t-del"));

    assertTrue(packs.delete("t-del"));
    assertFalse(packs.exists("t-del"));
    assertEquals(0, PackCounts.of(graph, "t-del").total());
    assertEquals(0, graph.query("MATCH (n) WHERE n.pack = 't-del' OR n.id STARTS WITH 't-del:' RETURN n", Map.of()).size());
    assertEquals(otherBefore, PackCounts.of(graph, "t-idem").total());
    assertFalse(packs.delete("t-del"));
  }
}
