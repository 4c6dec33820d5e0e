package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import java.util.List;
import java.util.Locale;

/**
 * A reply as the turn decided it: its text and mode, the generation behind it (null when none), ungrounded numbers
 * kept, and the bank entry it came from (null unless a bank reply).
 */
record Reply(String text, ReplyMode mode, Generation generation, List<String> unsupported, Grounding.BankOrigin bank) {

  Reply(String text, ReplyMode mode, Generation generation, List<String> unsupported) {
    this(text, mode, generation, unsupported, null);
  }

  /** A fixed reply, streamed in place of whatever was streamed before when {@code restart}. */
  static Reply say(String text, ReplyMode mode, Generation generation, TurnListener listener, boolean restart) {
    if (restart) listener.onRestart(mode.name().toLowerCase(Locale.ROOT) + " reply");
    listener.onToken(text);
    return new Reply(text, mode, generation, List.of());
  }
}
