package dev.xdai.dialogue;

import dev.xdai.prompting.Exchange;
import java.util.List;

/**
 * What answering the next turn of a session needs: the bot, the session emotion and the exchanges so far (oldest
 * first), without the stored groundings, which grow with every turn and are not read by the pipeline.
 */
public record Conversation(String sessionId, String bot, String emotion, String owner, List<Exchange> exchanges) {
  public Conversation {
    emotion = emotion == null ? "" : emotion;
    owner = owner == null ? "" : owner;
    exchanges = List.copyOf(exchanges);
  }

  /** This conversation with one more exchange at its end. */
  public Conversation with(Exchange next) {
    List<Exchange> more = new java.util.ArrayList<>(exchanges);
    more.add(next);
    return new Conversation(sessionId, bot, emotion, owner, more);
  }

  /** The conversation part of a full session. */
  public static Conversation of(Session s) {
    return new Conversation(s.id(), s.bot(), s.emotion(), s.owner(), s.exchanges());
  }
}
