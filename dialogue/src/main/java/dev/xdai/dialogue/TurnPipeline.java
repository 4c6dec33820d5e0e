package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.personas.GenerationOverrides;
import dev.xdai.personas.Persona;
import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.Utterance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   */
  public record Settings(GenerationOptions defaults, int maxReplyChars, int attempts, String fallbackReply, String timeoutReply) {
    public static Settings standard() {
      return new Settings(GenerationOptions.defaults(), 60, 3, "嗯……这个我一时不知道怎么说，你能换个说法吗？", "抱歉，我想得太久了，请再说一遍好吗？");
    }
  }

  private final HistorySelector historySelector;
  private final KnowledgeInjector knowledgeInjector;
  private final BackgroundComposer backgroundComposer;
  private final ConditionComposer conditionComposer;
  private final LanguageModel model;
  private final ReplyGenerator direct;
  private final ReplyGenerator inverse;
  private final PostProcessor postProcessor;
  private final FaithfulnessGuard guard;
  private final GlmPromptRenderer renderer;
  private final Settings settings;
  /** Computes the utterance's vector ahead of the steps that need it; a full queue just skips that (they compute it). */
  private final ThreadPoolExecutor ahead = DaemonPool.of("xdai-turn-ahead", Runtime.getRuntime().availableProcessors(), 64);

  /** @param inverse the inverse-prompting generator, or null when not available */
  public TurnPipeline(HistorySelector historySelector, KnowledgeInjector knowledgeInjector, BackgroundComposer backgroundComposer,
      ConditionComposer conditionComposer, LanguageModel model, ReplyGenerator inverse, PostProcessor postProcessor,
      FaithfulnessGuard guard, Settings settings) {
    this.historySelector = historySelector;
    this.knowledgeInjector = knowledgeInjector;
    this.backgroundComposer = backgroundComposer;
    this.conditionComposer = conditionComposer;
    this.model = model;
    this.direct = ReplyGenerator.direct(model);
    this.inverse = inverse;
    this.postProcessor = postProcessor;
    this.guard = guard;
    this.renderer = new GlmPromptRenderer(model.info().tokenCounter());
    this.settings = settings;
  }

  public TurnResult run(TurnRequest req, TurnListener listener) {
    Map<String, Double> timings = new LinkedHashMap<>();
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
    t = lap(timings, "knowledge", t);

    List<ContextEntry> history = sw.historySelection()
        ? historySelector.select(req.history(), req.text(), req.embeddings(), sw.historyOrder())
        : historySelector.recent(req.history());
    t = lap(timings, "history", t);

    KnowledgeInjector.Injection injection;
    if (req.givenKnowledge() != null) injection = KnowledgeInjector.given(history, req.givenKnowledge());
    else if (sw.knowledgeInjection()) injection = knowledgeInjector.withHistory(history, queryKnowledge, packs);
    else injection = KnowledgeInjector.given(history, List.of());
    t = lap(timings, "knowledge", t);

    BackgroundComposer.Background background = backgroundComposer.compose(persona, history, req.text(), sw.persona(),
        sw.background() && req.givenKnowledge() == null);
    t = lap(timings, "background", t);

    ConditionComposer.Condition condition = sw.persona()
        ? conditionComposer.compose(persona, req.emotion(), req.text(), req.embeddings(), req.variant())
        : ConditionComposer.Condition.none(req.emotion());
    t = lap(timings, "condition", t);

    GenerationOptions options = options(req);
    PromptSpec spec = new PromptSpec(background.pieces(), injection.history(), injection.query(), req.text(), condition.postResponse());
    int budget = Math.min(model.info().contextLength() - options.maxNewTokens() - 2, model.info().maxPromptTokens());
    RenderedPrompt prompt = renderer.render(spec, budget);
    t = lap(timings, "render", t);

    List<String> notes = new ArrayList<>();
    List<String> grounds = grounds(prompt);
    ReplyGenerator generator = sw.inversePrompting() && inverse != null ? inverse : direct;
    if (sw.inversePrompting() && inverse == null) notes.add("inverse prompting unavailable: plain prompting used");
    String reply = null;
    Generation generation = null;
    List<String> unsupported = List.of();
    double generateMs = 0, postMs = 0;
    for (int attempt = 0; attempt < Math.max(1, settings.attempts()) && reply == null; attempt++) {
      GenerationOptions attemptOptions = attempt == 0 ? options : retryOptions(options, attempt);
      if (attempt > 0) listener.onRestart(notes.get(notes.size() - 1));
      long g = System.nanoTime();
      generation = generator.generate(prompt, req.text(), attemptOptions, listener);
      generateMs += ms(g);
      long p = System.nanoTime();
      String cleaned = postProcessor.clean(generation.text(), persona.displayName());
      String defect = postProcessor.defect(cleaned);
      unsupported = guard.unsupportedNumbers(cleaned, grounds);
      boolean lastAttempt = attempt + 1 >= Math.max(1, settings.attempts());
      if (defect == null && sw.faithfulnessGuard() && !unsupported.isEmpty() && !lastAttempt) defect = "unsupported numbers " + unsupported;
      if (defect == null) reply = cleaned;
      else if (generation.finishReason() == Generation.FinishReason.DEADLINE) {
        notes.add("deadline passed (" + defect + "): timeout reply");
        reply = settings.timeoutReply();
      } else notes.add("attempt " + (attempt + 1) + " " + defect + ": regenerated");
      postMs += ms(p);
    }
    if (reply == null) {
      notes.add("every attempt was defective: fallback reply");
      reply = settings.fallbackReply();
      unsupported = List.of();
    }
    timings.put("generate", generateMs);
    timings.put("postprocess", postMs);
    timings.put("total", ms(start));

    Grounding grounding = new Grounding(
        prompt.kept().history().stream().map(e -> new Grounding.SelectedExchange(e.exchange().index(), e.exchange().user(), e.exchange().bot(), e.relevance())).toList(),
        injected(prompt.kept()),
        prompt.kept().background().stream().map(b -> new Grounding.Background(b.text(), b.knowledgeId())).toList(),
        persona.id(), condition.emotion(), postResponseText(prompt.kept()), prompt.dropped(), unsupported, notes,
        model.info().name(), generation.finishReason().name(), timings);
    return new TurnResult(reply, grounding, prompt, generation);
  }

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
  private static GenerationOptions retryOptions(GenerationOptions o, int attempt) {
    double temperature = o.greedy() ? 0.9 : o.temperature();
    int topK = o.greedy() ? 40 : o.topK();
    return new GenerationOptions(o.maxNewTokens(), temperature, topK, o.topP(), Math.max(1.2, o.repetitionPenalty()),
        Math.max(3, o.noRepeatNgram()), o.stop(), o.deadline(), o.seed() + 7919L * attempt, o.copyBias());
  }

  private static List<String> grounds(RenderedPrompt prompt) {
    List<String> g = new ArrayList<>();
    g.add(prompt.text());
    return g;
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

  /** Adds the time since {@code since} to {@code step} (a step may run in more than one part). */
  private static long lap(Map<String, Double> timings, String step, long since) {
    long now = System.nanoTime();
    timings.merge(step, (now - since) / 1e6, Double::sum);
    return now;
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
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
