package dev.xdai.app.eval;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Import throughput: writes a reproducible synthetic triples CSV (N triples over N/10 entities, 10 attributes, about a
 * tenth of the values naming another entity, fixed seed), imports it into a fresh pack through the real CSV importer
 * and graph writer (no index sync, so no embeddings), then imports it again (the idempotent replace path), and checks
 * that the pack holds exactly N facts. A warm-up import (N/2 triples by default) runs first and is not measured, so the
 * figures are steady state: a cold server spends its first tens of thousands of rows JIT-compiling Neo4j. {@code xdai bench import} runs {@link #run}.
 *
 */
public final class ImportBenchmark {

  /**
   * Figures of one benchmark run. The CPU seconds (graph server process, this process; -1 when unknown, e.g. an
   * external server) make figures comparable on a machine shared with other work, where wall time mostly measures the
   * neighbours.
   */
  public record Result(long triples, int batchSize, double seconds, double triplesPerSecond, double reimportSeconds,
      double reimportTriplesPerSecond, double serverCpuSeconds, double clientCpuSeconds, long entities, long facts,
      long relatedLinks) {

    public String summary() {
      return String.format(Locale.ROOT,
          "import: %d triples in %.2f s = %.0f triples/s (batch %d; CPU: graph server %.1f s, importer %.1f s); "
              + "re-import (replace): %.2f s = %.0f triples/s; pack holds %d entities, %d facts, %d entity links",
          triples, seconds, triplesPerSecond, batchSize, serverCpuSeconds, clientCpuSeconds, reimportSeconds,
          reimportTriplesPerSecond, entities, facts, relatedLinks);
    }
  }

  /** Pack size, unmeasured warm-up size, rows per batch and parallel write transactions. */
  public record Options(int triples, int warmup, int batchSize, int writers) {
    public Options {
      if (triples < 10 || warmup < 0 || batchSize < 1 || writers < 1) throw new IllegalArgumentException("bad options");
    }

    /** N triples, N/2 warm-up, the importer's default batch and writers. */
    public static Options defaults(int triples) {
      return new Options(triples, triples / 2, KnowledgeImporter.DEFAULT_BATCH, KnowledgeImporter.DEFAULT_WRITERS);
    }
  }

  static final String PACK = "bench-import";
  static final String WARMUP_PACK = "bench-import-warmup";
  private static final String[] ATTRIBUTES = {"导演", "上映时间", "主演", "类型", "票房", "片长", "地址", "门票", "开放时间", "电话"};
  private static final String CHARS = "山水云天风花雪月春秋江河湖海星辰光影书画琴棋诗酒茶松竹梅兰城乡街巷门楼";

  private ImportBenchmark() {}

  /** {@link #run(GraphConnection, Options)} with a warm-up of N/2 triples. */
  public static Result run(GraphConnection graph, int triples, int batchSize, int writers) {
    return run(graph, new Options(triples, triples / 2, batchSize, writers));
  }

  /** Runs the benchmark on {@code graph} (packs {@value #PACK} and {@value #WARMUP_PACK} are deleted before and after). */
  public static Result run(GraphConnection graph, Options options) {
    int triples = options.triples();
    int batchSize = options.batchSize();
    Path csv = null;
    Packs packs = new Packs(graph, null);
    try {
      csv = Files.createTempFile("xdai-bench-import", ".csv");
      packs.delete(PACK);
      KnowledgeImporter importer = new KnowledgeImporter(graph, null, batchSize, options.writers());
      packs.delete(WARMUP_PACK);
      if (options.warmup() > 0) {
        // JIT of both JVMs and Cypher's plan cache, not measured: steady-state figures. The warm-up pack stays until the
        // end (a pack deleted just before would leave the store busy with the deletion's aftermath).
        writeSynthetic(csv, options.warmup());
        importer.importFile(WARMUP_PACK, ImportFormat.TRIPLES, csv);
      }
      writeSynthetic(csv, triples);
      double server0 = cpuSeconds(graph.launcher().flatMap(l -> l.process()));
      double client0 = cpuSeconds(java.util.Optional.of(ProcessHandle.current()));
      ImportResult first = importer.importFile(PACK, ImportFormat.TRIPLES, csv);
      double serverCpu = server0 < 0 ? -1 : cpuSeconds(graph.launcher().flatMap(l -> l.process())) - server0;
      double clientCpu = cpuSeconds(java.util.Optional.of(ProcessHandle.current())) - client0;
      ImportResult again = importer.importFile(PACK, ImportFormat.TRIPLES, csv);
      if (first.facts() != triples || again.facts() != triples) { // the benchmark checks what it measures
        throw new IllegalStateException("expected " + triples + " facts, got " + first.facts() + " then " + again.facts());
      }
      packs.relinkIfStale(PACK); // not measured: curation builds the links when it needs them
      long links = graph.query("MATCH (:Entity {pack: $pack})-[r:RELATED]->() RETURN count(r) AS n",
          java.util.Map.of("pack", PACK)).get(0).get("n").asLong();
      return new Result(triples, batchSize, seconds(first), first.triplesPerSecond(), seconds(again),
          again.triplesPerSecond(), serverCpu, clientCpu, again.entities(), again.facts(), links);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      packs.delete(PACK);
      packs.delete(WARMUP_PACK);
      if (csv != null) csv.toFile().delete();
    }
  }

  /** The synthetic pack as CSV: deterministic for a given N. */
  static void writeSynthetic(Path csv, int triples) throws IOException {
    int entities = Math.max(1, triples / ATTRIBUTES.length);
    SplittableRandom random = new SplittableRandom(20220814L);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("entity,attribute,value\n");
      for (int i = 0; i < triples; i++) {
        int entity = i / ATTRIBUTES.length;
        String attribute = ATTRIBUTES[i % ATTRIBUTES.length];
        String value = attribute.equals("主演") && entities > 1
            ? name(random.nextInt(entities)) + "、" + name(random.nextInt(entities))
            : word(random, 4 + random.nextInt(12)) + i;
        out.write(name(entity));
        out.write(',');
        out.write(attribute);
        out.write(',');
        out.write(value);
        out.write('\n');
      }
    }
  }

  private static String name(int entity) {
    return "实体" + entity;
  }

  private static String word(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) s.append(CHARS.charAt(random.nextInt(CHARS.length())));
    return s.toString();
  }

  private static double cpuSeconds(java.util.Optional<ProcessHandle> process) {
    return process.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(-1.0);
  }

  private static double seconds(ImportResult r) {
    return r.elapsed().toNanos() / 1e9;
  }


}
