package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.knowledge.sync.PackChanges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackChangesTest {

  @Test
  void newAndRestampedPacksAreChangedAndPacksTheGraphLacksAreGone() {
    PackChanges c = PackChanges.between(
        Map.of("clinic", 7L, "campus", 3L, "films", 12L),
        Map.of("clinic", 7L, "campus", 2L, "music", 5L));
    assertEquals(List.of("campus", "films"), c.changed());
    assertEquals(List.of("music"), c.gone());
  }

  @Test
  void aPackDeletedAndImportedAgainIsChangedBecauseStampsAreNeverReused() {
    assertEquals(List.of("clinic"), PackChanges.between(Map.of("clinic", 9L), Map.of("clinic", 4L)).changed());
  }

  @Test
  void inStepMeansNothingToDo() {
    assertTrue(PackChanges.between(Map.of("clinic", 7L), Map.of("clinic", 7L)).isEmpty());
    assertTrue(PackChanges.between(Map.of(), Map.of()).isEmpty());
    assertEquals(List.of("fresh"), PackChanges.between(Map.of("fresh", 0L), Map.of()).changed(),
        "a pack no import finished yet is still pushed once, empty");
  }
}
