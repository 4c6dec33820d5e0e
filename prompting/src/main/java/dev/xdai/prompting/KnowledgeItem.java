package dev.xdai.prompting;

import java.util.Objects;

/**
 * One piece of knowledge in one of the method's two formats: a QA pair ({@code title} is the question,
 * {@code text} the answer) or a description ({@code title} is the entity label, {@code text} its abstract).
 * {@code fact} names the entity and attribute a triple's QA pair or a description is about, when the item came from
 * the graph's structure (null for a curated FAQ or a passage): a quoted answer says it in a frame.
 */
public record KnowledgeItem(String id, Format format, String title, String text, String source, String pack, double score,
    Fact fact) {

  /** The two knowledge formats of the method. */
  public enum Format { QA, DESCRIPTION }

  /** The entity (its display name) and the attribute a fact states; a description's attribute is empty. */
  public record Fact(String entity, String attribute) {
    public Fact {
      entity = entity == null ? "" : entity;
      attribute = attribute == null ? "" : attribute;
    }

    /** The entity's name without a parenthesised qualifier (消失的爱人（美国2014年…电影） is 消失的爱人). */
    public String shortEntity() {
      int cut = entity.indexOf('（');
      if (cut < 0) cut = entity.indexOf('(');
      return (cut > 0 ? entity.substring(0, cut) : entity).strip();
    }
  }

  public KnowledgeItem(String id, Format format, String title, String text, String source, String pack, double score) {
    this(id, format, title, text, source, pack, score, null);
  }

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
    return new KnowledgeItem(id, format, title, text.substring(0, text.offsetByCodePoints(0, maxChars)), source, pack, score, fact);
  }

  public KnowledgeItem withScore(double newScore) {
    return new KnowledgeItem(id, format, title, text, source, pack, newScore, fact);
  }

  public KnowledgeItem withFact(Fact newFact) {
    return new KnowledgeItem(id, format, title, text, source, pack, score, newFact);
  }
}
