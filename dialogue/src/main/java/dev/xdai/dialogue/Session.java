package dev.xdai.dialogue;

import dev.xdai.prompting.Exchange;
import java.time.Instant;
import java.util.List;

/**
 * A conversation with one bot: its id, the persona it talks to, an optional session emotion, the API key that created
 * it ({@code owner}, empty when access control was off), and its turns.
 */
public record Session(String id, String bot, String emotion, String owner, Instant createdAt, List<TurnRecord> turns) {
  public Session {
    emotion = emotion == null ? "" : emotion;
    owner = owner == null ? "" : owner;
    turns = List.copyOf(turns);
  }

  /** The turns as exchanges for history selection, oldest first. */
  public List<Exchange> exchanges() {
    return turns.stream().map(t -> new Exchange(t.index(), t.user(), t.reply())).toList();
  }
}
