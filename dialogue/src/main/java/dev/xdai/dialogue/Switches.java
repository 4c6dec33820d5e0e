package dev.xdai.dialogue;

import dev.xdai.personas.Answering;
import dev.xdai.prompting.HistoryOrder;

/**
 * Which steps of prompt manufacturing run (all on in production, turned off one by one for ablations), and the order of
 * the selected history when a turn wants another than the configured one ({@code historyOrder}, null = configured), and
 * how to answer when a turn wants another way than the persona's ({@code answering}, null = the persona's), and whether
 * the response bank's replies compete with the model's own ({@code responseBank}).
 */
public record Switches(boolean historySelection, boolean knowledgeInjection, boolean background, boolean persona,
    boolean inversePrompting, boolean faithfulnessGuard, HistoryOrder historyOrder, Answering answering, boolean responseBank) {

  public static Switches all() { return new Switches(true, true, true, true, false, true, null, null, true); }

  public Switches withHistorySelection(boolean on) { return new Switches(on, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, historyOrder, answering, responseBank); }

  public Switches withKnowledgeInjection(boolean on) { return new Switches(historySelection, on, background, persona, inversePrompting, faithfulnessGuard, historyOrder, answering, responseBank); }

  public Switches withBackground(boolean on) { return new Switches(historySelection, knowledgeInjection, on, persona, inversePrompting, faithfulnessGuard, historyOrder, answering, responseBank); }

  public Switches withPersona(boolean on) { return new Switches(historySelection, knowledgeInjection, background, on, inversePrompting, faithfulnessGuard, historyOrder, answering, responseBank); }

  public Switches withInversePrompting(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, on, faithfulnessGuard, historyOrder, answering, responseBank); }

  public Switches withFaithfulnessGuard(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, on, historyOrder, answering, responseBank); }

  /** @param order the selected history's order for this turn; null for the configured one */
  public Switches withHistoryOrder(HistoryOrder order) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, order, answering, responseBank); }

  public Switches withResponseBank(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, historyOrder, answering, on); }

  /** @param how the way this turn answers; null for the persona's */
  public Switches withAnswering(Answering how) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard, historyOrder, how, responseBank); }
}
