package dev.xdai.evaluation.eval;

/**
 * The port through which {@code xdai eval} drives the real turn pipeline; the app adapts the dialogue module to it.
 *
 * <p>Contract for {@link #respond}: start a fresh conversation whose earlier exchanges are {@code sample().history()}
 * (the bot's turns are the gold ones from the data), then answer {@code sample().query()} with greedy decoding, at
 * most {@code maxReplyChars} characters. By mode: {@code ORACLE} injects exactly {@code oracleKnowledge()} before the
 * current utterance and retrieves nothing; {@code RETRIEVED} runs history selection, knowledge injection and
 * background addition as in production against {@code pack()}; {@code NONE} uses no knowledge at all. The ablation
 * switches turn steps off as {@link Ablations} says. Must be deterministic for a given turn.
 */
public interface DialogueUnderTest {

  /** The model's name, for the report. */
  String modelName();

  /** Answers one turn; see the interface's contract. */
  EvalOutcome respond(EvalTurn turn);
}
