package dev.xdai.personas;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The personas and emotion templates in use: shipped content roots (read-only, in order) overlaid by one writable
 * directory, where create and replace write YAML files and where a file overrides a shipped one of the same id.
 *
 * <p>A bad file never takes the others down: it is reported in {@link #problems()} and skipped, or, if an earlier
 * version of the same file loaded, that version stays in use. Deleting a persona removes its file from the writable
 * directory (an overridden shipped persona then comes back); deleting a shipped persona is refused.
 *
 * <p>Thread-safe: reads see an immutable snapshot; reloads and writes are serialised. Listeners run on the thread
 * that made the change, after the new snapshot is visible, and must be quick.
 */
public final class PersonaRegistry implements PersonaCatalog {

  private static final System.Logger LOG = System.getLogger(PersonaRegistry.class.getName());

  /** Where the persona in use comes from. */
  public enum Origin {
    /** Only a shipped root has it. */
    SHIPPED,
    /** The writable directory overrides a shipped persona of the same id. */
    OVERRIDE,
    /** Only the writable directory has it. */
    CUSTOM
  }

  /** A persona in use, where it comes from, and the file it was read from. */
  public record Entry(Persona persona, Origin origin, String source) {}

  /** A file that did not load; {@code servingPrevious} is true when its last good version is still in use. */
  public record FileProblem(String source, List<ValidationError> errors, boolean servingPrevious) {
    public FileProblem {
      errors = List.copyOf(errors);
    }
  }

  /** What a reload or write changed; listeners receive only non-empty changes. */
  public record Change(Set<String> personasAdded, Set<String> personasUpdated, Set<String> personasRemoved,
      Set<String> emotionsChanged, boolean problemsChanged) {
    public Change {
      personasAdded = Set.copyOf(personasAdded);
      personasUpdated = Set.copyOf(personasUpdated);
      personasRemoved = Set.copyOf(personasRemoved);
      emotionsChanged = Set.copyOf(emotionsChanged);
    }

    public boolean isEmpty() {
      return personasAdded.isEmpty() && personasUpdated.isEmpty() && personasRemoved.isEmpty()
          && emotionsChanged.isEmpty() && !problemsChanged;
    }
  }

  /** What {@link #delete(String)} did. */
  public enum Deleted {
    /** The persona is gone. */
    REMOVED,
    /** The override file is gone; the shipped persona of that id is in use again. */
    REVERTED_TO_SHIPPED
  }

  // Sorted by id, never mutated after publication.
  private record Snapshot(Map<String, Entry> personas, Map<String, Emotion> emotions, List<FileProblem> problems) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), List.of());
  }

  // What one layer (root) of files yields: id -> value, and id -> the label of the file it came from.
  private record Loaded<T>(Map<String, T> byId, Map<String, String> sourceById) {}

  private final List<ContentRoot> shipped;
  private final ContentRoot.Directory writable;
  private final Object lock = new Object();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  // Last version of each file that loaded, by file label: what stays in use when a later edit breaks the file.
  private final Map<String, Object> lastGood = new HashMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /**
   * A registry over {@code shipped} roots (later ones override earlier ones) and an optional writable root
   * ({@code null} for read-only); its {@code personas/} and {@code emotions/} folders are created if missing.
   * Nothing is loaded until {@link #reload()}.
   */
  public PersonaRegistry(List<ContentRoot> shipped, Path writableRoot) {
    this.shipped = List.copyOf(shipped);
    this.writable = writableRoot == null ? null : new ContentRoot.Directory(writableRoot);
    if (writable != null) {
      try {
        for (ContentRoot.Kind kind : ContentRoot.Kind.values()) Files.createDirectories(writable.folder(kind));
      } catch (IOException e) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.IO, "cannot create " + writableRoot + ": " + e, e);
      }
    }
  }

  /** Creates a registry and loads it; see {@link #PersonaRegistry(List, Path)}. */
  public static PersonaRegistry load(List<ContentRoot> shipped, Path writableRoot) {
    PersonaRegistry registry = new PersonaRegistry(shipped, writableRoot);
    registry.reload();
    return registry;
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  @Override public Optional<Persona> find(String id) {
    return entry(id).map(Entry::persona);
  }

  /** All personas in use, sorted by id. */
  @Override public List<Persona> all() {
    return snapshot.personas().values().stream().map(Entry::persona).toList();
  }

  @Override public Optional<Emotion> emotion(String id) {
    return Optional.ofNullable(snapshot.emotions().get(id));
  }

  /** All emotion templates in use, sorted by id. */
  @Override public List<Emotion> emotions() {
    return List.copyOf(snapshot.emotions().values());
  }

  /** The persona in use for {@code id} with its origin and source file. */
  public Optional<Entry> entry(String id) {
    return Optional.ofNullable(snapshot.personas().get(id));
  }

  /** Every persona in use with its origin, sorted by id. */
  public List<Entry> entries() {
    return List.copyOf(snapshot.personas().values());
  }

  /** Files that failed to load at the last reload (for an API or health view); empty when all is well. */
  public List<FileProblem> problems() {
    return snapshot.problems();
  }

  /** The disk folders whose files this registry reads (shipped directory roots and the writable root): what to watch. */
  public List<Path> watchableFolders() {
    List<Path> folders = new ArrayList<>();
    for (ContentRoot root : layers()) {
      if (root instanceof ContentRoot.Directory d) {
        for (ContentRoot.Kind kind : ContentRoot.Kind.values()) folders.add(d.folder(kind));
      }
    }
    return folders;
  }

  /** Registers a listener for non-empty changes; the returned handle unregisters it. */
  public Runnable addListener(Consumer<Change> listener) {
    listeners.add(Objects.requireNonNull(listener));
    return () -> listeners.remove(listener);
  }

  // ---- loading -------------------------------------------------------------------------------------------------

  /** Re-reads every root; keeps the last good version of files that now fail. Returns what changed. */
  public Change reload() {
    synchronized (lock) {
      List<FileProblem> problems = new ArrayList<>();
      Set<String> seenFiles = new HashSet<>();
      Map<String, Emotion> emotions = new TreeMap<>();
      for (ContentRoot root : layers()) {
        emotions.putAll(loadLayer(root, ContentRoot.Kind.EMOTIONS, PersonaReader::readEmotion, Emotion::id, problems, seenFiles).byId());
      }
      Set<String> emotionIds = Set.copyOf(emotions.keySet());
      Map<String, Entry> personas = new TreeMap<>();
      for (ContentRoot root : layers()) {
        Loaded<Persona> layer = loadLayer(root, ContentRoot.Kind.PERSONAS, s -> PersonaReader.readPersona(s, emotionIds),
            Persona::id, problems, seenFiles);
        boolean isWritable = root == writable;
        layer.byId().forEach((id, persona) -> {
          Origin origin = !isWritable ? Origin.SHIPPED : personas.containsKey(id) ? Origin.OVERRIDE : Origin.CUSTOM;
          personas.put(id, new Entry(persona, origin, layer.sourceById().get(id)));
        });
      }
      lastGood.keySet().retainAll(seenFiles); // a deleted file's old version must not come back
      return publish(new Snapshot(Collections.unmodifiableMap(personas), Collections.unmodifiableMap(emotions), List.copyOf(problems)));
    }
  }

  private List<ContentRoot> layers() {
    List<ContentRoot> layers = new ArrayList<>(shipped);
    if (writable != null) layers.add(writable);
    return layers;
  }

  private <T> Loaded<T> loadLayer(ContentRoot root, ContentRoot.Kind kind, Function<SourceText, T> read,
      Function<T, String> idOf, List<FileProblem> problems, Set<String> seenFiles) {
    Map<String, T> byId = new TreeMap<>();
    Map<String, String> sourceById = new HashMap<>();
    List<ContentRoot.ContentFile> files;
    try {
      files = root.list(kind);
    } catch (IOException | RuntimeException e) {
      problems.add(new FileProblem(root.label() + "/" + kind.folder(),
          List.of(new ValidationError(root.label() + "/" + kind.folder(), 0, 0, "", "cannot list: " + e)), false));
      return new Loaded<>(byId, sourceById);
    }
    for (ContentRoot.ContentFile file : files) {
      seenFiles.add(file.label());
      T value;
      try {
        value = read.apply(file.source());
        lastGood.put(file.label(), value);
      } catch (PersonaValidationException e) {
        @SuppressWarnings("unchecked") T previous = (T) lastGood.get(file.label());
        problems.add(new FileProblem(file.label(), e.errors(), previous != null));
        if (previous == null) continue;
        value = previous;
      }
      String id = idOf.apply(value);
      if (byId.containsKey(id)) {
        // Two files of one id in one folder (x.yaml and x.json): the first by name is used, the other reported.
        problems.add(new FileProblem(file.label(), List.of(new ValidationError(file.label(), 0, 0, "id",
            "'" + id + "' is already defined by " + sourceById.get(id) + "; keep one file per id")), false));
        continue;
      }
      byId.put(id, value);
      sourceById.put(id, file.label());
    }
    return new Loaded<>(byId, sourceById);
  }

  private Change publish(Snapshot next) {
    Snapshot previous = snapshot;
    snapshot = next;
    Set<String> added = new TreeSet<>(), updated = new TreeSet<>(), removed = new TreeSet<>(), emotions = new TreeSet<>();
    next.personas().forEach((id, e) -> {
      Entry old = previous.personas().get(id);
      if (old == null) added.add(id);
      else if (!old.equals(e)) updated.add(id);
    });
    previous.personas().keySet().stream().filter(id -> !next.personas().containsKey(id)).forEach(removed::add);
    Set<String> emotionIds = new HashSet<>(previous.emotions().keySet());
    emotionIds.addAll(next.emotions().keySet());
    emotionIds.stream().filter(id -> !Objects.equals(previous.emotions().get(id), next.emotions().get(id))).forEach(emotions::add);
    Change change = new Change(added, updated, removed, emotions, !previous.problems().equals(next.problems()));
    if (!change.isEmpty()) {
      for (Consumer<Change> listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "persona listener failed", e);
        }
      }
    }
    return change;
  }

  // ---- writing -------------------------------------------------------------------------------------------------

  /**
   * Validates text (YAML or JSON) as a persona against the emotions in use, without storing anything.
   *
   * @throws PersonaValidationException with every error, positions in {@code source}
   */
  public Persona validate(SourceText source) {
    return PersonaReader.readPersona(source, snapshot.emotions().keySet());
  }

  /**
   * Validates a persona record by the file rules, without storing anything (validate-only).
   *
   * @throws PersonaValidationException with every error; fields are named, positions are not (there is no file)
   */
  public Persona validate(Persona persona) {
    String label = "persona '" + persona.id() + "'";
    try {
      return PersonaReader.readPersona(SourceText.of(label, PersonaWriter.write(persona, Format.YAML), Format.YAML),
          snapshot.emotions().keySet());
    } catch (PersonaValidationException e) {
      // Positions would point into the YAML written for checking, which nobody sees.
      throw new PersonaValidationException(e.errors().stream()
          .map(v -> new ValidationError(label, 0, 0, v.field(), v.message())).toList());
    }
  }

  /**
   * Adds a new persona, written to the writable directory as {@code <id>.yaml}.
   *
   * @throws PersonaValidationException if it does not validate
   * @throws PersonaRegistryException ALREADY_EXISTS if the id is in use, READ_ONLY without a writable directory
   */
  public Persona create(Persona persona) {
    synchronized (lock) {
      Persona valid = validate(persona);
      if (snapshot.personas().containsKey(valid.id())) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.ALREADY_EXISTS,
            "persona '" + valid.id() + "' already exists; replace it instead");
      }
      return store(valid);
    }
  }

  /**
   * Replaces a persona in use (a shipped one is overridden by a file in the writable directory).
   *
   * @throws PersonaValidationException if it does not validate
   * @throws PersonaRegistryException NOT_FOUND if no persona has that id, READ_ONLY without a writable directory
   */
  public Persona replace(Persona persona) {
    synchronized (lock) {
      Persona valid = validate(persona);
      if (!snapshot.personas().containsKey(valid.id())) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.NOT_FOUND,
            "no persona '" + valid.id() + "' to replace; create it instead");
      }
      return store(valid);
    }
  }

  /**
   * Deletes the writable directory's file(s) for {@code id}.
   *
   * @return REVERTED_TO_SHIPPED when a shipped persona of that id is now in use again, else REMOVED
   * @throws PersonaRegistryException READ_ONLY for a persona that only a shipped root has (shipped content is edited
   *     in the repository, not at runtime), NOT_FOUND when neither a persona nor a file has that id
   */
  public Deleted delete(String id) {
    synchronized (lock) {
      List<Path> files = writableFiles(id);
      if (files.isEmpty()) {
        Entry entry = snapshot.personas().get(id);
        if (entry != null && entry.origin() == Origin.SHIPPED) {
          throw new PersonaRegistryException(PersonaRegistryException.Reason.READ_ONLY,
              "persona '" + id + "' is shipped and cannot be deleted; replace it to override it");
        }
        throw new PersonaRegistryException(PersonaRegistryException.Reason.NOT_FOUND, "no persona '" + id + "'");
      }
      try {
        for (Path file : files) Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new PersonaRegistryException(PersonaRegistryException.Reason.IO, "cannot delete persona '" + id + "': " + e, e);
      }
      reload();
      return snapshot.personas().containsKey(id) ? Deleted.REVERTED_TO_SHIPPED : Deleted.REMOVED;
    }
  }

  private Persona store(Persona valid) {
    Path folder = requireWritable().folder(ContentRoot.Kind.PERSONAS);
    Path target = folder.resolve(valid.id() + ".yaml");
    Path temp = folder.resolve("." + valid.id() + ".yaml.tmp"); // hidden: never read as content
    try {
      Files.writeString(temp, PersonaWriter.write(valid, Format.YAML));
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      for (Path other : writableFiles(valid.id())) if (!other.equals(target)) Files.delete(other);
    } catch (IOException e) {
      throw new PersonaRegistryException(PersonaRegistryException.Reason.IO, "cannot write " + target + ": " + e, e);
    }
    reload();
    Entry stored = snapshot.personas().get(valid.id());
    if (stored == null || !stored.source().equals(target.toString())) {
      // Only possible if the file changed again in between; the problem list says why.
      throw new PersonaRegistryException(PersonaRegistryException.Reason.IO, "persona '" + valid.id() + "' was written but did not load");
    }
    return stored.persona();
  }

  private ContentRoot.Directory requireWritable() {
    if (writable == null) {
      throw new PersonaRegistryException(PersonaRegistryException.Reason.READ_ONLY, "no writable persona directory is configured");
    }
    return writable;
  }

  // The writable directory's files for an id, in any format extension.
  private List<Path> writableFiles(String id) {
    Path folder = requireWritable().folder(ContentRoot.Kind.PERSONAS);
    if (!PersonaSchema.isValidId(id)) return List.of();
    return Format.EXTENSIONS.stream().map(ext -> folder.resolve(id + ext)).filter(Files::exists).toList();
  }
}
