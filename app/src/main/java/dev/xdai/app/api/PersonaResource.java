package dev.xdai.app.api;

import dev.xdai.app.TurnMetrics;
import dev.xdai.app.security.CurrentCaller;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.SharedPersonas;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.personas.CardV2Importer;
import dev.xdai.prompting.Exchange;
import dev.xdai.personas.Format;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaReader;
import dev.xdai.personas.PersonaRegistry;
import dev.xdai.personas.PersonaRegistryException;
import dev.xdai.personas.PersonaValidationException;
import dev.xdai.personas.PersonaWriter;
import dev.xdai.personas.SourceText;
import dev.xdai.personas.Emotion;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Persona management: list, read, create or replace (or only validate), delete, and import a Character Card V2.
 * Bodies are the persona file form (docs/personas.md), as JSON or YAML.
 */
@Path("/api/personas")
public class PersonaResource {

  @Inject PersonaRegistry registry;
  @Inject SharedPersonas shared; // writes go to every replica through the graph
  @Inject DialogueService dialogue;
  @Inject Switches switches;
  @Inject TurnMetrics metrics;
  @Inject CurrentCaller caller;

  /** One persona as listed: where it comes from, its knowledge packs, default emotion and greeting. */
  public record Listed(String id, String displayName, String origin, String source, List<String> packs, String defaultEmotion,
      String greeting) {}

  /** All personas and emotions, with any files that failed to load. */
  public record Listing(List<Listed> personas, List<String> emotions, List<String> problems) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Listing list() {
    return new Listing(
        registry.entries().stream().map(e -> new Listed(e.persona().id(), e.persona().displayName(), e.origin().name().toLowerCase(),
            e.source(), e.persona().packs(), e.persona().defaultEmotion(), e.persona().greeting())).toList(),
        registry.emotions().stream().map(Emotion::id).toList(),
        registry.problems().stream().flatMap(p -> p.errors().stream().map(Object::toString)).toList());
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@PathParam("id") String id) {
    return PersonaWriter.write(find(id), Format.JSON);
  }

  @PUT
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("id") String id, String body, @HeaderParam("Content-Type") String contentType,
      @QueryParam("validateOnly") boolean validateOnly,
      @QueryParam("replace") boolean replace) {
    Persona persona = read(body, contentType, id);
    if (!persona.id().equals(id)) {
      return Problem.response(400, "Bad Request", "the body's id '" + persona.id() + "' does not match the path's '" + id + "'");
    }
    if (validateOnly) {
      return Response.ok(PersonaWriter.write(registry.validate(persona), Format.JSON)).build();
    }
    boolean exists = registry.find(id).isPresent();
    Persona stored = exists ? shared.replace(persona) : shared.create(persona);
    return Response.status(exists ? 200 : 201).entity(PersonaWriter.write(stored, Format.JSON)).build();
  }

  /**
   * Validates a persona in its file form, whatever its id, and returns it as read (JSON, the file form); nothing is
   * stored. A problem lists each fault with its field, line and column ({@code violations}).
   */
  @POST
  @Path("validate")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  public String validate(String body, @HeaderParam("Content-Type") String contentType) {
    return PersonaWriter.write(registry.validate(read(body, contentType, null)), Format.JSON);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    shared.delete(id);
    return Response.noContent().build();
  }

  /**
   * Imports a Character Card V2 JSON as a persona ({@code ?validateOnly=true} shows the result without storing it). A
   * persona of that id is replaced only when asked ({@code ?replace=true}); else the import is a 409 and nothing changes.
   */
  @POST
  @Path("import/card-v2")
  @Upload
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response importCard(String body, @QueryParam("id") String id, @QueryParam("validateOnly") boolean validateOnly,
      @QueryParam("replace") boolean replace) {
    SourceText card = SourceText.of("card.json", body == null ? "" : body, Format.JSON);
    CardV2Importer.Result result = id == null || id.isBlank() ? CardV2Importer.read(card) : CardV2Importer.read(card, id);
    Persona persona = validateOnly ? registry.validate(result.persona())
        : replace && registry.find(result.persona().id()).isPresent() ? shared.replace(result.persona()) : shared.create(result.persona());
    return Response.status(validateOnly ? 200 : 201).entity(Map.of(
        "persona", PersonaWriter.document(persona), "notes", result.notes(),
        "knowledgeHints", result.knowledgeHints().stream().map(h -> Map.of("keys", h.keys(), "content", h.content())).toList())).build();
  }

  /**
   * Answers as a persona that need not be saved: the persona in its file form, the exchanges so far and the utterance.
   * For trying an edited persona before storing it; nothing is stored, and the reply's prompt comes with it.
   */
  @POST
  @Path("try")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Dtos.TurnReply tryPersona(Dtos.TryBody body) {
    if (body == null || body.persona() == null || body.text() == null) {
      throw new IllegalArgumentException("body must be {\"persona\": \"<YAML or JSON>\", \"text\": \"...\"}");
    }
    Format format = body.format() == null || body.format().equalsIgnoreCase("yaml") ? Format.YAML
        : body.format().equalsIgnoreCase("json") ? Format.JSON : null;
    if (format == null) throw new IllegalArgumentException("field 'format' must be 'yaml' or 'json', found '" + body.format() + "'");
    Persona persona = PersonaReader.readPersona(SourceText.of("persona", body.persona(), format), emotionIds());
    List<Dtos.ExchangeBody> history = body.history() == null ? List.of() : body.history();
    List<Exchange> exchanges = new java.util.ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      Dtos.ExchangeBody e = history.get(i);
      if (e == null || e.user() == null || e.bot() == null) {
        throw new IllegalArgumentException("field 'history[" + i + "]' must be {\"user\": \"...\", \"bot\": \"...\"}");
      }
      exchanges.add(new Exchange(i, e.user(), e.bot()));
    }
    var outcome = dialogue.answerAs(persona, exchanges, body.text(), body.emotion(), switches, TurnListener.NONE);
    metrics.record(outcome, caller);
    return Dtos.TurnReply.of(outcome, true);
  }

  private java.util.Set<String> emotionIds() {
    return registry.emotions().stream().map(Emotion::id).collect(Collectors.toSet());
  }

  private Persona find(String id) {
    return registry.find(id).orElseThrow(() -> new PersonaRegistryException(PersonaRegistryException.Reason.NOT_FOUND, "no persona '" + id + "'"));
  }

  private Persona read(String body, String contentType, String id) {
    Format format = contentType != null && contentType.toLowerCase().contains("json") ? Format.JSON : Format.YAML;
    String label = id == null ? "request body" : "request body (" + id + (format == Format.JSON ? ".json" : ".yaml") + ")";
    return PersonaReader.readPersona(SourceText.of(label, body == null ? "" : body, format), emotionIds());
  }

  @ServerExceptionMapper
  public Response invalid(PersonaValidationException e) {
    List<String> errors = e.errors().stream().map(Object::toString).toList();
    return Problem.response(new Problem("about:blank", "Invalid persona", 400,
        errors.size() == 1 ? errors.get(0) : errors.size() + " problems: " + errors.get(0) + " …", errors,
        e.errors().stream().map(v -> new Problem.Violation(v.field(), v.line(), v.column(), v.message())).toList()));
  }

  @ServerExceptionMapper
  public Response refused(PersonaRegistryException e) {
    int status = switch (e.reason()) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, READ_ONLY -> 409;
      default -> 500;
    };
    return Problem.response(status, e.reason().name(), e.getMessage());
  }
}
