package dev.xdai.evaluation.kdconv;

import dev.xdai.prompting.Utterance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws evaluation samples as docs/evaluation.md prescribes: every utterance at an odd index (the answering side) with
 * a non-empty {@code attrs} list is a sample, its context the utterances before it; all samples, in file, conversation
 * and utterance order, are shuffled by {@code Collections.shuffle(samples, new java.util.Random(seed))} and the first
 * N are kept.
 */
public final class SampleDrawer {

  private SampleDrawer() {}

  /** Every sample of the conversations, in reading order. */
  public static List<KdConvSample> all(List<KdConvConversation> conversations) {
    List<KdConvSample> out = new ArrayList<>();
    for (KdConvConversation c : conversations) {
      List<KdConvConversation.Message> messages = c.messages();
      for (int i = 1; i < messages.size(); i += 2) {
        KdConvConversation.Message m = messages.get(i);
        if (m.attrs().isEmpty()) continue;
        List<Utterance> context = new ArrayList<>(i);
        for (int j = 0; j < i; j++) {
          String text = messages.get(j).text();
          context.add(j % 2 == 0 ? Utterance.user(text) : Utterance.bot(text));
        }
        out.add(new KdConvSample(sourceName(c.source()) + "#" + c.index() + "#" + i, context, m.text(), m.attrs()));
      }
    }
    return out;
  }

  /** Shuffles all samples with {@code new Random(seed)} and keeps the first {@code n} (all of them when fewer). */
  public static List<KdConvSample> draw(List<KdConvConversation> conversations, int n, long seed) {
    if (n <= 0) throw new IllegalArgumentException("the number of samples must be positive, got " + n);
    List<KdConvSample> samples = new ArrayList<>(all(conversations));
    Collections.shuffle(samples, new Random(seed));
    return List.copyOf(samples.subList(0, Math.min(n, samples.size())));
  }

  // film/dev.json reads better in sample ids than the bare dev.json repeated for every domain.
  private static String sourceName(String source) {
    Path path = Path.of(source);
    Path parent = path.getParent();
    return parent == null || parent.getFileName() == null ? path.getFileName().toString() : parent.getFileName() + "/" + path.getFileName();
  }
}
