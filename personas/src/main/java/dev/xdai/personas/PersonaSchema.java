package dev.xdai.personas;

import dev.xdai.prompting.Speaker;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the persona and emotion file schema, in one place: version, id pattern, field names for speakers and
 * the text limits. docs/personas.md describes the same rules for content authors; change both together.
 */
public final class PersonaSchema {

  /** The schema version this build reads and writes (the {@code version} field). */
  public static final int VERSION = 1;

  /** Persona, emotion and knowledge-pack ids: lower-case ASCII letters, digits and '-', 1 to 64 characters. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  // Limits count characters (code points), so a Chinese character counts as one.
  public static final int MAX_DISPLAY_NAME = 40;
  public static final int MAX_BACKGROUND = 2000;
  public static final int MAX_STYLE = 500;
  public static final int MAX_GREETING = 300;
  public static final int MAX_LINE = 300;
  public static final int MAX_EMOTION_DESCRIPTION = 200;
  public static final int MAX_POST_RESPONSES = 20;
  public static final int MAX_LINES = 8;
  public static final int MAX_PACKS = 32;
  /** Documents longer than this (in characters) are refused before parsing. */
  public static final int MAX_DOCUMENT_CHARS = 100_000;

  // Generation override ranges: wide enough for any sane setting, narrow enough to catch typos (topP: 95).
  public static final int MAX_NEW_TOKENS = 1024;
  public static final double MAX_TEMPERATURE = 2.0;
  public static final int MAX_TOP_K = 1000;
  public static final double MIN_REPETITION_PENALTY = 0.5;
  public static final double MAX_REPETITION_PENALTY = 2.0;

  private PersonaSchema() {}

  /** True when {@code id} is a valid persona, emotion or pack id. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The word a file uses for a speaker: {@code user} or {@code bot}. */
  public static String speakerName(Speaker speaker) {
    return speaker == Speaker.USER ? "user" : "bot";
  }

  /** The speaker a file's word names, if it is {@code user} or {@code bot}. */
  public static Optional<Speaker> speaker(String name) {
    return switch (name) {
      case "user" -> Optional.of(Speaker.USER);
      case "bot" -> Optional.of(Speaker.BOT);
      default -> Optional.empty();
    };
  }

  static String idRule() {
    return "must match " + ID.pattern() + " (lower-case letters, digits and '-', at most 64 characters)";
  }
}
