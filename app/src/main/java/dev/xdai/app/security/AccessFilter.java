package dev.xdai.app.security;

import dev.xdai.app.api.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every API request before its resource runs: cross-site requests to state-changing endpoints are refused;
 * once an API key exists (or the service listens beyond loopback) a valid bearer key is required, an admin key for
 * administration, and each key's rate limits apply. Health and metrics ({@code /q/...}) are not API resources and
 * stay open, as do the web console's pages and assets (they hold no data; the console calls the API with a key).
 */
public class AccessFilter {

  @Inject ApiKeys keys;
  @Inject AccessPolicy policy;
  @Inject RateLimits limits;
  @Inject CurrentCaller caller;

  @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
  String host;

  @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
  public Optional<Response> check(ContainerRequestContext request) {
    String method = request.getMethod();
    if (AccessPolicy.consolePage(method, request.getUriInfo().getPath())) return Optional.empty(); // no data in them
    Optional<String> crossSite = policy.crossSite(method, request.getHeaderString("Origin"),
        request.getHeaderString("Sec-Fetch-Site"), request.getHeaderString(HttpHeaders.HOST));
    if (crossSite.isPresent()) return Optional.of(Problem.response(403, "Forbidden", crossSite.get()));
    if (!keys.anyActive() && AccessPolicy.loopback(host)) return Optional.empty(); // access control off: see bindRefusal
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(unauthorized("an API key is required: send it as 'Authorization: Bearer <key>'"));
    }
    Optional<ApiKeys.Key> key = keys.authenticate(header.substring(7).trim());
    if (key.isEmpty()) return Optional.of(unauthorized("unknown or revoked API key"));
    if (key.get().role() != ApiKeys.Role.ADMIN && AccessPolicy.needsAdmin(method, request.getUriInfo().getPath())) {
      return Optional.of(Problem.response(403, "Forbidden", "this needs an admin key; '" + key.get().name() + "' is a chat key"));
    }
    OptionalLong retry = limits.admit(key.get().name());
    if (retry.isPresent()) {
      Response r = Problem.response(429, "Too Many Requests",
          "the rate limit of key '" + key.get().name() + "' is reached; retry in " + retry.getAsLong() + " s");
      return Optional.of(Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, retry.getAsLong()).build());
    }
    caller.set(key.get());
    return Optional.empty();
  }

  private static Response unauthorized(String detail) {
    return Response.fromResponse(Problem.response(401, "Unauthorized", detail))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"xdai\"").build();
  }
}
