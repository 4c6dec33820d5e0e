package dev.xdai.knowledge.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.graph.ChangeClock;
import dev.xdai.graph.GraphConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Writes one import of one source into a pack, in batches with {@code UNWIND} and parameters only. Memory stays
 * bounded: at most one batch is buffered, plus a bounded cache of entities already written.
 *
 * <p>Idempotence: every node has a content-derived id ({@link Ids}) and is {@code MERGE}d. Provenance is a list property
 * {@code prov} of {@code <source key>@<run>} stamps, one per source that provides the node (a list, not relationships
 * to the source: a source with 100k items would be a dense node that every write locks and extends). {@link #finish()}
 * drops this source's stamps from earlier runs and deletes nodes no source provides any more, so a re-import replaces
 * the source's knowledge, never duplicates it, and leaves other sources' knowledge in the same pack alone.
 *
 * <p>Only entities and aliases carry a {@code pack} property (alias lookups within a pack are indexed); facts, QA pairs
 * and descriptions are found by their id prefix ({@link Ids#prefix}) and saving the property measurably speeds imports.
 *
 * <p>Speed: entities are written first in one transaction; the batch's other rows are then split by entity into
 * {@code writers} partitions written in parallel transactions (rows of one entity stay in one partition, so
 * partitions never lock the same nodes). Not thread-safe: one writer per import.
 */
public final class PackWriter {

  /** Separators inside a fact value that lists several entities (主演: 甲、乙、丙). */
  private static final Pattern VALUE_PARTS = Pattern.compile("[、，,；;／/|]");
  private static final int ENTITY_CACHE = 20_000;
  /** Labels of item nodes with their id kinds; fixed strings, never data. */
  private static final Map<String, String> KINDS = Map.of("Entity", "e", "Alias", "a", "Fact", "f", "QA", "q", "Description", "d");

  private final GraphConnection graph;
  private final String pack;
  private final String sourceName;
  private final String sourceId;
  private final String sourceKey;
  private final String stamp;
  private final String format;
  private final int batchSize;
  private final int writers;
  private final boolean sourceIsNew;
  private final Instant started = Instant.now();
  private ExecutorService pool; // created on the first parallel flush

  private final Map<String, Map<String, Object>> entityRows = new LinkedHashMap<>();
  private final List<Map<String, Object>> factRows = new ArrayList<>();
  private final List<Map<String, Object>> qaRows = new ArrayList<>();
  private final List<Map<String, Object>> descriptionRows = new ArrayList<>();
  /**
   * Entities already written in this run (bounded); saves re-merging them per batch. It lives and dies with the run,
   * in which an entry stays true, so nothing expires it, and no metrics watch it.
   */
  private final Cache<String, Boolean> written = Caffeine.newBuilder().maximumSize(ENTITY_CACHE).executor(Runnable::run).build();
  private final Map<String, Long> skipped = new TreeMap<>();
  private long rowsRead;
  private long records;
  private long triples;
  private boolean finished;

  /** Opens an import of {@code sourceName} (e.g. a file name) into {@code pack}; creates the pack if needed. */
  public PackWriter(GraphConnection graph, String pack, String sourceName, String format, int batchSize, int writers) {
    this.graph = graph;
    this.pack = PackName.check(pack);
    this.sourceName = sourceName;
    this.sourceId = Ids.source(pack, sourceName);
    this.sourceKey = sourceId.substring(sourceId.lastIndexOf(':') + 1);
    byte[] run = new byte[6];
    new SecureRandom().nextBytes(run);
    this.stamp = sourceKey + "@" + HexFormat.of().formatHex(run);
    this.format = format;
    this.batchSize = Math.max(1, batchSize);
    this.writers = Math.max(1, writers);
    this.sourceIsNew = graph.write(tx -> tx.run("""
        MERGE (p:Pack {name: $pack})
          ON CREATE SET p.createdAt = datetime(), p.title = $pack, p.seeds = []
        MERGE (s:Source {id: $source})
          ON CREATE SET s.createdAt = datetime()
        WITH p, s, s.stamp IS NULL AS isNew
        SET s.pack = $pack, s.name = $name, s.key = $key, s.format = $format, s.stamp = $stamp, s.startedAt = datetime()
        MERGE (p)-[:HAS_SOURCE]->(s)
        RETURN isNew
        """, Map.of("pack", pack, "source", sourceId, "name", sourceName, "key", sourceKey, "format", format,
        "stamp", stamp)).single().get("isNew").asBoolean());
  }

  public String pack() {
    return pack;
  }

  /** Counts one input row (a line, a conversation message, a CSV record) for the report. */
  public void rowRead() {
    rowsRead++;
  }

  /** Records a row that was not imported, by reason. */
  public void skip(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  /** A triple with the templated question ({@link QaTemplates}); {@code Information} also becomes a description. */
  public void triple(String entityFullName, String attribute, String value) {
    triple(entityFullName, attribute, value, null);
  }

  /**
   * A triple: an entity fact that is also a QA pair (question from {@code question} when given, else the template; the
   * answer is the value). {@code Information} additionally becomes a description of the entity.
   */
  public void triple(String entityFullName, String attribute, String value, String question) {
    String full = EntityNames.clean(entityFullName);
    String attr = EntityNames.clean(attribute);
    String val = value == null ? "" : value.strip();
    if (missing(full, "triple without entity") || missing(attr, "triple without attribute")
        || missing(val, "triple without value")) {
      return;
    }
    String display = EntityNames.display(full);
    String entityId = entity(full);
    Map<String, Object> row = new HashMap<>(8);
    row.put("id", Ids.of(pack, "f", full, attr, val));
    row.put("entity", entityId);
    row.put("attribute", attr);
    row.put("value", val);
    // The templated question is derived when needed (QaTemplates, from entity name and attribute): only an explicit
    // one is stored. Likewise the list parts of a value, only when it has several (a single part is the value).
    row.put("question", question == null || question.isBlank() ? null : question.strip());
    row.put("parts", attr.equalsIgnoreCase(QaTemplates.INFORMATION) ? null : valueParts(val));
    factRows.add(row);
    triples++;
    records++;
    if (attr.equalsIgnoreCase(QaTemplates.INFORMATION)) addDescription(display, val, entityId);
    flushIfFull();
  }

  /** A QA pair (FAQ entry or document question); {@code topic}, when given, becomes an entity the pair is about. */
  public void qa(String question, String answer, String topic) {
    String q = EntityNames.clean(question);
    String a = answer == null ? "" : answer.strip();
    if (missing(q, "QA without question") || missing(a, "QA without answer")) return;
    String t = EntityNames.clean(topic);
    Map<String, Object> row = new HashMap<>(8);
    row.put("id", Ids.of(pack, "q", q, a));
    row.put("question", q);
    row.put("answer", a);
    row.put("topic", t);
    row.put("entity", t.isEmpty() ? null : entity(t));
    qaRows.add(row);
    records++;
    flushIfFull();
  }

  /** A description (a passage about {@code label}); a non-empty label becomes an entity the passage describes. */
  public void description(String label, String text) {
    String l = EntityNames.clean(label);
    String t = text == null ? "" : text.strip();
    if (missing(t, "empty passage")) return;
    addDescription(l.isEmpty() ? "" : EntityNames.display(l), t, l.isEmpty() ? null : entity(l));
    records++;
    flushIfFull();
  }

  /** Whether {@code field} is empty: then the record is skipped, counted under {@code reason}. */
  private boolean missing(String field, String reason) {
    if (!field.isEmpty()) return false;
    skip(reason);
    return true;
  }

  private void addDescription(String label, String text, String entityId) {
    Map<String, Object> row = new HashMap<>(8);
    row.put("id", Ids.of(pack, "d", label, text));
    row.put("label", label);
    row.put("text", text);
    row.put("entity", entityId);
    descriptionRows.add(row);
  }

  /** Queues the entity (with its aliases) unless written recently; returns its id. */
  private String entity(String fullName) {
    String id = Ids.entity(pack, fullName);
    if (written.getIfPresent(id) != null || entityRows.containsKey(id)) return id;
    List<Map<String, Object>> aliases = new ArrayList<>(2);
    for (String alias : EntityNames.aliases(fullName)) {
      aliases.add(Map.of("id", Ids.alias(pack, alias), "name", alias));
    }
    Map<String, Object> row = new HashMap<>(8);
    row.put("id", id);
    row.put("name", EntityNames.display(fullName));
    row.put("fullName", fullName);
    row.put("aliases", aliases);
    entityRows.put(id, row);
    return id;
  }

  private static List<String> valueParts(String value) {
    if (value.length() > 200 || !VALUE_PARTS.matcher(value).find()) return null;
    List<String> parts = new ArrayList<>();
    for (String part : VALUE_PARTS.split(value)) {
      String p = part.strip();
      if (!p.isEmpty() && p.length() <= 40) parts.add(p);
    }
    return parts.size() > 1 ? parts : null;
  }

  private void flushIfFull() {
    if (factRows.size() + qaRows.size() + descriptionRows.size() + entityRows.size() >= batchSize) flush();
  }

  /** Writes everything buffered: entities first (the other rows refer to them), then the rest in partitions. */
  public void flush() {
    if (!entityRows.isEmpty()) {
      List<Map<String, Object>> entities = List.copyOf(entityRows.values());
      graph.write(tx -> tx.run(WRITE_ENTITIES, params(entities)).consume());
      for (Map<String, Object> e : entities) written.put((String) e.get("id"), Boolean.TRUE);
      entityRows.clear();
    }
    if (factRows.isEmpty() && qaRows.isEmpty() && descriptionRows.isEmpty()) return;
    List<List<Map<String, Object>>> facts = partition(factRows);
    List<List<Map<String, Object>>> qas = partition(qaRows);
    List<List<Map<String, Object>>> descriptions = partition(descriptionRows);
    List<Runnable> work = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      List<Map<String, Object>> f = facts.get(i);
      List<Map<String, Object>> q = qas.get(i);
      List<Map<String, Object>> d = descriptions.get(i);
      if (f.isEmpty() && q.isEmpty() && d.isEmpty()) continue;
      work.add(() -> graph.write(tx -> {
        if (!f.isEmpty()) tx.run(WRITE_FACTS, params(f)).consume();
        if (!q.isEmpty()) tx.run(WRITE_QA, params(q)).consume();
        if (!d.isEmpty()) tx.run(WRITE_DESCRIPTIONS, params(d)).consume();
        return null;
      }));
    }
    runAll(work);
    factRows.clear();
    qaRows.clear();
    descriptionRows.clear();
  }

  /** Splits rows by their entity (or, without one, their id) into {@code writers} lists. */
  private List<List<Map<String, Object>>> partition(List<Map<String, Object>> rows) {
    List<List<Map<String, Object>>> parts = new ArrayList<>(writers);
    for (int i = 0; i < writers; i++) parts.add(new ArrayList<>());
    for (Map<String, Object> row : rows) {
      Object key = row.get("entity") != null ? row.get("entity") : row.get("id");
      parts.get(Math.floorMod(key.hashCode(), writers)).add(row);
    }
    return parts;
  }

  private void runAll(List<Runnable> work) {
    if (work.size() == 1) {
      work.get(0).run();
      return;
    }
    if (pool == null) {
      pool = Executors.newFixedThreadPool(writers, Thread.ofPlatform().daemon().name("xdai-import-writer-", 0).factory());
    }
    List<Future<?>> futures = new ArrayList<>();
    for (Runnable w : work) futures.add(pool.submit(w));
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing", e);
      }
    }
    if (failure != null) throw failure;
  }

  private Map<String, Object> params(List<Map<String, Object>> rows) {
    return Map.of("rows", rows, "pack", pack, "key", sourceKey, "stamp", stamp);
  }

  // Adds this run's stamp and drops the same source's older one; other sources' stamps stay.
  private static final String STAMP = "[x IN coalesce(%s.prov, []) WHERE NOT x STARTS WITH $key] + $stamp";

  private static final String WRITE_ENTITIES = """
      UNWIND $rows AS row
      MERGE (e:Entity {id: row.id})
      SET e.pack = $pack, e.name = row.name, e.fullName = row.fullName, e.prov = %s
      WITH e, row
      UNWIND row.aliases AS alias
      MERGE (a:Alias {id: alias.id})
      SET a.pack = $pack, a.name = alias.name, a.prov = %s
      MERGE (a)-[:ALIAS_OF]->(e)
      """.formatted(STAMP.formatted("e"), STAMP.formatted("a"));

  private static final String WRITE_FACTS = """
      UNWIND $rows AS row
      MATCH (e:Entity {id: row.entity})
      MERGE (f:Fact {id: row.id})
      SET f.attribute = row.attribute, f.value = row.value, f.question = row.question,
          f.parts = row.parts, f.prov = %s
      MERGE (e)-[:HAS_FACT]->(f)
      """.formatted(STAMP.formatted("f"));

  private static final String WRITE_QA = """
      UNWIND $rows AS row
      MERGE (q:QA {id: row.id})
      SET q.question = row.question, q.answer = row.answer, q.topic = row.topic, q.prov = %s
      WITH q, row WHERE row.entity IS NOT NULL
      MATCH (e:Entity {id: row.entity})
      MERGE (q)-[:ABOUT]->(e)
      """.formatted(STAMP.formatted("q"));

  private static final String WRITE_DESCRIPTIONS = """
      UNWIND $rows AS row
      MERGE (d:Description {id: row.id})
      SET d.label = row.label, d.text = row.text, d.prov = %s
      WITH d, row WHERE row.entity IS NOT NULL
      MATCH (e:Entity {id: row.entity})
      MERGE (e)-[:DESCRIBED_BY]->(d)
      """.formatted(STAMP.formatted("d"));

  /**
   * Writes what is left, removes what earlier imports of this source provided and this one did not, and reports counts
   * (taken from the graph: distinct nodes this source now provides). The pack's derived entity links are marked stale;
   * curation rebuilds them when it needs them ({@link Packs#relinkIfStale}).
   */
  public ImportResult finish() {
    if (finished) throw new IllegalStateException("import already finished");
    finished = true;
    try {
      flush();
    } finally {
      if (pool != null) pool.shutdown();
    }
    long removed = sourceIsNew ? 0 : PackGraph.dropStaleStamps(graph, pack, sourceKey, stamp);
    Map<String, Long> counts = new HashMap<>();
    for (Map.Entry<String, String> kind : KINDS.entrySet()) {
      counts.put(kind.getKey(), graph.query("MATCH (n:" + kind.getKey() + ") WHERE n.id STARTS WITH $prefix AND $stamp IN n.prov "
          + "RETURN count(n) AS n", Map.of("prefix", Ids.prefix(pack, kind.getValue()), "stamp", stamp)).get(0).get("n").asLong());
    }
    Duration elapsed = Duration.between(started, Instant.now());
    ImportResult result = new ImportResult(pack, sourceName, format, rowsRead, records, triples,
        counts.get("Entity"), counts.get("Alias"), counts.get("Fact"), counts.get("QA"), counts.get("Description"), removed,
        Map.copyOf(skipped), elapsed);
    Map<String, Object> update = new HashMap<>();
    update.put("pack", pack);
    update.put("source", sourceId);
    update.put("summary", result.summary());
    update.put("records", records);
    update.put("rows", rowsRead);
    update.put("at", ZonedDateTime.now());
    // The pack's new version tells every replica's index to follow (IndexSync.catchUp).
    graph.update("""
        MATCH (s:Source {id: $source}) SET s.importedAt = $at, s.rows = $rows, s.records = $records, s.summary = $summary
        WITH s MATCH (p:Pack {name: $pack}) SET p.updatedAt = $at, p.linked = false
        WITH p %s SET p.version = clock.seq
        """.formatted(ChangeClock.TICK), update);
    return result;
  }
}
