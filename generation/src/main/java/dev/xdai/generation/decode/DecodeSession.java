package dev.xdai.generation.decode;

/**
 * One blank-infilling pass of a model over one prompt, as the decoding loop sees it: logits for the next token of the
 * fill, one step at a time. Implementations keep their own key/value cache; not thread-safe, one per request.
 */
public interface DecodeSession extends AutoCloseable {

  /** Feeds the prompt (part A) and {@code [sop]}; returns the logits predicting the fill's first token. */
  float[] start();

  /** Feeds one token of the fill; returns the logits predicting the next one. */
  float[] next(int token);

  /** How many more tokens the context can take after those fed so far. */
  int remaining();

  @Override
  void close();
}
