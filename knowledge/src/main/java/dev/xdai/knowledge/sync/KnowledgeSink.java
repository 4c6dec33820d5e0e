package dev.xdai.knowledge.sync;

import dev.xdai.retrieval.KnowledgeFeed;
import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.link.DictionaryEntity;
import java.util.Collection;

/**
 * Where graph knowledge goes to be searched: in the service, retrieval's {@link KnowledgeFeed} (Lucene index + entity
 * dictionary, see {@link #of(KnowledgeFeed)}); {@link #NONE} for imports that skip indexing (benchmarks, batch jobs).
 * The items are streamed: implementations iterate them once.
 */
public interface KnowledgeSink {

  /** Replaces one pack's items and entity names. */
  void replacePack(String pack, Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities);

  /** Removes one pack's items and entity names. */
  void deletePack(String pack);

  /** Replaces everything. */
  void rebuild(Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities);

  /** Reloads only the entity names (the dictionary lives in memory; the index persists). */
  void reloadEntities(Collection<DictionaryEntity> entities);

  /** True when the index is missing, empty or unusable, so everything must be pushed again. */
  boolean needsRebuild();

  /** Retrieval's feed as a sink. */
  static KnowledgeSink of(KnowledgeFeed feed) {
    return new KnowledgeSink() {
      @Override
      public void replacePack(String pack, Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {
        feed.replacePack(pack, items, entities);
      }

      @Override
      public void deletePack(String pack) {
        feed.deletePack(pack);
      }

      @Override
      public void rebuild(Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {
        feed.rebuild(items, entities);
      }

      @Override
      public void reloadEntities(Collection<DictionaryEntity> entities) {
        feed.reloadEntities(entities);
      }

      @Override
      public boolean needsRebuild() {
        return feed.needsRebuild();
      }
    };
  }

  /** Indexes nothing. */
  KnowledgeSink NONE = new KnowledgeSink() {
    @Override
    public void replacePack(String pack, Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {}

    @Override
    public void deletePack(String pack) {}

    @Override
    public void rebuild(Iterable<IndexedKnowledge> items, Collection<DictionaryEntity> entities) {}

    @Override
    public void reloadEntities(Collection<DictionaryEntity> entities) {}

    @Override
    public boolean needsRebuild() {
      return false;
    }
  };
}
