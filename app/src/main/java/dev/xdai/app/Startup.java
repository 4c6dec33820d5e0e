package dev.xdai.app;

import dev.xdai.app.cli.CommandTree;
import dev.xdai.app.cli.RunningService;
import dev.xdai.app.security.AccessPolicy;
import dev.xdai.app.security.ApiKeys;
import dev.xdai.dialogue.SessionStore;
import dev.xdai.dialogue.SharedPersonas;
import dev.xdai.generation.LanguageModel;
import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.curation.ConceptExpander;
import dev.xdai.knowledge.demo.DemoPacks;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.personas.PersonaDirectoryWatcher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Brings the service up in order: the model and the graph first (so a missing one is reported at once, not on the
 * first turn), then the index from the graph, the shipped demo packs, the persona watcher, and the periodic concept
 * expansion of the method's offline curation.
 */
@ApplicationScoped
public class Startup {

  private static final Logger LOG = Logger.getLogger(Startup.class);

  @Inject XdaiConfig config;
  // The command line Quarkus runs with: none (tests) is serve.
  @Inject @CommandLineArguments String[] args;
  // Looked up only when needed: `xdai import` starts neither the model nor the graph before it knows whether a running
  // service should do the import.
  @Inject Instance<LanguageModel> modelBean;
  @Inject Instance<GraphConnection> graphBean;
  @Inject Instance<IndexSync> syncBean;
  @Inject Instance<DemoPacks> demoPacksBean;
  @Inject Instance<Optional<PersonaDirectoryWatcher>> watcherBean;
  @Inject Instance<SessionStore> sessionsBean;
  @Inject Instance<ApiKeys> keysBean;
  @Inject Instance<SharedPersonas> personasBean;

  private ScheduledExecutorService curation;
  private ScheduledExecutorService feed;

  void start(@Observes StartupEvent event) {
    CommandTree.Launch launch = CommandTree.launch(args);
    // These go through a running service when there is one (it owns the graph server and the index); import never
    // needs the model or the demo packs.
    if (launch.clientOnly()) return;
    if (launch.command().equals("serve")) guardTheDoor();
    if (launch.command().equals("chat") && RunningService.find(Wiring.dataDir(config)).isPresent()) return;
    LanguageModel model = modelBean.get();
    GraphConnection graph = graphBean.get();
    IndexSync sync = syncBean.get(); // the index is brought up to date with the graph before the first turn
    sessionsBean.get(); // turns a crash left in the session journal go to the graph now, not on the first request
    DemoPacks demoPacks = demoPacksBean.get();
    Optional<PersonaDirectoryWatcher> watcher = watcherBean.get();
    LOG.infof("model: %s (context %d tokens)", model.info().name(), model.info().contextLength());
    LOG.infof("graph: %s", graph.health());
    if (config.knowledge().demoPacks()) {
      for (var outcome : demoPacks.ensureImported()) {
        if (outcome.imported()) LOG.infof("demo pack '%s' imported", outcome.pack());
      }
    }
    watcher.ifPresent(w -> LOG.debugf("persona watcher running: %s", w.isRunning()));
    SharedPersonas personas = personasBean.get();
    List<String> published = personas.start();
    if (!published.isEmpty()) LOG.infof("personas of this data directory shared through the graph: %s", published);
    curation = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("xdai-concept-expansion").factory());
    followTheGraph(sync, personas);
    ConceptExpander expander = new ConceptExpander(graph, ConceptExpander.Options.defaults());
    long hours = Math.max(1, config.knowledge().expansionHours());
    curation.scheduleWithFixedDelay(() -> {
      try {
        expander.expandStale().forEach(r -> LOG.infof("concepts of pack '%s' expanded: %d", r.pack(), r.concepts().size()));
      } catch (RuntimeException e) {
        LOG.warnf("concept expansion failed: %s", e.getMessage());
      }
    }, hours, hours, TimeUnit.HOURS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (curation != null) curation.shutdownNow();
    if (feed != null) feed.shutdownNow();
  }

  /**
   * The change feed: every {@code xdai.knowledge.sync-interval} the index catches up with packs imported or deleted
   * elsewhere (other replicas sharing the graph, an import run on its own), and the persona folder with personas
   * written elsewhere.
   */
  private void followTheGraph(IndexSync sync, SharedPersonas personas) {
    feed = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("xdai-change-feed").factory());
    long millis = Math.max(100, config.knowledge().syncInterval().toMillis());
    feed.scheduleWithFixedDelay(() -> {
      try {
        var changes = sync.catchUp();
        if (!changes.isEmpty()) LOG.infof("knowledge changed elsewhere: packs synced %s, removed %s", changes.changed(), changes.gone());
        List<String> changed = personas.catchUp();
        if (!changed.isEmpty()) LOG.infof("personas changed elsewhere: %s", changed);
      } catch (RuntimeException e) {
        LOG.warnf("the change feed could not read the graph (tried again in %d ms): %s", millis, e.getMessage());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Refuses to listen beyond loopback without API keys, and says at start who may call. */
  private void guardTheDoor() {
    String host = org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
    ApiKeys keys = keysBean.get();
    long active = keys.list().stream().filter(ApiKeys.Key::active).count();
    AccessPolicy.bindRefusal(host, active > 0).ifPresent(reason -> {
      throw new IllegalStateException(reason);
    });
    if (active == 0) {
      LOG.infof("access control: off, no API key in %s; listening on %s only", keys.file(), host);
    } else {
      LOG.infof("access control: on, %d API key(s) in %s; listening on %s", active, keys.file(), host);
    }
  }
}
