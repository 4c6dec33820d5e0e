package dev.xdai.retrieval.link;

import dev.xdai.retrieval.ChineseText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names the entity linker looks for, per pack and entity id, fed from the knowledge graph: replaced whole on a
 * rebuild, per pack after a pack import, or entity by entity. Changes are seen by the next link; the lookup structure is
 * rebuilt lazily once per batch of changes. Thread-safe.
 */
public final class EntityDictionary {

  private final Map<String, Map<String, DictionaryEntity>> byPack = new LinkedHashMap<>();
  private volatile Snapshot snapshot;
  private volatile long generation;

  /** Replaces the whole dictionary (after a full rebuild of the graph). */
  public synchronized void replaceAll(Collection<DictionaryEntity> entities) {
    byPack.clear();
    putAll(entities);
  }

  /** Replaces one pack's entities (after that pack was imported again); entities must belong to the pack. */
  public synchronized void replacePack(String pack, Collection<DictionaryEntity> entities) {
    for (DictionaryEntity e : entities) {
      if (!e.pack().equals(pack)) throw new IllegalArgumentException(e.id() + " is not in pack " + pack);
    }
    byPack.remove(pack);
    putAll(entities);
  }

  /** Adds entities or replaces those with the same pack and id. */
  public synchronized void upsert(Collection<DictionaryEntity> entities) {
    putAll(entities);
  }

  /** Removes entities by id from one pack. */
  public synchronized void remove(String pack, Collection<String> ids) {
    Map<String, DictionaryEntity> entities = byPack.get(pack);
    if (entities != null) ids.forEach(entities::remove);
    changed();
  }

  /** Removes every entity of a pack. */
  public synchronized void deletePack(String pack) {
    byPack.remove(pack);
    changed();
  }

  public synchronized int size() {
    return byPack.values().stream().mapToInt(Map::size).sum();
  }

  public synchronized Optional<DictionaryEntity> get(String pack, String id) {
    return Optional.ofNullable(byPack.getOrDefault(pack, Map.of()).get(id));
  }

  private void putAll(Collection<DictionaryEntity> entities) {
    for (DictionaryEntity e : entities) byPack.computeIfAbsent(e.pack(), p -> new LinkedHashMap<>()).put(e.id(), e);
    changed();
  }

  private void changed() {
    snapshot = null;
    generation++; // only under this object's lock
  }

  /** Grows with every change: equal generations mean the same names link to the same entities. */
  public long generation() {
    return generation;
  }

  /** The current lookup structure, rebuilt if the dictionary changed since the last one. */
  Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s != null) return s;
    synchronized (this) {
      if (snapshot == null) snapshot = Snapshot.of(byPack.values().stream().flatMap(m -> m.values().stream()).toList());
      return snapshot;
    }
  }

  /** An immutable trie over every folded name, with the entities numbered in insertion order. */
  record Snapshot(List<DictionaryEntity> entities, NameTrie trie) {
    static Snapshot of(List<DictionaryEntity> entities) {
      Map<String, List<Integer>> names = new HashMap<>();
      for (int i = 0; i < entities.size(); i++) {
        for (String name : entities.get(i).names()) {
          String folded = ChineseText.fold(name.strip());
          if (ChineseText.contentOnly(folded).isEmpty()) continue; // a name of punctuation alone matches nothing useful
          names.computeIfAbsent(folded, k -> new ArrayList<>()).add(i);
        }
      }
      return new Snapshot(entities, NameTrie.build(names));
    }
  }
}
