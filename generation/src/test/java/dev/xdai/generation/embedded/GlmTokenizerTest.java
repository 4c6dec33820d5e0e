package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer binding on a tokenizer.json in the trainer's format; no model needed. */
class GlmTokenizerTest {

  @Test
  void charactersSpecialsAndUnknowns(@TempDir Path dir) throws Exception {
    TinyTokenizer.write(dir);
    GlmConfig config = GlmConfig.read(dir.resolve("config.json"));
    try (GlmTokenizer t = GlmTokenizer.load(dir.resolve("tokenizer.json"), config)) {
      assertArrayEquals(new int[] {7, 9, 12, 13, 10, 8, 9, 2}, t.encode("A:你好|B:[MASK]"));
      assertArrayEquals(new int[] {12, 1, 11, 13}, t.encode("你猫 好")); // 猫 is not in the vocabulary
      assertEquals("A:你好|B:[MASK]", t.vocabulary().text(t.encode("A:你好|B:[MASK]")));
      assertEquals(" ", t.vocabulary().piece(11));
      assertEquals(6, t.vocabulary().endToken());
      assertTrue(t.vocabulary().banned(2) && t.vocabulary().banned(1) && t.vocabulary().banned(5));
      assertFalse(t.vocabulary().banned(6) || t.vocabulary().banned(12));
      assertEquals(0, t.encode("").length);
    }
  }

  @Test
  void theJavaCountAgreesWithTheNativeOneOnRandomTexts(@TempDir Path dir) throws Exception {
    TinyTokenizer.write(dir);
    GlmConfig config = GlmConfig.read(dir.resolve("config.json"));
    String[] parts = {"[", "]", "MASK", "[MASK]", "[gMASK]", "[sMASK]", "[sop]", "[eop", "你", "好", "猫", " ", "|", "A:", "\n", "🎿", "g", "s"};
    java.util.Random random = new java.util.Random(3);
    try (GlmTokenizer t = GlmTokenizer.load(dir.resolve("tokenizer.json"), config)) {
      assertTrue(t.countsInJava());
      for (int round = 0; round < 2000; round++) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(30); n > 0; n--) text.append(parts[random.nextInt(parts.length)]);
        assertEquals(t.nativeCount(text.toString()), t.count(text.toString()), text.toString());
      }
    }
  }

  @Test
  void aTokenizerWithMergesOrAPreTokenizerIsCountedNatively() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    String base = "{\"added_tokens\":[{\"content\":\"[MASK]\"}],\"normalizer\":null,\"pre_tokenizer\":%s,"
        + "\"model\":{\"type\":\"BPE\",\"merges\":%s}}";
    assertEquals(java.util.List.of("[MASK]"), GlmTokenizer.characterLevelSpecials(json.readTree(base.formatted("null", "[]"))));
    assertNull(GlmTokenizer.characterLevelSpecials(json.readTree(base.formatted("null", "[\"你 好\"]"))));
    assertNull(GlmTokenizer.characterLevelSpecials(json.readTree(base.formatted("{\"type\":\"Whitespace\"}", "[]"))));
  }

  @Test
  void theShippedTokenizerIsCountedInJavaAndAgrees() throws Exception {
    Path dir = ModelFixture.requireDir();
    GlmConfig config = GlmConfig.read(dir.resolve("config.json"));
    try (GlmTokenizer t = GlmTokenizer.load(dir.resolve("tokenizer.json"), config)) {
      assertTrue(t.countsInJava());
      String prompt = "我叫小呆。|Q:长城有多长？ A:约两万公里|A:你好 hello|B:嗯[unk]|A:[[gMASK]]|B:[MASK]|A:😀好的";
      assertEquals(t.nativeCount(prompt), t.count(prompt));
    }
  }
}
