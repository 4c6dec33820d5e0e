package dev.xdai.prompting;

/** Counts the tokens a text costs in a model's context; given by the model so prompt budgets match it. */
@FunctionalInterface
public interface TokenCounter {
  int count(String text);

  /** One token per Unicode code point: exact for character-level vocabularies. */
  TokenCounter CODE_POINTS = text -> text.codePointCount(0, text.length());
}
