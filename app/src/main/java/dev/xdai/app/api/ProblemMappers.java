package dev.xdai.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    return Problem.response(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage());
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
    String detail = cause instanceof JsonProcessingException j ? "malformed JSON body: " + j.getOriginalMessage()
        : e.getMessage() != null ? e.getMessage() : r.getStatusInfo().getReasonPhrase();
    return Problem.response(r.getStatus(), r.getStatusInfo().getReasonPhrase(), detail);
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected failure", e);
    return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error (" + e.getClass().getSimpleName() + "); see the service log");
  }
}
