package dev.xdai.evaluation.metrics;

/**
 * The figures {@code xdai eval} reports, with the names docs/evaluation.md gives them (the JSON keys). All are in
 * percent except {@code char_ppl}.
 */
public enum Figure {
  F1("f1"),
  KNOWLEDGE_F1("knowledge_f1"),
  BLEU1("bleu1"),
  BLEU2("bleu2"),
  DISTINCT1("distinct1"),
  DISTINCT2("distinct2"),
  CHAR_PPL("char_ppl"),
  HALLUCINATED_NUMBERS("hallucinated_numbers"),
  ANSWER_RATE("answer_rate"),
  QUOTED("mode_quoted"),
  GENERATED("mode_generated"),
  BANK("mode_bank"),
  UNKNOWN("mode_unknown"),
  FALLBACK("mode_fallback"),
  KNOWLEDGE_RECALL_1("knowledge_recall@1"),
  KNOWLEDGE_RECALL_3("knowledge_recall@3"),
  KNOWLEDGE_RECALL_5("knowledge_recall@5");

  private final String key;

  Figure(String key) { this.key = key; }

  /** The figure's name in output and JSON. */
  public String key() { return key; }

  /** The k of a recall figure, 0 for the others. */
  public int recallK() {
    return switch (this) {
      case KNOWLEDGE_RECALL_1 -> 1;
      case KNOWLEDGE_RECALL_3 -> 3;
      case KNOWLEDGE_RECALL_5 -> 5;
      default -> 0;
    };
  }
}
