package dev.xdai.dialogue;

import java.time.Instant;

/**
 * A session as listed, without its turns: its bot, emotion, owner, when it began, how many turns it holds, the first
 * thing the user said (empty before the first turn) and when it last had a turn (its creation before the first).
 */
public record SessionSummary(String id, String bot, String emotion, String owner, Instant createdAt, int turns, String firstUtterance,
    Instant lastActivity) {

  public SessionSummary {
    emotion = emotion == null ? "" : emotion;
    owner = owner == null ? "" : owner;
    firstUtterance = firstUtterance == null ? "" : firstUtterance;
    lastActivity = lastActivity == null ? createdAt : lastActivity;
  }

  /** The summary of a whole session. */
  public static SessionSummary of(Session s) {
    return new SessionSummary(s.id(), s.bot(), s.emotion(), s.owner(), s.createdAt(), s.turns().size(),
        s.turns().isEmpty() ? "" : s.turns().get(0).user(), s.turns().isEmpty() ? s.createdAt() : s.turns().getLast().at());
  }
}
