package dev.xdai.app.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.TurnMetrics;
import dev.xdai.app.api.openai.OpenAiDtos.ChatCompletionRequest;
import dev.xdai.app.api.openai.OpenAiDtos.Model;
import dev.xdai.app.api.openai.OpenAiDtos.ModelList;
import dev.xdai.app.security.CurrentCaller;
import dev.xdai.dialogue.Access;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.DialogueService.TurnOutcome;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OpenAI-compatible chat API (docs/openai-api.md): {@code model} names a bot, the messages carry the conversation.
 * With a session key (the {@code X-Session-Id} header, else {@code user}) the call continues a stored session and only
 * the last user message is new; without one the messages are the whole history and nothing is stored.
 */
@Path("/v1")
public class ChatCompletionsResource {

  /** What {@code /v1/models} gives as the bots' creation time: personas have none, so when this service started. */
  private static final long STARTED = Instant.now().getEpochSecond();

  private final DialogueService dialogue;
  private final PersonaCatalog personas;
  private final TurnMetrics metrics;
  private final CurrentCaller caller;
  private final ObjectMapper json;
  private final Switches switches;

  public ChatCompletionsResource(DialogueService dialogue, PersonaCatalog personas, TurnMetrics metrics, CurrentCaller caller,
      ObjectMapper json, Switches switches) {
    this.dialogue = dialogue;
    this.personas = personas;
    this.metrics = metrics;
    this.caller = caller;
    this.json = json;
    this.switches = switches;
  }

  /** The bots the caller may talk to. */
  @GET
  @Path("models")
  @Produces(MediaType.APPLICATION_JSON)
  public ModelList models() {
    Access access = caller.access();
    return new ModelList("list", personas.all().stream().filter(p -> access.mayTalkTo(p.id())).map(ChatCompletionsResource::model).toList());
  }

  @GET
  @Path("models/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Model model(@PathParam("id") String id) {
    return personas.find(id).filter(p -> caller.access().mayTalkTo(p.id())).map(ChatCompletionsResource::model)
        .orElseThrow(() -> unknownModel(id));
  }

  @POST
  @Path("chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
  public Response complete(ChatCompletionRequest body, @HeaderParam("X-Session-Id") String sessionHeader) {
    if (body == null) throw invalid("the body must be a chat completion request: {\"model\": ..., \"messages\": [...]}");
    if (body.model() == null || body.model().isBlank()) throw invalid("model must name a bot; GET /v1/models lists them");
    if (body.n() != null && body.n() != 1) throw invalid("n is " + body.n() + "; only n=1 is supported");
    Transcript transcript = Transcript.of(body.messages());
    String bot = personas.find(body.model()).map(Persona::id).orElseThrow(() -> unknownModel(body.model()));
    Access access = caller.access();
    dialogue.checkAnswer(access, bot, transcript.utterance(), null); // before a session is made or a stream begins
    Optional<String> key = SessionKeys.key(sessionHeader, body.user());
    Supplier<TurnOutcome> turn;
    if (key.isPresent()) {
      String id = dialogue.open(access, SessionKeys.sessionId(access.owner(), bot, key.get()), bot, null).sessionId();
      turn = () -> dialogue.turn(access, id, transcript.utterance(), null, switches, TurnListener.NONE);
    } else {
      turn = () -> dialogue.answer(access, bot, transcript.history(), transcript.utterance(), null, switches, TurnListener.NONE);
    }
    Supplier<TurnOutcome> accounted = () -> account(turn.get());
    Completions completions = new Completions(bot);
    if (Boolean.TRUE.equals(body.stream())) {
      boolean usage = body.streamOptions() != null && Boolean.TRUE.equals(body.streamOptions().includeUsage());
      return Response.ok(new CompletionStream(completions, accounted, usage, json), MediaType.SERVER_SENT_EVENTS)
          .header("Cache-Control", "no-cache").build();
    }
    return Response.ok(completions.completion(accounted.get()), MediaType.APPLICATION_JSON).build();
  }

  private TurnOutcome account(TurnOutcome o) {
    metrics.record(o, caller);
    return o;
  }

  private static Model model(Persona p) {
    return new Model(p.id(), "model", STARTED, "xdai");
  }

  private static DialogueException unknownModel(String id) {
    return new DialogueException(DialogueException.Kind.NOT_FOUND, "model '" + id + "' is no bot of this service; GET /v1/models lists them");
  }

  private static DialogueException invalid(String reason) {
    return new DialogueException(DialogueException.Kind.INVALID, reason);
  }
}
