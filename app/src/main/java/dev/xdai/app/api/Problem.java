package dev.xdai.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail: every error the API returns has this shape, as {@code application/problem+json};
 * {@code errors} lists each problem found when there are several (validation), and {@code violations} pins each to
 * its field and place in the document sent, where the document has places (a persona's YAML or JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<String> errors, List<Violation> violations) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One problem in a document: the field's path ({@code examples[1].lines[0].text}; empty for the document as a whole),
   * its 1-based line and column (0 when unknown) and what is wrong.
   */
  public record Violation(String field, int line, int column, String message) {}

  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, null, null);
  }

  public Problem(String type, String title, int status, String detail, List<String> errors) {
    this(type, title, status, detail, errors, null);
  }

  public static Response response(Response.Status status, String detail) {
    return response(status.getStatusCode(), status.getReasonPhrase(), detail);
  }

  public static Response response(int status, String title, String detail) {
    return response(status, title, detail, null);
  }

  public static Response response(int status, String title, String detail, List<String> errors) {
    return response(new Problem("about:blank", title, status, detail, errors));
  }

  public static Response response(Problem problem) {
    return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
  }
}
