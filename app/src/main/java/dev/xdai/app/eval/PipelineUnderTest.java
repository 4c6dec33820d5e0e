package dev.xdai.app.eval;

import dev.xdai.dialogue.answer.AnswerFeatures;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.dialogue.TurnPipeline;
import dev.xdai.dialogue.TurnRequest;
import dev.xdai.dialogue.TurnResult;
import dev.xdai.evaluation.eval.Ablations;
import dev.xdai.evaluation.eval.DialogueUnderTest;
import dev.xdai.evaluation.eval.EvalMode;
import dev.xdai.evaluation.eval.EvalOutcome;
import dev.xdai.evaluation.eval.EvalTurn;
import dev.xdai.evaluation.metrics.InjectedKnowledge;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.personas.Answering;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.HistoryOrder;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adapts the real turn pipeline to the evaluation's port: each sample is a fresh conversation whose history is the
 * sample's context, answered greedily (or as the service samples, when the run asks); nothing is stored.
 */
public record PipelineUnderTest(TurnPipeline pipeline, PersonaCatalog personas, CachingEmbedder embedder) implements DialogueUnderTest {

  @Override
  public String modelName() {
    return pipeline.model().info().name();
  }

  @Override
  public EvalOutcome respond(EvalTurn turn) {
    String botId = turn.bot() == null || turn.bot().isBlank() ? "xiaodai" : turn.bot();
    Persona base = personas.find(botId).orElseThrow(() -> new IllegalArgumentException("no persona '" + botId + "'"));
    // In retrieved mode the bot searches exactly the evaluation's pack.
    Persona persona = turn.mode() == EvalMode.RETRIEVED ? base.withPacks(List.of(turn.pack())) : base;
    Switches switches = switches(turn.ablations(), turn.mode());
    List<KnowledgeItem> given = switch (turn.mode()) {
      case ORACLE -> turn.oracleKnowledge();
      case NONE -> List.of();
      case RETRIEVED -> null;
    };
    TurnRequest request = new TurnRequest(turn.sample().history(), turn.sample().query(), persona, "", switches,
        decoding(turn, persona), given, embedder, 0);
    TurnResult result = pipeline.run(request, TurnListener.NONE);
    String reply = result.reply();
    if (reply.codePointCount(0, reply.length()) > turn.maxReplyChars()) reply = reply.substring(0, reply.offsetByCodePoints(0, turn.maxReplyChars()));

    List<String> knowledge = new ArrayList<>();
    result.prompt().kept().background().forEach(b -> { if (!b.knowledgeId().isEmpty()) knowledge.add(b.text()); });
    result.prompt().kept().injectedKnowledge().forEach(k -> knowledge.add(GlmPromptRenderer.segment(k)));
    List<String> context = new ArrayList<>();
    for (ContextEntry e : result.prompt().kept().history()) {
      context.add(e.exchange().user());
      context.add(e.exchange().bot());
    }
    context.add(turn.sample().query());
    Score gold = null; // without likelihoods, or when prompt + gold reply exceed the context: left out of char_ppl
    var scorer = pipeline.model().scorer();
    if (scorer.isPresent()) {
      try {
        gold = scorer.get().score(result.prompt().text(), List.of(turn.sample().goldReply())).get(0);
      } catch (ModelUnavailableException | IllegalArgumentException e) {
        gold = null;
      }
    }
    List<EvalOutcome.AnswerCandidate> candidates = new ArrayList<>();
    for (Answerer.Candidate c : result.decision().candidates()) {
      Map<String, Double> features = new LinkedHashMap<>();
      double[] values = c.features().values();
      for (int i = 0; i < values.length; i++) features.put(AnswerFeatures.NAMES.get(i), values[i]);
      candidates.add(new EvalOutcome.AnswerCandidate(c.item().id(), features, c.confidence()));
    }
    String mode = result.grounding().mode() == null ? "" : result.grounding().mode().name().toLowerCase(Locale.ROOT);
    return new EvalOutcome(reply, result.grounding().queryKnowledge().stream().map(InjectedKnowledge::of).toList(),
        String.join("\n", knowledge), String.join("\n", context), gold, result.prompt().text(), mode, candidates);
  }

  // Greedy, as the evaluation prescribes, or the service's own sampling seeded by the sample (reproducible, and
  // different across samples) under the evaluation's deadline, so that a loaded machine does not cut replies short;
  // with the service's copy bias unless the run switches it off.
  private GenerationOptions decoding(EvalTurn turn, Persona persona) {
    GenerationOptions greedy = GenerationOptions.greedy(turn.maxReplyChars());
    GenerationOptions service = pipeline.decoding(persona, 0);
    GenerationOptions o = turn.ablations().sampling()
        ? service.withSeed(service.seed() + turn.sample().id().hashCode()).withDeadline(greedy.deadline())
        : greedy;
    return o.withCopyBias(turn.ablations().copyBias() ? service.copyBias() : 0);
  }

  static Switches switches(Ablations a, EvalMode mode) {
    boolean knowledge = mode != EvalMode.NONE;
    return Switches.all()
        .withHistorySelection(a.historySelection())
        .withKnowledgeInjection(knowledge && a.knowledgeInjection())
        .withBackground(knowledge && a.background())
        .withPersona(a.persona())
        .withInversePrompting(a.inversePrompting())
        .withHistoryOrder(a.relevanceOrder() ? HistoryOrder.RELEVANCE : null)
        .withAnswering(a.quoting() ? null : Answering.FREE)
        .withResponseBank(a.bank())
        .withFaithfulnessGuard(a.guard());
  }
}
