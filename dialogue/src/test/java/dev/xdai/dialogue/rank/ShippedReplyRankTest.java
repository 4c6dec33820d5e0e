package dev.xdai.dialogue.rank;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.testing.ChitChatCases;
import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's chit-chat ranking as it runs: the shipped int8 model, the shipped sentence embedder and the shipped
 * weights pick the true reply among the other cases' replies and off-topic facts.
 */
class ShippedReplyRankTest {

  @Test
  void theShippedRankingPicksTheTrueReplyInMostCases() {
    Path dir = Path.of(System.getProperty("xdai-project.root", "..")).resolve(EmbeddedGlm.DEFAULT_DIR);
    assumeTrue(Files.isRegularFile(dir.resolve("model.onnx")), () -> "skipped: no embedded model in " + dir);
    try (EmbeddedGlm model = EmbeddedGlm.load(EmbeddedGlmConfig.of(dir).withThreads(2, 1).withPermits(2, Duration.ofMinutes(1)));
        BgeSmallZhEmbedder embedder = BgeSmallZhEmbedder.create()) {
      ReplyFeatures features = new ReplyFeatures(new InversePromptingReranker(model, InversePromptingConfig.defaults()), embedder);
      ReplyRank rank = ReplyRank.shipped();
      int first = 0;
      List<String> report = new ArrayList<>();
      for (String[] c : ChitChatCases.CASES) {
        List<String> candidates = ChitChatCases.candidates(c);
        int best = rank.best(features.of("A:" + c[0] + "|B:[gMASK]", c[0], candidates));
        if (best == 0) first++;
        report.add(c[0] + " -> " + candidates.get(best));
      }
      // Chance is one in ten per case; the model's likelihoods alone place it first in two of five.
      assertTrue(first >= 4, first + " of " + ChitChatCases.CASES.length + ": " + report);
    }
  }
}
