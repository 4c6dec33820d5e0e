package dev.xdai.evaluation.eval;

import java.util.Arrays;
import java.util.Locale;

/** Where a sample's knowledge comes from (docs/evaluation.md, "Modes"). */
public enum EvalMode {
  /** The sample's gold triples, injected as QA pairs right before the current user utterance; no retrieval. */
  ORACLE,
  /** The full pipeline over a knowledge base of every distinct triple of the data files. */
  RETRIEVED,
  /** No knowledge at all: the floor. */
  NONE;

  /** The mode's name on the command line and in results. */
  public String key() { return name().toLowerCase(Locale.ROOT); }

  /** Parses {@code oracle}, {@code retrieved} or {@code none}. */
  public static EvalMode parse(String text) {
    for (EvalMode m : values()) if (m.key().equals(text)) return m;
    throw new IllegalArgumentException("unknown mode '" + text + "': expected one of "
        + Arrays.stream(values()).map(EvalMode::key).toList());
  }
}
