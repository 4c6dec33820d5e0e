package dev.xdai.prompting;

/** Who said an utterance; rendered as the speaker tags {@code A:} (user) and {@code B:} (bot). */
public enum Speaker {
  USER("A:"), BOT("B:");

  private final String tag;

  Speaker(String tag) { this.tag = tag; }

  public String tag() { return tag; }
}
