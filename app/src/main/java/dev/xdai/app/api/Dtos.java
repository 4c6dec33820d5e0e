package dev.xdai.app.api;

import dev.xdai.dialogue.Grounding;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.TurnRecord;
import java.time.Instant;
import java.util.List;

/** The chat API's request and response bodies. */
public final class Dtos {
  private Dtos() {}

  /** {@code POST /api/sessions}: which bot to talk to, and optionally an emotion for the whole session. */
  public record CreateSession(String bot, String emotion) {}

  /** A created session and the bot's greeting. */
  public record SessionCreated(String id, String bot, String emotion, String greeting, Instant createdAt) {}

  /** {@code POST /api/sessions/{id}/turns}: the user's utterance, an optional emotion for this reply, debug for the prompt. */
  public record TurnBody(String text, String emotion, Boolean debug) {}

  /** A reply with what grounded it; {@code prompt} only when debug was asked. */
  public record TurnReply(String sessionId, int index, String reply, Grounding grounding, String prompt) {}

  /** A stored turn. */
  public record TurnView(int index, String user, String reply, Grounding grounding, Instant at) {
    static TurnView of(TurnRecord t) { return new TurnView(t.index(), t.user(), t.reply(), t.grounding(), t.at()); }
  }

  /** {@code GET /api/sessions/{id}}. */
  public record SessionView(String id, String bot, String emotion, Instant createdAt, List<TurnView> turns) {
    public static SessionView of(Session s) {
      return new SessionView(s.id(), s.bot(), s.emotion(), s.createdAt(), s.turns().stream().map(TurnView::of).toList());
    }
  }
}
