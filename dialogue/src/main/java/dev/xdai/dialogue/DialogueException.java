package dev.xdai.dialogue;

/** A turn or session request that cannot be served, with a reason a client can act on. */
public class DialogueException extends RuntimeException {

  /**
   * What went wrong, so the API can pick a status: {@code CONFLICT} means the session's state forbids the turn (it is
   * full, or another instance stored a turn first); {@code FORBIDDEN} that the caller may not talk to that bot.
   */
  public enum Kind { NOT_FOUND, INVALID, LIMIT, CONFLICT, UNAVAILABLE, FORBIDDEN }

  private final Kind kind;

  public DialogueException(Kind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public DialogueException(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public Kind kind() { return kind; }
}
