package dev.xdai.retrieval.bank;

import dev.xdai.retrieval.index.ChineseAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * A response bank: exchanges of real conversations in a Lucene index, searched by how much an exchange's context (the
 * utterance it answered) shares with the current utterance (BM25 over smartcn words, the same analysis as knowledge).
 * Its replies are candidates that the turn's GLM reranks with the model's own. Banks are named like packs; an import
 * replaces a bank's entries. Thread-safe.
 */
public final class ResponseBank implements AutoCloseable {

  /** A bank reply found for an utterance, with its BM25 score. */
  public record Hit(String id, String bank, String context, String reply, String source, double score) {}

  static final String ID = "id", BANK = "bank", CONTEXT = "context", REPLY = "reply", SOURCE = "source";
  private static final String FINGERPRINT = "fingerprint.";

  private final Analyzer analyzer = new ChineseAnalyzer();
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private ResponseBank(Directory directory) throws IOException {
    this.directory = directory;
    this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers = new SearcherManager(writer, null);
  }

  /** The bank index in {@code folder} (created when missing). */
  public static ResponseBank open(Path folder) {
    try {
      return new ResponseBank(FSDirectory.open(folder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the response bank in " + folder, e);
    }
  }

  /** A bank in memory (tests, evaluation). */
  public static ResponseBank inMemory() {
    try {
      return new ResponseBank(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the entries of bank {@code name} with those of {@code entries} that {@link BankFilter} keeps; returns how
   * many were kept. Visible to searches once this returns.
   */
  public int replace(String name, Iterable<BankEntry> entries) {
    return replace(name, entries, null);
  }

  /**
   * The same, and records {@code fingerprint} (what the entries were made from; null records none) with the bank, in
   * the same commit: {@link #fingerprint} tells later whether the bank must be imported again.
   */
  public int replace(String name, Iterable<BankEntry> entries, String fingerprint) {
    try {
      Map<String, String> data = new HashMap<>();
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      if (fingerprint == null) data.remove(FINGERPRINT + name);
      else data.put(FINGERPRINT + name, fingerprint);
      writer.setLiveCommitData(data.entrySet());
      writer.deleteDocuments(new Term(BANK, name));
      int kept = 0;
      for (BankEntry e : entries) {
        if (!BankFilter.keep(e)) continue;
        Document d = new Document();
        d.add(new StringField(ID, e.id(), Field.Store.YES));
        d.add(new StringField(BANK, name, Field.Store.YES));
        d.add(new TextField(CONTEXT, e.context(), Field.Store.YES));
        d.add(new StoredField(REPLY, e.reply()));
        d.add(new StoredField(SOURCE, e.source()));
        writer.addDocument(d);
        kept++;
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fingerprint recorded with bank {@code name}'s last import; null when none was. */
  public String fingerprint(String name) {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data == null) return null;
    for (Map.Entry<String, String> e : data) if (e.getKey().equals(FINGERPRINT + name)) return e.getValue();
    return null;
  }

  /**
   * Where bank {@code name}'s entries came from: the source of one of them (an import replaces a whole bank, so they
   * share it); null for an empty bank.
   */
  public String source(String name) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        ScoreDoc[] any = s.search(new TermQuery(new Term(BANK, name)), 1).scoreDocs;
        return any.length == 0 ? null : s.storedFields().document(any[0].doc).get(SOURCE);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many entries bank {@code name} holds (all banks when null). */
  public int size(String name) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return name == null ? s.getIndexReader().numDocs() : s.count(new TermQuery(new Term(BANK, name)));
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code limit} entries whose context best matches {@code utterance}, best first, one per distinct reply. Replies
   * equal to the utterance itself are skipped (an echo is no answer).
   */
  public List<Hit> search(String utterance, int limit) {
    List<String> words = words(utterance);
    if (words.isEmpty() || limit <= 0) return List.of();
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String w : words) q.add(new TermQuery(new Term(CONTEXT, w)), BooleanClause.Occur.SHOULD);
    try {
      IndexSearcher s = searchers.acquire();
      try {
        List<Hit> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ScoreDoc sd : s.search(q.build(), limit * 3).scoreDocs) {
          Document d = s.storedFields().document(sd.doc);
          String reply = d.get(REPLY);
          if (reply.equals(utterance.strip()) || !seen.add(reply)) continue;
          out.add(new Hit(d.get(ID), d.get(BANK), d.get(CONTEXT), reply, d.get(SOURCE), sd.score));
          if (out.size() >= limit) break;
        }
        return out;
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> words(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(CONTEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      IOUtils.close(searchers, writer, directory); // closes each even when an earlier one fails
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
