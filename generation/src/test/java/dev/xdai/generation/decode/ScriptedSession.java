package dev.xdai.generation.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A model stand-in: the logits for the next token are a function of the tokens fed so far. */
final class ScriptedSession implements DecodeSession {

  final List<Integer> fed = new ArrayList<>();
  private final Function<List<Integer>, float[]> logits;
  private final int capacity;
  boolean closed;

  ScriptedSession(Function<List<Integer>, float[]> logits, int capacity) {
    this.logits = logits;
    this.capacity = capacity;
  }

  @Override public float[] start() { return logits.apply(List.copyOf(fed)); }

  @Override public float[] next(int token) {
    fed.add(token);
    return logits.apply(List.copyOf(fed));
  }

  @Override public int remaining() { return capacity - fed.size(); }

  @Override public void close() { closed = true; }

  /** Logits that make {@code tokens} the most likely sequence, then {@code end}. */
  static ScriptedSession spelling(int vocab, int end, int... tokens) {
    return new ScriptedSession(fed -> {
      float[] l = new float[vocab];
      l[fed.size() < tokens.length ? tokens[fed.size()] : end] = 5f;
      return l;
    }, 1000);
  }
}
