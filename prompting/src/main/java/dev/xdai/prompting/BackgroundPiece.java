package dev.xdai.prompting;

/**
 * One piece of the prompt's prefix: the persona's self-description or a description-formatted knowledge item.
 * {@code knowledgeId} is empty for persona text.
 */
public record BackgroundPiece(String text, String knowledgeId) {
  public BackgroundPiece {
    text = text == null ? "" : text;
    knowledgeId = knowledgeId == null ? "" : knowledgeId;
  }

  public static BackgroundPiece persona(String text) { return new BackgroundPiece(text, ""); }

  public static BackgroundPiece of(KnowledgeItem description) {
    String label = description.title().isBlank() ? "" : description.title() + "：";
    return new BackgroundPiece(label + description.text(), description.id());
  }
}
