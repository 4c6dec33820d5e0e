package dev.xdai.knowledge.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pack versions an index holds, kept next to it ({@code <data>/index-sync.json}, replaced atomically after the
 * index has committed each change) so that a replica started again syncs only the packs that changed while it was
 * down. Without a file (tests) the versions live in memory. Thread-safe.
 */
final class SyncedVersions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Path> file;
  private final Map<String, Long> versions = new HashMap<>();
  private boolean known;

  SyncedVersions(Optional<Path> file) {
    this.file = file;
    file.filter(Files::isRegularFile).ifPresent(f -> {
      try {
        versions.putAll(JSON.readValue(f.toFile(), new TypeReference<Map<String, Long>>() {}));
        known = true;
      } catch (IOException e) {
        // unreadable: the index is rebuilt from the graph, which writes the file again
      }
    });
  }

  /** Whether the versions are known: read from the file, or recorded by a rebuild. Else the index must be rebuilt. */
  synchronized boolean known() {
    return known;
  }

  synchronized Map<String, Long> snapshot() {
    return Map.copyOf(versions);
  }

  synchronized void put(String pack, long version) {
    versions.put(pack, version);
    save();
  }

  synchronized void remove(String pack) {
    if (versions.remove(pack) != null) save();
  }

  synchronized void replaceAll(Map<String, Long> all) {
    versions.clear();
    versions.putAll(all);
    known = true;
    save();
  }

  private void save() {
    if (file.isEmpty()) return;
    Path target = file.get();
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
      JSON.writeValue(tmp.toFile(), new TreeMap<>(versions));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
