package dev.xdai.personas;

import dev.xdai.prompting.PostResponse;
import java.util.List;
import java.util.Objects;

/**
 * A character the bot plays: its self-description (background prefix), speaking style, example exchanges used as
 * post-responses, greeting, default emotion, the knowledge packs it may use, and generation overrides.
 */
public record Persona(String id, String displayName, String background, String style, List<PostResponse> examples,
    String greeting, String defaultEmotion, List<String> packs, GenerationOverrides generation) {

  public Persona {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
    background = background == null ? "" : background;
    style = style == null ? "" : style;
    examples = examples == null ? List.of() : List.copyOf(examples);
    greeting = greeting == null ? "" : greeting;
    defaultEmotion = defaultEmotion == null ? "" : defaultEmotion;
    packs = packs == null ? List.of() : List.copyOf(packs);
    generation = generation == null ? GenerationOverrides.NONE : generation;
  }
}
