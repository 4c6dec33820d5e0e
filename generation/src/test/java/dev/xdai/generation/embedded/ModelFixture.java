package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Finds the shipped model for tests: {@code -Dxdai.model.dir}, else {@code models/xdai-glm-small} under
 * {@code xdai.project.root} (set by surefire). Tests that need it are skipped, saying why, when its files are absent.
 * The model is loaded once per test JVM.
 */
final class ModelFixture {

  private static EmbeddedGlm shared;

  private ModelFixture() {}

  static Path dir() {
    String explicit = System.getProperty("xdai.model.dir");
    if (explicit != null) return Path.of(explicit);
    return Path.of(System.getProperty("xdai.project.root", "..")).resolve("models/xdai-glm-small");
  }

  static Path requireDir() {
    Path dir = dir();
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json", "reference.json"}) {
      assumeTrue(Files.isRegularFile(dir.resolve(f)), () -> "skipped: no embedded model (" + dir.resolve(f) + " is absent)");
    }
    return dir;
  }

  static synchronized EmbeddedGlm model() {
    Path dir = requireDir();
    if (shared == null) {
      // Two threads per session: the tests share two cores with other work.
      shared = EmbeddedGlm.load(EmbeddedGlmConfig.of(dir).withThreads(2, 1).withPermits(2, Duration.ofMinutes(1)));
    }
    return shared;
  }
}
