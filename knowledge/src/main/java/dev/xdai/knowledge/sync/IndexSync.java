package dev.xdai.knowledge.sync;

import dev.xdai.graph.ChangeClock;
import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.Ids;
import dev.xdai.knowledge.ingest.PackLocks;
import dev.xdai.knowledge.ingest.QaTemplates;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.link.DictionaryEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.Record;

/**
 * Pushes the graph's knowledge into retrieval: facts and QA pairs as QA items, descriptions as description items (with
 * the ids of the entities they are about), entity names and aliases into the linker's dictionary. Items are read in
 * pages of {@value #PAGE} by id (each page its own short read transaction, so a long embedding run never holds a
 * transaction open and survives a graph restart).
 *
 * <p>The change feed: every pack carries the {@link ChangeClock} stamp of its last import ({@code version}), and this
 * sync remembers the version of each pack it pushed ({@link SyncedVersions}). {@link #catchUp()} then brings the index
 * up to the graph, whoever changed it (another replica, an import run on its own): it pushes the packs whose version
 * differs (the index keeps unchanged items without embedding them again) and removes the packs the graph no longer
 * has; when the clock has not moved it costs one small read. Thread-safe.
 */
public final class IndexSync {

  static final int PAGE = 500;
  private static final int DESCRIPTION_HINT_CHARS = 80;
  private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());

  private final GraphConnection graph;
  private final KnowledgeSink sink;
  private final SyncedVersions synced;
  /** The change clock as of the last complete catch-up; -1 before the first. */
  private final AtomicLong caughtUpAt = new AtomicLong(-1);

  /** A sync that keeps the pushed versions in memory only (tests, tools). */
  public IndexSync(GraphConnection graph, KnowledgeSink sink) {
    this(graph, sink, Optional.empty());
  }

  /** @param versionsFile where the pushed packs' versions are kept across restarts (next to the index) */
  public IndexSync(GraphConnection graph, KnowledgeSink sink, Optional<java.nio.file.Path> versionsFile) {
    this.graph = graph;
    this.sink = sink;
    this.synced = new SyncedVersions(versionsFile);
  }

  public KnowledgeSink sink() {
    return sink;
  }

  /** Replaces the pack in the index and the dictionary with what the graph holds now. */
  public SyncResult syncPack(String pack) {
    Instant start = Instant.now();
    Optional<Long> version = packVersion(pack); // read first: a change made while the items are read is seen next time
    Counting items = new Counting(() -> items(pack));
    List<DictionaryEntity> entities = entities(pack);
    sink.replacePack(pack, items, entities);
    version.ifPresentOrElse(v -> synced.put(pack, v), () -> synced.remove(pack));
    return new SyncResult(pack, items.qa.get(), items.descriptions.get(), entities.size(),
        Duration.between(start, Instant.now()));
  }

  /** Removes the pack from the index and the dictionary. */
  public void deletePack(String pack) {
    sink.deletePack(pack);
    synced.remove(pack);
  }

  /**
   * Brings the index up to the graph: pushes the packs imported since this index last had them and removes the packs
   * deleted since, whoever changed them. A pack whose import or delete runs in this process now is left to it (and
   * looked at again next time). Returns what it did.
   */
  public PackChanges catchUp() {
    long clock = ChangeClock.current(graph); // read before the versions: a change after it is seen next time
    if (clock == caughtUpAt.get()) return PackChanges.NONE;
    PackChanges changes = PackChanges.between(packVersions(), synced.snapshot());
    List<String> changed = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    boolean complete = true;
    for (String pack : changes.changed()) {
      if (whileUnlocked(pack, () -> syncPack(pack))) changed.add(pack);
      else complete = false;
    }
    for (String pack : changes.gone()) {
      if (whileUnlocked(pack, () -> deletePack(pack))) gone.add(pack);
      else complete = false;
    }
    if (complete) caughtUpAt.set(clock);
    return new PackChanges(changed, gone);
  }

  /** Runs {@code work} under the pack's lock unless an import or delete in this process holds it; false then. */
  private static boolean whileUnlocked(String pack, Runnable work) {
    java.util.concurrent.locks.ReentrantLock lock = PackLocks.of(pack);
    if (!lock.tryLock()) return false;
    try {
      work.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Pushes every pack anew. */
  public SyncResult rebuildAll() {
    Instant start = Instant.now();
    Map<String, Long> versions = packVersions();
    List<String> packs = List.copyOf(new java.util.TreeSet<>(versions.keySet()));
    Counting items = new Counting(() -> new Concat(packs.stream().map(this::items).toList()));
    List<DictionaryEntity> entities = new ArrayList<>();
    for (String pack : packs) entities.addAll(entities(pack));
    sink.rebuild(items, entities);
    synced.replaceAll(versions);
    return new SyncResult("*", items.qa.get(), items.descriptions.get(), entities.size(),
        Duration.between(start, Instant.now()));
  }

  /**
   * At service start: a full rebuild when the index is missing or unusable, or when it is not known which pack
   * versions it holds (an index from before the change feed); otherwise the in-memory entity dictionary is reloaded and
   * the packs changed while this service was down are caught up. Returns the rebuild's result when one ran.
   */
  public Optional<SyncResult> atStartup() {
    if (sink.needsRebuild() || !synced.known()) return Optional.of(rebuildAll());
    List<DictionaryEntity> entities = new ArrayList<>();
    for (String pack : packVersions().keySet()) entities.addAll(entities(pack));
    sink.reloadEntities(entities);
    PackChanges caught = catchUp();
    if (!caught.isEmpty()) LOG.log(System.Logger.Level.INFO, "knowledge changed while this service was down: " + caught);
    return Optional.empty();
  }

  /** The pack's knowledge items, lazily paged from the graph: facts and QA pairs, then descriptions. */
  public Iterable<IndexedKnowledge> items(String pack) {
    return () -> new Concat(List.<Iterable<IndexedKnowledge>>of(
        () -> new Paged(pack, "f", FACTS), () -> new Paged(pack, "q", QAS), () -> new Paged(pack, "d", DESCRIPTIONS)))
        .iterator();
  }

  /** The pack's entities with their aliases and a short description (the linker uses it to disambiguate). */
  public List<DictionaryEntity> entities(String pack) {
    List<DictionaryEntity> entities = new ArrayList<>();
    for (Record r : graph.query("""
        MATCH (e:Entity) WHERE e.id STARTS WITH $prefix
        OPTIONAL MATCH (a:Alias)-[:ALIAS_OF]->(e)
        WITH e, collect(a.name) AS aliases
        OPTIONAL MATCH (e)-[:DESCRIBED_BY]->(d:Description)
        WITH e, aliases, collect(d.text)[0] AS description
        RETURN e.id AS id, e.name AS name, aliases, description
        ORDER BY id
        """, Map.of("prefix", Ids.prefix(pack, "e")))) {
      String name = r.get("name").asString();
      List<String> aliases = r.get("aliases").asList(v -> v.asString()).stream().filter(a -> !a.equals(name)).distinct().toList();
      String description = r.get("description").isNull() ? "" : r.get("description").asString();
      if (description.length() > DESCRIPTION_HINT_CHARS) description = description.substring(0, DESCRIPTION_HINT_CHARS);
      entities.add(new DictionaryEntity(r.get("id").asString(), pack, name, aliases, description));
    }
    return entities;
  }

  /** Every pack's version: the change-clock stamp of its last import, 0 for a pack no import finished. */
  private Map<String, Long> packVersions() {
    Map<String, Long> versions = new HashMap<>();
    graph.query("MATCH (p:Pack) RETURN p.name AS name, coalesce(p.version, 0) AS version", Map.of())
        .forEach(r -> versions.put(r.get("name").asString(), r.get("version").asLong()));
    return versions;
  }

  private Optional<Long> packVersion(String pack) {
    return graph.query("MATCH (p:Pack {name: $name}) RETURN coalesce(p.version, 0) AS version", Map.of("name", pack)).stream()
        .map(r -> r.get("version").asLong()).findFirst();
  }

  // Ids are "<pack>:<kind>:<hash>", so "id > $after AND id < <pack>:<kind>;" is a range seek on the id constraint's
  // index, returned in id order: paging costs one index range per page, not a scan of the pack.
  // A fact's question is its stored one (set by the source) or the template's; its entities are its own and those its
  // value names (the same rule as PackGraph.relink). The source is the name of (one of) the sources providing it: the
  // first provenance stamp's key, resolved through the pack's Source nodes.
  private static final String FACTS = """
      MATCH (f:Fact) WHERE f.id > $after AND f.id < $upper
      WITH f ORDER BY f.id LIMIT $limit
      OPTIONAL MATCH (e:Entity)-[:HAS_FACT]->(f)
      CALL (f) {
        OPTIONAL MATCH (a:Alias {pack: $pack})-[:ALIAS_OF]->(o:Entity)
        WHERE (f.parts IS NOT NULL OR size(f.value) <= 40) AND a.name IN coalesce(f.parts, [f.value])
        RETURN collect(DISTINCT o.id) AS named
      }
      RETURN f.id AS id, 'QA' AS format, f.question AS question, e.name AS entity, f.attribute AS attribute,
             f.value AS text, f.prov[0] AS prov, [x IN [e.id] + named WHERE x IS NOT NULL] AS entities
      ORDER BY id
      """;
  private static final String QAS = """
      MATCH (q:QA) WHERE q.id > $after AND q.id < $upper
      WITH q ORDER BY q.id LIMIT $limit
      OPTIONAL MATCH (q)-[:ABOUT]->(e:Entity)
      WITH q, collect(DISTINCT e.id) AS entities
      RETURN q.id AS id, 'QA' AS format, q.question AS question, q.answer AS text, q.prov[0] AS prov, entities
      ORDER BY id
      """;
  private static final String DESCRIPTIONS = """
      MATCH (d:Description) WHERE d.id > $after AND d.id < $upper
      WITH d ORDER BY d.id LIMIT $limit
      OPTIONAL MATCH (e:Entity)-[:DESCRIBED_BY]->(d)
      WITH d, collect(DISTINCT e.id) AS entities
      RETURN d.id AS id, 'DESCRIPTION' AS format, d.label AS title, d.text AS text, d.prov[0] AS prov, entities
      ORDER BY id
      """;

  /** Iterates one kind of item of one pack, a page per read transaction. */
  private final class Paged implements Iterator<IndexedKnowledge> {
    private final String pack;
    private final String upper;
    private final String cypher;
    private String after;
    private Iterator<IndexedKnowledge> page = java.util.Collections.emptyIterator();
    private Map<String, String> sources; // source key -> name, loaded on first use
    private boolean exhausted;

    Paged(String pack, String kind, String cypher) {
      this.pack = pack;
      this.after = pack + ":" + kind + ":";
      this.upper = pack + ":" + kind + ";";
      this.cypher = cypher;
    }

    @Override
    public boolean hasNext() {
      if (page.hasNext()) return true;
      if (exhausted) return false;
      List<IndexedKnowledge> next = graph.query(cypher, Map.of("after", after, "upper", upper, "limit", PAGE, "pack", pack)).stream()
          .map(this::item).toList();
      if (next.size() < PAGE) exhausted = true;
      if (next.isEmpty()) return false;
      after = next.get(next.size() - 1).id();
      page = next.iterator();
      return true;
    }

    @Override
    public IndexedKnowledge next() {
      if (!hasNext()) throw new NoSuchElementException();
      return page.next();
    }

    private IndexedKnowledge item(Record r) {
      KnowledgeItem.Format format = KnowledgeItem.Format.valueOf(r.get("format").asString());
      return new IndexedKnowledge(r.get("id").asString(), format, title(r), r.get("text").asString(""),
          sourceName(r.get("prov").asString("")), pack, r.get("entities").asList(v -> v.asString()).stream().distinct().toList(),
          fact(r));
    }

    private String sourceName(String prov) {
      if (sources == null) {
        sources = new HashMap<>();
        graph.query("MATCH (s:Source) WHERE s.id STARTS WITH $prefix RETURN s.key AS key, s.name AS name",
            Map.of("prefix", Ids.prefix(pack, "s"))).forEach(s -> sources.put(s.get("key").asString(""), s.get("name").asString("")));
      }
      int at = prov.indexOf('@');
      return at < 0 ? "" : sources.getOrDefault(prov.substring(0, at), "");
    }

    /** A triple's entity and attribute, or a description's entity: what a quoted answer names. */
    private static KnowledgeItem.Fact fact(Record r) {
      if (r.containsKey("attribute")) return new KnowledgeItem.Fact(r.get("entity").asString(""), r.get("attribute").asString(""));
      if (r.containsKey("title")) return new KnowledgeItem.Fact(r.get("title").asString(""), "");
      return null;
    }

    private static String title(Record r) {
      if (r.containsKey("title")) return r.get("title").asString("");
      String question = r.get("question").asString("");
      if (!question.isBlank() || !r.containsKey("attribute")) return question;
      return QaTemplates.question(r.get("entity").asString(""), r.get("attribute").asString(""));
    }
  }

  /** Several iterables one after the other, each opened only when reached. */
  private static final class Concat implements Iterator<IndexedKnowledge>, Iterable<IndexedKnowledge> {
    private final Iterator<? extends Iterable<IndexedKnowledge>> parts;
    private Iterator<IndexedKnowledge> current = java.util.Collections.emptyIterator();

    Concat(List<? extends Iterable<IndexedKnowledge>> parts) {
      this.parts = parts.iterator();
    }

    @Override
    public Iterator<IndexedKnowledge> iterator() {
      return this;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (!parts.hasNext()) return false;
        current = parts.next().iterator();
      }
      return true;
    }

    @Override
    public IndexedKnowledge next() {
      if (!hasNext()) throw new NoSuchElementException();
      return current.next();
    }
  }

  /** Counts items by format as the sink consumes them (the sink may iterate only once). */
  private static final class Counting implements Iterable<IndexedKnowledge> {
    private final java.util.function.Supplier<Iterable<IndexedKnowledge>> source;
    final AtomicLong qa = new AtomicLong();
    final AtomicLong descriptions = new AtomicLong();

    Counting(java.util.function.Supplier<Iterable<IndexedKnowledge>> source) {
      this.source = source;
    }

    @Override
    public Iterator<IndexedKnowledge> iterator() {
      qa.set(0);
      descriptions.set(0);
      Iterator<IndexedKnowledge> inner = source.get().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return inner.hasNext();
        }

        @Override
        public IndexedKnowledge next() {
          IndexedKnowledge item = inner.next();
          (item.format() == KnowledgeItem.Format.QA ? qa : descriptions).incrementAndGet();
          return item;
        }
      };
    }
  }
}
