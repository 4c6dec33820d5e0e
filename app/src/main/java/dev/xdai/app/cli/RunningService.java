package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code service.json} a serving xdai leaves in its data directory: its URL and process id. A command that would
 * otherwise open the same graph server and index (which the service owns) finds the service through it and goes
 * through its HTTP API instead.
 */
public record RunningService(URI url, long pid) {

  static final String FILE = "service.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The service recorded in {@code dataDir}, when its process is still alive. */
  public static Optional<RunningService> find(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      JsonNode json = JSON.readTree(file.toFile());
      RunningService s = new RunningService(URI.create(json.path("url").asText()), json.path("pid").asLong(-1));
      return s.alive() ? Optional.of(s) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // unreadable or half-written: treat as no service
    }
  }

  /** Records this process as the service at {@code url}; the file is replaced atomically and removed at exit. */
  public static RunningService record(Path dataDir, URI url) {
    RunningService s = new RunningService(url, ProcessHandle.current().pid());
    try {
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
      JSON.writeValue(tmp.toFile(), Map.of("url", url.toString(), "pid", s.pid()));
      Path file = dataDir.resolve(FILE);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      file.toFile().deleteOnExit();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /** The recorded process is alive and a JVM (after a crash, its pid may have been given to something else). */
  boolean alive() {
    return pid > 0 && ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().map(c -> c.contains("java")).orElse(true))
        .orElse(false);
  }
}
