package dev.xdai.prompting;

/**
 * One segment of a rendered prompt and what it is: the prompt's text is its parts' texts joined by
 * {@link PromptText#SEPARATOR}. For showing a prompt with its parts told apart (the web console colours them).
 */
public record PromptPart(Kind kind, String text) {

  /** What a segment is, in the method's terms. */
  public enum Kind {
    /** The persona's self-description or a topic description, in front of the dialogue. */
    BACKGROUND,
    /** A QA pair placed before the utterance it grounds. */
    KNOWLEDGE,
    /** An utterance of a selected earlier exchange. */
    HISTORY,
    /** The current user utterance. */
    UTTERANCE,
    /** The bot's turn the model fills ({@code B:[MASK]} or {@code B:[gMASK]}). */
    BLANK,
    /** A line after the blank that presupposes the persona's character or the emotion. */
    POST_RESPONSE
  }

  public PromptPart {
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(text, "text");
  }
}
