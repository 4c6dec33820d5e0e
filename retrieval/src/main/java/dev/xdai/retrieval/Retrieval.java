package dev.xdai.retrieval;

import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import dev.xdai.retrieval.embed.CachingEmbedder;
import dev.xdai.retrieval.hybrid.HybridKnowledgeSource;
import dev.xdai.retrieval.index.KnowledgeIndex;
import dev.xdai.retrieval.link.EntityDictionary;
import dev.xdai.retrieval.link.EntityLinker;
import java.nio.file.Path;

/**
 * The retrieval module assembled: one embedder (shared with the dialogue's history selection), the index, the entity
 * dictionary and linker, the hybrid {@link KnowledgeSource} the pipeline calls and the {@link KnowledgeFeed} the
 * knowledge graph writes through. Closing it closes the index and the embedder.
 */
public final class Retrieval implements AutoCloseable {

  /**
   * Where the index lives ({@code null}: in memory), its options, the ranking knobs, and how many texts' vectors the
   * embedding cache keeps.
   */
  public record Settings(Path indexDir, KnowledgeIndex.Options index, HybridKnowledgeSource.Config ranking, int embeddingCache) {
    public static Settings defaults(Path indexDir) {
      return new Settings(indexDir, KnowledgeIndex.Options.defaults(), HybridKnowledgeSource.Config.defaults(), 10_000);
    }
  }

  private final CachingEmbedder embedder;
  private final KnowledgeIndex index;
  private final EntityDictionary dictionary;
  private final EntityLinker linker;
  private final HybridKnowledgeSource source;
  private final KnowledgeFeed feed;

  private Retrieval(Settings settings, Embedder embedder) {
    this.embedder = new CachingEmbedder(embedder, settings.embeddingCache());
    this.index = settings.indexDir() == null
        ? KnowledgeIndex.inMemory(this.embedder, settings.index())
        : KnowledgeIndex.onDisk(settings.indexDir(), this.embedder, settings.index());
    this.dictionary = new EntityDictionary();
    this.linker = new EntityLinker(dictionary);
    this.source = new HybridKnowledgeSource(index, linker, settings.ranking());
    this.feed = new KnowledgeFeed(index, dictionary);
  }

  /** With the bundled bge-small-zh-v1.5 model. */
  public static Retrieval open(Settings settings) {
    return new Retrieval(settings, BgeSmallZhEmbedder.create());
  }

  /** With another embedder (tests, or a different model); it is wrapped in the cache and closed with this. */
  public static Retrieval open(Settings settings, Embedder embedder) {
    return new Retrieval(settings, embedder);
  }

  /** The cached embedder: the service's one embedding cache, for the dialogue's history selection too. */
  public CachingEmbedder embedder() {
    return embedder;
  }

  public KnowledgeIndex index() {
    return index;
  }

  public EntityDictionary dictionary() {
    return dictionary;
  }

  public EntityLinker linker() {
    return linker;
  }

  /** The hybrid source: what the pipeline retrieves with, and {@link HybridKnowledgeSource#explain} for inspecting it. */
  public HybridKnowledgeSource source() {
    return source;
  }

  public KnowledgeFeed feed() {
    return feed;
  }

  @Override
  public void close() {
    index.close();
    embedder.close();
  }
}
