package dev.xdai.knowledge.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * What one import did. Node counts are distinct nodes the source provides after the import (so a re-import reports the
 * same numbers, not twice as many); {@code records}/{@code triples} count what was read and written, duplicates included.
 *
 * @param rowsRead     input rows seen (lines, messages, CSV records, paragraphs)
 * @param records      knowledge records written (triples + QA pairs + passages)
 * @param triples      triples written (duplicates included)
 * @param removed      nodes deleted because this source no longer provides them
 * @param skipped      rows not imported, by reason
 */
public record ImportResult(
    String pack,
    String source,
    String format,
    long rowsRead,
    long records,
    long triples,
    long entities,
    long aliases,
    long facts,
    long qa,
    long descriptions,
    long removed,
    Map<String, Long> skipped,
    Duration elapsed) {

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records written per second of wall time. */
  public double recordsPerSecond() {
    return perSecond(records);
  }

  /** Triples written per second of wall time (0 for formats without triples). */
  public double triplesPerSecond() {
    return perSecond(triples);
  }

  private double perSecond(long count) {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : count / seconds;
  }

  /** One line for logs and the CLI. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "pack %s <- %s (%s): %d rows, %d records (%d triples) in %.2f s = %.0f records/s; now %d entities, %d aliases, "
            + "%d facts, %d QA, %d descriptions; %d removed; skipped %d %s",
        pack, source, format, rowsRead, records, triples, elapsed.toNanos() / 1e9, recordsPerSecond(), entities, aliases,
        facts, qa, descriptions, removed, skippedTotal(), skipped.isEmpty() ? "" : skipped);
  }
}
