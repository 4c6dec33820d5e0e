package dev.xdai.dialogue;

import dev.xdai.generation.Continuer;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.personas.GenerationOverrides;
import dev.xdai.personas.Persona;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.dialogue.answer.AnswerFeatures;
import dev.xdai.dialogue.answer.AnswerFrames;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.personas.Answering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * One user turn, the method's steps: history selection, knowledge injection, background addition, persona and emotion,
 * prompt rendering within the model's context, generation, post-processing. The query's knowledge is looked up first,
 * while the utterance's vector is computed on another core; the prompt is the same as in the method's order. Persisting
 * is the caller's ({@link DialogueService}). Thread-safe; holds no per-session state.
 */
public final class TurnPipeline {

  /**
   * @param defaults decoding options before persona overrides
   * @param attempts generations tried before a defective reply is replaced
   * @param fallbackReply said when every attempt was defective
   * @param timeoutReply said when the deadline passed before any usable text
   * @param unknownReply said when nothing known answers, for a persona that has no words of its own for it
   */
  public record Settings(GenerationOptions defaults, int attempts, String fallbackReply, String timeoutReply,
      String unknownReply) {
    public static Settings standard() {
      return new Settings(GenerationOptions.defaults(), 3, "嗯……这个我一时不知道怎么说，你能换个说法吗？", "抱歉，我想得太久了，请再说一遍好吗？",
          "这个我不太清楚，不敢乱说。");
    }
  }

  private final HistorySelector historySelector;
  private final KnowledgeInjector knowledgeInjector;
  private final BackgroundComposer backgroundComposer;
  private final ConditionComposer conditionComposer;
  private final LanguageModel model;
  private final ReplyGenerator direct;
  private final PostProcessor postProcessor;
  private final FaithfulnessGuard guard;
  private final Answerer answerer;
  private final ResponseBankReplies bank;
  private final GlmPromptRenderer renderer;
  private final Settings settings;
  private final GuardedGeneration guarded;
  private final StepObserver observer;
  /** Computes the utterance's vector ahead of the steps that need it; a full queue just skips that (they compute it). */
  private final ThreadPoolExecutor ahead = DaemonPool.of("xdai-turn-ahead", Runtime.getRuntime().availableProcessors(), 64);

  /** @param inverse the inverse-prompting generator, or null when not available */
  public TurnPipeline(HistorySelector historySelector, KnowledgeInjector knowledgeInjector, BackgroundComposer backgroundComposer,
      ConditionComposer conditionComposer, LanguageModel model, ReplyGenerator inverse, PostProcessor postProcessor,
      FaithfulnessGuard guard, Answerer answerer, ResponseBankReplies bank, Settings settings) {
    this(historySelector, knowledgeInjector, backgroundComposer, conditionComposer, model, inverse, postProcessor, guard, answerer,
        bank, settings, StepObserver.NONE);
  }

  /** @param observer told of each step as it ends (tracing) */
  public TurnPipeline(HistorySelector historySelector, KnowledgeInjector knowledgeInjector, BackgroundComposer backgroundComposer,
      ConditionComposer conditionComposer, LanguageModel model, ReplyGenerator inverse, PostProcessor postProcessor,
      FaithfulnessGuard guard, Answerer answerer, ResponseBankReplies bank, Settings settings, StepObserver observer) {
    this.historySelector = historySelector;
    this.knowledgeInjector = knowledgeInjector;
    this.backgroundComposer = backgroundComposer;
    this.conditionComposer = conditionComposer;
    this.model = model;
    this.direct = ReplyGenerator.direct(model);
    this.postProcessor = postProcessor;
    this.guard = guard;
    this.answerer = answerer;
    this.bank = bank;
    this.renderer = new GlmPromptRenderer(model.info().tokenCounter());
    this.settings = settings;
    this.guarded = new GuardedGeneration(direct, inverse, postProcessor, guard, settings);
    this.observer = observer;
  }

