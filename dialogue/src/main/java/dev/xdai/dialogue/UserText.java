package dev.xdai.dialogue;

/**
 * What the service accepts as a user's words: C0 and C1 control characters other than newline and tab are removed
 * (they are never meant, and a terminal or a log would act on them); a lone surrogate is refused, since it is not text.
 */
public final class UserText {

  private UserText() {}

  /**
   * The text cleaned of control characters.
   *
   * @throws DialogueException of kind {@code INVALID} naming {@code field} when the text holds a lone surrogate
   */
  public static String clean(String field, String text) {
    if (text == null) return null;
    StringBuilder b = null; // only allocated once something is dropped
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (b != null) b.append(c).append(text.charAt(i + 1));
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new DialogueException(DialogueException.Kind.INVALID,
            field + " holds a lone surrogate (\\u" + Integer.toHexString(c) + ") at UTF-16 index " + i + ": it is not text");
      }
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
      if (control && b == null) b = new StringBuilder(text.length()).append(text, 0, i);
      else if (!control && b != null) b.append(c);
    }
    return b == null ? text : b.toString();
  }
}
