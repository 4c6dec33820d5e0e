package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.dialogue.rank.ReplyFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dumps a fit reads: every sample in order, blank lines skipped, and errors that say which file and line. */
class FittedFileTest {

  @TempDir Path dir;

  @Test
  void samplesAreReadInOrderWithWhereTheyAre() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jsonl"), "{\"n\":1}\n\n{\"n\":2}\n");
    Path b = Files.writeString(dir.resolve("b.jsonl"), "{\"n\":3}\n");
    List<String> seen = new ArrayList<>();
    FittedFile.readDumps(List.of(a, b), (sample, where) -> seen.add(sample.path("n").asInt() + "@" + where));
    assertEquals(List.of("1@" + a + " line 1", "2@" + a + " line 3", "3@" + b + " line 1"), seen);
  }

  @Test
  void theRerankFitReadsTurnsAndNamesTheLineOfABadOne() throws Exception {
    String names = ReplyFeatures.NAMES.stream().map(n -> "\"" + n + "\"").reduce((x, y) -> x + "," + y).orElseThrow();
    String zeros = ReplyFeatures.NAMES.stream().map(n -> "0.5").reduce((x, y) -> x + "," + y).orElseThrow();
    String good = "{\"features\":[" + names + "],\"candidates\":[[" + zeros + "],[" + zeros + "]]}";
    Path dump = Files.writeString(dir.resolve("rerank.jsonl"), good + "\n" + good + "\n");
    assertEquals(2, RerankFitCommand.read(List.of(dump)).size());
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), good + "\n{\"features\":[\"forward\"],\"candidates\":[]}\n");
    var e = assertThrows(IllegalArgumentException.class, () -> RerankFitCommand.read(List.of(bad)));
    assertTrue(e.getMessage().startsWith(bad + " line 2: features"), e.getMessage());
  }

  @Test
  void theCalibrationNamesTheLineOfACandidateWithoutItsFeatures() throws Exception {
    Path bad = Files.writeString(dir.resolve("answers.jsonl"), "{\"answer_candidates\":[{\"gold\":true,\"features\":{}}]}\n");
    var e = assertThrows(IllegalArgumentException.class, () -> CalibrateCommand.read(List.of(bad)));
    assertTrue(e.getMessage().startsWith(bad + " line 1: a candidate lacks feature"), e.getMessage());
  }
}
