package dev.xdai.generation.inverse;

import dev.xdai.generation.Scorer;
import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.Score;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InversePromptingRerankerTest {

  static final String QUERY = "滑雪难学吗";
  static final RenderedPrompt PROMPT = new GlmPromptRenderer(TokenCounter.CODE_POINTS)
      .render(new PromptSpec(List.of(), List.of(), List.of(), QUERY, PostResponse.none()), 500);

  /**
   * Seed i fills with CANDIDATES[i % 3]. Forward likelihood prefers the generic reply; the inverse prompt built from
   * the on-topic reply predicts the query far better.
   */
  static class FakeModel implements LanguageModel, Scorer {
    static final List<String> CANDIDATES = List.of("哈哈，好的。", "滑雪入门不难，学两天就会。", "哈哈，好的。");
    static final Map<String, Double> FORWARD = Map.of(CANDIDATES.get(0), -3.0, CANDIDATES.get(1), -20.0);
    final List<String> scoredPrompts = new ArrayList<>();

    @Override public Optional<Scorer> scorer() { return Optional.of(this); }

    @Override public ModelInfo info() { return new ModelInfo("fake", 100, TokenCounter.CODE_POINTS); }

    @Override public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
      String text = CANDIDATES.get((int) (options.seed() % 3));
      listener.onToken(text);
      return new Generation(text, text.length(), Generation.FinishReason.END, 1, 1);
    }

    @Override public List<Score> score(String promptText, List<String> continuations) {
      scoredPrompts.add(promptText);
      if (promptText.equals(PROMPT.text())) {
        return continuations.stream().map(c -> new Score(FORWARD.get(c), c.length(), c.length())).toList();
      }
      assertEquals(List.of(QUERY), continuations);
      double perToken = promptText.contains("滑雪") ? -1.0 : -6.0;
      return List.of(new Score(perToken * QUERY.length(), QUERY.length(), QUERY.length()));
    }
  }

  @Test
  void inverseLikelihoodOutweighsAGenericReply() {
    FakeModel model = new FakeModel();
    var reranker = new InversePromptingReranker(model, InversePromptingConfig.defaults().withCandidates(3));
    List<String> pieces = new ArrayList<>();
    Generation g = reranker.generate(PROMPT, QUERY, GenerationOptions.defaults(), pieces::add);
    assertEquals("滑雪入门不难，学两天就会。", g.text());
    assertEquals(List.of(g.text()), pieces); // one piece, once chosen
    // sub-sentences become inverse prompts of their own
    assertTrue(model.scoredPrompts.contains("A:[MASK]|B:滑雪入门不难"), model.scoredPrompts.toString());
    assertTrue(model.scoredPrompts.contains("A:[MASK]|B:学两天就会"), model.scoredPrompts.toString());
  }

  @Test
  void aModelThatCannotScoreSaysTheFirstCompleteCandidate() {
    FakeModel chatOnly = new FakeModel() {
      @Override public Optional<Scorer> scorer() { return Optional.empty(); }
    };
    var reranker = new InversePromptingReranker(chatOnly, InversePromptingConfig.defaults().withCandidates(3));
    assertFalse(reranker.canRank());
    assertEquals("哈哈，好的。", reranker.generate(PROMPT, QUERY, GenerationOptions.defaults(), p -> {}).text());
    assertTrue(chatOnly.scoredPrompts.isEmpty(), "nothing scored");
    assertThrows(IllegalStateException.class, () -> reranker.scores(PROMPT.text(), QUERY, FakeModel.CANDIDATES));
  }

  @Test
  void scoresFollowTheMethodsFormula() {
    FakeModel model = new FakeModel();
    var reranker = new InversePromptingReranker(model, InversePromptingConfig.defaults());
    List<RankedCandidate> ranked = reranker.rank(PROMPT.text(), QUERY, FakeModel.CANDIDATES.subList(0, 2));
    RankedCandidate onTopic = ranked.get(0);
    assertEquals(-20.0 / 13, onTopic.forward(), 1e-9);
    assertEquals((-1.0 + -6.0) / 2, onTopic.inverse(), 1e-9); // "滑雪入门不难" -1, "学两天就会" -6
    assertEquals(1.0 * -3.5 + 1.5 * (-20.0 / 13), onTopic.total(), 1e-9);
    RankedCandidate generic = ranked.get(1);
    assertEquals(-6.0, generic.inverse(), 1e-9);
  }

  @Test
  void withoutTheInverseTermTheLikelierReplyWins() {
    var config = new InversePromptingConfig(3, 0.0, 1.5, 1.0, "A:[MASK]|B:{reply}", InversePromptingConfig.defaults().subSentenceBreak());
    Generation g = new InversePromptingReranker(new FakeModel(), config).generate(PROMPT, QUERY, GenerationOptions.defaults(), p -> {});
    assertEquals("哈哈，好的。", g.text());
  }
}
