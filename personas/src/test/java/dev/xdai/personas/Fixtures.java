package dev.xdai.personas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small helpers for tests that lay out content folders on disk. */
final class Fixtures {

  private Fixtures() {}

  static String persona(String id, String name, String emotion) {
    return "version: 1\nid: " + id + "\ndisplayName: " + name + "\nbackground: 我是" + name + "。\n"
        + (emotion == null ? "" : "defaultEmotion: " + emotion + "\n")
        + "examples:\n  - lines:\n      - speaker: user\n        text: 你好\n      - speaker: bot\n        text: 你好呀\n";
  }

  static String emotion(String id) {
    return "version: 1\nid: " + id + "\ndescription: " + id + "\npostResponses:\n  - lines:\n      - speaker: user\n        text: 嗯。\n";
  }

  static Path write(Path root, String folder, String fileName, String text) {
    try {
      Path file = root.resolve(folder).resolve(fileName);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A shipped root with emotions neutral and happy and personas alpha (neutral) and beta (happy). */
  static Path shippedRoot(Path dir) {
    write(dir, "emotions", "neutral.yaml", emotion("neutral"));
    write(dir, "emotions", "happy.yaml", emotion("happy"));
    write(dir, "personas", "alpha.yaml", persona("alpha", "阿尔法", "neutral"));
    write(dir, "personas", "beta.yaml", persona("beta", "贝塔", "happy"));
    return dir;
  }

  static PersonaRegistry registry(Path shipped, Path writable) {
    return PersonaRegistry.load(List.of(ContentRoot.directory(shipped)), writable);
  }

  /** Waits until {@code condition} holds, failing after a generous timeout; the test asserts nothing about timing. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}
