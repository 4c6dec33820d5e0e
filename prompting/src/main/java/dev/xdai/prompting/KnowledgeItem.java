package dev.xdai.prompting;

import java.util.Objects;

/**
 * One piece of knowledge in one of the method's two formats: a QA pair ({@code title} is the question,
 * {@code text} the answer) or a description ({@code title} is the entity label, {@code text} its abstract).
 */
public record KnowledgeItem(String id, Format format, String title, String text, String source, String pack, double score) {

  /** The two knowledge formats of the method. */
  public enum Format { QA, DESCRIPTION }

  public KnowledgeItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    source = source == null ? "" : source;
    pack = pack == null ? "" : pack;
  }

  public static KnowledgeItem qa(String id, String question, String answer, String source, String pack, double score) {
    return new KnowledgeItem(id, Format.QA, question, answer, source, pack, score);
  }

  public static KnowledgeItem description(String id, String label, String text, String source, String pack, double score) {
    return new KnowledgeItem(id, Format.DESCRIPTION, label, text, source, pack, score);
  }

  /**
   * This item with its text cut to {@code maxChars} code points: a prompt has room for several short facts, and the
   * model is trained (and the evaluation's oracle knowledge given) with answers of at most 120 characters.
   */
  public KnowledgeItem cut(int maxChars) {
    if (maxChars < 1) throw new IllegalArgumentException("maxChars must be positive");
    if (text.codePointCount(0, text.length()) <= maxChars) return this;
    return new KnowledgeItem(id, format, title, text.substring(0, text.offsetByCodePoints(0, maxChars)), source, pack, score);
  }

  public KnowledgeItem withScore(double newScore) {
    return new KnowledgeItem(id, format, title, text, source, pack, newScore);
  }
}
