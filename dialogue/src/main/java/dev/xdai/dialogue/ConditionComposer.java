package dev.xdai.dialogue;

import dev.xdai.personas.Emotion;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Utterance;
import dev.xdai.retrieval.Embedder;
import java.util.List;
import java.util.Optional;

/**
 * Step 4: the grounded post-response after the blank. An emotion's template wins when one is asked for (turn, session,
 * or the persona's default); otherwise the persona's example exchange most similar to the query presupposes the
 * character; with neither the blank is {@code [gMASK]} at the end.
 */
public final class ConditionComposer {

  /** The post-response chosen and why. */
  public record Condition(PostResponse postResponse, String emotion, String origin) {
    public static Condition none(String emotion) { return new Condition(PostResponse.none(), emotion, "none"); }
  }

  private final PersonaCatalog catalog;

  public ConditionComposer(PersonaCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param requestedEmotion emotion for this turn, or empty for the persona's default
   * @param embedder finds the persona's example most similar to the query; null takes the first
   * @param variant picks among several templates deterministically (e.g. the turn number)
   */
  public Condition compose(Persona persona, String requestedEmotion, String query, Embedder embedder, int variant) {
    String emotionId = requestedEmotion == null || requestedEmotion.isBlank() ? persona.defaultEmotion() : requestedEmotion;
    Optional<Emotion> emotion = emotionId.isBlank() ? Optional.empty() : catalog.emotion(emotionId);
    if (emotion.isPresent() && !emotion.get().postResponses().isEmpty()) {
      List<PostResponse> options = emotion.get().postResponses();
      return new Condition(options.get(Math.floorMod(variant, options.size())), emotionId, "emotion:" + emotionId);
    }
    if (!persona.examples().isEmpty()) {
      return new Condition(mostSimilar(persona.examples(), query, embedder), emotionId, "persona:" + persona.id());
    }
    return Condition.none(emotionId);
  }

  private static PostResponse mostSimilar(List<PostResponse> examples, String query, Embedder embedder) {
    if (examples.size() == 1 || embedder == null) return examples.get(0);
    List<String> texts = new java.util.ArrayList<>();
    texts.add(query);
    examples.forEach(p -> texts.add(String.join(" ", p.lines().stream().map(Utterance::text).toList())));
    List<float[]> v = embedder.embedAll(texts);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < examples.size(); i++) {
      double s = Embedder.cosine(v.get(i + 1), v.get(0));
      if (s > bestScore) { bestScore = s; best = i; }
    }
    return examples.get(best);
  }
}
