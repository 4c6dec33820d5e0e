package dev.xdai.dialogue;

import dev.xdai.dialogue.answer.AnswerFrames;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.generation.Generation;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts a turn's {@link Grounding} together from the prompt as kept, the reply as decided and the turn's notes. */
final class GroundingAssembly {

  private GroundingAssembly() {}

  /**
   * @param quotes the quotes the reply was made of (their items are listed as quoted when the reply is a quote)
   * @param decision the answerer's decision, for each quoted item's confidence
   */
  static Grounding of(RenderedPrompt prompt, String personaId, String emotion, String modelName, Reply reply,
      List<AnswerFrames.Quote> quotes, Answerer.Decision decision, List<String> notes, Map<String, Double> timingsMs) {
    PromptSpec kept = prompt.kept();
    Generation generation = reply.generation() != null ? reply.generation() : new Generation("", 0, Generation.FinishReason.END, 0, 0);
    return new Grounding(
        kept.history().stream().map(e -> new Grounding.SelectedExchange(e.exchange().index(), e.exchange().user(), e.exchange().bot(), e.relevance())).toList(),
        injected(kept),
        kept.background().stream().map(b -> new Grounding.Background(b.text(), b.knowledgeId())).toList(),
        personaId, emotion, postResponseText(kept), prompt.dropped(), reply.unsupported(), notes, modelName,
        generation.finishReason().name(), timingsMs, reply.mode(), reply.mode() == ReplyMode.QUOTED ? quoted(quotes, decision) : List.of(),
        reply.bank());
  }

  private static List<Grounding.Quoted> quoted(List<AnswerFrames.Quote> quotes, Answerer.Decision decision) {
    List<Grounding.Quoted> quoted = new ArrayList<>();
    for (AnswerFrames.Quote q : quotes) {
      double c = decision.confident().stream().filter(x -> x.item().id().equals(q.item().id())).mapToDouble(Answerer.Candidate::confidence).findFirst().orElse(0);
      quoted.add(new Grounding.Quoted(q.item().id(), q.item().pack(), q.item().source(), round(c)));
    }
    return quoted;
  }

  static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static List<Grounding.Injected> injected(PromptSpec spec) {
    List<Grounding.Injected> out = new ArrayList<>();
    for (ContextEntry e : spec.history()) for (KnowledgeItem k : e.knowledge()) out.add(new Grounding.Injected("history:" + e.exchange().index(), k));
    for (KnowledgeItem k : spec.queryKnowledge()) out.add(new Grounding.Injected("query", k));
    return out;
  }

  private static String postResponseText(PromptSpec spec) {
    return String.join("|", spec.postResponse().lines().stream().map(u -> u.speaker().tag() + u.text()).toList());
  }
}
