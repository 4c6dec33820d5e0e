package dev.xdai.app.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.dialogue.Grounding;
import dev.xdai.dialogue.JournaledSessionStore;
import dev.xdai.dialogue.Neo4jSessionStore;
import dev.xdai.dialogue.ReplyMode;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.SessionStore;
import dev.xdai.dialogue.TurnRecord;
import dev.xdai.graph.GraphConnection;
import dev.xdai.prompting.KnowledgeItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a turn's write costs under each replication rule, against a real graph: {@code write-behind} (the turn forced to
 * the local journal; the graph write follows in the background), {@code synchronous} (the graph commit with the append
 * check under the session's lock, what replicas sharing a graph do), and {@code shared-check} (the read of the
 * session's turn count with which a sharing replica checks its remembered history before each turn). Each of
 * {@code threads} writers keeps its own sessions and appends turns to them in turn, with a grounding of the size a real
 * turn stores; the first {@code warmup} turns of each mode are not measured. {@code xdai bench sessions} runs it.
 */
public final class SessionWriteBenchmark {

  /** Turns measured (per mode, all threads together), unmeasured warm-up turns, writers, sessions per writer. */
  public record Options(int turns, int warmup, int threads, int sessionsPerThread) {
    public Options {
      if (turns < 1 || warmup < 0 || threads < 1 || sessionsPerThread < 1) throw new IllegalArgumentException("bad options");
      if ((turns + warmup) / ((long) threads * sessionsPerThread) > 200) {
        throw new IllegalArgumentException("at most 200 turns per session: add sessions");
      }
    }
  }

  private final GraphConnection graph;
  private final ObjectMapper json = new ObjectMapper();

  public SessionWriteBenchmark(GraphConnection graph) {
    this.graph = graph;
  }

  /** Per mode, the measured durations in nanoseconds. The sessions written are deleted afterwards. */
  public Map<String, long[]> run(Options options) {
    Neo4jSessionStore store = new Neo4jSessionStore(graph).ensureSchema();
    Map<String, long[]> results = new LinkedHashMap<>();
    List<String> written = new ArrayList<>();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("xdai-bench-sessions");
      try (JournaledSessionStore journal = JournaledSessionStore.open(store, dir.resolve("sessions.journal"), json).orElseThrow()) {
        results.put("write-behind", appends(journal, options, written));
        while (journal.backlog() > 0) pause(); // the graph writes behind must not overlap the next mode
      }
      results.put("synchronous", appends(store, options, written));
      results.put("shared-check", checks(store, options, written));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      written.forEach(store::delete);
      if (dir != null) dir.toFile().listFiles(f -> f.delete());
      if (dir != null) dir.toFile().delete();
    }
    return results;
  }

  /** Appends warm-up and measured turns to fresh sessions, writers in parallel; returns the measured durations. */
  private long[] appends(SessionStore store, Options options, List<String> written) {
    List<List<String>> sessions = newSessions(store, options, written);
    return parallel(options, (writer, n) -> {
      List<String> own = sessions.get(writer);
      String id = own.get(n % own.size());
      TurnRecord turn = turn(n / own.size());
      long start = System.nanoTime();
      store.append(id, turn);
      return System.nanoTime() - start;
    });
  }

  /** Reads the turn count of the sessions just written, as a sharing replica does before each turn. */
  private long[] checks(SessionStore store, Options options, List<String> written) {
    return parallel(options, (writer, n) -> {
      String id = written.get((writer * 7919 + n) % written.size());
      long start = System.nanoTime();
      store.turnCount(id);
      return System.nanoTime() - start;
    });
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private interface Step {
    long run(int writer, int n);
  }

  /** Runs each writer's steps in order, the writers in parallel; returns the measured steps' durations. */
  private static long[] parallel(Options options, Step step) {
    int perWriter = (options.turns() + options.warmup()) / options.threads();
    int warmupPerWriter = options.warmup() / options.threads();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      List<Future<long[]>> writers = new ArrayList<>();
      for (int w = 0; w < options.threads(); w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          long[] measured = new long[perWriter - warmupPerWriter];
          for (int n = 0; n < perWriter; n++) {
            long nanos = step.run(writer, n);
            if (n >= warmupPerWriter) measured[n - warmupPerWriter] = nanos;
          }
          return measured;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> f : writers) for (long v : f.get()) all.add(v);
      return all.stream().mapToLong(Long::longValue).toArray();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<List<String>> newSessions(SessionStore store, Options options, List<String> written) {
    List<List<String>> perWriter = new ArrayList<>();
    for (int w = 0; w < options.threads(); w++) {
      List<String> own = new ArrayList<>();
      for (int s = 0; s < options.sessionsPerThread(); s++) {
        Session session = new Session("bench-" + UUID.randomUUID(), "xiaodai", "", "", Instant.now(), List.of());
        store.create(session);
        own.add(session.id());
        written.add(session.id());
      }
      perWriter.add(own);
    }
    return perWriter;
  }

  /** A turn with a grounding of a real turn's size (about 1.5 KB of JSON: history, three knowledge items, timings). */
  static TurnRecord turn(int index) {
    List<Grounding.Injected> knowledge = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      knowledge.add(new Grounding.Injected("query", new KnowledgeItem("clinic:f:" + index + k, KnowledgeItem.Format.QA,
          "康宁社区诊所的营业时间是什么？", "周一至周五8:00-20:00，周六、周日8:00-17:00，法定节假日另行通知。", "clinic.csv", "clinic", 0.81)));
    }
    Grounding grounding = new Grounding(List.of(new Grounding.SelectedExchange(Math.max(0, index - 1), "你们几点开门？",
        "周一至周五8:00-20:00。", 0.74)), knowledge, List.of(new Grounding.Background("康宁社区诊所是一家社区综合诊所。", "clinic:d:1")),
        "receptionist", "", "", List.of(), List.of(), List.of(), "xdai-glm-small", "END",
        Map.of("history", 1.2, "knowledge", 8.5, "generate", 310.0, "total", 330.0), ReplyMode.QUOTED, List.of(), null);
    return new TurnRecord(index, "挂号费多少钱？第" + index + "问", "普通号10元，主治医师号20元，副主任医师号30元。", grounding, Instant.now());
  }
}
