package dev.xdai.retrieval.index;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.IOUtils;

/**
 * The knowledge index: BM25 over smartcn-segmented title (the QA question, boosted) and text, an HNSW vector field of
 * {@link IndexedKnowledge#embeddingText()} embeddings, and exact fields for id, pack, format and entity ids. Writes are
 * serialised, committed and made visible (near-real-time refresh) before they return, so an import is seen by the next
 * dialogue turn. Searches go through a {@link View}, one consistent point-in-time snapshot per query. Thread-safe.
 */
public final class KnowledgeIndex implements AutoCloseable {

  static final String ID = "id";
  static final String FORMAT = "format";
  static final String PACK = "pack";
  static final String SOURCE = "source";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String ENTITY = "entity";
  static final String FACT_ENTITY = "fact_entity";
  static final String FACT_ATTRIBUTE = "fact_attribute";
  static final String VECTOR = "vector";
  /** {@link IndexedKnowledge#fingerprint()}: lets a pack sync keep unchanged documents instead of embedding them again. */
  static final String FINGERPRINT = "fp";
  /** Commit metadata naming the embedder whose vectors the index holds. */
  static final String EMBEDDER_KEY = "xdai.embedder";
  /** Embed and write this many items at a time during a rebuild, so memory stays flat for any import size. */
  static final int CHUNK = 256;
  /** A very long utterance is cut to this many distinct terms: enough to match on, and a bounded query. */
  static final int MAX_QUERY_TERMS = 64;
  /** BM25 fetches this many times the requested hits, so that enough remain after the half-the-terms rule. */
  static final int TEXT_OVERFETCH = 2;

  /** How vectors are kept: not at all, as 32-bit floats, or scalar-quantised to 8 bits (Lucene's OSQ HNSW format). */
  public enum VectorStorage { NONE, FLOAT32, INT8 }

  /**
   * Index settings. {@code titleBoost} weighs the title (a QA question, an entity label) over the text in BM25;
   * {@code maxConn}/{@code beamWidth} are HNSW's graph degree and build beam; {@code ramBufferMb} is IndexWriter's
   * buffer.
   */
  public record Options(VectorStorage vectors, float titleBoost, int maxConn, int beamWidth, double ramBufferMb) {
    public static Options defaults() {
      return new Options(VectorStorage.INT8, 2.0f, 16, 100, 64);
    }

    public Options withVectors(VectorStorage storage) {
      return new Options(storage, titleBoost, maxConn, beamWidth, ramBufferMb);
    }

    public Options withRamBufferMb(double mb) {
      return new Options(vectors, titleBoost, maxConn, beamWidth, mb);
    }
  }

