package dev.xdai.retrieval.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An entity as the linker knows it: its graph id and pack, the label and aliases it is written as, and a short
 * description whose words disambiguate it when another entity shares a name.
 */
public record DictionaryEntity(String id, String pack, String label, List<String> aliases, String description) {

  public DictionaryEntity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    pack = pack == null ? "" : pack;
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    description = description == null ? "" : description;
  }

  /** The label followed by the aliases. */
  public List<String> names() {
    List<String> names = new ArrayList<>(aliases.size() + 1);
    names.add(label);
    names.addAll(aliases);
    return names;
  }
}
