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
 * Refuses a body larger than its endpoint takes, with a problem that says the limit: API bodies {@code
 * xdai.limits.max-request-size}, uploads ({@link Upload}) {@code xdai.limits.max-upload-size}. A declared length is
 * checked before the body is read; a body sent without one (chunked) is counted as it is read and refused once it
 * passes the limit.
 */
public class BodyLimits {

  // Filters are built before runtime configuration exists: the limits are read per request.
  @Inject jakarta.inject.Provider<XdaiConfig> config;

  @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
  public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
    boolean upload = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Upload.class);
    long limit = (upload ? config.get().limits().maxUploadSize() : config.get().limits().maxRequestSize()).asLongValue();
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      if (request.hasEntity()) request.setEntityStream(new Counted(request.getEntityStream(), limit, upload));
      return Optional.empty();
    }
    long bytes;
    try {
      bytes = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      return Optional.of(Problem.response(400, "Bad Request", "Content-Length '" + declared + "' is not a number"));
    }
    if (bytes <= limit) return Optional.empty();
    return Optional.of(tooLarge(String.format(java.util.Locale.ROOT, "the body is %,d bytes", bytes), limit, upload));
  }

  private static Response tooLarge(String what, long limit, boolean upload) {
    return Problem.response(413, "Content Too Large", String.format(java.util.Locale.ROOT, "%s; %s takes at most %,d (%s)",
        what, upload ? "an upload" : "this endpoint", limit, upload ? "xdai.limits.max-upload-size" : "xdai.limits.max-request-size"));
  }

  /** A body without a declared length, refused with the same problem as soon as more than the limit has been read. */
  static final class Counted extends java.io.FilterInputStream {
    private final long limit;
    private final boolean upload;
    private long read;

    Counted(java.io.InputStream in, long limit, boolean upload) {
      super(in);
      this.limit = limit;
      this.upload = upload;
    }

    @Override public int read() throws java.io.IOException {
      int b = super.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) count(n);
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw new jakarta.ws.rs.WebApplicationException(tooLarge("the body, sent without a length, is longer than that", limit, upload));
      }
    }
  }
}
