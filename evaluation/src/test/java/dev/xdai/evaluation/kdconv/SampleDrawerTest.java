package dev.xdai.evaluation.kdconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.Speaker;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDrawerTest {

  @TempDir Path dir;

  @Test
  void everyOddIndexUtteranceWithAttrsIsASample() throws Exception {
    TinyKdConv.write(dir);
    List<KdConvSample> all = SampleDrawer.all(KdConvReader.read(KdConvReader.files(List.of(dir))));
    assertEquals(List.of("film/dev.json#0#1", "film/dev.json#0#5", "film/dev.json#1#1"),
        all.stream().map(KdConvSample::id).toList());
  }

  @Test
  void contextIsEverythingBeforeTheSampleUserFirst() throws Exception {
    TinyKdConv.write(dir);
    KdConvSample s = SampleDrawer.all(KdConvReader.read(KdConvReader.files(List.of(dir)))).get(1);
    assertEquals(5, s.context().size());
    assertEquals(List.of(Speaker.USER, Speaker.BOT, Speaker.USER, Speaker.BOT, Speaker.USER),
        s.context().stream().map(u -> u.speaker()).toList());
    assertEquals("导演是谁？", s.query());
    assertEquals("导演是尼克·卡索维茨。", s.goldReply());
    assertEquals("尼克·卡索维茨", s.goldTriples().get(0).value());
    assertEquals(List.of(new Exchange(0, "知道恋恋笔记本吗？", "知道，是2004年的爱情片。"), new Exchange(1, "成本才2900万美元。", "嗯嗯。")),
        s.history());
  }

  @Test
  void drawingShufflesWithJavaUtilRandomOfTheSeed() {
    List<KdConvConversation> conversations = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      conversations.add(new KdConvConversation("d/dev.json", c, "", List.of(new KdConvConversation.Message("问" + c, List.of()),
          new KdConvConversation.Message("答" + c, List.of(new Triple("e" + c, "a", "v"))))));
    }
    List<KdConvSample> expected = new ArrayList<>(SampleDrawer.all(conversations));
    Collections.shuffle(expected, new Random(7));
    assertEquals(expected.subList(0, 20), SampleDrawer.draw(conversations, 20, 7));
    assertEquals(SampleDrawer.draw(conversations, 20, 7), SampleDrawer.draw(conversations, 20, 7));
  }

  @Test
  void drawingMoreThanThereAreTakesAll() throws Exception {
    TinyKdConv.write(dir);
    assertEquals(3, SampleDrawer.draw(KdConvReader.read(KdConvReader.files(List.of(dir))), 400, 1).size());
  }

  @Test
  void drawingNothingIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> SampleDrawer.draw(List.of(), 0, 1));
  }

  @Test
  void directoriesStandForTheirKdConvFilesOnly() throws Exception {
    Path file = TinyKdConv.write(dir);
    assertEquals(List.of(file.toAbsolutePath().normalize()), KdConvReader.files(List.of(dir, file)));
  }

  @Test
  void missingAndForeignPathsAreErrors() throws Exception {
    TinyKdConv.write(dir);
    assertThrows(NoSuchFileException.class, () -> KdConvReader.files(List.of(dir.resolve("nope.json"))));
    assertThrows(IllegalArgumentException.class, () -> KdConvReader.files(List.of(dir.resolve("film/kb_film.json"))));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThrows(IllegalArgumentException.class, () -> KdConvReader.files(List.of(empty)));
  }

  @Test
  void distinctTriplesOfTheData() throws Exception {
    TinyKdConv.write(dir);
    assertEquals(4, KdConvReader.distinctTriples(KdConvReader.read(KdConvReader.files(List.of(dir)))).size());
  }
}