  public TurnResult run(TurnRequest req, TurnListener listener) {
    StepClock clock = new StepClock(observer);
    long start = System.nanoTime();
    Switches sw = req.switches();
    Persona persona = req.persona();
    Set<String> packs = Set.copyOf(persona.packs());

    long t = System.nanoTime();
    // The utterance's vector (history selection, retrieval and the post-response all need it) is computed on another
    // core while the words are searched and the entities linked; whoever needs it first waits for it.
    if (req.embeddings() != null) req.embeddings().prefetch(req.text(), ahead);
    List<KnowledgeItem> queryKnowledge = req.givenKnowledge() == null && sw.knowledgeInjection()
        ? knowledgeInjector.forQuery(req.history(), req.text(), packs)
        : List.of();
    t = clock.lap("knowledge", t);

    List<ContextEntry> history = sw.historySelection()
        ? historySelector.select(req.history(), req.text(), req.embeddings(), sw.historyOrder())
        : historySelector.recent(req.history());
    t = clock.lap("history", t);

    KnowledgeInjector.Injection injection;
    if (req.givenKnowledge() != null) injection = KnowledgeInjector.given(history, req.givenKnowledge());
    else if (sw.knowledgeInjection()) injection = knowledgeInjector.withHistory(history, queryKnowledge, packs);
    else injection = KnowledgeInjector.given(history, List.of());
    t = clock.lap("knowledge", t);

    BackgroundComposer.Background background = backgroundComposer.compose(persona, history, req.text(), sw.persona(),
        sw.background() && req.givenKnowledge() == null);
    t = clock.lap("background", t);

    ConditionComposer.Condition condition = sw.persona()
        ? conditionComposer.compose(persona, req.emotion(), req.text(), req.embeddings(), req.variant())
        : ConditionComposer.Condition.none(req.emotion());
    t = clock.lap("condition", t);

    GenerationOptions options = options(req);
    PromptSpec spec = new PromptSpec(background.pieces(), injection.history(), injection.query(), req.text(), condition.postResponse());
    int budget = Math.min(model.info().contextLength() - options.maxNewTokens() - 2, model.info().maxPromptTokens());
    RenderedPrompt prompt = renderer.render(spec, budget);
    t = clock.lap("render", t);

    List<String> notes = new ArrayList<>();
    List<String> grounds = grounds(prompt);
    List<String> recent = recentUtterances(req.history());
    List<KnowledgeItem> earlier = prompt.kept().history().stream().flatMap(e -> e.knowledge().stream()).toList();
    Answerer.Decision decision = answerer.decide(prompt.kept().queryKnowledge(), req.givenKnowledge() != null, req.text(), recent,
        earlier);
    Answering answering = sw.answering() != null ? sw.answering() : persona.answering();
    List<AnswerFrames.Quote> quotes = answering == Answering.FREE ? List.of() : answerer.quotes(decision);
    t = clock.lap("answer", t);

    Reply r;
    if (!quotes.isEmpty()) {
      r = quote(prompt, req, options, quotes, grounds, persona, listener, clock);
    } else if (answering == Answering.QUOTE && sw.knowledgeInjection() && AnswerFeatures.isQuestion(req.text())) {
      notes.add("no knowledge answers the question confidently (best " + GroundingAssembly.round(decision.topConfidence()) + "): unknown reply");
      r = Reply.say(guarded.unknownReply(persona), ReplyMode.UNKNOWN, null, listener, false);
    } else if (bank != null && sw.responseBank()) {
      r = chat(prompt, req, options, grounds, persona, sw, notes, listener, clock);
    } else {
      r = guarded.generate(prompt, req, options, grounds, persona, sw, notes, listener, clock);
    }

    Grounding grounding = GroundingAssembly.of(prompt, persona.id(), condition.emotion(), model.info().name(), r, quotes, decision,
        notes, clock.finish(start));
    Generation generation = r.generation() != null ? r.generation() : new Generation("", 0, Generation.FinishReason.END, 0, 0);
    return new TurnResult(r.text(), grounding, prompt, generation, decision);
  }

  /**
   * Chit-chat with the response bank: the model's reply (generated as {@link #generate} does, not streamed) and the
   * bank's replies for the utterance are ranked by the model over the prompt, and the best is said. A bank reply must
   * ground its numbers like any other.
   */
  private Reply chat(RenderedPrompt prompt, TurnRequest req, GenerationOptions options, List<String> grounds, Persona persona,
      Switches sw, List<String> notes, TurnListener listener, StepClock clock) {
    Reply own = guarded.generate(prompt, req, options, grounds, persona, sw, notes, TurnListener.NONE, clock);
    long b = System.nanoTime();
    ResponseBankReplies.Choice choice = bank.choose(prompt.text(), req.text(), own.mode() == ReplyMode.GENERATED ? own.text() : null,
        text -> postProcessor.defect(text) == null && (!sw.faithfulnessGuard() || guard.unsupportedNumbers(text, grounds).isEmpty()));
    clock.lap("rerank", b);
    Reply r = choice.hit() == null ? own
        : new Reply(choice.reply(), ReplyMode.BANK, own.generation(), List.of(),
            new Grounding.BankOrigin(choice.hit().bank(), choice.hit().id(), choice.hit().source()));
    listener.onToken(r.text());
    return r;
  }

