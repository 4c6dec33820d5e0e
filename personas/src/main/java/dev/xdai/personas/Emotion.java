package dev.xdai.personas;

import dev.xdai.prompting.PostResponse;
import java.util.List;

/** An emotion template: post-responses that presuppose the bot replied with this emotion. */
public record Emotion(String id, String description, List<PostResponse> postResponses) {
  public Emotion {
    postResponses = List.copyOf(postResponses);
  }
}
