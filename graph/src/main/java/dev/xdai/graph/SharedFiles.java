package dev.xdai.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;

/**
 * Small text files every replica sharing the graph keeps a copy of (the personas written through the API), stored in
 * the graph as {@code (:SharedFile {key, kind, name, text, deleted, version})}: the graph holds the truth, replicas
 * mirror it into their own folders. Each write or delete ticks the {@link ChangeClock} and stamps the file, and a
 * delete leaves a tombstone, so {@link #changesSince} read incrementally tells a replica everything it missed, deletes
 * included, even after it was down. Thread-safe.
 */
public final class SharedFiles {

  /** One file's state as of its version: its text, or empty once deleted. */
  public record Change(String name, Optional<String> text, long version) {}

  private final GraphConnection graph;
  private final String kind;

  /** @param kind what the files are ({@code persona}); names are unique within a kind */
  public SharedFiles(GraphConnection graph, String kind) {
    this.graph = graph;
    this.kind = kind;
  }

  /** Writes the file; returns its new version. */
  public long put(String name, String text) {
    return write(name, text, false);
  }

  /** Deletes the file, leaving a tombstone so replicas that had it delete their copy; returns the tombstone's version. */
  public long delete(String name) {
    return write(name, null, true);
  }

  /** The file's text, empty when there is none or it was deleted. */
  public Optional<String> get(String name) {
    return graph.query("MATCH (f:SharedFile {key: $key}) WHERE NOT f.deleted RETURN f.text AS text", Map.of("key", key(name)))
        .stream().map(r -> r.get("text").asString()).findFirst();
  }

  /** Whether the graph has ever had the file (also when it was deleted since). */
  public boolean known(String name) {
    return !graph.query("MATCH (f:SharedFile {key: $key}) RETURN f.key", Map.of("key", key(name))).isEmpty();
  }

  /** Every file changed after {@code version} (0: all), oldest change first: each file's latest state. */
  public List<Change> changesSince(long version) {
    return graph.query("""
        MATCH (f:SharedFile {kind: $kind}) WHERE f.version > $since
        RETURN f.name AS name, f.text AS text, f.deleted AS deleted, f.version AS version
        ORDER BY version""", Map.of("kind", kind, "since", version)).stream().map(SharedFiles::change).toList();
  }

  private long write(String name, String text, boolean deleted) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("key", key(name));
    params.put("kind", kind);
    params.put("name", name);
    params.put("text", text);
    params.put("deleted", deleted);
    return graph.write(tx -> tx.run("""
        MERGE (f:SharedFile {key: $key})
        SET f.kind = $kind, f.name = $name, f.text = $text, f.deleted = $deleted
        WITH f %s SET f.version = clock.seq
        RETURN f.version AS version""".formatted(ChangeClock.TICK), params).single().get("version").asLong());
  }

  private String key(String name) {
    return kind + "/" + name;
  }

  private static Change change(Record r) {
    return new Change(r.get("name").asString(), r.get("deleted").asBoolean() ? Optional.empty() : Optional.of(r.get("text").asString()),
        r.get("version").asLong());
  }
}
