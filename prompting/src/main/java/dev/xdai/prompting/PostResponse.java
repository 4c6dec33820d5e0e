package dev.xdai.prompting;

import java.util.List;

/**
 * Lines placed after the blank ({@code <context> [MASK] <post-response>}): they presuppose an emotion or a
 * character, so the model fills the blank with a reply consistent with them.
 */
public record PostResponse(List<Utterance> lines) {
  public PostResponse {
    lines = List.copyOf(lines);
  }

  public boolean isEmpty() { return lines.isEmpty(); }

  public static PostResponse none() { return new PostResponse(List.of()); }
}
