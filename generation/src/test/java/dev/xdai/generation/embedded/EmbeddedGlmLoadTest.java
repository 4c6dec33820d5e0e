package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.ModelUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading failures become a plain reason; no model needed. */
class EmbeddedGlmLoadTest {

  @Test
  void missingDirectoryNamesTheMissingFile(@TempDir Path dir) {
    var e = assertThrows(ModelUnavailableException.class, () -> EmbeddedGlm.load(EmbeddedGlmConfig.of(dir.resolve("nope"))));
    assertTrue(e.getMessage().contains("model.onnx is missing"), e.getMessage());
  }

  @Test
  void corruptGraphIsReportedAsUnloadable(@TempDir Path dir) throws Exception {
    TinyTokenizer.write(dir);
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    var e = assertThrows(ModelUnavailableException.class, () -> EmbeddedGlm.load(EmbeddedGlmConfig.of(dir)));
    assertTrue(e.getMessage().contains("model.onnx could not be loaded"), e.getMessage());
  }

  @Test
  void brokenConfigIsReported(@TempDir Path dir) throws Exception {
    TinyTokenizer.write(dir);
    Files.writeString(dir.resolve("config.json"), "{\"name\":\"x\",\"vocab_size\":10}");
    Files.writeString(dir.resolve("model.onnx"), "");
    var e = assertThrows(ModelUnavailableException.class, () -> EmbeddedGlm.load(EmbeddedGlmConfig.of(dir)));
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void thePromptLimitIsTheTrainedLengthWhenConfigGivesOne(@TempDir Path dir) throws Exception {
    String base = "\"name\":\"x\",\"vocab_size\":10,\"num_layers\":1,\"num_heads\":1,\"hidden_size\":4,\"head_dim\":4,"
        + "\"max_positions\":512,\"special_tokens\":{\"[pad]\":0,\"[unk]\":1,\"[MASK]\":2,\"[sMASK]\":3,\"[gMASK]\":4,\"[sop]\":5,\"[eop]\":6}";
    Files.writeString(dir.resolve("a.json"), "{" + base + ",\"max_prompt_tokens\":400}");
    Files.writeString(dir.resolve("b.json"), "{" + base + "}");
    assertEquals(400, GlmConfig.read(dir.resolve("a.json")).promptLimit());
    assertEquals(512, GlmConfig.read(dir.resolve("b.json")).promptLimit()); // older exports: every position
  }
}
