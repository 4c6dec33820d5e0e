package dev.xdai.prompting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Fitting a prompt to a token budget, over many random prompts and budgets. */
class PromptBudgetPropertiesTest {

  private final GlmPromptRenderer renderer = new GlmPromptRenderer(TokenCounter.CODE_POINTS);

  @Property(tries = 400)
  void neverExceedsABudgetTheFrameFitsAndKeepsTheUtteranceWholeWhenItFits(@ForAll("specs") PromptSpec spec,
      @ForAll @IntRange(min = 0, max = 600) int budget) {
    RenderedPrompt r = renderer.render(spec, budget);
    assertEquals(TokenCounter.CODE_POINTS.count(r.text()), r.tokens(), "the reported size is the text's");
    int frame = size(alone(""));
    if (budget >= frame) assertTrue(r.tokens() <= budget, r.tokens() + " tokens for a budget of " + budget);
    if (budget >= size(alone(spec.query()))) {
      assertFalse(r.queryTruncated());
      assertEquals(spec.query(), r.kept().query(), "the utterance is never dropped while it fits alone");
    } else if (r.queryTruncated()) {
      assertTrue(PromptText.neutralise(spec.query()).endsWith(r.kept().query()), "a cut utterance keeps its end");
    }
  }

  @Property(tries = 300)
  void aPromptThatFitsIsRenderedWholeAndADroppedPromptKeepsOnlyItsOwnParts(@ForAll("specs") PromptSpec spec,
      @ForAll @IntRange(min = 0, max = 600) int budget) {
    RenderedPrompt r = renderer.render(spec, budget);
    if (size(spec) <= budget) {
      assertEquals(List.of(), r.dropped());
      assertEquals(renderer.renderText(spec), r.text());
    }
    assertTrue(spec.history().containsAll(r.kept().history()));
    assertTrue(spec.background().containsAll(r.kept().background()));
    assertTrue(spec.queryKnowledge().containsAll(r.kept().queryKnowledge()));
    PromptSpec kept = r.kept();
    int gone = spec.history().size() - kept.history().size() + spec.background().size() - kept.background().size()
        + spec.queryKnowledge().size() - kept.queryKnowledge().size()
        + (spec.postResponse().lines().size() > kept.postResponse().lines().size() ? 1 : 0);
    assertEquals(gone, r.dropped().size(), "each dropped part is named once: " + r.dropped());
  }

  private int size(PromptSpec spec) {
    return TokenCounter.CODE_POINTS.count(renderer.renderText(spec));
  }

  /** The spec with nothing but the utterance: what is left when every droppable part is gone. */
  private static PromptSpec alone(String query) {
    return new PromptSpec(List.of(), List.of(), List.of(), query, PostResponse.none());
  }

  @Provide
  Arbitrary<PromptSpec> specs() {
    Arbitrary<List<BackgroundPiece>> background = Arbitraries.oneOf(
        text(1, 30).map(BackgroundPiece::persona),
        Combinators.combine(ids(), text(1, 10), text(1, 40)).as((id, label, t) ->
            BackgroundPiece.of(KnowledgeItem.description(id, label, t, "s", "p", 0.5)))).list().ofMaxSize(3);
    Arbitrary<List<KnowledgeItem>> facts = Combinators.combine(ids(), text(1, 15), text(1, 30),
        Arbitraries.doubles().between(0, 1)).as((id, q, a, score) -> KnowledgeItem.qa(id, q, a, "s", "p", score))
        .list().ofMaxSize(5).uniqueElements(KnowledgeItem::id);
    Arbitrary<PostResponse> post = Arbitraries.oneOf(
        Arbitraries.just(PostResponse.none()),
        text(1, 20).list().ofMinSize(1).ofMaxSize(2).map(lines -> new PostResponse(lines.stream().map(Utterance::bot).toList())));
    return Combinators.combine(background, history(), facts, text(1, 60), post).as(PromptSpec::new);
  }

  private Arbitrary<List<ContextEntry>> history() {
    return Combinators.combine(text(1, 30).list().ofMaxSize(6), Arbitraries.doubles().between(0, 1).list().ofSize(6))
        .as((users, relevance) -> {
          List<ContextEntry> entries = new ArrayList<>();
          for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            entries.add(new ContextEntry(new Exchange(i, user, "回答" + user), relevance.get(i),
                i % 2 == 0 ? List.of() : List.of(KnowledgeItem.qa("h" + i, user + "？", "是的", "s", "p", relevance.get(i)))));
          }
          return entries;
        });
  }

  private static Arbitrary<String> ids() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6);
  }

  /** Chinese text with the characters that have a meaning in a prompt: separators, brackets, spaces. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings().withCharRange('一', '龥').withChars("，。？ |[]MASK\n").ofMinLength(min).ofMaxLength(max)
        .filter(s -> !s.isBlank());
  }

  @Property(tries = 1000)
  void neutralisedTextCannotBreakThePromptAndNeutralisingTwiceChangesNothing(@ForAll("anything") String s) {
    String n = PromptText.neutralise(s);
    assertFalse(n.contains(PromptText.SEPARATOR), n);
    for (String token : Set.of(PromptText.MASK, PromptText.SMASK, PromptText.GMASK, PromptText.SOP, PromptText.EOP)) {
      assertFalse(n.toLowerCase(java.util.Locale.ROOT).contains(token.toLowerCase(java.util.Locale.ROOT)), n);
    }
    assertFalse(n.chars().anyMatch(c -> Character.isISOControl(c)), "no control characters");
    assertEquals(n, PromptText.neutralise(n));
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("[]［］ sSmMaAkKgGoOpPeE|\t\n\u0000\u200b").ofMaxLength(30));
  }
}
