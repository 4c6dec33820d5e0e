package dev.xdai.evaluation.kdconv;

import java.util.List;

/**
 * One KdConv conversation: its topic name, where it was read from, and its messages in order (the first speaker is
 * the user).
 */
public record KdConvConversation(String source, int index, String name, List<Message> messages) {

  public KdConvConversation {
    name = name == null ? "" : name;
    messages = List.copyOf(messages);
  }

  /** One utterance and the triples its speaker used (often none). */
  public record Message(String text, List<Triple> attrs) {
    public Message {
      text = text == null ? "" : text;
      attrs = List.copyOf(attrs);
    }
  }
}
