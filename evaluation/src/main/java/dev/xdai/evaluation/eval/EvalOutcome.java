package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.metrics.InjectedKnowledge;
import dev.xdai.generation.Score;
import java.util.List;
import java.util.Map;

/**
 * What the dialogue under evaluation produced for one turn.
 *
 * @param reply the reply, greedy-decoded (the evaluation keeps at most its first {@code maxReplyChars} characters)
 * @param injected the knowledge items injected for the current utterance, best first (history knowledge excluded)
 * @param knowledgeText all knowledge text the prompt contained (QA pairs and description background)
 * @param contextText the dialogue history the prompt contained
 * @param goldScore log-likelihood of the gold reply as the fill of this turn's prompt ({@code char_ppl} divides it by the
 *     gold reply's length in characters as {@code CharText} counts them); null when the model cannot score
 * @param prompt the exact prompt the model was given, for {@code --dump}; empty when the dialogue does not say
 * @param mode how the reply was produced ({@code quoted}, {@code generated}, {@code unknown}, {@code fallback}); empty
 *     when the dialogue does not say
 * @param candidates the injected items weighed as answers, in {@code injected} order (empty when not weighed)
 */
public record EvalOutcome(String reply, List<InjectedKnowledge> injected, String knowledgeText, String contextText,
    Score goldScore, String prompt, String mode, List<AnswerCandidate> candidates) {

  /** An injected item weighed as the answer: its features by name and its confidence. */
  public record AnswerCandidate(String itemId, Map<String, Double> features, double confidence) {
    public AnswerCandidate {
      features = Map.copyOf(features);
    }
  }

  public EvalOutcome(String reply, List<InjectedKnowledge> injected, String knowledgeText, String contextText, Score goldScore,
      String prompt) {
    this(reply, injected, knowledgeText, contextText, goldScore, prompt, "", List.of());
  }

  public EvalOutcome {
    reply = reply == null ? "" : reply;
    injected = List.copyOf(injected);
    knowledgeText = knowledgeText == null ? "" : knowledgeText;
    contextText = contextText == null ? "" : contextText;
    prompt = prompt == null ? "" : prompt;
    mode = mode == null ? "" : mode;
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }
}
