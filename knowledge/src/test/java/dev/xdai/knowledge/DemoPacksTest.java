package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.demo.DemoPacks;
import dev.xdai.knowledge.demo.PackContent;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped packs import cleanly, once, with seeds and expansion concepts. */
class DemoPacksTest {

  @Test
  void shippedPacksImportWithoutSkipsAndOnlyOnce() {
    GraphConnection graph = TestGraph.get();
    PackContent content = DemoPacks.defaultContent();
    assertTrue(content.describe().endsWith("src/main/resources/knowledge"), content.describe());
    DemoPacks demo = new DemoPacks(graph, null, content);

    List<DemoPacks.Outcome> first = demo.ensureImported();
    assertEquals(DemoPacks.NAMES, first.stream().map(DemoPacks.Outcome::pack).toList());
    Packs packs = new Packs(graph, null);
    for (DemoPacks.Outcome o : first) {
      assertTrue(o.imported(), o.pack());
      for (ImportResult r : o.results()) {
        System.out.println(r.summary());
        assertEquals(Map.of(), r.skipped(), r.source());
        assertTrue(r.records() > 0, r.source());
      }
      System.out.println(o.pack() + " expansion: " + o.expansion().concepts());
      assertFalse(o.expansion().concepts().isEmpty(), o.pack());
      assertEquals(List.of(), o.expansion().unresolvedSeeds(), o.pack());
      PackInfo info = packs.get(o.pack()).orElseThrow();
      assertTrue(info.facts() >= 30 && info.qa() >= 10 && info.descriptions() >= 5, info.toString());
      assertFalse(info.title().isBlank());
    }

    List<DemoPacks.Outcome> second = demo.ensureImported();
    assertTrue(second.stream().noneMatch(DemoPacks.Outcome::imported));

    // a persona's pack names resolve
    for (String persona : List.of("receptionist", "student", "interviewer")) {
      Path file = Path.of(System.getProperty("xdai-project.root", ".."), "src/main/resources/personas", persona + ".yaml");
      if (!Files.exists(file)) continue;
      String yaml = assertDoesNotThrowRead(file);
      assertTrue(DemoPacks.NAMES.stream().anyMatch(p -> yaml.contains("- " + p)), persona);
    }
  }

  private static String assertDoesNotThrowRead(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
