package dev.xdai.evaluation.kdconv;

import java.util.Objects;

/** One knowledge triple as KdConv writes it: {@code name}, {@code attrname}, {@code attrvalue}. */
public record Triple(String entity, String attribute, String value) {

  /** The attribute KdConv uses for a description (a paragraph about the entity) rather than a fact. */
  public static final String INFORMATION = "Information";

  public Triple {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
  }

  public boolean isDescription() { return INFORMATION.equals(attribute); }

  /** The entity name cut at the first full-width parenthesis: {@code 恋恋笔记本（美国…）} becomes {@code 恋恋笔记本}. */
  public String shortEntity() {
    int cut = entity.indexOf('（');
    return cut < 0 ? entity : entity.substring(0, cut);
  }
}
