package dev.xdai.evaluation.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which steps of the method run, to measure what each contributes. Off means: no history selection (the most recent
 * utterances in order, as the budget allows), no knowledge injection (no QA pairs), no background addition (no
 * description prefix), no persona (no persona text or post-response). Inverse prompting is off unless asked for;
 * {@code relevanceOrder} shows the selected history by relevance (the most relevant next to the utterance) instead of
 * in dialogue order. {@code copyBias} off decodes without the service's copy bias (the model's own greedy choices).
 * {@code sampling} decodes as the service does (its configured sampling and the persona's overrides, seeded per
 * sample) instead of greedily, to measure what users get rather than the model's most likely reply. {@code quoting}
 * off lets the model word every reply (the persona answers {@code free}); {@code guard} off returns a reply whose numbers
 * nothing grounds instead of regenerating it (the model's own numbers); {@code bank} off keeps the response bank's
 * replies out of chit-chat.
 */
public record Ablations(boolean historySelection, boolean knowledgeInjection, boolean background, boolean inversePrompting,
    boolean persona, boolean relevanceOrder, boolean copyBias, boolean sampling, boolean quoting, boolean guard, boolean bank) {

  /**
   * Production settings: every step on, inverse prompting off, history in dialogue order, the copy bias on, greedy,
   * confident knowledge quoted, the faithfulness guard on.
   */
  public static final Ablations DEFAULT = new Ablations(true, true, true, false, true, false, true, false, true, true, true);

  /** Production settings without the response bank: the reply is the model's own. */
  public static final Ablations OWN_REPLY = new Ablations(true, true, true, false, true, false, true, false, true, true, false);

  /** The switches by name, as they appear in results. */
  public Map<String, Boolean> asMap() {
    Map<String, Boolean> m = new LinkedHashMap<>();
    m.put("history_selection", historySelection);
    m.put("knowledge_injection", knowledgeInjection);
    m.put("background", background);
    m.put("inverse_prompting", inversePrompting);
    m.put("persona", persona);
    m.put("history_relevance_order", relevanceOrder);
    m.put("copy_bias", copyBias);
    m.put("sampling", sampling);
    m.put("quoting", quoting);
    m.put("guard", guard);
    m.put("bank", bank);
    return m;
  }

  /** The switches that differ from production, e.g. {@code no-background}, or {@code default}. */
  public String label() {
    StringBuilder s = new StringBuilder();
    if (!historySelection) s.append(" no-history-selection");
    if (!knowledgeInjection) s.append(" no-knowledge");
    if (!background) s.append(" no-background");
    if (inversePrompting) s.append(" inverse-prompting");
    if (!persona) s.append(" no-persona");
    if (relevanceOrder) s.append(" relevance-order");
    if (!copyBias) s.append(" no-copy-bias");
    if (sampling) s.append(" sampling");
    if (!quoting) s.append(" no-quote");
    if (!guard) s.append(" no-guard");
    if (!bank) s.append(" no-bank");
    return s.isEmpty() ? "default" : s.toString().strip().replace(' ', ',');
  }
}
