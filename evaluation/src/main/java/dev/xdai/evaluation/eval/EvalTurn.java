package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Objects;

/**
 * One turn to answer under evaluation: the sample (context, gold reply, gold triples), the mode and switches, the bot
 * (persona id, null for the default), the knowledge pack to search in {@code retrieved} mode (empty otherwise), the
 * oracle QA items, and the longest reply allowed.
 *
 * <p>{@code oracleKnowledge} is already rendered by the evaluation's rule and is non-empty only in {@code oracle} mode
 * with knowledge injection on: the dialogue injects exactly these, right before the current user utterance. The gold
 * reply is in the sample only so that the dialogue can score it for {@code char_ppl}; it must not shape the reply.
 */
public record EvalTurn(KdConvSample sample, EvalMode mode, Ablations ablations, String bot, String pack,
    List<KnowledgeItem> oracleKnowledge, int maxReplyChars) {

  public EvalTurn {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ablations, "ablations");
    pack = pack == null ? "" : pack;
    oracleKnowledge = List.copyOf(oracleKnowledge);
  }
}