  /**
   * Quotes the confident knowledge: the model fills the blank once without streaming, then the frames and its own reply
   * (when it says every span and grounds its numbers) are scored as the blank's fill and the likeliest is said. A frame
   * is then given to the model as the begun fill, and what the model adds after it (a remark, a question back) is kept
   * when it is clean and grounds its numbers.
   */
  private Reply quote(RenderedPrompt prompt, TurnRequest req, GenerationOptions options, List<AnswerFrames.Quote> quotes,
      List<String> grounds, Persona persona, TurnListener listener, StepClock clock) {
    long g = System.nanoTime();
    Generation own = direct.generate(prompt, req.text(), options, TurnListener.NONE);
    String cleaned = postProcessor.clean(own.text(), persona.displayName());
    boolean usable = postProcessor.defect(cleaned) == null && guard.unsupportedNumbers(cleaned, grounds).isEmpty();
    long s = clock.lap("generate", g);
    Answerer.Quoted chosen = answerer.word(quotes, usable ? cleaned : null, model.scorer().orElse(null), prompt.text());
    clock.lap("score", s);
    String reply = chosen.reply();
    if (!chosen.modelWorded() && answerer.settings().tailTokens() > 0) {
      long c = System.nanoTime();
      reply = reply + tail(prompt, reply, quotes, options.withMaxNewTokens(answerer.settings().tailTokens()), grounds, persona);
      clock.lap("generate", c);
    }
    listener.onToken(reply);
    return new Reply(reply, ReplyMode.QUOTED, own, List.of());
  }

  /**
   * What the model says after {@code frame} as the begun fill, as whole sentences that fit the reply; empty when it adds
   * nothing usable (a defect, an ungrounded number, the quote said again, no finished sentence), the backend cannot
   * continue a begun fill, or it fails now (the quote is the answer; the addition is not worth losing it for).
   */
  private String tail(RenderedPrompt prompt, String frame, List<AnswerFrames.Quote> quotes, GenerationOptions options,
      List<String> grounds, Persona persona) {
    Continuer continuer = model.continuer().orElse(null);
    if (continuer == null) return "";
    try {
      String added = postProcessor.clean(continuer.infillAfter(prompt, frame, options, TurnListener.NONE).text(), persona.displayName());
      if (added.isBlank() || postProcessor.defect(frame + added) != null) return "";
      for (AnswerFrames.Quote q : quotes) if (Answerer.saysEvery(added, List.of(q))) return "";
      if (!guard.unsupportedNumbers(added, grounds).isEmpty()) return "";
      return AnswerFrames.sentences(added, answerer.settings().maxReplyChars() - frame.codePointCount(0, frame.length()));
    } catch (ModelUnavailableException e) {
      return "";
    }
  }

  private static List<String> recentUtterances(List<Exchange> history) {
    List<String> out = new ArrayList<>();
    for (int i = Math.max(0, history.size() - RECENT_EXCHANGES); i < history.size(); i++) {
      Exchange e = history.get(i);
      if (!e.user().isBlank()) out.add(e.user());
      if (!e.bot().isBlank()) out.add(e.bot());
    }
    return out;
  }

  private static final int RECENT_EXCHANGES = 3;


  private GenerationOptions options(TurnRequest req) {
    return req.options() != null ? req.options() : decoding(req.persona(), req.variant());
  }

  /**
   * How the service decodes for {@code persona} when a request brings no options: the configured defaults under the
   * persona's overrides, seeded with the turn's {@code variant}.
   */
  public GenerationOptions decoding(Persona persona, int variant) {
    GenerationOptions d = settings.defaults();
    GenerationOverrides o = persona.generation();
    return new GenerationOptions(
        o.maxNewTokens() != null ? o.maxNewTokens() : d.maxNewTokens(),
        o.temperature() != null ? o.temperature() : d.temperature(),
        o.topK() != null ? o.topK() : d.topK(),
        o.topP() != null ? o.topP() : d.topP(),
        o.repetitionPenalty() != null ? o.repetitionPenalty() : d.repetitionPenalty(),
        d.noRepeatNgram(), d.stop(), d.deadline(), d.seed() + variant, d.copyBias());
  }

  // A retry must be able to differ: greedy decoding would repeat itself, so retries sample.
  private static List<String> grounds(RenderedPrompt prompt) {
    List<String> g = new ArrayList<>();
    g.add(prompt.text());
    return g;
  }

  /**
   * Work for the next turn of a session, done between turns once the finished exchange's vector is on its way: with
   * knowledge injection on, that exchange's knowledge (the next prompt shows it in the history).
   */
  public void prepare(Exchange finished, Persona persona, Switches switches) {
    if (switches.knowledgeInjection()) knowledgeInjector.prepare(finished, Set.copyOf(persona.packs()));
  }

  /** The deadline the pipeline applies to one generation. */
  public Duration deadline() {
    return settings.defaults().deadline();
  }

  /** The model this pipeline generates with. */
  public LanguageModel model() {
    return model;
  }

}
