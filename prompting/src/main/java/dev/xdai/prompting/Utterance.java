package dev.xdai.prompting;

import java.util.Objects;

/** One line of dialogue by one speaker. */
public record Utterance(Speaker speaker, String text) {
  public Utterance {
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(text, "text");
  }

  public static Utterance user(String text) { return new Utterance(Speaker.USER, text); }

  public static Utterance bot(String text) { return new Utterance(Speaker.BOT, text); }
}