  private final Directory directory;
  private final Embedder embedder;
  private final Options options;
  private final Analyzer analyzer = new ChineseAnalyzer();
  // Replaced together (under the write lock) when a failed write is rolled back, which closes the writer.
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Grows with every committed write (see {@link #generation()}). */
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  /** Set when vectors of another embedder were thrown away at open; a rebuild clears it. */
  private volatile boolean cleared;

  private KnowledgeIndex(Directory directory, Embedder embedder, Options options) throws IOException {
    this.directory = directory;
    this.embedder = options.vectors() == VectorStorage.NONE ? null : embedder;
    if (options.vectors() != VectorStorage.NONE && embedder == null) throw new IllegalArgumentException("vectors need an embedder");
    this.options = options;
    this.writer = newWriter();
    String recorded = recordedEmbedder();
    String current = embedderName();
    // Vectors of another model are meaningless next to ours: start empty and tell the owner to rebuild from the graph.
    boolean foreign = writer.getDocStats().numDocs > 0 && !current.equals(recorded);
    if (foreign) writer.deleteAll();
    this.cleared = foreign;
    writer.setLiveCommitData(Map.of(EMBEDDER_KEY, current).entrySet());
    writer.commit();
    this.searchers = new SearcherManager(writer, null);
  }

  private IndexWriter newWriter() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(options.ramBufferMb())
        .setCodec(codec(options));
    return new IndexWriter(directory, config);
  }

  /** An index held in memory (tests, small demos); it is lost on close. */
  public static KnowledgeIndex inMemory(Embedder embedder, Options options) {
    return open(new ByteBuffersDirectory(), embedder, options);
  }

  /** Opens or creates the index in a folder; it survives restarts. */
  public static KnowledgeIndex onDisk(Path folder, Embedder embedder, Options options) {
    try {
      return open(FSDirectory.open(folder), embedder, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KnowledgeIndex open(Directory directory, Embedder embedder, Options options) {
    try {
      return new KnowledgeIndex(directory, embedder, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Codec codec(Options options) {
    KnnVectorsFormat format = switch (options.vectors()) {
      case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(
          QuantizedByteVectorValues.ScalarEncoding.UNSIGNED_BYTE,
          options.maxConn(), options.beamWidth());
      case FLOAT32, NONE -> new Lucene99HnswVectorsFormat(options.maxConn(), options.beamWidth());
    };
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  private String embedderName() {
    return embedder == null ? "none" : embedder.name();
  }

  private String recordedEmbedder() throws IOException {
    if (!DirectoryReader.indexExists(directory)) return embedderName();
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.getIndexCommit().getUserData().getOrDefault(EMBEDDER_KEY, "none");
    }
  }

  /**
   * True when the index is empty, or held vectors of another embedder and was cleared at open (and has not been rebuilt
   * since): the owner of the knowledge should then {@link #rebuild} it from the graph.
   */
  public boolean needsRebuild() {
    return cleared || size() == 0;
  }

  /** Grows with every write, once searches see it: equal generations mean equal search results. */
  public long generation() {
    return generation.get();
  }

  /** The embedder that made the vectors, or null when the index keeps none. */
  public Embedder embedder() {
    return embedder;
  }

  public boolean hasVectors() {
    return embedder != null;
  }

  // ---------------------------------------------------------------- writes

  /** Adds items or replaces those with the same id; visible to searches when this returns. */
  public void upsert(List<IndexedKnowledge> items) {
    write(() -> {
      for (int from = 0; from < items.size(); from += CHUNK) {
        List<IndexedKnowledge> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
        writeAll(chunk);
      }
    });
  }

  /** Removes the items with these ids (unknown ids are ignored). */
  public void delete(Collection<String> ids) {
    write(() -> writer.deleteDocuments(ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new)));
  }

  /** Removes every item of a pack. */
  public void deletePack(String pack) {
    write(() -> writer.deleteDocuments(new Term(PACK, pack)));
  }

  /** What a pack sync did: documents kept as they were, written (new or changed, embedded), and removed. */
  public record PackUpdate(long kept, long written, long removed) {}

  /**
   * Makes a pack hold exactly {@code items}, in one step: searches see the old pack until the new one is complete.
   * Items whose stored document has the same {@linkplain IndexedKnowledge#fingerprint() fingerprint} are kept as they
   * are, so re-importing a large pack after a small change embeds only what changed.
   */
  public PackUpdate replacePack(String pack, Iterable<IndexedKnowledge> items) {
    long[] counts = new long[3];
    write(() -> {
      IndexSearcher before = searchers.acquire(); // this write's changes are invisible to it until the final refresh
      try {
        Set<String> seen = new HashSet<>();
        List<IndexedKnowledge> chunk = new ArrayList<>(CHUNK);
        Iterator<IndexedKnowledge> it = items.iterator();
        while (it.hasNext()) {
          IndexedKnowledge item = it.next();
          if (!pack.equals(item.pack())) throw new IllegalArgumentException(item.id() + " is not in pack " + pack);
          seen.add(item.id());
          chunk.add(item);
          if (chunk.size() == CHUNK || !it.hasNext()) {
            Map<String, String> stored = fingerprints(before, chunk);
            List<IndexedKnowledge> changed = new ArrayList<>(chunk.size());
            for (IndexedKnowledge k : chunk) if (!k.fingerprint().equals(stored.get(k.id()))) changed.add(k);
            counts[0] += chunk.size() - changed.size();
            counts[1] += changed.size();
            writeAll(changed);
            chunk.clear();
          }
        }
        List<Term> gone = new ArrayList<>();
        for (String id : ids(before, new TermQuery(new Term(PACK, pack)))) if (!seen.contains(id)) gone.add(new Term(ID, id));
        writer.deleteDocuments(gone.toArray(Term[]::new));
        counts[2] = gone.size();
      } finally {
        searchers.release(before);
      }
    });
    return new PackUpdate(counts[0], counts[1], counts[2]);
  }

  /** The stored fingerprints of those of {@code items} the searcher's snapshot has, by id. */
  private static Map<String, String> fingerprints(IndexSearcher searcher, List<IndexedKnowledge> items) throws IOException {
    Query byId = new TermInSetQuery(ID, items.stream().map(k -> new BytesRef(k.id())).toList());
    Map<String, String> out = new HashMap<>();
    StoredFields fields = searcher.storedFields();
    for (ScoreDoc sd : searcher.search(byId, Math.max(1, items.size() * 2)).scoreDocs) {
      Document d = fields.document(sd.doc, Set.of(ID, FINGERPRINT));
      String fp = d.get(FINGERPRINT);
      if (fp != null) out.put(d.get(ID), fp);
    }
    return out;
  }

  /** The ids of every document matching {@code query} in the searcher's snapshot. */
  private static List<String> ids(IndexSearcher searcher, Query query) throws IOException {
    int total = Math.max(1, searcher.count(query));
    List<String> out = new ArrayList<>(total);
    StoredFields fields = searcher.storedFields();
    for (ScoreDoc sd : searcher.search(query, total).scoreDocs) out.add(fields.document(sd.doc, Set.of(ID)).get(ID));
    return out;
  }

  /** Replaces everything (a full rebuild from the graph); searches see the old index until the new one is complete. */
  public void rebuild(Iterable<IndexedKnowledge> items) {
    write(() -> {
      writer.deleteAll();
      addAll(items.iterator(), item -> {});
    });
    cleared = false;
  }

  private void addAll(Iterator<IndexedKnowledge> items, Consumer<IndexedKnowledge> check) throws IOException {
    List<IndexedKnowledge> chunk = new ArrayList<>(CHUNK);
    while (items.hasNext()) {
      IndexedKnowledge item = items.next();
      check.accept(item);
      chunk.add(item);
      if (chunk.size() == CHUNK || !items.hasNext()) {
        writeAll(chunk);
        chunk.clear();
      }
    }
  }

  /** Embeds and writes items (at most a chunk); updateDocument, so an id repeated in the input stays one document. */
  private void writeAll(List<IndexedKnowledge> chunk) throws IOException {
    if (chunk.isEmpty()) return;
    List<float[]> vectors = vectors(chunk);
    for (int i = 0; i < chunk.size(); i++) writer.updateDocument(new Term(ID, chunk.get(i).id()), document(chunk.get(i), vectors.get(i)));
  }

  private List<float[]> vectors(List<IndexedKnowledge> chunk) {
    if (embedder == null) return Collections.nCopies(chunk.size(), null);
    return embedder.embedAll(chunk.stream().map(IndexedKnowledge::embeddingText).toList());
  }

  private Document document(IndexedKnowledge k, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(ID, k.id(), Field.Store.YES));
    doc.add(new StringField(FORMAT, k.format().name(), Field.Store.YES));
    doc.add(new StringField(PACK, k.pack(), Field.Store.YES));
    doc.add(new StoredField(SOURCE, k.source()));
    doc.add(new StringField(FINGERPRINT, k.fingerprint(), Field.Store.YES));
    doc.add(new TextField(TITLE, k.title(), Field.Store.YES));
    doc.add(new TextField(TEXT, k.text(), Field.Store.YES));
    for (String entity : new LinkedHashSet<>(k.entityIds())) doc.add(new StringField(ENTITY, entity, Field.Store.YES));
    if (k.fact() != null) {
      doc.add(new StoredField(FACT_ENTITY, k.fact().entity()));
      doc.add(new StoredField(FACT_ATTRIBUTE, k.fact().attribute()));
    }
    if (vector != null) doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    return doc;
  }

  private interface IndexWork {
    void run() throws IOException;
  }

  private void write(IndexWork work) {
    writeLock.lock();
    try {
      try {
        work.run();
      } catch (RuntimeException | IOException e) {
        recover();
        throw e;
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
      generation.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Merges the index down to at most this many segments: fewer segments mean fewer HNSW graphs and term dictionaries
   * per search. Worth it after a large rebuild; slow (minutes at a million items), and searches go on meanwhile.
   */
  public void forceMerge(int maxSegments) {
    write(() -> writer.forceMerge(maxSegments));
  }

  /** The number of segments searches currently visit. */
  public int segments() {
    try (View v = view()) {
      return v.searcher.getIndexReader().leaves().size();
    }
  }

  /** Drops a half-done batch: back to the last commit, with a fresh writer (rollback closes the old one). */
  private void recover() throws IOException {
    writer.rollback();
    SearcherManager old = searchers;
    writer = newWriter();
    searchers = new SearcherManager(writer, null);
    old.close(); // views still open on it release into it; their readers stay valid until then
  }

  // ---------------------------------------------------------------- reads

  /** A point-in-time view for one query; close it (try-with-resources) to release the snapshot. */
  public View view() {
    try {
      SearcherManager manager = searchers;
      return new View(manager, manager.acquire());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of items. */
  public int size() {
    try (View v = view()) {
      return v.searcher.getIndexReader().numDocs();
    }
  }

  /** The item with this id, if present. */
  public Optional<IndexedKnowledge> get(String id) {
    try (View v = view()) {
      List<ScoredDoc> hits = v.run(new TermQuery(new Term(ID, id)), 1);
      return hits.isEmpty() ? Optional.empty() : Optional.of(v.load(hits.get(0).doc()));
    }
  }

  /** The segmented query terms of a text, deduplicated, at most {@link #MAX_QUERY_TERMS}. */
  List<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text == null ? "" : text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) terms.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(terms);
  }

  /** A BM25 query built term by term from analysed terms: no query parser, so no query syntax to inject. */
  private BooleanQuery textQuery(List<String> terms) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      Query either = new BooleanQuery.Builder()
          .add(new BoostQuery(new TermQuery(new Term(TITLE, t)), options.titleBoost()), BooleanClause.Occur.SHOULD)
          .add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD)
          .build();
      b.add(either, BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  private static Query filtered(Query query, KnowledgeFilter filter) {
    Query f = filter.toQuery();
    if (f == null) return query;
    return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(f, BooleanClause.Occur.FILTER).build();
  }

  /** A Lucene document number with its score, valid only inside the {@link View} that produced it. */
  public record ScoredDoc(int doc, float score) {}

  /** One consistent snapshot of the index for the searches of one query. Not for sharing between threads. */
  public final class View implements AutoCloseable {
    private final SearcherManager manager;
    private final IndexSearcher searcher;

    private View(SearcherManager manager, IndexSearcher searcher) {
      this.manager = manager;
      this.searcher = searcher;
    }

    /**
     * BM25 over title (boosted) and text, keeping only documents that contain at least half of the query's terms (in
     * title or text): a lone shared word is weak evidence that would otherwise rank short documents first, and what
     * such a query means is the vector list's job. The rule is checked on the best {@link #TEXT_OVERFETCH} x k hits of
     * the plain disjunction, which costs far less than Lucene's minimum-should-match scorer (1.0 against 1.7 ms mean,
     * 1.9 against 4.4 ms p99 at a million items).
     */
    public List<ScoredDoc> text(String text, KnowledgeFilter filter, int k) {
      List<String> terms = terms(text);
      if (terms.isEmpty()) return List.of();
      List<ScoredDoc> hits = run(filtered(textQuery(terms), filter), k * TEXT_OVERFETCH);
      int needed = (terms.size() + 1) / 2;
      if (needed <= 1) return hits.subList(0, Math.min(k, hits.size()));
      int[] matched = matchedTerms(hits, terms);
      List<ScoredDoc> kept = new ArrayList<>(k);
      for (int i = 0; i < hits.size() && kept.size() < k; i++) if (matched[i] >= needed) kept.add(hits.get(i));
      return kept;
    }

    /** For each hit, how many of the terms it contains in title or text (postings lookups, per segment in doc order). */
    private int[] matchedTerms(List<ScoredDoc> hits, List<String> terms) {
      int[] matched = new int[hits.size()];
      Integer[] byDoc = new Integer[hits.size()];
      for (int i = 0; i < byDoc.length; i++) byDoc[i] = i;
      Arrays.sort(byDoc, Comparator.comparingInt(i -> hits.get(i).doc()));
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      try {
        for (String term : terms) {
          BytesRef bytes = new BytesRef(term);
          boolean[] has = new boolean[hits.size()];
          for (String field : List.of(TITLE, TEXT)) {
            int leaf = -1;
            PostingsEnum postings = null;
            for (int i : byDoc) {
              int doc = hits.get(i).doc();
              int l = ReaderUtil.subIndex(doc, leaves);
              if (l != leaf) {
                leaf = l;
                Terms fieldTerms = leaves.get(l).reader().terms(field);
                TermsEnum te = fieldTerms == null ? null : fieldTerms.iterator();
                postings = te != null && te.seekExact(bytes) ? te.postings(null, PostingsEnum.NONE) : null;
              }
              int local = doc - leaves.get(l).docBase;
              if (postings != null && postings.docID() < local) postings.advance(local);
              if (postings != null && postings.docID() == local) has[i] = true;
            }
          }
          for (int i = 0; i < has.length; i++) if (has[i]) matched[i]++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return matched;
    }

    /** Approximate nearest neighbours (HNSW) of a query vector; scores are (1 + cosine) / 2. */
    public List<ScoredDoc> vector(float[] vector, KnowledgeFilter filter, int k) {
      if (embedder == null) return List.of();
      return run(new KnnFloatVectorQuery(VECTOR, vector, k, filter.toQuery()), k);
    }

    /**
     * Items about any of the given entities, closest to the query vector first (exact, since the entities' items are
     * few); without vectors, best BM25 match to {@code text} first. The order deliberately differs from the BM25 list,
     * so that fusion does not count the same word matches twice.
     */
    public List<ScoredDoc> entities(Collection<String> entityIds, float[] vector, String text, KnowledgeFilter filter, int k) {
      if (entityIds.isEmpty()) return List.of();
      Query scope = filtered(new TermInSetQuery(ENTITY, entityIds.stream().map(BytesRef::new).toList()), filter);
      if (embedder != null && vector != null) return run(new KnnFloatVectorQuery(VECTOR, vector, k, scope), k);
      BooleanQuery.Builder b = new BooleanQuery.Builder().add(scope, BooleanClause.Occur.FILTER);
      BooleanQuery words = textQuery(terms(text));
      if (!words.clauses().isEmpty()) b.add(words, BooleanClause.Occur.SHOULD);
      return run(b.build(), k);
    }

    List<ScoredDoc> run(Query query, int k) {
      try {
        TopDocs top = searcher.search(query, Math.max(1, k));
        List<ScoredDoc> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) out.add(new ScoredDoc(sd.doc, sd.score));
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The stored item behind a document number of this view. */
    public IndexedKnowledge load(int doc) {
      try {
        Document d = searcher.storedFields().document(doc);
        KnowledgeItem.Fact fact = d.get(FACT_ENTITY) == null ? null : new KnowledgeItem.Fact(d.get(FACT_ENTITY), d.get(FACT_ATTRIBUTE));
        return new IndexedKnowledge(d.get(ID), KnowledgeItem.Format.valueOf(d.get(FORMAT)), d.get(TITLE), d.get(TEXT),
            d.get(SOURCE), d.get(PACK), List.of(d.getValues(ENTITY)), fact);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        manager.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      IOUtils.close(searchers, writer, directory); // closes each even when an earlier one fails
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }
}
