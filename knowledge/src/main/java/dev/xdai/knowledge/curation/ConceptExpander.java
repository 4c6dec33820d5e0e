package dev.xdai.knowledge.curation;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.Packs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Domain concept expansion (the method's offline curation, done on the graph): starting from a pack's seed concepts,
 * take the entities within {@code maxHops} {@code RELATED} links of a seed as candidates (the links are rebuilt first
 * if an import changed the pack), count in how many of the
 * pack's texts (descriptions, facts, QA pairs) each candidate occurs together with a seed, and rank by
 * {@code hopWeight * cooccurrences / sqrt(occurrences)} (so a concept that appears everywhere does not win by mere
 * frequency). The best become {@code (Pack)-[:EXPANDS_TO {rank, score}]->(Entity)}. Texts are paged, so memory stays
 * proportional to the number of candidates. Thread-safe.
 */
public final class ConceptExpander {

  /** How many concepts to keep, how many shared texts a candidate needs, and how far from a seed it may be. */
  public record Options(int maxConcepts, int minCooccurrences, int maxHops) {
    public Options {
      if (maxConcepts < 1 || minCooccurrences < 1 || maxHops < 1 || maxHops > 3) {
        throw new IllegalArgumentException("maxConcepts >= 1, minCooccurrences >= 1, 1 <= maxHops <= 3");
      }
    }

    public static Options defaults() {
      return new Options(12, 1, 2);
    }
  }

  /** One expansion concept with the evidence for it. */
  public record Concept(String entityId, String name, double score, int cooccurrences, int occurrences, int hops) {}

  /** The outcome of expanding one pack. */
  public record Result(String pack, List<String> seeds, List<String> unresolvedSeeds, List<Concept> concepts,
      long textsScanned, Duration elapsed) {}

  private static final int PAGE = 1000;
  private static final int MAX_CANDIDATES = 500;

  private final GraphConnection graph;
  private final Options options;

  public ConceptExpander(GraphConnection graph, Options options) {
    this.graph = graph;
    this.options = options;
  }

  /** Expands the pack from its stored seeds ({@code Pack.seeds}) and stores the result. */
  public Result expand(String pack) {
    List<Record> rows = graph.query("MATCH (p:Pack {name: $pack}) RETURN coalesce(p.seeds, []) AS seeds", Map.of("pack", pack));
    if (rows.isEmpty()) throw new IllegalArgumentException("no pack named " + pack);
    return expand(pack, rows.get(0).get("seeds").asList(Value::asString));
  }

  /** Expands the pack from the given seeds and stores the result (replacing earlier expansion concepts). */
  public Result expand(String pack, List<String> seeds) {
    Instant start = Instant.now();
    new Packs(graph, null).relinkIfStale(pack);
    // 1. seeds -> entities (by any alias)
    Map<String, String> seedIds = new LinkedHashMap<>(); // entity id -> name
    Set<String> resolved = new LinkedHashSet<>();
    for (Record r : graph.query("""
        MATCH (a:Alias {pack: $pack})-[:ALIAS_OF]->(e:Entity) WHERE a.name IN $seeds
        RETURN a.name AS seed, e.id AS id, e.name AS name
        """, Map.of("pack", pack, "seeds", seeds))) {
      seedIds.put(r.get("id").asString(), r.get("name").asString());
      resolved.add(r.get("seed").asString());
    }
    List<String> unresolved = seeds.stream().filter(s -> !resolved.contains(s)).toList();
    Set<String> seedNames = new LinkedHashSet<>(seeds);
    seedNames.addAll(seedIds.values());
    seedNames.removeIf(String::isBlank);

    // 2. graph neighbours of the seeds, with their names (all aliases) for matching in text
    Map<String, Candidate> candidates = new HashMap<>();
    if (!seedIds.isEmpty()) {
      for (Record r : graph.query("""
          MATCH (s:Entity) WHERE s.id IN $seeds
          MATCH path = (s)-[:RELATED*1..%d]-(c:Entity)
          WHERE NOT c.id IN $seeds
          WITH c, min(length(path)) AS hops
          ORDER BY hops
          LIMIT $max
          OPTIONAL MATCH (a:Alias)-[:ALIAS_OF]->(c)
          RETURN c.id AS id, c.name AS name, hops, collect(a.name) AS names
          """.formatted(options.maxHops()), Map.of("seeds", List.copyOf(seedIds.keySet()), "max", MAX_CANDIDATES))) {
        Set<String> names = new LinkedHashSet<>();
        names.add(r.get("name").asString());
        names.addAll(r.get("names").asList(Value::asString));
        names.removeIf(n -> n.length() < 2); // one character matches almost any Chinese text
        if (names.isEmpty()) continue;
        candidates.put(r.get("id").asString(),
            new Candidate(r.get("id").asString(), r.get("name").asString(), r.get("hops").asInt(), List.copyOf(names)));
      }
    }

    // 3. co-occurrence in the pack's texts
    long texts = 0;
    if (!candidates.isEmpty()) {
      for (String[] kind : TEXT_KINDS) {
        String after = pack + ":" + kind[0] + ":";
        String upper = pack + ":" + kind[0] + ";";
        while (true) {
          List<Record> page = graph.query(kind[1], Map.of("after", after, "upper", upper, "limit", PAGE));
          for (Record r : page) {
            texts++;
            count(r.get("text").asString(""), seedNames, candidates.values());
          }
          if (page.size() < PAGE) break;
          after = page.get(page.size() - 1).get("id").asString();
        }
      }
    }

    // 4. rank and store
    List<Concept> concepts = candidates.values().stream()
        .filter(c -> c.cooccurrences >= options.minCooccurrences())
        .map(c -> new Concept(c.id, c.name, score(c), c.cooccurrences, c.occurrences, c.hops))
        .sorted(Comparator.comparingDouble(Concept::score).reversed().thenComparing(Concept::name))
        .limit(options.maxConcepts())
        .toList();
    store(pack, concepts);
    return new Result(pack, List.copyOf(seeds), unresolved, concepts, texts, Duration.between(start, Instant.now()));
  }

  /**
   * For a scheduler: expands every pack that has seeds and changed since its last expansion (or was never expanded).
   * Cheap when nothing changed; call it every few minutes.
   */
  public List<Result> expandStale() {
    List<String> stale = graph.query("""
        MATCH (p:Pack) WHERE size(coalesce(p.seeds, [])) > 0
          AND (p.expandedFrom IS NULL OR p.expandedFrom <> coalesce(p.updatedAt, p.createdAt))
        RETURN p.name AS name ORDER BY name
        """, Map.of()).stream().map(r -> r.get("name").asString()).toList();
    List<Result> results = new ArrayList<>();
    for (String pack : stale) results.add(expand(pack));
    return results;
  }

  /** The pack's domain concepts: its seeds, then the stored expansion concepts, best first. */
  public List<String> concepts(String pack) {
    List<Record> rows = graph.query("""
        MATCH (p:Pack {name: $pack})
        OPTIONAL MATCH (p)-[x:EXPANDS_TO]->(e:Entity)
        WITH p, e, x ORDER BY x.rank
        RETURN coalesce(p.seeds, []) AS seeds, collect(e.name) AS expansions
        """, Map.of("pack", pack));
    if (rows.isEmpty()) return List.of();
    Set<String> all = new LinkedHashSet<>(rows.get(0).get("seeds").asList(Value::asString));
    all.addAll(rows.get(0).get("expansions").asList(Value::asString));
    return List.copyOf(all);
  }

  private static final String[][] TEXT_KINDS = {
      {"d", """
          MATCH (n:Description) WHERE n.id > $after AND n.id < $upper
          RETURN n.id AS id, n.label + '：' + n.text AS text ORDER BY n.id LIMIT $limit"""},
      {"f", """
          MATCH (n:Fact) WHERE n.id > $after AND n.id < $upper
          WITH n ORDER BY n.id LIMIT $limit
          MATCH (e:Entity)-[:HAS_FACT]->(n)
          RETURN n.id AS id, e.name + ' ' + n.attribute + ' ' + n.value AS text ORDER BY id"""},
      {"q", """
          MATCH (n:QA) WHERE n.id > $after AND n.id < $upper
          RETURN n.id AS id, n.question + ' ' + n.answer AS text ORDER BY n.id LIMIT $limit"""}};

  private static void count(String text, Set<String> seedNames, Iterable<Candidate> candidates) {
    boolean seedHere = false;
    for (String seed : seedNames) {
      if (text.contains(seed)) {
        seedHere = true;
        break;
      }
    }
    for (Candidate c : candidates) {
      for (String name : c.names) {
        if (text.contains(name)) {
          c.occurrences++;
          if (seedHere) c.cooccurrences++;
          break;
        }
      }
    }
  }

  private static double score(Candidate c) {
    double hopWeight = c.hops == 1 ? 1.0 : c.hops == 2 ? 0.6 : 0.35;
    return hopWeight * c.cooccurrences / Math.sqrt(Math.max(1, c.occurrences));
  }

  private void store(String pack, List<Concept> concepts) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < concepts.size(); i++) {
      Concept c = concepts.get(i);
      rows.add(Map.of("id", c.entityId(), "rank", i + 1, "score", c.score(), "cooccurrences", c.cooccurrences(), "hops", c.hops()));
    }
    graph.write(tx -> {
      tx.run("MATCH (p:Pack {name: $pack})-[x:EXPANDS_TO]->() DELETE x", Map.of("pack", pack)).consume();
      tx.run("""
          MATCH (p:Pack {name: $pack})
          SET p.expandedAt = datetime(), p.expandedFrom = coalesce(p.updatedAt, p.createdAt)
          WITH p
          UNWIND $rows AS row
          MATCH (e:Entity {id: row.id})
          MERGE (p)-[x:EXPANDS_TO]->(e)
          SET x.rank = row.rank, x.score = row.score, x.cooccurrences = row.cooccurrences, x.hops = row.hops
          """, Map.of("pack", pack, "rows", rows)).consume();
      return null;
    });
  }

  private static final class Candidate {
    final String id;
    final String name;
    final int hops;
    final List<String> names;
    int occurrences;
    int cooccurrences;

    Candidate(String id, String name, int hops, List<String> names) {
      this.id = id;
      this.name = name;
      this.hops = hops;
      this.names = names;
    }
  }
}
