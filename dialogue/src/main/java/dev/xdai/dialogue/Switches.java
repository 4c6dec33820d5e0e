package dev.xdai.dialogue;

import dev.xdai.prompting.HistoryOrder;

/**
 * Which steps of prompt manufacturing run (all on in production, turned off one by one for ablations), and the order of
 * the selected history when a turn wants another than the configured one ({@code historyOrder}, null = configured).
 */
public record Switches(boolean historySelection, boolean knowledgeInjection, boolean background, boolean persona,
    boolean inversePrompting, boolean faithfulnessGuard, HistoryOrder historyOrder) {

  public static Switches all() { return new Switches(true, true, true, true, false, true, null); }

  public Switches withHistorySelection(boolean on) { return new Switches(on, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, historyOrder); }

  public Switches withKnowledgeInjection(boolean on) { return new Switches(historySelection, on, background, persona, inversePrompting, faithfulnessGuard, historyOrder); }

  public Switches withBackground(boolean on) { return new Switches(historySelection, knowledgeInjection, on, persona, inversePrompting, faithfulnessGuard, historyOrder); }

  public Switches withPersona(boolean on) { return new Switches(historySelection, knowledgeInjection, background, on, inversePrompting, faithfulnessGuard, historyOrder); }

  public Switches withInversePrompting(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, on, faithfulnessGuard, historyOrder); }

  public Switches withFaithfulnessGuard(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, on, historyOrder); }

  /** @param order the selected history's order for this turn; null for the configured one */
  public Switches withHistoryOrder(HistoryOrder order) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, order); }
}
