package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code bench load}: turns per second, turn latency and errors of a running service on this machine under
 * {@code --sessions} concurrent users for {@code --seconds}, sending KdConv user utterances. With
 * {@code --turns-per-session N} each user abandons its session after N turns and opens another, up to
 * {@code --max-sessions}; with {@code --sample-seconds S} the service's memory is sampled every S seconds (one row
 * each; {@code --pid} adds its resident set), so a run of many short sessions shows whether memory levels off.
 */
@Command(name = "load", sortOptions = false,
    description = "Turns per second, latency and errors of a running service on this machine under concurrent users.")
final class LoadBench extends Bench {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL", description = "the service (on this machine; default ${DEFAULT-VALUE}, "
      + "or through xdai the service serving this data directory)")
  URI url;
  @Option(names = "--sessions", paramLabel = "N", defaultValue = "4", converter = PositiveInt.class, description = "concurrent users (default ${DEFAULT-VALUE})")
  int sessions;
  @Option(names = "--seconds", paramLabel = "N", defaultValue = "10", converter = PositiveInt.class, description = "how long (default ${DEFAULT-VALUE})")
  int seconds;
  @Option(names = "--timeout", paramLabel = "N", defaultValue = "30", converter = PositiveInt.class, description = "seconds a turn may take (default ${DEFAULT-VALUE})")
  int timeout;
  @Option(names = "--bot", paramLabel = "ID", description = "the bot talked to (default: the service's default)")
  String bot;
  @Mixin KdConvData text;
  @Option(names = "--turns-per-session", paramLabel = "N", defaultValue = "0", description = "a user opens a new session after N turns, 0: never (default ${DEFAULT-VALUE})")
  long turnsPerSession;
  @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "0", description = "sessions opened at most, 0: no limit (default ${DEFAULT-VALUE})")
  long maxSessions;
  @Option(names = "--sample-seconds", paramLabel = "N", defaultValue = "0", description = "sample the service's memory every S seconds, 0: never (default ${DEFAULT-VALUE})")
  long sampleSeconds;
  @Option(names = "--pid", paramLabel = "N", defaultValue = "0", description = "the service's process, whose resident set the samples add (default: none)")
  long pid;

  @Override BenchReport run(PrintStream progress) throws Exception {
    if (sampleSeconds < 0) throw new UsageException("--sample-seconds must not be negative");
    if (turnsPerSession > LoadGenerator.MAX_TURNS_PER_SESSION) throw new UsageException("--turns-per-session is at most " + LoadGenerator.MAX_TURNS_PER_SESSION);
    URI base;
    try {
      base = LoopbackGuard.require(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<KdConvConversation> data = BenchTexts.conversations(text);
    List<String> texts = BenchTexts.sentences(data, text.seed, 500);
    LoadGenerator.Settings settings;
    try {
      settings = new LoadGenerator.Settings(base, sessions, Duration.ofSeconds(seconds), Duration.ofSeconds(timeout), bot, texts,
          (int) turnsPerSession, maxSessions);
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
      MemorySampler memory = new MemorySampler(client, ClientKey.fromEnvironment(), base, pid);
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

    BenchReport report = new BenchReport("load", BenchTexts.options(this, data), 0, (int) Math.min(Integer.MAX_VALUE, r.turns()));
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
