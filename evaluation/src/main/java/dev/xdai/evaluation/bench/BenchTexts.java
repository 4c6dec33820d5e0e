package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.evaluation.kdconv.KdConvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Text for benchmarks: the user side of KdConv conversations ({@code --data}, else ../shared/data/kdconv when it
 * exists), in an order shuffled by the seed; the retrieval module's synthetic sentences when there is no data, so
 * benchmarks run anywhere.
 */
final class BenchTexts {

  private BenchTexts() {}

  /** The KdConv conversations {@code --data} names (or the default data), empty when there are none. */
  static List<KdConvConversation> conversations(KdConvData data) throws IOException {
    List<Path> paths = new ArrayList<>(data.paths);
    if (paths.isEmpty()) {
      Optional<Path> dir = ProjectPaths.defaultKdConv();
      if (dir.isEmpty()) return List.of();
      paths.add(dir.get());
    }
    return KdConvReader.read(KdConvReader.files(paths));
  }

  /** Conversations as lists of user utterances (even indexes), shuffled with {@code new Random(seed)}. */
  static List<List<String>> userTurns(List<KdConvConversation> conversations, long seed, int syntheticConversations) {
    List<List<String>> out = new ArrayList<>();
    for (KdConvConversation c : conversations) {
      List<String> turns = new ArrayList<>();
      for (int i = 0; i < c.messages().size(); i += 2) turns.add(c.messages().get(i).text());
      if (!turns.isEmpty()) out.add(turns);
    }
    if (out.isEmpty()) {
      List<String> sentences = new SyntheticKnowledge(seed).sentences(8 * syntheticConversations);
      for (int c = 0; c < syntheticConversations; c++) out.add(List.copyOf(sentences.subList(8 * c, 8 * c + 8)));
    }
    Collections.shuffle(out, new Random(seed));
    return out;
  }

  /** At least {@code count} sentences (user utterances, cycled when there are fewer), shuffled by the seed. */
  static List<String> sentences(List<KdConvConversation> conversations, long seed, int count) {
    List<String> pool = new ArrayList<>();
    for (KdConvConversation c : conversations) c.messages().forEach(m -> pool.add(m.text()));
    if (pool.isEmpty()) pool.addAll(new SyntheticKnowledge(seed).sentences(count));
    Collections.shuffle(pool, new Random(seed));
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(pool.get(i % pool.size()));
    return out;
  }

  /** The options in force, with where the text came from as {@code data}, for the report. */
  static Map<String, Object> options(Bench bench, List<KdConvConversation> conversations) {
    Map<String, Object> options = bench.options();
    options.put("data", conversations.isEmpty() ? "synthetic (no KdConv data found)" : conversations.size() + " KdConv conversations");
    return options;
  }
}
