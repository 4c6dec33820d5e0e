package dev.xdai.app;

import dev.xdai.dialogue.JournaledSessionStore;
import dev.xdai.dialogue.SessionStore;
import dev.xdai.generation.LanguageModel;
import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphHealth;
import dev.xdai.personas.PersonaRegistry;
import dev.xdai.retrieval.Retrieval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the model can serve, the graph answers (a restarting graph is DOWN with its reason), the session journal's
 * backlog, the knowledge index and entity dictionary, personas loaded.
 */
@ApplicationScoped
public class Health {

  @Inject LanguageModel model;
  @Inject GraphConnection graph;
  @Inject PersonaRegistry personas;
  @Inject SessionStore sessions;
  @Inject Retrieval retrieval;

  /**
   * A model that could not be loaded makes the replica unready. An open circuit to a remote backend does not: the
   * engine is shared by every replica, so none would be left to answer (each answers 503 with the reason instead).
   */
  @Readiness
  HealthCheck model() {
    return () -> model instanceof UnavailableModel u
        ? HealthCheckResponse.named("model").down().withData("reason", u.reason()).build()
        : HealthCheckResponse.named("model").up().withData("name", model.info().name())
            .withData("contextLength", model.info().contextLength())
            .withData("unavailable", model.unavailableReason().orElse("")).build();
  }

  @Readiness
  HealthCheck graph() {
    return () -> {
      GraphHealth h = graph.health();
      return HealthCheckResponse.named("graph").status(h.isUp()).withData("status", h.status().name())
          .withData("detail", h.detail() == null ? "" : h.detail()).withData("uri", h.uri() == null ? "" : h.uri()).build();
    };
  }

  /** Turns acknowledged but not yet in the graph: above zero for long only while the graph is down. */
  @Readiness
  HealthCheck sessions() {
    return () -> sessions instanceof JournaledSessionStore j
        ? HealthCheckResponse.named("sessions").up().withData("writeBehind", true).withData("backlog", j.backlog()).build()
        : HealthCheckResponse.named("sessions").up().withData("writeBehind", false).build();
  }

  /**
   * The knowledge index and the entity dictionary the pipeline searches, kept in step with the graph: figures only,
   * always up (an empty index is a service without knowledge yet, not one that cannot answer).
   */
  @Readiness
  HealthCheck indexes() {
    return () -> {
      var index = retrieval.index();
      return HealthCheckResponse.named("indexes").up().withData("items", index.size())
          .withData("segments", index.segments()).withData("vectors", index.hasVectors())
          .withData("entities", retrieval.dictionary().size()).withData("generation", index.generation()).build();
    };
  }

  @Readiness
  HealthCheck personas() {
    return () -> HealthCheckResponse.named("personas").up().withData("loaded", personas.all().size())
        .withData("filesWithProblems", personas.problems().size()).build();
  }
}
