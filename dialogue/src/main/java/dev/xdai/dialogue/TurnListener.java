package dev.xdai.dialogue;

import dev.xdai.generation.TokenListener;

/** Follows a turn as it is generated: text pieces, and a restart when a defective attempt is regenerated. */
public interface TurnListener extends TokenListener {

  /** The pieces streamed so far are void; a new attempt follows. */
  default void onRestart(String reason) {}

  TurnListener NONE = piece -> {};

  static TurnListener of(TokenListener tokens) {
    return tokens::onToken;
  }
}
