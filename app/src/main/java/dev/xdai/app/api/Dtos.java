package dev.xdai.app.api;

import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.SessionSummary;
import dev.xdai.dialogue.TurnRecord;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.PromptPart;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The chat API's request and response bodies. */
public final class Dtos {
  private Dtos() {}

  /** {@code POST /api/sessions}: which bot to talk to, and optionally an emotion for the whole session. */
  public record CreateSession(String bot, String emotion) {}

  /** A created session and the bot's greeting. */
  public record SessionCreated(String id, String bot, String emotion, String greeting, Instant createdAt) {}

  /** {@code POST /api/sessions/{id}/turns}: the user's utterance, an optional emotion for this reply, debug for the prompt. */
  public record TurnBody(String text, String emotion, Boolean debug) {}

  /**
   * A reply with what grounded it; {@code prompt} and {@code promptParts} (the same text in its parts, each with its
   * kind) only when debug was asked. {@code sessionId} is null for an answer outside a session.
   */
  public record TurnReply(String sessionId, int index, String reply, GroundingBody grounding, String prompt, List<PromptPartView> promptParts) {
    static TurnReply of(DialogueService.TurnOutcome o, boolean debug) {
      var prompt = o.result().prompt();
      return new TurnReply(o.sessionId(), o.turn().index(), o.turn().reply(), GroundingBody.of(o.turn().grounding()), debug ? prompt.text() : null,
          debug ? GlmPromptRenderer.parts(prompt.kept()).stream().map(PromptPartView::of).toList() : null);
    }
  }

  /**
   * One part of a prompt: its kind ({@code background}, {@code knowledge}, {@code history}, {@code utterance},
   * {@code blank}, {@code post-response}) and its text; the prompt is the parts' texts joined by {@code |}.
   */
  public record PromptPartView(String kind, String text) {
    static PromptPartView of(PromptPart p) {
      return new PromptPartView(p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), p.text());
    }
  }

  /** A session as listed by {@code GET /api/sessions}: no turns, the first thing the user said. */
  public record SessionListed(String id, String bot, String emotion, String owner, Instant createdAt, int turns, String firstUtterance,
      Instant lastActivity) {
    static SessionListed of(SessionSummary s) {
      return new SessionListed(s.id(), s.bot(), s.emotion(), s.owner(), s.createdAt(), s.turns(), s.firstUtterance(), s.lastActivity());
    }
  }

  /** One earlier exchange a client sends with an answer outside a session. */
  public record ExchangeBody(String user, String bot) {}

  /**
   * {@code POST /api/personas/try}: a persona that need not be saved (its file form, YAML unless {@code format} is
   * {@code json}), the exchanges so far, what the user says now and an optional emotion. Nothing is stored.
   */
  public record TryBody(String persona, String format, List<ExchangeBody> history, String text, String emotion) {}

  /** A stored turn. */
  public record TurnView(int index, String user, String reply, GroundingBody grounding, Instant at) {
    static TurnView of(TurnRecord t) { return new TurnView(t.index(), t.user(), t.reply(), GroundingBody.of(t.grounding()), t.at()); }
  }

  /** {@code GET /api/sessions/{id}}. */
  public record SessionView(String id, String bot, String emotion, Instant createdAt, List<TurnView> turns) {
    public static SessionView of(Session s) {
      return new SessionView(s.id(), s.bot(), s.emotion(), s.createdAt(), s.turns().stream().map(TurnView::of).toList());
    }
  }
}
