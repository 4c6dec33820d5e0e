package dev.xdai.evaluation.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.evaluation.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path dir;

  private String write() throws Exception {
    new ResultsPage(dir.resolve("results"), dir.resolve("docs")).write();
    return Files.readString(dir.resolve("docs/results.md"));
  }

  @Test
  void withoutResultsEverythingIsNotMeasuredYetAndNoPlotIsLeft() throws Exception {
    Files.createDirectories(dir.resolve("docs/img"));
    Files.write(dir.resolve("docs/img/" + ResultsPage.RETRIEVAL_PNG), new byte[] {1}); // a stale plot
    String page = write();
    // reply quality, the answer calibration, reranking, seven benchmarks, JMH
    assertEquals(11, page.split(ResultsPage.NOT_MEASURED, -1).length - 1, page);
    assertFalse(Files.exists(dir.resolve("docs/img/" + ResultsPage.RETRIEVAL_PNG)));
    assertFalse(page.contains("!["));
  }

  @Test
  void savedResultsBecomeTablesWithCommandAndDateAndPlots() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(results.resolve("eval-oracle.json"), """
        {"kind":"eval","mode":"oracle","samples":400,"f1":41.234,"knowledge_f1":30.0,"bleu1":40.0,"bleu2":20.0,
         "distinct1":5.0,"distinct2":20.0,"char_ppl":9.5,"hallucinated_numbers":3.0,"knowledge_recall@1":null,
         "knowledge_recall@3":null,"knowledge_recall@5":null,"ablation":"default","model":"m","date":"2026-11-20T10:00:00Z",
         "data":["/x/training/heldout/"],"command":"./xdai eval kdconv --mode oracle --json"}""");
    Files.writeString(results.resolve("bench-retrieval.json"), """
        {"kind":"bench","bench":"retrieval","machine":{"cores":2,"memory_mb":24576,"jvm":"OpenJDK 25"},"warmup":50,
         "iterations":200,"rows":[{"pairs":1000,"p50_ms":1.5,"p99_ms":3.0},{"pairs":100000,"p50_ms":4.0,"p99_ms":9.0}],
         "notes":[],"date":"2026-11-21T10:00:00Z","command":"./xdai bench retrieval --json"}""");
    Files.writeString(results.resolve("rerank-heldout.json"), """
        {"kind":"rerank","samples":200,"skipped":3,"candidates":10,"chance":10.0,"recall@1_forward":13.0,
         "recall@1_inverse+pmi":33.04,"model":"m","data":["training/heldout"],"date":"2026-11-22T10:00:00Z",
         "command":"./xdai eval rerank --json"}""");
    String page = write();
    assertTrue(page.contains("| oracle | default | heldout | 400 | 41.2 |"), page);
    assertTrue(page.contains("| recall@1_forward | recall@1_inverse+pmi |"), page);
    assertTrue(page.contains("| heldout | 200 | 10 | 10.0 | 13.0 | 33.0 | m | 2026-11-22 |"), page);
    assertTrue(page.contains("`./xdai eval kdconv --mode oracle --json`") && page.contains("2026-11-20"), page);
    assertTrue(page.contains("`./xdai bench retrieval --json` — 2026-11-21"), page);
    assertTrue(page.contains("| 100000 | 4.00 | 9.00 |"), page);
    for (String png : new String[] {ResultsPage.ABLATIONS_PNG, ResultsPage.RETRIEVAL_PNG}) {
      assertTrue(page.contains("(img/" + png + ")"));
      byte[] bytes = Files.readAllBytes(dir.resolve("docs/img/" + png));
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 4));
    }
    // the answer calibration, the six other benchmarks and JMH
    assertEquals(8, page.split(ResultsPage.NOT_MEASURED, -1).length - 1);
  }

  @Test
  void theCommandLineTakesTheProjectRootAndRefusesMore() throws Exception {
    Captured out = new Captured();
    Captured err = new Captured();
    assertEquals(0, ResultsPage.run(out.stream(), err.stream(), dir.toString()));
    assertTrue(Files.readString(dir.resolve("docs/results.md")).contains(ResultsPage.NOT_MEASURED));
    assertEquals("wrote " + dir.resolve("docs/results.md"), out.text().strip());
    out.reset();
    assertEquals(0, ResultsPage.run(out.stream(), err.stream(), "--help"));
    assertTrue(out.text().startsWith("Usage: ResultsPage [-h] [ROOT]"), out.text());
    assertEquals(2, ResultsPage.run(out.stream(), err.stream(), dir.toString(), "docs"));
    assertTrue(err.text().contains("Unmatched argument at index 1: 'docs'"), err.text());
  }
}
