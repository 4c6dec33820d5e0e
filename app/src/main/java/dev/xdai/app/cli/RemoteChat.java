package dev.xdai.app.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.xdai.app.api.Dtos;
import dev.xdai.app.api.Problem;
import dev.xdai.generation.remote.SseParser;
import dev.xdai.personas.Format;
import dev.xdai.personas.PersonaReader;
import dev.xdai.personas.PersonaValidationException;
import dev.xdai.personas.SourceText;
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
import java.util.Objects;
import java.util.Optional;

/**
 * {@code xdai chat} against a running service: a session through {@code POST /api/sessions}, each turn through
 * {@code POST /api/sessions/{id}/turns} as server-sent events ({@code token}, {@code restart}, then {@code turn} or
 * {@code error}), its bodies the service's own records ({@link Dtos}, {@link Problem}, the persona file form).
 */
final class RemoteChat implements ChatCommand.Backend {

  // Absent fields are left out, as the API documents its requests; fields a newer service adds are ignored.
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .serializationInclusion(JsonInclude.Include.NON_NULL).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  // A turn whose grounding this client cannot read (a service of another version): the reply still counts.
  private static final ObjectMapper WITHOUT_GROUNDING = JSON.copy().addMixIn(Dtos.TurnReply.class, IgnoreGrounding.class);

  @JsonIgnoreProperties("grounding")
  private interface IgnoreGrounding {}

  private final ServiceTarget target;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteChat(ServiceTarget target) {
    this.target = target;
  }

  @Override
  public ChatCommand.Opened open(String bot, String emotion) throws ChatCommand.ChatFailure {
    HttpResponse<String> created = send(post("/api/sessions", new Dtos.CreateSession(bot, given(emotion)), "application/json"),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (created.statusCode() != 201) throw refused(created.statusCode(), created.body());
    Dtos.SessionCreated session = parse(JSON, created.body(), Dtos.SessionCreated.class)
        .orElseThrow(() -> new ChatCommand.ChatFailure("the service at " + target.url() + " answered with no session", false));
    String botId = Objects.requireNonNullElse(session.bot(), bot);
    HttpResponse<String> persona = send(target.request("/api/personas/" + URLEncoder.encode(botId, StandardCharsets.UTF_8))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String name = persona.statusCode() == 200 ? displayName(persona.body(), botId) : botId;
    return new ChatCommand.Opened(session.id(), botId, name, Objects.requireNonNullElse(session.greeting(), ""));
  }

  /** The persona's display name from its file form; {@code orElse} when this client cannot read it (another version). */
  private static String displayName(String file, String orElse) {
    try {
      return PersonaReader.readPersona(SourceText.of("persona " + orElse, file, Format.JSON), null).displayName();
    } catch (PersonaValidationException e) {
      return orElse;
    }
  }

  @Override
  public ChatCommand.Answered turn(String sessionId, String text, String emotion, TerminalStream stream) throws ChatCommand.ChatFailure {
    Dtos.TurnBody body = new Dtos.TurnBody(text, given(emotion), null);
    HttpResponse<InputStream> response = send(post("/api/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "/turns", body,
        "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        StringBuilder all = new StringBuilder();
        for (String line = events.readLine(); line != null; line = events.readLine()) all.append(line).append('\n');
        throw refused(response.statusCode(), all.toString());
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
            Dtos.TurnReply turn = parse(JSON, payload, Dtos.TurnReply.class)
                .or(() -> parse(WITHOUT_GROUNDING, payload, Dtos.TurnReply.class))
                .orElseThrow(() -> new IOException("unreadable turn event: " + payload));
            return new ChatCommand.Answered(Objects.requireNonNullElse(turn.reply(), ""), Optional.ofNullable(turn.grounding()));
          }
          case "error" -> {
            Optional<Problem> problem = parse(JSON, payload, Problem.class);
            int status = problem.map(Problem::status).filter(s -> s != 0).orElse(500);
            throw failure(status, detail(status, problem));
          }
          default -> { } // an event this client does not know: ignored, as SSE clients do
        }
      }
      if (line == null) throw new IOException("the event stream ended without the turn");
    }
  }

  private HttpRequest post(String path, Object body, String accept) throws ChatCommand.ChatFailure {
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
  private ChatCommand.ChatFailure refused(int status, String body) {
    return failure(status, target.key().explain(status, detail(status, parse(JSON, body, Problem.class))));
  }

  private static String detail(int status, Optional<Problem> problem) {
    return problem.map(p -> p.detail() != null ? p.detail() : p.title()).orElse("HTTP " + status);
  }

  private static ChatCommand.ChatFailure failure(int status, String detail) {
    return new ChatCommand.ChatFailure(detail + " (HTTP " + status + ")", status == 503);
  }

  /** {@code body} as {@code type}; empty when it is none (no body, not JSON, or a shape of another version). */
  private static <T> Optional<T> parse(ObjectMapper mapper, String body, Class<T> type) {
    if (body == null || body.isBlank()) return Optional.empty();
    try {
      return Optional.ofNullable(mapper.readValue(body, type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** An option the user gave; null (left out of the request) when blank. */
  private static String given(String option) {
    return option == null || option.isBlank() ? null : option;
  }
}
