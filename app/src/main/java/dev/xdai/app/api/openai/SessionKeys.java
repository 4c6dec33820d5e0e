package dev.xdai.app.api.openai;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * A client's own name for a conversation (the {@code X-Session-Id} header, else the request's {@code user}) and the
 * xdai session it maps to. The session id is derived, not stored: the same key from the same API key to the same bot
 * always lands in the same session, and one API key cannot reach another's sessions by guessing keys.
 */
final class SessionKeys {
  private SessionKeys() {}

  /** The conversation key of a request, if it names one. */
  static Optional<String> key(String header, String user) {
    if (header != null && !header.isBlank()) return Optional.of(header.strip());
    if (user != null && !user.isBlank()) return Optional.of(user.strip());
    return Optional.empty();
  }

  /** The id of the session that {@code key} names for {@code owner}'s talks with {@code bot}. */
  static String sessionId(String owner, String bot, String key) {
    return UUID.nameUUIDFromBytes((owner + "\u0000" + bot + "\u0000" + key).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
