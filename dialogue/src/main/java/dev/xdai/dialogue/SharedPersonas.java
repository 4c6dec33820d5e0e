package dev.xdai.dialogue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.SharedFiles;
import dev.xdai.personas.Emotion;
import dev.xdai.personas.Format;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaReader;
import dev.xdai.personas.PersonaRegistry;
import dev.xdai.personas.PersonaRegistryException;
import dev.xdai.personas.PersonaValidationException;
import dev.xdai.personas.PersonaWriter;
import dev.xdai.personas.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The personas written through the API, shared by every replica over the graph. The graph holds them ({@link
 * SharedFiles} of kind {@value #KIND}, one YAML text each, versioned by the change clock, deletes as tombstones); each
 * replica mirrors them into its own writable persona folder, through its {@link PersonaRegistry}, so they are loaded,
 * validated and served exactly as files are. A write goes to the graph first, then to this replica's folder; the
 * others follow when their change feed calls {@link #catchUp()}. Personas shipped with the build stay on every
 * replica's classpath; a file put by hand into one replica's folder stays that replica's until it is written through
 * the API. Thread-safe.
 */
public final class SharedPersonas {

  static final String KIND = "persona";
  private static final System.Logger LOG = System.getLogger(SharedPersonas.class.getName());

  private final PersonaRegistry registry;
  private final SharedFiles files;
  private final Object lock = new Object();
  private long seen; // the last change applied here

  public SharedPersonas(PersonaRegistry registry, GraphConnection graph) {
    this.registry = registry;
    this.files = new SharedFiles(graph, KIND);
  }

  /**
   * At start: publishes the personas of this replica's folder that the graph has never had (a replica that served
   * alone before), then applies everything the graph holds. Returns the ids published.
   */
  public List<String> start() {
    synchronized (lock) {
      List<String> published = new ArrayList<>();
      for (PersonaRegistry.Entry e : registry.entries()) {
        if (e.origin() == PersonaRegistry.Origin.SHIPPED || files.known(e.persona().id())) continue;
        files.put(e.persona().id(), text(e.persona()));
        published.add(e.persona().id());
      }
      catchUp();
      return published;
    }
  }

  /**
   * Adds a persona on every replica.
   *
   * @throws PersonaValidationException if it does not validate
   * @throws PersonaRegistryException ALREADY_EXISTS if the id is in use here or in the graph
   */
  public Persona create(Persona persona) {
    synchronized (lock) {
      Persona valid = registry.validate(persona);
      if (registry.find(valid.id()).isPresent() || files.get(valid.id()).isPresent()) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.ALREADY_EXISTS,
            "persona '" + valid.id() + "' already exists; replace it instead");
      }
      files.put(valid.id(), text(valid));
      return store(valid);
    }
  }

  /**
   * Replaces a persona (a shipped one is overridden) on every replica.
   *
   * @throws PersonaValidationException if it does not validate
   * @throws PersonaRegistryException NOT_FOUND if neither this replica nor the graph has that id
   */
  public Persona replace(Persona persona) {
    synchronized (lock) {
      Persona valid = registry.validate(persona);
      if (registry.find(valid.id()).isEmpty() && files.get(valid.id()).isEmpty()) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.NOT_FOUND,
            "no persona '" + valid.id() + "' to replace; create it instead");
      }
      files.put(valid.id(), text(valid));
      return store(valid);
    }
  }

  /**
   * Deletes a persona written through the API on every replica (a shipped one of that id is in use again).
   *
   * @throws PersonaRegistryException READ_ONLY for a shipped persona, NOT_FOUND when there is no such persona
   */
  public PersonaRegistry.Deleted delete(String id) {
    synchronized (lock) {
      if (files.get(id).isEmpty()) return registry.delete(id); // not shared: the registry answers (and refuses) as before
      files.delete(id);
      return deleteHere(id);
    }
  }

  /** Applies what the graph changed since the last look (other replicas' writes); returns the ids it changed here. */
  public List<String> catchUp() {
    synchronized (lock) {
      List<String> applied = new ArrayList<>();
      for (SharedFiles.Change change : files.changesSince(seen)) {
        try {
          if (apply(change)) applied.add(change.name());
        } catch (PersonaValidationException | PersonaRegistryException e) {
          // A newer version will come; until then this replica keeps what it had.
          LOG.log(System.Logger.Level.WARNING, "persona '" + change.name() + "' from the graph is not used here: " + e.getMessage());
        }
        seen = change.version();
      }
      return applied;
    }
  }

  /** Brings this replica's copy in line with one change; false when it already was. */
  private boolean apply(SharedFiles.Change change) {
    String id = change.name();
    Optional<PersonaRegistry.Entry> here = registry.entry(id).filter(e -> e.origin() != PersonaRegistry.Origin.SHIPPED);
    if (change.text().isEmpty()) {
      if (here.isEmpty()) return false;
      deleteHere(id);
      return true;
    }
    Persona shared = PersonaReader.readPersona(SourceText.of("persona '" + id + "' in the graph", change.text().get(), Format.YAML),
        registry.emotions().stream().map(Emotion::id).collect(Collectors.toSet()));
    if (here.map(e -> e.persona().equals(shared)).orElse(false)) return false;
    store(shared);
    return true;
  }

  private Persona store(Persona valid) {
    return registry.find(valid.id()).isPresent() ? registry.replace(valid) : registry.create(valid);
  }

  private PersonaRegistry.Deleted deleteHere(String id) {
    try {
      return registry.delete(id);
    } catch (PersonaRegistryException e) {
      if (e.reason() != PersonaRegistryException.Reason.NOT_FOUND) throw e;
      return PersonaRegistry.Deleted.REMOVED; // not here yet: deleted before it arrived
    }
  }

  private static String text(Persona persona) {
    return PersonaWriter.write(persona, Format.YAML);
  }
}
