package dev.xdai.generation.embedded;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import dev.xdai.generation.decode.DecodeSession;

/**
 * One blank-infilling pass over one prompt on the embedded model, in the GLM layout: part A (the prompt, with its
 * blank) and {@code [sop]} in the first call, then one token per call, each part B token at the blank's position with
 * block positions 1, 2, 3, ... The cache lives in this session's own manager and is freed step by step and on close.
 * Not thread-safe: one per request.
 */
final class GlmSession implements DecodeSession {

  private final Predictor<GlmStep, GlmStepOutput> predictor;
  private final NDManager manager;
  private final GlmConfig config;
  private final int[] prompt;
  private final int blank;
  private final boolean retainPromptCache;
  private KvCache cache = KvCache.empty();
  private KvCache promptCache;
  private int fillLength; // part B tokens fed so far, [sop] included

  /**
   * @param prompt part A's token ids, with exactly one blank token (checked by the caller)
   * @param blank the blank's index in {@code prompt}
   * @param retainPromptCache keep the prompt's cache for {@link #continuationLogits} after decoding steps (scoring);
   *     generation frees it at the first step
   */
  GlmSession(Predictor<GlmStep, GlmStepOutput> predictor, NDManager manager, GlmConfig config, int[] prompt, int blank,
      boolean retainPromptCache) {
    this.retainPromptCache = retainPromptCache;
    this.predictor = predictor;
    this.manager = manager;
    this.config = config;
    this.prompt = prompt;
    this.blank = blank;
  }

  @Override
  public float[] start() {
    int n = prompt.length;
    long[] ids = new long[n + 1];
    long[] pos = new long[n + 1];
    long[] block = new long[n + 1];
    for (int i = 0; i < n; i++) {
      ids[i] = prompt[i];
      pos[i] = i;
    }
    ids[n] = config.sop();
    pos[n] = blank;
    block[n] = 1;
    GlmStepOutput out = run(new GlmStep(ids, pos, block, n, KvCache.empty(), false, manager));
    cache = out.present();
    promptCache = cache;
    fillLength = 1;
    return out.lastRow();
  }

  @Override
  public float[] next(int token) {
    GlmStepOutput out = run(new GlmStep(new long[] {token}, new long[] {blank}, new long[] {fillLength + 1},
        prompt.length, cache, false, manager));
    if (cache != promptCache) {
      cache.close();
    } else if (!retainPromptCache) {
      cache.close();
      promptCache = null;
    }
    cache = out.present();
    fillLength++;
    return out.lastRow();
  }

  /**
   * Feeds {@code tokens} at once after the prompt and {@code [sop]}, leaving this session's state as it was; row i of
   * the result predicts the token after {@code tokens[i]}. Used to score continuations on the prompt's cache.
   */
  float[][] continuationLogits(int[] tokens) {
    if (promptCache == null) throw new IllegalStateException("no prompt cache: start() first, and retain it");
    int q = tokens.length;
    long[] ids = new long[q];
    long[] pos = new long[q];
    long[] block = new long[q];
    for (int i = 0; i < q; i++) {
      ids[i] = tokens[i];
      pos[i] = blank;
      block[i] = 2 + i;
    }
    GlmStepOutput out = run(new GlmStep(ids, pos, block, prompt.length, promptCache, true, manager));
    out.present().close();
    return out.logits();
  }

  /** Tokens the context can still take: part A and part B together stay within the model's positions. */
  @Override
  public int remaining() { return config.maxPositions() - prompt.length - fillLength; }

  private GlmStepOutput run(GlmStep step) {
    try {
      return predictor.predict(step);
    } catch (TranslateException e) {
      throw new IllegalStateException("the model failed on a step: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    cache.close();
    if (promptCache != null && promptCache != cache) promptCache.close();
    predictor.close();
    manager.close();
  }
}
