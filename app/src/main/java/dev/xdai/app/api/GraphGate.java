package dev.xdai.app.api;

import dev.xdai.graph.GraphConnection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While the graph server is known to be down or restarting, requests that must read or write the graph at once
 * (creating, reading or deleting a session, administering packs) are answered at once with 503 and
 * {@code Retry-After}, instead of waiting for the restart. Turns go on: a session answered recently is in memory and
 * its turns reach the graph through the journal.
 */
public class GraphGate {

  /** Seconds a client is told to wait: a restart of the graph server takes about this long. */
  static final int RETRY_AFTER_SECONDS = 10;

  @Inject GraphConnection graph;

  @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100) // after access control: strangers learn nothing
  public Optional<Response> check(ContainerRequestContext request) {
    if (!needsGraph(request.getUriInfo().getPath())) return Optional.empty();
    return graph.knownDown().map(reason -> Response.fromResponse(Problem.response(503, "Service Unavailable",
        reason + "; retry in " + RETRY_AFTER_SECONDS + " s")).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
  }

  /** Whether a request to {@code path} reads or writes the graph before it can answer (turns excepted). */
  static boolean needsGraph(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.startsWith("api/admin/packs")) return true;
    return p.startsWith("api/sessions") && !p.endsWith("/turns");
  }
}
