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
}
