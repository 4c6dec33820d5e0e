package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.api.GroundingBody;
import dev.xdai.generation.remote.SseParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xdai chat} against a running service: a session through {@code POST /api/sessions}, each turn through
 * {@code POST /api/sessions/{id}/turns} as server-sent events ({@code token}, {@code restart}, then {@code turn} or
 * {@code error}).
 */
final class RemoteChat implements ChatCommand.Backend {

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ServiceTarget target;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteChat(ServiceTarget target) {
    this.target = target;
  }

  @Override
  public ChatCommand.Opened open(String bot, String emotion) throws ChatCommand.ChatFailure {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("bot", bot);
    if (emotion != null && !emotion.isBlank()) body.put("emotion", emotion);
    HttpResponse<String> created = send(post("/api/sessions", body, "application/json"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode session = json(created.body());
    if (created.statusCode() != 201) throw refused(created.statusCode(), session);
    String botId = session.path("bot").asText(bot);
    HttpResponse<String> persona = send(target.request("/api/personas/" + URLEncoder.encode(botId, StandardCharsets.UTF_8))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String name = persona.statusCode() == 200 ? json(persona.body()).path("displayName").asText(botId) : botId;
    return new ChatCommand.Opened(session.path("id").asText(), botId, name, session.path("greeting").asText(""));
  }

  @Override
  public ChatCommand.Answered turn(String sessionId, String text, String emotion, TerminalStream stream) throws ChatCommand.ChatFailure {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("text", text);
    if (emotion != null && !emotion.isBlank()) body.put("emotion", emotion);
    HttpResponse<InputStream> response = send(post("/api/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "/turns", body,
        "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        StringBuilder all = new StringBuilder();
        for (String line = events.readLine(); line != null; line = events.readLine()) all.append(line).append('\n');
        throw refused(response.statusCode(), json(all.toString()));
      }
      return read(events, stream);
    } catch (IOException e) {
      throw new ChatCommand.ChatFailure("the service at " + target.url() + " stopped answering: " + e.getMessage(), false);
    }
  }

  /** Reads one turn's events (the SSE wire format: {@code event:} and {@code data:} lines, a blank line ends one). */
  static ChatCommand.Answered read(BufferedReader events, TerminalStream stream) throws IOException, ChatCommand.ChatFailure {
    SseParser parser = new SseParser();
    while (true) {
      String line = events.readLine();
      Optional<SseParser.Event> event = parser.line(line);
      if (event.isPresent()) {
        String payload = event.get().data();
        switch (event.get().name()) {
          case "token" -> stream.onToken(payload);
          case "restart" -> stream.onRestart(payload);
          case "turn" -> {
            JsonNode turn = json(payload);
            Optional<GroundingBody> grounding = Optional.empty();
            if (turn.hasNonNull("grounding")) {
              try {
                grounding = Optional.of(JSON.treeToValue(turn.get("grounding"), GroundingBody.class));
              } catch (IOException | IllegalArgumentException e) {
                // a service of another version: the reply still counts, only /grounding has nothing to show
              }
            }
            return new ChatCommand.Answered(turn.path("reply").asText(), grounding);
          }
          case "error" -> {
            JsonNode problem = json(payload);
            throw failure(problem.path("status").asInt(500), problem);
          }
          default -> { } // an event this client does not know: ignored, as SSE clients do
        }
      }
      if (line == null) throw new IOException("the event stream ended without the turn");
    }
  }

  private HttpRequest post(String path, Map<String, String> body, String accept) throws ChatCommand.ChatFailure {
    try {
      return target.request(path).header("Content-Type", "application/json").header("Accept", accept)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build();
    } catch (IOException e) {
      throw new ChatCommand.ChatFailure(e.getMessage(), false);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws ChatCommand.ChatFailure {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new ChatCommand.ChatFailure("cannot reach the service at " + target.url() + ": " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatCommand.ChatFailure("interrupted", false);
    }
  }

  /** A refusal of this client's request: the problem's detail, with what to do about the key when it was the key. */
  private ChatCommand.ChatFailure refused(int status, JsonNode problem) {
    return failure(status, target.key().explain(status, detail(status, problem)));
  }

  private static ChatCommand.ChatFailure failure(int status, JsonNode problem) {
    return failure(status, detail(status, problem));
  }

  private static String detail(int status, JsonNode problem) {
    return problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
  }

  private static ChatCommand.ChatFailure failure(int status, String detail) {
    return new ChatCommand.ChatFailure(detail + " (HTTP " + status + ")", status == 503);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
