package dev.xdai.knowledge.ingest;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A pack as listed: counts of its nodes, its sources (names), seed concepts and the expansion concepts curation added
 * (best first). {@code updatedAt} is null for a pack that never finished an import.
 */
public record PackInfo(
    String name,
    String title,
    String description,
    long entities,
    long facts,
    long qa,
    long descriptions,
    List<String> sources,
    List<String> seeds,
    List<String> expansions,
    ZonedDateTime updatedAt) {}
