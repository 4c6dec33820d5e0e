package dev.xdai.app.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.xdai.app.api.Problem;
import java.util.List;
import java.util.Locale;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every {@code /v1} error stays an {@code application/problem+json} problem, as all of the API's errors are, and also
 * carries OpenAI's {@code error} member ({@code message}, {@code type}, {@code code}, {@code param}): OpenAI clients
 * read only that member, and show "Unknown" without it. Added as a response filter so that errors raised anywhere
 * (exception mappers, access checks, unknown paths under {@code /v1}) get it alike.
 */
public class OpenAiProblems {

  /** A problem with OpenAI's error member. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WithError(String type, String title, int status, String detail, List<String> errors, OpenAiDtos.OpenAiError error) {

    static WithError of(Problem p) {
      return new WithError(p.type(), p.title(), p.status(), p.detail(), p.errors(),
          new OpenAiDtos.OpenAiError(p.detail(), errorType(p.status()), code(p.title()), null));
    }
  }

  @ServerResponseFilter
  public void addErrorMember(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof Problem p && isOpenAiPath(request.getUriInfo().getPath())) {
      response.setEntity(WithError.of(p));
    }
  }

  static boolean isOpenAiPath(String path) {
    return path.equals("/v1") || path.startsWith("/v1/");
  }

  /** OpenAI's error types, by status. */
  static String errorType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** The problem's title as a code: {@code Not Found} becomes {@code not_found}. */
  static String code(String title) {
    String code = (title == null ? "" : title).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return code.isEmpty() ? null : code;
  }
}
