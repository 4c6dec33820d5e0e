package dev.xdai.evaluation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.cli.ClientKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator for a running xdai service on this machine: {@code sessions} concurrent users each create
 * a session ({@code POST /api/sessions}) and send turns ({@code POST /api/sessions/{id}/turns} with {@code {"text":…}})
 * back to back until the duration is over; with {@code turnsPerSession} a user leaves its session after that many turns
 * and opens a new one (abandoned, as real users leave them), until {@code maxSessions} have been opened. It refuses
 * non-loopback URLs, caps sessions, duration and turns, and stops by itself.
 */
public final class LoadGenerator {

  /** Most concurrent sessions. */
  public static final int MAX_SESSIONS = 256;
  /** Longest run. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(30);
  /** Most turns one session sends, whatever the duration. */
  public static final int MAX_TURNS_PER_SESSION = 100_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to send: the service's base URL, how many users for how long, the per-request timeout, bot and texts; turns
   * per session before a user opens a new one, and the most sessions to open (0: no limit, for both).
   */
  public record Settings(URI base, int sessions, Duration duration, Duration requestTimeout, String bot, List<String> texts,
      int turnsPerSession, long maxSessions) {
    public Settings(URI base, int sessions, Duration duration, Duration requestTimeout, String bot, List<String> texts) {
      this(base, sessions, duration, requestTimeout, bot, texts, 0, 0);
    }

    public Settings {
      if (turnsPerSession < 0 || maxSessions < 0) throw new IllegalArgumentException("turns per session and sessions must not be negative");
      LoopbackGuard.require(base);
      if (sessions < 1 || sessions > MAX_SESSIONS) throw new IllegalArgumentException("sessions must be 1 to " + MAX_SESSIONS);
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("duration must be more than 0 and at most " + MAX_DURATION.toMinutes() + " minutes");
      }
      texts = List.copyOf(texts);
      if (texts.isEmpty()) throw new IllegalArgumentException("no texts to send");
    }
  }

  /** What happened: completed turns, failed requests (with a few messages), sessions opened, and turn latencies. */
  public record Result(long turns, long errors, long sessions, double seconds, long[] turnNanos, List<String> errorSamples) {
    public double turnsPerSecond() { return seconds <= 0 ? 0 : turns / seconds; }
  }

  private final HttpClient client;
  private final ClientKey key;
  private final AtomicLong turnsDone = new AtomicLong();
  private final AtomicLong sessionsOpened = new AtomicLong();

  public LoadGenerator(HttpClient client, ClientKey key) {
    this.client = client;
    this.key = key;
  }

  /** Turns answered so far in the current run, for a progress sample while it runs. */
  public long turnsSoFar() { return turnsDone.get(); }

  /** Sessions opened so far in the current run. */
  public long sessionsSoFar() { return sessionsOpened.get(); }

  /** Runs the load and waits for it to end (duration plus at most one request timeout). */
  public Result run(Settings s) throws InterruptedException {
    URI base = URI.create(s.base().toString().replaceAll("/+$", "") + "/");
    long deadline = System.nanoTime() + s.duration().toNanos();
    Durations latencies = new Durations();
    AtomicLong errors = new AtomicLong();
    AtomicLong sessions = sessionsOpened;
    sessions.set(0);
    turnsDone.set(0);
    AtomicLong reserved = new AtomicLong();
    List<String> samples = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(s.sessions());
    try {
      for (int u = 0; u < s.sessions(); u++) {
        int user = u;
        pool.execute(() -> user(base, s, user, deadline, latencies, errors, sessions, reserved, samples));
      }
      pool.shutdown();
      long waitMs = s.duration().plus(s.requestTimeout()).toMillis() + 5_000;
      if (!pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) pool.shutdownNow();
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(latencies.size(), errors.get(), sessions.get(), seconds, latencies.toArray(), List.copyOf(samples));
  }

  private void user(URI base, Settings s, int user, long deadline, Durations latencies, AtomicLong errors,
      AtomicLong sessions, AtomicLong reserved, List<String> samples) {
    String session = null;
    int turns = 0;
    int inSession = 0;
    while (System.nanoTime() < deadline && turns < MAX_TURNS_PER_SESSION && !Thread.currentThread().isInterrupted()) {
      try {
        if (s.turnsPerSession() > 0 && inSession == s.turnsPerSession()) {
          session = null;
          inSession = 0;
        }
        if (session == null) {
          if (s.maxSessions() > 0 && reserved.getAndIncrement() >= s.maxSessions()) return;
          String body = s.bot() == null ? "{}" : JSON.writeValueAsString(Map.of("bot", s.bot()));
          HttpResponse<String> r = post(base.resolve("api/sessions"), body, s.requestTimeout());
          check(r, "POST /api/sessions");
          session = sessionId(r.body());
          if (session == null) {
            fail(errors, samples, "POST /api/sessions answered no session id: " + abbreviate(r.body()));
            pause();
            continue;
          }
          sessions.incrementAndGet();
        }
        String text = s.texts().get((user * 7919 + turns) % s.texts().size());
        long start = System.nanoTime();
        HttpResponse<String> r = post(base.resolve("api/sessions/" + session + "/turns"),
            JSON.writeValueAsString(Map.of("text", text)), s.requestTimeout());
        long nanos = System.nanoTime() - start;
        turns++;
        inSession++;
        if (r.statusCode() / 100 == 2) {
          latencies.add(nanos);
          turnsDone.incrementAndGet();
        } else {
          fail(errors, samples, "POST /api/sessions/{id}/turns: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        fail(errors, samples, e.getClass().getSimpleName() + ": " + e.getMessage());
        pause();
      }
    }
  }

  private HttpResponse<String> post(URI uri, String body, Duration timeout) throws Exception {
    HttpRequest request = key.authorize(HttpRequest.newBuilder(uri)).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> r, String what) {
    if (r.statusCode() / 100 == 2) return;
    throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
  }

  /** The session id of a create-session response: its {@code id} or {@code sessionId} field. */
  static String sessionId(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      for (String field : List.of("id", "sessionId")) if (n.hasNonNull(field)) return n.get(field).asText();
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  private static void fail(AtomicLong errors, List<String> samples, String message) {
    errors.incrementAndGet();
    if (samples.size() < 5) samples.add(message);
  }

  // After a failure, do not hammer a service that is down.
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
