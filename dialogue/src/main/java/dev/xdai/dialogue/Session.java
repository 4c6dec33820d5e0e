package dev.xdai.dialogue;

import dev.xdai.prompting.Exchange;
import java.time.Instant;
import java.util.List;

/** A conversation with one bot: its id, the persona it talks to, an optional session emotion, and its turns. */
public record Session(String id, String bot, String emotion, Instant createdAt, List<TurnRecord> turns) {
  public Session {
    emotion = emotion == null ? "" : emotion;
    turns = List.copyOf(turns);
  }

  /** The turns as exchanges for history selection, oldest first. */
  public List<Exchange> exchanges() {
    return turns.stream().map(t -> new Exchange(t.index(), t.user(), t.reply())).toList();
  }
}
