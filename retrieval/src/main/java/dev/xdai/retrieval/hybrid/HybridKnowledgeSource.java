package dev.xdai.retrieval.hybrid;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.ChineseText;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.index.KnowledgeFilter;
import dev.xdai.retrieval.index.KnowledgeIndex;
import dev.xdai.retrieval.index.KnowledgeIndex.ScoredDoc;
import dev.xdai.retrieval.link.EntityLinker;
import dev.xdai.retrieval.link.LinkedEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge source of a dialogue turn: three ranked lists over one index snapshot (BM25 on the words, HNSW on the
 * sentence vector, and the items of the entities linked in the utterance), fused by weighted reciprocal rank, filtered
 * by pack and format, de-duplicated by id and by near-identical text, cut to the limit. Each item's score is its fused
 * score divided by the best possible one, so 1.0 means "first in every list". Thread-safe.
 */
public final class HybridKnowledgeSource implements KnowledgeSource {

  /**
   * Ranking knobs. {@code candidates}: depth of each list; {@code rrfK}: the fusion constant; the weights of the three
   * lists; {@code minCosine}: vector hits below this cosine are dropped (bge-small-zh puts unrelated sentences around
   * 0.1 to 0.35 and paraphrases above 0.8), so a query about nothing in the index does not pull in its nearest noise;
   * {@code minLinkConfidence}: weaker entity links are ignored; {@code contextLinkDiscount}: when the utterance itself
   * names no entity (它的导演是谁), the entities of the most recent context utterance that names one are used at this
   * fraction of their confidence; {@code duplicateJaccard}: items whose text shares at least this fraction of character
   * bigrams with a better one are dropped; {@code queryInstruction}: prefixed to the query before embedding (empty by
   * default, see the README).
   */
  public record Config(int candidates, int rrfK, double textWeight, double vectorWeight, double entityWeight, double minCosine,
      double minLinkConfidence, double contextLinkDiscount, double duplicateJaccard, String queryInstruction) {

    public static Config defaults() {
      return new Config(50, 60, 1.0, 1.0, 1.0, 0.45, 0.2, 0.5, 0.9, "");
    }

    public Config withWeights(double text, double vector, double entity) {
      return new Config(candidates, rrfK, text, vector, entity, minCosine, minLinkConfidence, contextLinkDiscount, duplicateJaccard, queryInstruction);
    }
  }

  private final KnowledgeIndex index;
  private final EntityLinker linker;
  private final Config config;

  /** {@code linker} may be null: then only BM25 and vectors rank. */
  public HybridKnowledgeSource(KnowledgeIndex index, EntityLinker linker, Config config) {
    this.index = index;
    this.linker = linker;
    this.config = config;
  }

  @Override
  public List<KnowledgeItem> retrieve(KnowledgeQuery query) {
    if (query.text() == null || query.text().isBlank() || query.limit() <= 0) return List.of();
    KnowledgeFilter filter = new KnowledgeFilter(query.packs(), query.formats());
    Map<String, Double> entities = linkedEntities(query);
    float[] vector = index.hasVectors() ? index.embedder().embed(config.queryInstruction() + query.text()) : null;
    try (KnowledgeIndex.View view = index.view()) {
      List<RankFusion.Ranking<Integer>> rankings = new ArrayList<>(3);
      rankings.add(new RankFusion.Ranking<>(config.textWeight(), docs(view.text(query.text(), filter, config.candidates()), 0)));
      if (vector != null) {
        float minScore = (float) ((1 + config.minCosine()) / 2); // Lucene's dot-product score is (1 + cos) / 2
        rankings.add(new RankFusion.Ranking<>(config.vectorWeight(), docs(view.vector(vector, filter, config.candidates()), minScore)));
      }
      if (!entities.isEmpty()) {
        // The list counts as much as its surest link: a guessed 2-character name should not outvote BM25 and vectors.
        double surest = entities.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<ScoredDoc> about = view.entities(entities.keySet(), vector, query.text(), filter, config.candidates());
        rankings.add(new RankFusion.Ranking<>(config.entityWeight() * surest, docs(about, 0)));
      }
      double best = RankFusion.best(rankings, config.rrfK());
      List<KnowledgeItem> out = new ArrayList<>(query.limit());
      List<Set<String>> keptBigrams = new ArrayList<>();
      Set<String> keptIds = new HashSet<>();
      for (RankFusion.Fused<Integer> f : RankFusion.fuse(rankings, config.rrfK())) {
        if (out.size() >= query.limit()) break;
        IndexedKnowledge item = view.load(f.key());
        if (!keptIds.add(item.id())) continue;
        Set<String> bigrams = ChineseText.bigrams(item.title() + "\n" + item.text());
        if (keptBigrams.stream().anyMatch(b -> ChineseText.jaccard(b, bigrams) >= config.duplicateJaccard())) continue;
        keptBigrams.add(bigrams);
        out.add(item.toItem(f.score() / best));
      }
      return out;
    }
  }

  private static List<Integer> docs(List<ScoredDoc> hits, float minScore) {
    List<Integer> docs = new ArrayList<>(hits.size());
    for (ScoredDoc d : hits) if (d.score() >= minScore) docs.add(d.doc());
    return docs;
  }

  /**
   * Entity id to weight (link confidence) for the entity list: the utterance's own links, or, when it has none, those
   * of the latest context utterance that has some, discounted. Context is oldest first, as {@link KnowledgeQuery} has it.
   */
  Map<String, Double> linkedEntities(KnowledgeQuery query) {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (linker == null) return weights;
    addLinks(weights, linker.link(query.text(), query.context(), query.packs()), 1.0);
    for (int i = query.context().size() - 1; i >= 0 && weights.isEmpty(); i--) {
      List<String> earlier = query.context().subList(0, i);
      addLinks(weights, linker.link(query.context().get(i), earlier, query.packs()), config.contextLinkDiscount());
    }
    return weights;
  }

  private void addLinks(Map<String, Double> weights, List<LinkedEntity> links, double factor) {
    for (LinkedEntity e : links) {
      if (e.confidence() >= config.minLinkConfidence()) weights.merge(e.entityId(), e.confidence() * factor, Math::max);
    }
  }
}
