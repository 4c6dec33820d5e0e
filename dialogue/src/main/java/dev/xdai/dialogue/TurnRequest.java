package dev.xdai.dialogue;

import dev.xdai.generation.GenerationOptions;
import dev.xdai.personas.Persona;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.util.List;
import java.util.Objects;

/**
 * One user turn to answer: the earlier exchanges (oldest first), the utterance, the persona and emotion, which steps
 * run, and optionally the knowledge to inject instead of retrieving it (oracle evaluation).
 *
 * @param options decoding options, or null for the service defaults merged with the persona's overrides
 * @param givenKnowledge null to retrieve; otherwise injected before the query as is
 * @param embeddings the service's embedding cache: the utterance is embedded ahead into it, the history's vectors come
 *     from it
 * @param variant deterministic choice among templates (the turn number)
 */
public record TurnRequest(List<Exchange> history, String text, Persona persona, String emotion, Switches switches,
    GenerationOptions options, List<KnowledgeItem> givenKnowledge, CachingEmbedder embeddings, int variant) {

  public TurnRequest {
    history = List.copyOf(history);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(persona, "persona");
    emotion = emotion == null ? "" : emotion;
    switches = switches == null ? Switches.all() : switches;
    givenKnowledge = givenKnowledge == null ? null : List.copyOf(givenKnowledge);
  }
}
