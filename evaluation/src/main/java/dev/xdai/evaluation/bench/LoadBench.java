package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.ClientKey;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench load}: turns per second, turn latency and errors of a running service on this machine under
 * {@code --sessions} concurrent users for {@code --seconds}, sending KdConv user utterances. With
 * {@code --turns-per-session N} each user abandons its session after N turns and opens another, up to
 * {@code --max-sessions}; with {@code --sample-seconds S} the service's memory is sampled every S seconds (one row
 * each; {@code --pid} adds its resident set), so a run of many short sessions shows whether memory levels off.
 */
final class LoadBench implements Bench {

  @Override public Map<String, String> defaults() {
    return Bench.options("url", "http://127.0.0.1:8080", "sessions", "4", "seconds", "10", "timeout", "30", "bot", "", "seed", "1",
        "turns-per-session", "0", "max-sessions", "0", "sample-seconds", "0", "pid", "0");
  }

  @Override public boolean readsData() { return true; }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    String url = args.value("url");
    int sessions = args.positiveInt("sessions");
    int seconds = args.positiveInt("seconds");
    int timeout = args.positiveInt("timeout");
    String bot = args.value("bot");
    long seed = args.longValue("seed");
    long sampleSeconds = args.longValue("sample-seconds");
    if (sampleSeconds < 0) throw new UsageException("--sample-seconds must not be negative");
    long turnsPerSession = args.longValue("turns-per-session");
    if (turnsPerSession > LoadGenerator.MAX_TURNS_PER_SESSION) throw new UsageException("--turns-per-session is at most " + LoadGenerator.MAX_TURNS_PER_SESSION);
    URI base;
    try {
      base = LoopbackGuard.require(URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<KdConvConversation> data = BenchTexts.conversations(args);
    List<String> texts = BenchTexts.sentences(data, seed, 500);
    LoadGenerator.Settings settings;
    try {
      settings = new LoadGenerator.Settings(base, sessions, Duration.ofSeconds(seconds), Duration.ofSeconds(timeout), bot, texts,
          (int) turnsPerSession, args.longValue("max-sessions"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    progress.printf("bench load: %d sessions for %d s against %s%n", sessions, seconds, base);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    try { // a clear word rather than a table of connection errors
      client.send(java.net.http.HttpRequest.newBuilder(base.resolve("/q/health/live")).timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new UsageException("no xdai service answers at " + base + ": start ./xdai serve, or pass --url");
    }
    LoadGenerator load = new LoadGenerator(client, ClientKey.fromEnvironment());
    List<Map<String, Object>> samples = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampling = null;
    if (sampleSeconds > 0) {
      MemorySampler memory = new MemorySampler(client, ClientKey.fromEnvironment(), base, args.longValue("pid"));
      long t0 = System.nanoTime();
      sampling = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("load-memory").factory());
      sampling.scheduleAtFixedRate(() -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at_s", Math.round((System.nanoTime() - t0) / 1e9));
        row.put("turns", load.turnsSoFar());
        row.put("sessions", load.sessionsSoFar());
        try {
          row.putAll(memory.sample());
        } catch (java.io.IOException e) {
          row.put("error", e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        samples.add(row);
        progress.println("  " + row);
      }, 0, sampleSeconds, TimeUnit.SECONDS);
    }
    LoadGenerator.Result r;
    try {
      r = load.run(settings);
    } finally {
      if (sampling != null) sampling.shutdownNow();
    }

    BenchReport report = new BenchReport("load", BenchTexts.options(args, data), 0, (int) Math.min(Integer.MAX_VALUE, r.turns()));
    samples.forEach(report::row);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("sessions", r.sessions());
    row.put("turns", r.turns());
    row.put("errors", r.errors());
    row.put("seconds", JsonLine.round(r.seconds(), 1));
    row.put("turns_per_s", JsonLine.round(r.turnsPerSecond(), 2));
    row.putAll(Percentiles.summarise(r.turnNanos()).cells("turn_"));
    report.row(row);
    r.errorSamples().forEach(e -> report.note("error: " + e));
    return report;
  }
}
