package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code xdai import} while {@code xdai serve} runs: each file is streamed to the service's admin API
 * ({@code POST /api/admin/packs/{pack}/import}), so the service, which owns the graph server and the index, imports it
 * and its next turn sees the knowledge. Files are sent one by one; the first failure stops the run, and what was
 * imported before it stays.
 */
public final class RemoteImport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceTarget target;
  private final URI base;
  private final HttpClient http;
  private final PrintStream out;
  private final PrintStream err;

  RemoteImport(ServiceTarget target, PrintStream out, PrintStream err) {
    this.target = target;
    this.base = target.url();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.out = out;
    this.err = err;
  }

  /** Imports {@code files} into {@code pack}; returns the exit status (0 done, 1 the service refused or failed). */
  /** Sends conversations (as {@code context<TAB>reply} lines) into the running service's response bank {@code bank}. */
  public int bank(String bank, String tsv) {
    out.println("xdai import: a service is running at " + base + "; importing through its admin API");
    try {
      HttpRequest request = target.request("/api/admin/banks/" + enc(bank) + "/import?name=import.tsv")
          .header("Content-Type", "text/tab-separated-values; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(tsv, StandardCharsets.UTF_8))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body = parse(response.body());
      if (response.statusCode() / 100 != 2) {
        err.printf("xdai import: the service answered %d: %s%n", response.statusCode(),
            target.key().explain(response.statusCode(), body.path("detail").asText(response.body())));
        return 1;
      }
      out.printf("bank %s: %d exchanges read, %d kept%n", bank, body.path("read").asLong(), body.path("kept").asLong());
      return 0;
    } catch (IOException e) {
      err.printf("xdai import: cannot reach the service at %s: %s%n", base, e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  public int run(String pack, String format, String faqFields, List<Path> files) {
    out.println("xdai import: a service is running at " + base + "; importing through its admin API");
    for (Path file : files) {
      StringBuilder query = new StringBuilder("format=").append(enc(format)).append("&name=").append(enc(file.getFileName().toString()));
      if (faqFields != null) query.append("&faqFields=").append(enc(faqFields));
      try {
        HttpRequest request = target.request("/api/admin/packs/" + enc(pack) + "/import?" + query)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofFile(file))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
          String reason = body.path("detail").asText(body.path("title").asText(response.body()));
          err.printf("xdai import: %s: the service answered %d: %s%n", file, response.statusCode(),
              target.key().explain(response.statusCode(), reason));
          return 1;
        }
        out.printf("pack %s <- %s (%s): %d records (%d triples); now %d entities, %d facts, %d QA, %d descriptions; %d removed%n",
            pack, file, format, body.path("records").asLong(), body.path("triples").asLong(), body.path("entities").asLong(),
            body.path("facts").asLong(), body.path("qa").asLong(), body.path("descriptions").asLong(), body.path("removed").asLong());
      } catch (IOException e) {
        err.printf("xdai import: %s: cannot reach the service at %s: %s%n", file, base, e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    return 0;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
