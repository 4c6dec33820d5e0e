package dev.xdai.retrieval;

import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.index.KnowledgeIndex;
import dev.xdai.retrieval.link.DictionaryEntity;
import dev.xdai.retrieval.link.EntityDictionary;
import java.util.Collection;
import java.util.List;

/**
 * The one door through which the knowledge graph updates retrieval: each call changes the index (items) and the
 * entity-linker dictionary (names) together, and both are visible to the next dialogue turn when it returns. Items go
 * in first, so a newly linkable name never points at items that are not searchable yet. Thread-safe.
 */
public final class KnowledgeFeed {

  private final KnowledgeIndex index;
  private final EntityDictionary dictionary;

  public KnowledgeFeed(KnowledgeIndex index, EntityDictionary dictionary) {
    this.index = index;
    this.dictionary = dictionary;
  }

  /** Everything anew (at start-up when {@link #needsRebuild()}, or on demand). */
  public void rebuild(Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {
    index.rebuild(items);
    dictionary.replaceAll(entities);
  }

  /** One pack anew, after it was imported again; the other packs are untouched. */
  public void replacePack(String pack, Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {
    index.replacePack(pack, items);
    dictionary.replacePack(pack, entities);
  }

  /** Adds or replaces (by id) some items and entities, after an incremental import. */
  public void upsert(List<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {
    if (!items.isEmpty()) index.upsert(items);
    if (!entities.isEmpty()) dictionary.upsert(entities);
  }

  /** Removes items by id, and entities by id from one pack. */
  public void remove(Collection<String> itemIds, String pack, Collection<String> entityIds) {
    if (!itemIds.isEmpty()) index.delete(itemIds);
    if (!entityIds.isEmpty()) dictionary.remove(pack, entityIds);
  }

  /** Removes a pack's items and entities. */
  public void deletePack(String pack) {
    index.deletePack(pack);
    dictionary.deletePack(pack);
  }

  /**
   * Loads the entity dictionary alone. It lives in memory (cheap to rebuild from the graph), while the index persists
   * on disk: at start-up call this, or {@link #rebuild} when {@link #needsRebuild()}.
   */
  public void reloadEntities(Collection<DictionaryEntity> entities) {
    dictionary.replaceAll(entities);
  }

  /** True when the index is empty or was cleared because its vectors came from another embedder: {@link #rebuild}. */
  public boolean needsRebuild() {
    return index.needsRebuild();
  }
}
