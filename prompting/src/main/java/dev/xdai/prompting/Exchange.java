package dev.xdai.prompting;

import java.util.Objects;

/**
 * One earlier exchange of a dialogue: the user's utterance {@code [U_i]} and the bot's reply {@code [S_i]}.
 * {@code index} is the exchange's position in the dialogue (0 = first); {@code bot} may be empty.
 */
public record Exchange(int index, String user, String bot) {
  public Exchange {
    Objects.requireNonNull(user, "user");
    bot = bot == null ? "" : bot;
  }
}
