package dev.xdai.personas;

import java.util.List;
import java.util.Optional;

/** Read access to the personas and emotion templates currently loaded. Thread-safe. */
public interface PersonaCatalog {
  Optional<Persona> find(String id);

  List<Persona> all();

  Optional<Emotion> emotion(String id);

  List<Emotion> emotions();
}
