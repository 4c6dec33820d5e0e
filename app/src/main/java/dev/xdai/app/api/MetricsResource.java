package dev.xdai.app.api;

import dev.xdai.app.TurnMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The figures of {@code /q/metrics} that matter to an operator (turns by mode and finish reason, tokens, latency per
 * step) as one small JSON document: what the web console's status page draws. Prometheus keeps scraping
 * {@code /q/metrics}; this is the same registry, read now.
 */
@Path("/api/admin/metrics")
public class MetricsResource {

  @Inject TurnMetrics metrics;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public TurnMetrics.Summary summary() {
    return metrics.summary();
  }
}
