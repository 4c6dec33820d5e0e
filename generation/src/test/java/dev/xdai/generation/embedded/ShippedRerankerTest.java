package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.inverse.ReplyScores;
import dev.xdai.generation.testing.ChitChatCases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model as the chit-chat reranker: a true reply among the other cases' replies and off-topic ones. Ranked by
 * the forward likelihood alone, the model puts one generic reply first everywhere; the prior-corrected score must not.
 */
class ShippedRerankerTest {

  @Test
  void theTrueReplyRanksFirstFarMoreOftenThanChance() {
    InversePromptingReranker reranker = new InversePromptingReranker(ModelFixture.model(), InversePromptingConfig.defaults());
    int first = 0;
    List<String> report = new ArrayList<>();
    for (String[] c : ChitChatCases.CASES) {
      List<String> candidates = ChitChatCases.candidates(c);
      List<ReplyScores> scores = reranker.scores("A:" + c[0] + "|B:[gMASK]", c[0], candidates);
      ReplyScores best = scores.stream().max(Comparator.comparingDouble(r -> r.chitChat(InversePromptingConfig.defaults()))).orElseThrow();
      if (best.text().equals(c[1])) first++;
      report.add(c[0] + " -> " + best.text());
    }
    // Chance is one in ten per case (half a case in five); the shipped model must place it first at least twice.
    assertTrue(first >= 2, first + " of " + ChitChatCases.CASES.length + ": " + report);
  }
}
