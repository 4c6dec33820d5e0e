package dev.xdai.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.generation.ModelUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to {@code application/problem+json} with a reason; unexpected ones are logged, not leaked. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response dialogue(DialogueException e) {
    return Problem.response(Response.Status.fromStatusCode(status(e)), e.getMessage());
  }

  /** The HTTP status of a refused turn or session request, for JSON answers and SSE error events alike. */
  public static int status(DialogueException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> 404;
      case INVALID -> 400;
      case LIMIT -> 413;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
      case FORBIDDEN -> 403;
    };
  }

  @ServerExceptionMapper
  public Response unavailable(ModelUnavailableException e) {
    return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    return Problem.response(Response.Status.BAD_REQUEST, detail(e));
  }

  /** Quarkus's own mapper for this one answers with an empty body: this one names the field and what it must be. */
  @ServerExceptionMapper
  public Response wrongType(MismatchedInputException e) {
    return Problem.response(Response.Status.BAD_REQUEST, detail(e));
  }

  /** What is wrong with a body: for a value of the wrong type, which field and what it must be. */
  static String detail(JsonProcessingException e) {
    if (e instanceof MismatchedInputException m) {
      String field = m.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
      String expected = m.getTargetType() == null ? "another value" : kind(m.getTargetType());
      return field.isEmpty() ? "the body must be " + expected + " (a JSON object)" : "field '" + field + "' must be " + expected;
    }
    return "malformed JSON body: " + e.getOriginalMessage();
  }

  private static String kind(Class<?> type) {
    if (type == String.class) return "a string";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) return "a number";
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
    if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    return "an object";
  }

  @ServerExceptionMapper
  public Response illegalArgument(IllegalArgumentException e) {
    return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response r = e.getResponse();
    if (r.getMediaType() != null && r.getMediaType().toString().startsWith(Problem.MEDIA_TYPE)) return r;
    Throwable cause = e.getCause();
    String detail = cause instanceof JsonProcessingException j ? detail(j)
        : e.getMessage() != null ? e.getMessage() : r.getStatusInfo().getReasonPhrase();
    return Problem.response(r.getStatus(), r.getStatusInfo().getReasonPhrase(), detail);
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected failure", e);
    return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error (" + e.getClass().getSimpleName() + "); see the service log");
  }
}
