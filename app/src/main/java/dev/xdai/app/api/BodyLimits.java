package dev.xdai.app.api;

import dev.xdai.app.XdaiConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than its endpoint takes, from its declared length and before it is read, with a problem that
 * says the limit: API bodies {@code xdai.limits.max-request-size}, uploads ({@link Upload}) {@code
 * xdai.limits.max-upload-size}. Vert.x's own limit ({@code quarkus.http.limits.max-body-size}, set above both) only
 * stops bodies sent without a length, with a bare 413.
 */
public class BodyLimits {

  // Filters are built before runtime configuration exists: the limits are read per request.
  @Inject jakarta.inject.Provider<XdaiConfig> config;

  @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
  public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) return Optional.empty();
    long bytes;
    try {
      bytes = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      return Optional.of(Problem.response(400, "Bad Request", "Content-Length '" + declared + "' is not a number"));
    }
    boolean upload = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Upload.class);
    long limit = (upload ? config.get().limits().maxUploadSize() : config.get().limits().maxRequestSize()).asLongValue();
    if (bytes <= limit) return Optional.empty();
    return Optional.of(Problem.response(413, "Content Too Large", String.format(java.util.Locale.ROOT,
        "the body is %,d bytes; %s takes at most %,d (%s)", bytes, upload ? "an upload" : "this endpoint", limit,
        upload ? "xdai.limits.max-upload-size" : "xdai.limits.max-request-size")));
  }
}
