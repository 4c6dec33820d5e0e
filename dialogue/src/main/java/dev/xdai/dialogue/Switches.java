package dev.xdai.dialogue;

/** Which steps of prompt manufacturing run; all on in production, turned off one by one for ablations. */
public record Switches(boolean historySelection, boolean knowledgeInjection, boolean background, boolean persona,
    boolean inversePrompting, boolean faithfulnessGuard) {

  public static Switches all() { return new Switches(true, true, true, true, false, true); }

  public Switches withHistorySelection(boolean on) { return new Switches(on, knowledgeInjection, background, persona, inversePrompting, faithfulnessGuard); }

  public Switches withKnowledgeInjection(boolean on) { return new Switches(historySelection, on, background, persona, inversePrompting, faithfulnessGuard); }

  public Switches withBackground(boolean on) { return new Switches(historySelection, knowledgeInjection, on, persona, inversePrompting, faithfulnessGuard); }

  public Switches withPersona(boolean on) { return new Switches(historySelection, knowledgeInjection, background, on, inversePrompting, faithfulnessGuard); }

  public Switches withInversePrompting(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, on, faithfulnessGuard); }

  public Switches withFaithfulnessGuard(boolean on) { return new Switches(historySelection, knowledgeInjection, background, persona, inversePrompting, on); }
}
