package dev.xdai.retrieval.index;

import dev.xdai.prompting.KnowledgeItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/** Which knowledge a search may return: these packs (empty = all) and these formats (empty = all). */
public record KnowledgeFilter(Set<String> packs, Set<KnowledgeItem.Format> formats) {

  public static final KnowledgeFilter ALL = new KnowledgeFilter(Set.of(), Set.of());

  public KnowledgeFilter {
    packs = packs == null ? Set.of() : Set.copyOf(packs);
    formats = formats == null || formats.size() == KnowledgeItem.Format.values().length ? Set.of() : Set.copyOf(formats);
  }

  public static KnowledgeFilter packs(String... packs) {
    return new KnowledgeFilter(Set.of(packs), Set.of());
  }

  /** The Lucene filter, or null when everything passes. */
  Query toQuery() {
    List<Query> clauses = new ArrayList<>(2);
    if (!packs.isEmpty()) clauses.add(termsIn(KnowledgeIndex.PACK, packs.stream().toList()));
    if (!formats.isEmpty()) clauses.add(termsIn(KnowledgeIndex.FORMAT, formats.stream().map(Enum::name).toList()));
    if (clauses.isEmpty()) return null;
    if (clauses.size() == 1) return clauses.get(0);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    clauses.forEach(q -> b.add(q, BooleanClause.Occur.FILTER));
    return b.build();
  }

  private static Query termsIn(String field, List<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }
}
