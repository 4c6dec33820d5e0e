package dev.xdai.personas;

import dev.xdai.prompting.PostResponse;
import java.util.List;
import java.util.Objects;

/**
 * A character the bot plays: its self-description (background prefix), speaking style, example exchanges used as
 * post-responses, greeting, default emotion, the knowledge packs it may use, generation overrides, how it answers
 * what its knowledge covers, and what it says when nothing it knows answers ({@code unknownReply}; empty: the
 * service's words).
 */
public record Persona(String id, String displayName, String background, String style, List<PostResponse> examples,
    String greeting, String defaultEmotion, List<String> packs, GenerationOverrides generation, Answering answering,
    String unknownReply) {

  /** A persona that answers {@link Answering#AUTO} with the service's words for "I don't know". */
  public Persona(String id, String displayName, String background, String style, List<PostResponse> examples,
      String greeting, String defaultEmotion, List<String> packs, GenerationOverrides generation) {
    this(id, displayName, background, style, examples, greeting, defaultEmotion, packs, generation, Answering.AUTO, "");
  }

  /** This persona searching {@code newPacks} instead of its own. */
  public Persona withPacks(List<String> newPacks) {
    return new Persona(id, displayName, background, style, examples, greeting, defaultEmotion, newPacks, generation, answering,
        unknownReply);
  }

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
    answering = answering == null ? Answering.AUTO : answering;
    unknownReply = unknownReply == null ? "" : unknownReply;
  }
}
