package dev.xdai.personas;

import static dev.xdai.personas.Fixtures.await;
import static dev.xdai.personas.Fixtures.emotion;
import static dev.xdai.personas.Fixtures.persona;
import static dev.xdai.personas.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher reloads the registry when files appear, change or go; it asserts outcomes, never timings. */
class PersonaDirectoryWatcherTest {

  @TempDir Path tmp;

  @Test
  void newChangedBrokenAndDeletedFilesAreReloaded() throws IOException {
    Path writable = tmp.resolve("writable");
    PersonaRegistry registry = Fixtures.registry(Fixtures.shippedRoot(tmp.resolve("shipped")), writable);
    try (PersonaDirectoryWatcher watcher = PersonaDirectoryWatcher.forRegistry(registry, Duration.ofMillis(50))) {
      watcher.start();
      assertTrue(watcher.isRunning());

      Path file = write(writable, "personas", "gamma.yaml", persona("gamma", "伽马", null));
      await("new file loaded", () -> registry.find("gamma").isPresent());

      write(writable, "personas", "gamma.yaml", persona("gamma", "新伽马", null));
      await("changed file reloaded", () -> registry.find("gamma").orElseThrow().displayName().equals("新伽马"));

      write(writable, "personas", "gamma.yaml", "version: 1\nid: gamma\n");
      await("broken edit reported", () -> !registry.problems().isEmpty());
      assertEquals("新伽马", registry.find("gamma").orElseThrow().displayName(), "the last good version stays");
      assertTrue(registry.problems().getFirst().servingPrevious());

      write(writable, "emotions", "sad.yaml", emotion("sad"));
      await("new emotion loaded", () -> registry.emotion("sad").isPresent());

      Files.delete(file);
      await("deleted file unloaded", () -> registry.find("gamma").isEmpty() && registry.problems().isEmpty());
    }
  }

  @Test
  void aFolderCreatedAfterStartIsWatchedToo() throws IOException {
    Path folder = tmp.resolve("later/personas");
    AtomicInteger reloads = new AtomicInteger();
    PersonaDirectoryWatcher watcher = new PersonaDirectoryWatcher(List.of(folder), reloads::incrementAndGet, Duration.ofMillis(50));
    try (watcher) {
      watcher.start();
      Files.createDirectories(folder);
      await("new folder noticed", () -> reloads.get() > 0);
      int before = reloads.get();
      write(tmp.resolve("later"), "personas", "x.yaml", "x");
      await("file in the new folder noticed", () -> reloads.get() > before);
    }
    assertFalse(watcher.isRunning());
  }
}
