package dev.xdai.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.TurnMetrics;
import dev.xdai.app.security.CurrentCaller;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.personas.PersonaCatalog;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The chat API: sessions and their turns, as JSON or streamed as server-sent events. */
@Path("/api/sessions")
public class SessionResource {

  static final String DEFAULT_BOT = "xiaodai";

  @Inject DialogueService dialogue;
  @Inject PersonaCatalog personas;
  @Inject TurnMetrics metrics;
  @Inject ObjectMapper json;
  @Inject CurrentCaller caller;
  @Inject Switches switches;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(Dtos.CreateSession body, @Context UriInfo uri) {
    String bot = body == null || body.bot() == null || body.bot().isBlank() ? DEFAULT_BOT : body.bot();
    Session s = dialogue.create(caller.access(), bot, body == null ? null : body.emotion());
    String greeting = personas.find(s.bot()).map(p -> p.greeting()).orElse("");
    return Response.created(uri.getAbsolutePathBuilder().path(s.id()).build())
        .entity(new Dtos.SessionCreated(s.id(), s.bot(), s.emotion(), greeting, s.createdAt())).build();
  }

  /** Sessions listed at most; a console shows the latest, a client that wants more keeps its own list. */
  static final int MAX_LISTED = 200;

  /** The caller's latest sessions (every session for an admin key), most recently begun first. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public java.util.List<Dtos.SessionListed> list(@QueryParam("limit") @jakarta.ws.rs.DefaultValue("50") int limit) {
    if (limit < 1 || limit > MAX_LISTED) throw new IllegalArgumentException("limit must be from 1 to " + MAX_LISTED + ", found " + limit);
    return dialogue.list(caller.access(), limit).stream().map(Dtos.SessionListed::of).toList();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Dtos.SessionView get(@PathParam("id") String id) {
    return Dtos.SessionView.of(dialogue.find(caller.access(), id).orElseThrow(() -> notFound(id)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    if (!dialogue.delete(caller.access(), id)) throw notFound(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/turns")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Dtos.TurnReply turn(@PathParam("id") String id, Dtos.TurnBody body, @QueryParam("debug") boolean debugParam) {
    requireText(body);
    var outcome = dialogue.turn(caller.access(), id, body.text(), body.emotion(), switches, TurnListener.NONE);
    metrics.record(outcome, caller);
    return Dtos.TurnReply.of(outcome, debugParam || Boolean.TRUE.equals(body.debug()));
  }

  /** The same turn, its tokens streamed as {@code token} events, ending with a {@code turn} event holding the full reply. */
  @POST
  @Path("{id}/turns")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5") // JSON unless the client asks for events
  public void stream(@PathParam("id") String id, Dtos.TurnBody body, @QueryParam("debug") boolean debugParam,
      @Context SseEventSink sink, @Context Sse sse) {
    requireText(body);
    dialogue.check(caller.access(), id, body.text(), body.emotion());
    try (sink) {
      TurnListener listener = new TurnListener() {
        // A client that went away is not an error: the turn completes and is stored; only the events are dropped.
        @Override public void onToken(String piece) { if (!sink.isClosed()) sink.send(sse.newEvent("token", piece)); }
        @Override public void onRestart(String reason) { if (!sink.isClosed()) sink.send(sse.newEvent("restart", reason)); }
      };
      try {
        var outcome = dialogue.turn(caller.access(), id, body.text(), body.emotion(), switches, listener);
        metrics.record(outcome, caller);
        Dtos.TurnReply reply = Dtos.TurnReply.of(outcome, debugParam || Boolean.TRUE.equals(body.debug()));
        if (!sink.isClosed()) sink.send(sse.newEventBuilder().name("turn").mediaType(MediaType.APPLICATION_JSON_TYPE).data(Dtos.TurnReply.class, reply).build());
      } catch (DialogueException e) {
        sink.send(sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(Problem.class, new Problem("about:blank", e.kind().name(), ProblemMappers.status(e), e.getMessage())).build());
      }
    }
  }

  private static void requireText(Dtos.TurnBody body) {
    if (body == null || body.text() == null) throw new DialogueException(DialogueException.Kind.INVALID, "body must be {\"text\": \"...\"}");
  }

  private static DialogueException notFound(String id) {
    return new DialogueException(DialogueException.Kind.NOT_FOUND, "no session '" + id + "'");
  }
}
