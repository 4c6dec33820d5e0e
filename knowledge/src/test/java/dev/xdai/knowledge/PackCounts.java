package dev.xdai.knowledge;

import dev.xdai.graph.GraphConnection;
import java.util.Map;

/** Node counts of one pack straight from the graph, to check importers independently of their own reports. */
public record PackCounts(long entities, long aliases, long facts, long qa, long descriptions, long sources) {

  public static PackCounts of(GraphConnection graph, String pack) {
    // by label scans with a filter, not the index seeks the production code uses
    var r = graph.query("""
        RETURN COUNT { MATCH (n:Entity) WHERE n.pack = $pack } AS entities, COUNT { MATCH (n:Alias) WHERE n.pack = $pack } AS aliases,
               COUNT { MATCH (n:Fact) WHERE split(n.id, ':')[0] = $pack } AS facts,
               COUNT { MATCH (n:QA) WHERE split(n.id, ':')[0] = $pack } AS qa,
               COUNT { MATCH (n:Description) WHERE split(n.id, ':')[0] = $pack } AS descriptions,
               COUNT { MATCH (n:Source) WHERE n.pack = $pack } AS sources
        """, Map.of("pack", pack)).get(0);
    return new PackCounts(r.get("entities").asLong(), r.get("aliases").asLong(), r.get("facts").asLong(), r.get("qa").asLong(),
        r.get("descriptions").asLong(), r.get("sources").asLong());
  }

  public long total() {
    return entities + aliases + facts + qa + descriptions + sources;
  }
}
