package dev.xdai.prompting;

import java.util.regex.Pattern;

/**
 * The one place where text from users, knowledge and personas is made safe for the prompt: separators and control
 * tokens inside it are neutralised so they cannot break the prompt's structure.
 */
public final class PromptText {

  /** Separates segments (turns, QA pairs, background pieces) of a rendered prompt. */
  public static final String SEPARATOR = "|";
  public static final String MASK = "[MASK]";
  public static final String SMASK = "[sMASK]";
  public static final String GMASK = "[gMASK]";
  public static final String SOP = "[sop]";
  public static final String EOP = "[eop]";

  // Any bracketed control-token look-alike, in either bracket width and any case: [MASK], ［gmask］, [sop] ...
  private static final Pattern CONTROL_TOKEN =
      Pattern.compile("[\\[［]\\s*(s?mask|gmask|sop|eop|pad|unk|cls|sep)\\s*[\\]］]", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACE = Pattern.compile("[\\s\\p{Cc}\\p{Cf}]+");

  private PromptText() {}

  /** Returns {@code text} with separators replaced by a full-width look-alike, control tokens defused, whitespace folded. */
  public static String neutralise(String text) {
    if (text == null) return "";
    String s = SPACE.matcher(text).replaceAll(" ").strip();
    s = s.replace(SEPARATOR, "｜");
    return CONTROL_TOKEN.matcher(s).replaceAll(m -> "〔" + m.group(1) + "〕");
  }

  /** A QA pair as it appears in a prompt: {@code Q:<question> A:<answer>}. */
  public static String qa(String question, String answer) {
    return "Q:" + neutralise(question) + " A:" + neutralise(answer);
  }

  /** An utterance with its speaker tag: {@code A:<text>} or {@code B:<text>}. */
  public static String turn(Speaker speaker, String text) {
    return speaker.tag() + neutralise(text);
  }
}
