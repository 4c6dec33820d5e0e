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
}
