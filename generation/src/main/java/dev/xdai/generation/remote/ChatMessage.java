package dev.xdai.generation.remote;

import java.util.Objects;

/** One message of a chat-completions request: {@code system}, {@code user} or {@code assistant}, and its text. */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
