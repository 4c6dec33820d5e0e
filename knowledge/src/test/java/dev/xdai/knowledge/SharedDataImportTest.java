package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.EntityNames;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared development data ({@code -Dxdai.shared.data}, set by the build to {@code ../shared/data}): KdConv dev of all
 * three domains into one pack, the travel knowledge base, and the medical FAQ. Skipped with a message when absent.
 */
class SharedDataImportTest {

  static GraphConnection graph;
  static Path data;

  @BeforeAll
  static void start() {
    String dir = System.getProperty("xdai.shared.data", "");
    data = dir.isBlank() ? null : Path.of(dir);
    assumeTrue(data != null && Files.isDirectory(data.resolve("kdconv")),
        "shared data not found (set -Dxdai.shared.data to the folder holding kdconv/): skipping");
    graph = TestGraph.get();
  }

  @AfterAll
  static void cleanUp() {
    if (graph == null) return;
    Packs packs = new Packs(graph, null);
    for (String p : List.of("t-kdconv-dev", "t-kdconv-kb", "t-medical")) packs.delete(p);
  }

  @Test
  void kdconvDevOfAllThreeDomainsHoldsEveryDistinctTripleOnce() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String domain : List.of("film", "music", "travel")) files.add(data.resolve("kdconv").resolve(domain).resolve("dev.json"));
    Set<List<String>> expected = new HashSet<>();
    Set<String> entities = new HashSet<>();
    Set<List<String>> informations = new HashSet<>();
    for (Path f : files) {
      for (JsonNode conversation : new ObjectMapper().readTree(f.toFile())) {
        for (JsonNode message : conversation.path("messages")) {
          for (JsonNode a : message.path("attrs")) {
            String name = EntityNames.clean(a.path("name").asText());
            String attr = EntityNames.clean(a.path("attrname").asText());
            String value = a.path("attrvalue").asText().strip();
            if (name.isEmpty() || attr.isEmpty() || value.isEmpty()) continue;
            expected.add(List.of(name, attr, value));
            entities.add(name);
            if (attr.equals("Information")) informations.add(List.of(EntityNames.display(name), value));
          }
        }
      }
    }

    KnowledgeImporter importer = new KnowledgeImporter(graph, null);
    List<ImportResult> results = importer.importFiles("t-kdconv-dev", ImportFormat.KDCONV, files, FaqFields.DEFAULT);
    results.forEach(r -> System.out.println(r.summary()));
    PackCounts counts = PackCounts.of(graph, "t-kdconv-dev");
    System.out.println("kdconv dev, 3 domains: " + counts + "; expected distinct triples " + expected.size());
    assertEquals(expected.size(), counts.facts());
    assertEquals(entities.size(), counts.entities());
    assertEquals(informations.size(), counts.descriptions());
    assertEquals(3, counts.sources());

    // importing all three again does not add a single node
    importer.importFiles("t-kdconv-dev", ImportFormat.KDCONV, files, FaqFields.DEFAULT);
    assertEquals(counts, PackCounts.of(graph, "t-kdconv-dev"));

    // spot check: the eval's QA rendering convention
    Set<String> questions = new HashSet<>();
    new dev.xdai.knowledge.sync.IndexSync(graph, dev.xdai.knowledge.sync.KnowledgeSink.NONE).items("t-kdconv-dev")
        .forEach(i -> questions.add(i.title()));
    assertTrue(questions.contains("恋恋笔记本是什么时候上映的？"));
    assertTrue(questions.contains("恋恋笔记本是什么？"));
  }

  @Test
  void travelKnowledgeBaseImportsEveryDistinctTriple() throws IOException {
    Path kb = data.resolve("kdconv/travel/kb_travel.json");
    assumeTrue(Files.exists(kb), "kb_travel.json absent: skipping");
    Set<List<String>> expected = new HashSet<>();
    new ObjectMapper().readTree(kb.toFile()).fields().forEachRemaining(e -> {
      for (JsonNode t : e.getValue()) {
        if (t.size() >= 3) {
          String name = EntityNames.clean(t.get(0).asText());
          String attr = EntityNames.clean(t.get(1).asText());
          String value = t.get(2).asText().strip();
          if (!name.isEmpty() && !attr.isEmpty() && !value.isEmpty()) expected.add(List.of(name, attr, value));
        }
      }
    });
    ImportResult r = new KnowledgeImporter(graph, null).importFile("t-kdconv-kb", ImportFormat.KDCONV, kb);
    System.out.println(r.summary());
    assertEquals(expected.size(), r.facts());
    new Packs(graph, null).relinkIfStale("t-kdconv-kb");
    long links = graph.query("MATCH (:Entity {pack: 't-kdconv-kb'})-[r:RELATED]->() RETURN count(r) AS n", Map.of())
        .get(0).get("n").asLong();
    assertTrue(links > 1000, "周边景点 should link many sights: " + links);
  }

  @Test
  void medicalFaqStreamsAllRecords() throws IOException {
    Path faq = data.resolve("corpora/medical-qa/internal-medicine.jsonl");
    assumeTrue(Files.exists(faq), "medical-qa absent: skipping");
    long lines = 0;
    Set<List<String>> distinct = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(faq)) {
      if (line.isBlank()) continue;
      lines++;
      JsonNode r = json.readTree(line);
      distinct.add(List.of(EntityNames.clean(r.path("title").asText()), r.path("answer").asText().strip()));
    }
    ImportResult r = new KnowledgeImporter(graph, null).importFile("t-medical", ImportFormat.FAQ, faq);
    System.out.println(r.summary());
    assertEquals(lines, r.rowsRead());
    assertEquals(distinct.size(), r.qa(), r.summary()); // the corpus repeats some question/answer pairs: merged
    assertEquals(lines, r.records() + r.skippedTotal(), r.summary());
    assertTrue(r.entities() >= 1); // departments
  }
}
