package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Finds the shipped models for tests: the float reference model ({@code -Dxdai.model.dir}, else
 * {@code models/xdai-glm-small} under {@code xdai-project.root}, set by surefire), against which the runtime's parity is
 * tested, and its int8 build ({@link EmbeddedGlm#DEFAULT_DIR}), which the service runs. Tests that need one are
 * skipped, saying why, when its files are absent. The float model is loaded once per test JVM.
 */
final class ModelFixture {

  private static EmbeddedGlm shared;

  private ModelFixture() {}

  static Path dir() {
    String explicit = System.getProperty("xdai.model.dir");
    if (explicit != null) return Path.of(explicit);
    return root().resolve(EmbeddedGlm.REFERENCE_DIR);
  }

  static Path int8Dir() {
    return root().resolve(EmbeddedGlm.DEFAULT_DIR);
  }

  private static Path root() {
    return Path.of(System.getProperty("xdai-project.root", ".."));
  }

  static Path requireDir() {
    return require(dir());
  }

  static Path require(Path dir) {
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json", "reference.json"}) {
      assumeTrue(Files.isRegularFile(dir.resolve(f)), () -> "skipped: no embedded model (" + dir.resolve(f) + " is absent)");
    }
    return dir;
  }

  /** Two threads per session: the tests share two cores with other work. */
  static EmbeddedGlm load(Path dir) {
    return EmbeddedGlm.load(EmbeddedGlmConfig.of(dir).withThreads(2, 1).withPermits(2, Duration.ofMinutes(1)));
  }

  static synchronized EmbeddedGlm model() {
    Path dir = requireDir();
    if (shared == null) shared = load(dir);
    return shared;
  }
}
