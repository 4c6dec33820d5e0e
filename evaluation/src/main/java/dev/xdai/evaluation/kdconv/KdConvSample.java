package dev.xdai.evaluation.kdconv;

import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.Speaker;
import dev.xdai.prompting.Utterance;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation sample: the utterances before an answering utterance (user first, alternating), that utterance as
 * the gold reply, and the triples it used. {@code id} is {@code <file>#<conversation>#<utterance index>}.
 */
public record KdConvSample(String id, List<Utterance> context, String goldReply, List<Triple> goldTriples) {

  public KdConvSample {
    context = List.copyOf(context);
    goldTriples = List.copyOf(goldTriples);
    if (context.isEmpty() || context.get(context.size() - 1).speaker() != Speaker.USER) {
      throw new IllegalArgumentException("a sample's context must end with a user utterance: " + id);
    }
  }

  /** The current user utterance (the last of the context). */
  public String query() { return context.get(context.size() - 1).text(); }

  /** The earlier exchanges (user utterance with the reply after it), oldest first, without the current utterance. */
  public List<Exchange> history() {
    List<Exchange> out = new ArrayList<>();
    for (int i = 0; i + 1 < context.size() - 1; i += 2) {
      out.add(new Exchange(i / 2, context.get(i).text(), context.get(i + 1).text()));
    }
    return out;
  }
}
