package dev.xdai.dialogue;

import dev.xdai.personas.Persona;
import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Step 3: the prompt's prefix: the persona's self-description, then description-formatted knowledge about the
 * conversation's topic (what the current utterance and the recent history talk about).
 */
public final class BackgroundComposer {

  /** @param descriptions how many descriptions at most; @param maxChars each description cut to this length */
  public record Settings(int descriptions, int maxChars) {
    public static Settings defaults() { return new Settings(1, 120); }
  }

  /** The pieces and the description items they came from. */
  public record Background(List<BackgroundPiece> pieces, List<KnowledgeItem> descriptions) {}

  private final KnowledgeSource source;
  private final Settings settings;

  public BackgroundComposer(KnowledgeSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  public Background compose(Persona persona, List<ContextEntry> history, String query, boolean withPersona, boolean withKnowledge) {
    List<BackgroundPiece> pieces = new ArrayList<>();
    if (withPersona && persona != null && !persona.background().isBlank()) pieces.add(BackgroundPiece.persona(persona.background()));
    List<KnowledgeItem> used = new ArrayList<>();
    if (withKnowledge && settings.descriptions() > 0) {
      List<String> context = history.stream().map(e -> e.exchange().user()).toList();
      Set<String> packs = persona == null ? Set.of() : Set.copyOf(persona.packs());
      for (KnowledgeItem d : source.retrieve(KnowledgeQuery.descriptions(query, context, packs, settings.descriptions()))) {
        if (used.size() >= settings.descriptions()) break;
        KnowledgeItem cut = d.cut(settings.maxChars());
        used.add(cut);
        pieces.add(BackgroundPiece.of(cut));
      }
    }
    return new Background(List.copyOf(pieces), List.copyOf(used));
  }
}
