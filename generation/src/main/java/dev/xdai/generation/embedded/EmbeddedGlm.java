package dev.xdai.generation.embedded;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.xdai.generation.Continuer;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.generation.Scorer;
import dev.xdai.generation.TokenListener;
import dev.xdai.generation.decode.CopyBias;
import dev.xdai.generation.decode.DecodeSession;
import dev.xdai.generation.decode.Decoder;
import dev.xdai.generation.decode.Logits;
import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PromptText;
import dev.xdai.prompting.RenderedPrompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded GLM ({@value #DEFAULT_DIR}), run in-process by DJL on ONNX Runtime. Loads the model directory once;
 * each request gets its own session and key/value cache, at most {@code permits} at a time (a request that finds none
 * free within the queue timeout is refused as "model busy"). A prompt plus its fill stays within the model's
 * positions: a prompt that leaves no room is rejected, a fill that reaches the end stops with {@code LENGTH}.
 * Thread-safe.
 */
public final class EmbeddedGlm implements LanguageModel, Scorer, Continuer {

  /** The model the service runs unless configured otherwise, relative to the project root: the int8 build. */
  public static final String DEFAULT_DIR = "models/xdai-glm-small-int8";
  /** The float model the int8 build is made from, relative to the project root; the runtime's parity reference. */
  public static final String REFERENCE_DIR = "models/xdai-glm-small";

  private static final String ENGINE = "OnnxRuntime";
  // Two characters: one alone is too often a common character ("的", "是") that occurs in every text.
  private static final int COPY_MIN_MATCH = 2;

  private final EmbeddedGlmConfig settings;
  private final GlmConfig config;
  private final GlmTokenizer tokenizer;
  private final Model model;
  private final GlmStepTranslator translator;
  private final Semaphore permits;
  private final Decoder decoder = new Decoder();
  private final ModelInfo info;
  private volatile boolean closed;

  private EmbeddedGlm(EmbeddedGlmConfig settings, GlmConfig config, GlmTokenizer tokenizer, Model model) {
    this.settings = settings;
    this.config = config;
    this.tokenizer = tokenizer;
    this.model = model;
    this.translator = new GlmStepTranslator(config);
    this.permits = new Semaphore(settings.permits(), true);
    this.info = new ModelInfo(config.name(), config.maxPositions(), tokenizer::count, config.promptLimit());
  }

  /**
   * Loads the model directory ({@code model.onnx}, {@code tokenizer.json}, {@code config.json}).
   *
   * @throws ModelUnavailableException naming the missing or unreadable file
   */
  public static EmbeddedGlm load(EmbeddedGlmConfig settings) {
    Path dir = settings.modelDir();
    for (String f : List.of("model.onnx", "tokenizer.json", "config.json")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new ModelUnavailableException("embedded model not found: " + dir.resolve(f) + " is missing");
      }
    }
    // Everything is on the class path; DJL must never reach out for engines or libraries at run time.
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    GlmConfig config;
    try {
      config = GlmConfig.read(dir.resolve("config.json"));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelUnavailableException("embedded model's config.json is unreadable: " + e.getMessage(), e);
    }
    GlmTokenizer tokenizer;
    try {
      tokenizer = GlmTokenizer.load(dir.resolve("tokenizer.json"), config);
    } catch (IOException | RuntimeException e) {
      throw new ModelUnavailableException("embedded model's tokenizer.json is unreadable: " + e.getMessage(), e);
    }
    Model model = null;
    try {
      model = Model.newInstance(config.name(), Device.cpu(), ENGINE);
      model.load(dir, "model", Map.of("sessionOptions", sessionOptions(settings)));
      checkGraph(model, config);
      return new EmbeddedGlm(settings, config, tokenizer, model);
    } catch (IOException | MalformedModelException | EngineException | IllegalArgumentException | OrtException e) {
      if (model != null) model.close();
      tokenizer.close();
      throw new ModelUnavailableException("embedded model's model.onnx could not be loaded: " + e.getMessage(), e);
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      // DJL's engine fails for good when something created an OrtEnvironment before it (plain ONNX Runtime use).
      tokenizer.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ModelUnavailableException("the ONNX Runtime engine could not start (" + cause.getMessage() + "); "
          + "load the embedded model before any component that uses ONNX Runtime directly", e);
    }
  }

  // DJL's string options cannot turn spinning off, so the session options are built here and handed over whole.
  private static OrtSession.SessionOptions sessionOptions(EmbeddedGlmConfig settings) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    if (settings.intraOpThreads() > 0) options.setIntraOpNumThreads(settings.intraOpThreads());
    if (settings.interOpThreads() > 0) options.setInterOpNumThreads(settings.interOpThreads());
    String spin = settings.spinning() ? "1" : "0";
    options.addConfigEntry("session.intra_op.allow_spinning", spin);
    options.addConfigEntry("session.inter_op.allow_spinning", spin);
    return options;
  }

  private static void checkGraph(Model model, GlmConfig config) {
    List<String> inputs = new ArrayList<>(model.describeInput().keys());
    List<String> expected = new ArrayList<>(List.of("input_ids", "position_ids", "context_length"));
    for (int l = 0; l < config.numLayers(); l++) {
      expected.add("past_key_" + l);
      expected.add("past_value_" + l);
    }
    if (!inputs.containsAll(expected) || inputs.size() != expected.size()) {
      throw new IllegalArgumentException("model.onnx inputs " + inputs + " do not match config.json's "
          + config.numLayers() + " layers (expected " + expected + ")");
    }
  }

  @Override
  public ModelInfo info() { return info; }

  /** The model's shape and special tokens. */
  public GlmConfig config() { return config; }

  public GlmTokenizer tokenizer() { return tokenizer; }

  @Override
  public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
    long start = System.nanoTime();
    acquire();
    try (GlmSession session = open(prompt.text(), false)) {
      return decoder.decode(session, tokenizer.vocabulary(), options, copyBias(prompt, options.copyBias()), listener,
          start);
    } finally {
      permits.release();
    }
  }

  /** The embedded model always takes a begun fill. */
  @Override
  public java.util.Optional<Continuer> continuer() {
    return java.util.Optional.of(this);
  }

  @Override
  public Generation infillAfter(RenderedPrompt prompt, String begun, GenerationOptions options, TokenListener listener) {
    long start = System.nanoTime();
    int[] fixed = tokenizer.encode(PromptText.neutralise(begun));
    acquire();
    try (GlmSession session = open(prompt.text(), false)) {
      DecodeSession after = new DecodeSession() {
        @Override public float[] start() {
          float[] logits = session.start();
          for (int t : fixed) logits = session.next(t);
          return logits;
        }
        @Override public float[] next(int token) { return session.next(token); }
        @Override public int remaining() { return session.remaining(); }
        @Override public void close() {}
      };
      return decoder.decode(after, tokenizer.vocabulary(), options, copyBias(prompt, options.copyBias()), listener, start);
    } finally {
      permits.release();
    }
  }

  /**
   * The quote-keeping bias over what this turn's reply may quote: the current utterance's knowledge and the background's
   * descriptions. History knowledge grounded earlier replies, and the persona's self-description is a voice to speak
   * in, not facts to quote: both are left out.
   */
  CopyBias copyBias(RenderedPrompt prompt, double bias) {
    if (bias <= 0) return CopyBias.NONE;
    Stream<String> texts = Stream.concat(prompt.kept().queryKnowledge().stream().map(KnowledgeItem::text),
        prompt.kept().background().stream().filter(b -> !b.knowledgeId().isEmpty()).map(BackgroundPiece::text));
    List<int[]> sources = texts.map(t -> tokenizer.encode(PromptText.neutralise(t))).toList();
    return new CopyBias(sources, (float) bias, COPY_MIN_MATCH);
  }

  /** The embedded model always gives its likelihoods. */
  @Override
  public java.util.Optional<Scorer> scorer() {
    return java.util.Optional.of(this);
  }

  /**
   * Scores each continuation on one prompt pass: the prompt and {@code [sop]} are run once, then every continuation
   * is fed at once on that cache. {@code [eop]} is not scored.
   */
  @Override
  public List<Score> score(String promptText, List<String> continuations) {
    if (continuations.isEmpty()) return List.of();
    acquire();
    try (GlmSession session = open(promptText, true)) {
      float[] first = session.start();
      List<Score> scores = new ArrayList<>(continuations.size());
      for (String c : continuations) {
        int[] tokens = tokenizer.encode(c);
        int chars = c.codePointCount(0, c.length());
        if (tokens.length == 0) {
          scores.add(new Score(0, 0, chars));
          continue;
        }
        if (tokens.length > session.remaining() + 1) {
          throw new IllegalArgumentException("continuation of " + tokens.length + " tokens does not fit after a prompt of "
              + (config.maxPositions() - session.remaining() - 1) + " in the model's " + config.maxPositions() + " positions");
        }
        double sum = Logits.logProb(first, tokens[0]);
        if (tokens.length > 1) {
          float[][] rows = session.continuationLogits(Arrays.copyOf(tokens, tokens.length - 1));
          for (int i = 1; i < tokens.length; i++) sum += Logits.logProb(rows[i - 1], tokens[i]);
        }
        scores.add(new Score(sum, tokens.length, chars));
      }
      return scores;
    } finally {
      permits.release();
    }
  }

  /** A session over {@code promptText}, checked for exactly one blank and for room to fill it. */
  GlmSession open(String promptText, boolean retainPromptCache) {
    int[] ids = tokenizer.encode(promptText);
    int blank = -1;
    for (int i = 0; i < ids.length; i++) {
      if (!config.isBlank(ids[i])) continue;
      if (blank >= 0) throw new IllegalArgumentException("prompt has more than one blank ([MASK], [sMASK] or [gMASK])");
      blank = i;
    }
    if (blank < 0) throw new IllegalArgumentException("prompt has no blank ([MASK], [sMASK] or [gMASK]) to fill");
    // Part A, [sop], and at least one generated token must fit.
    if (ids.length + 2 > config.maxPositions()) {
      throw new IllegalArgumentException("prompt has " + ids.length + " tokens; the model's context is "
          + config.maxPositions() + " tokens including the fill: render the prompt with a smaller budget");
    }
    return new GlmSession(newPredictor(), newManager(), config, ids, blank, retainPromptCache);
  }

  /** A predictor for raw steps; not thread-safe, one per session. */
  Predictor<GlmStep, GlmStepOutput> newPredictor() { return model.newPredictor(translator); }

  /** A manager to own one session's cache. */
  NDManager newManager() { return model.getNDManager().newSubManager(); }

  private void acquire() {
    if (closed) throw new ModelUnavailableException("embedded model is closed");
    try {
      if (!permits.tryAcquire(settings.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        throw new ModelUnavailableException("model busy: all " + settings.permits() + " slots in use for "
            + settings.queueTimeout().toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException("interrupted while waiting for the model", e);
    }
  }

  /** Frees the model; requests in flight finish first (it takes every slot). */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    permits.acquireUninterruptibly(settings.permits());
    try {
      model.close();
      tokenizer.close();
    } finally {
      permits.release(settings.permits());
    }
  }
}
