package dev.xdai.knowledge.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a replica's index must do to follow the graph: the packs whose version differs from the one it synced (new or
 * changed), and the packs it synced that the graph no longer has (deleted). Versions are change-clock stamps, never
 * reused, so a pack deleted and imported again between two looks is a changed pack, not an unchanged one.
 */
public record PackChanges(List<String> changed, List<String> gone) {

  public static final PackChanges NONE = new PackChanges(List.of(), List.of());

  public PackChanges {
    changed = List.copyOf(changed);
    gone = List.copyOf(gone);
  }

  /** From the graph's pack versions and the versions this index last synced, by pack name. */
  public static PackChanges between(Map<String, Long> graph, Map<String, Long> synced) {
    List<String> changed = new TreeSet<>(graph.keySet()).stream()
        .filter(pack -> !Objects.equals(graph.get(pack), synced.get(pack))).toList();
    List<String> gone = new TreeSet<>(synced.keySet()).stream().filter(pack -> !graph.containsKey(pack)).toList();
    return new PackChanges(changed, gone);
  }

  public boolean isEmpty() {
    return changed.isEmpty() && gone.isEmpty();
  }
}
