package dev.xdai.generation.remote;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events' data of a server-sent-event response body ({@link SseParser}), read with a timeout per wait: a stalled
 * stream surfaces as a timeout instead of blocking forever (the HTTP client's own timeout only covers the headers).
 */
final class SseStream implements AutoCloseable {

  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
  private final SseParser parser = new SseParser();
  private volatile Flow.Subscription subscription;
  private boolean ended;

  SseStream(Flow.Publisher<List<ByteBuffer>> body) {
    Flow.Subscriber<String> lineSubscriber = new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }
      @Override public void onNext(String line) { lines.add(line); }
      @Override public void onError(Throwable t) { lines.add(t); }
      @Override public void onComplete() { lines.add(END); }
    };
    body.subscribe(BodySubscribers.fromLineSubscriber(lineSubscriber, s -> null, StandardCharsets.UTF_8, null));
  }

  /** Outcome of one wait for the next event. */
  sealed interface Next {}

  /** An event's data. */
  record Data(String data) implements Next {}

  /** The stream ended (end of body or {@code [DONE]}). */
  record End() implements Next {}

  /** Nothing arrived within the wait. */
  record Timeout() implements Next {}

  /** Waits up to {@code wait} for the next event's data. */
  Next next(Duration wait) throws IOException {
    if (ended) return new End();
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      Object item;
      try {
        item = lines.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the event stream", e);
      }
      if (item == null) return new Timeout();
      if (item instanceof Throwable t) throw new IOException("event stream failed: " + t.getMessage(), t);
      boolean last = item == END;
      String data = parser.line(last ? null : (String) item).map(e -> e.data().strip()).orElse("");
      if (data.equals("[DONE]") || last) ended = true; // a last event without its blank line is still said
      if (data.equals("[DONE]")) return new End();
      if (!data.isEmpty()) return new Data(data);
      if (last) return new End();
    }
  }

  /** Stops the transfer (a deadline or a timeout gives up on the rest). */
  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null && !ended) s.cancel();
  }
}
