package dev.xdai.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail: every error the API returns has this shape, as {@code application/problem+json};
 * {@code errors} lists each problem found when there are several (validation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<String> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, null);
  }

  public static Response response(Response.Status status, String detail) {
    return response(status.getStatusCode(), status.getReasonPhrase(), detail);
  }

  public static Response response(int status, String title, String detail) {
    return response(status, title, detail, null);
  }

  public static Response response(int status, String title, String detail, List<String> errors) {
    return Response.status(status).type(MEDIA_TYPE).entity(new Problem("about:blank", title, status, detail, errors)).build();
  }
}
