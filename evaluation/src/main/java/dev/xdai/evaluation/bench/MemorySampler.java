package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.ClientKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running service holds in memory, read while a load runs: heap used and the live data after the last full
 * collection (from its Prometheus {@code /q/metrics}), its resident set (from {@code /proc} when its pid is known), and
 * the sessions whose state it keeps. A leak shows as live data that grows with the sessions opened.
 */
final class MemorySampler {

  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

  private final HttpClient client;
  private final ClientKey key;
  private final URI metrics;
  private final long pid;

  MemorySampler(HttpClient client, ClientKey key, URI base, long pid) {
    this.client = client;
    this.key = key;
    this.metrics = URI.create(base.toString().replaceAll("/+$", "") + "/q/metrics");
    this.pid = pid;
  }

  /** One sample's figures in MB (and the session count), keyed for a report row; empty cells are left out. */
  Map<String, Object> sample() throws IOException, InterruptedException {
    String text = client.send(key.authorize(HttpRequest.newBuilder(metrics)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Object> row = new LinkedHashMap<>();
    sum(text, "jvm_memory_used_bytes", "area=\"heap\"").ifPresent(v -> row.put("heap_used_mb", mb(v)));
    sum(text, "jvm_gc_live_data_size_bytes", "").ifPresent(v -> row.put("live_data_mb", mb(v)));
    rssBytes().ifPresent(v -> row.put("rss_mb", mb(v)));
    max(text, "xdai_sessions_in_memory").ifPresent(v -> row.put("sessions_in_memory", (long) v));
    return row;
  }

  private OptionalDouble rssBytes() throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (pid <= 0 || !Files.isReadable(status)) return OptionalDouble.empty();
    Matcher m = RSS.matcher(Files.readString(status));
    return m.find() ? OptionalDouble.of(Long.parseLong(m.group(1)) * 1024.0) : OptionalDouble.empty();
  }

  /** The sum of a metric's samples whose labels contain {@code labels} (Prometheus text format). */
  static OptionalDouble sum(String text, String name, String labels) {
    return values(text, name, labels).reduce(Double::sum);
  }

  /** The largest of a metric's samples. */
  static OptionalDouble max(String text, String name) {
    return values(text, name, "").max();
  }

  private static java.util.stream.DoubleStream values(String text, String name, String labels) {
    return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> labels.isEmpty() || l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  private static double mb(double bytes) {
    return Math.round(bytes / (1024 * 1024) * 10) / 10.0;
  }
}
