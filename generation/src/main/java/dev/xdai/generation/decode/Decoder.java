package dev.xdai.generation.decode;

import dev.xdai.generation.Generation;
import dev.xdai.generation.Generation.FinishReason;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The decoding loop, independent of any model: penalties and the copy bias, then greedy or top-k/top-p sampling with a
 * per-request seeded generator (same seed, same fill), until {@code [eop]}, a stop string, the token limit, the
 * context's end or the deadline. Pieces go to the listener as soon as they are safe from stop strings. Stateless and
 * thread-safe.
 */
public final class Decoder {

  private final LongSupplier nanoClock;

  /** A decoder on the system's monotonic clock. */
  public Decoder() { this(System::nanoTime); }

  /** A decoder on a given clock (tests make time pass without sleeping). */
  public Decoder(LongSupplier nanoClock) { this.nanoClock = nanoClock; }

  /**
   * Decodes one fill.
   *
   * @param startNanos when the request started on this decoder's clock; the deadline and the timings count from it
   */
  public Generation decode(DecodeSession session, Vocabulary vocabulary, GenerationOptions options, TokenListener listener,
      long startNanos) {
    return decode(session, vocabulary, options, CopyBias.NONE, listener, startNanos);
  }

  /**
   * Decodes one fill, with {@code copy} applied after the penalties; the no-repeat n-gram ban lets a quote repeat an
   * n-gram as often as the knowledge does (a quoted time or phone number repeats its own digits).
   *
   * @param startNanos when the request started on this decoder's clock; the deadline and the timings count from it
   */
  public Generation decode(DecodeSession session, Vocabulary vocabulary, GenerationOptions options, CopyBias copy,
      TokenListener listener, long startNanos) {
    // Compared as elapsed time, which stays right when the clock's origin is far from zero.
    long budget = options.deadline() == null ? Long.MAX_VALUE : options.deadline().toNanos();
    TokenSampler sampler = new TokenSampler(options.temperature(), options.topK(), options.topP());
    LogitsPenalties penalties = new LogitsPenalties(options.repetitionPenalty(), options.noRepeatNgram());
    SplittableRandom random = new SplittableRandom(options.seed());
    StopStrings stops = new StopStrings(options.stop());
    List<Integer> generated = new ArrayList<>();
    long firstToken = -1;
    FinishReason reason;

    float[] logits = session.start();
    while (true) {
      if (nanoClock.getAsLong() - startNanos >= budget) { reason = FinishReason.DEADLINE; break; }
      penalties.apply(logits, generated, copy::occurrences);
      copy.apply(logits, generated);
      for (int t = 0; t < logits.length; t++) if (vocabulary.banned(t)) logits[t] = Float.NEGATIVE_INFINITY;
      int token = sampler.pick(logits, random);
      if (firstToken < 0) firstToken = nanoClock.getAsLong() - startNanos;
      if (token == vocabulary.endToken()) { reason = FinishReason.END; break; }
      generated.add(token);
      emit(listener, stops.accept(vocabulary.piece(token)));
      if (stops.stopped()) { reason = FinishReason.STOP; break; }
      // The context's end counts as the token limit: the caller asked for more than fits.
      if (generated.size() >= options.maxNewTokens() || session.remaining() <= 0) { reason = FinishReason.LENGTH; break; }
      logits = session.next(token);
    }
    emit(listener, stops.flush());
    long total = nanoClock.getAsLong() - startNanos;
    return new Generation(stops.text(), generated.size(), reason, firstToken < 0 ? total : firstToken, total);
  }

  private static void emit(TokenListener listener, String piece) {
    if (!piece.isEmpty()) listener.onToken(piece);
  }
}
