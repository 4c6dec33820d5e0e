package dev.xdai.app.api;

import dev.xdai.dialogue.Grounding;
import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What grounded a reply, as the API shows it (the chat API, the OpenAI-compatible extension, the terminal client): its
 * own type, so that the domain record ({@link Grounding}) and what is stored can change without changing the contract.
 * {@code mode} is the reply's mode in upper case ({@code QUOTED}, {@code GENERATED}, {@code BANK}, {@code UNKNOWN},
 * {@code FALLBACK}); null for a turn stored before modes existed.
 */
public record GroundingBody(List<Exchange> history, List<Injected> knowledge, List<Background> background, String persona,
    String emotion, String postResponse, List<String> dropped, List<String> unsupportedNumbers, List<String> notes,
    String model, String finishReason, Map<String, Double> timingsMs, String mode, List<Quoted> quoted, Bank bank) {

  /** A history exchange kept in the prompt, with its relevance score. */
  public record Exchange(int index, String user, String bot, double relevance) {}

  /** A knowledge item and where it was injected: {@code query} or {@code history:<index>}. */
  public record Injected(String position, Item item) {}

  /** A knowledge item with its provenance: pack, source and id. */
  public record Item(String id, String format, String title, String text, String source, String pack, double score, Fact fact) {}

  /** The entity and attribute a fact states. */
  public record Fact(String entity, String attribute) {}

  /** A background piece: persona text or a description item's id. */
  public record Background(String text, String knowledgeId) {}

  /** A knowledge item the reply quotes, and the confidence that it answers the utterance. */
  public record Quoted(String id, String pack, String source, double confidence) {}

  /** The response-bank entry a bank reply came from. */
  public record Bank(String bank, String id, String source) {}

  public static GroundingBody of(Grounding g) {
    if (g == null) return null;
    return new GroundingBody(
        g.history().stream().map(h -> new Exchange(h.index(), h.user(), h.bot(), h.relevance())).toList(),
        g.knowledge().stream().map(k -> new Injected(k.position(), item(k.item()))).toList(),
        g.background().stream().map(b -> new Background(b.text(), b.knowledgeId())).toList(),
        g.persona(), g.emotion(), g.postResponse(), g.dropped(), g.unsupportedNumbers(), g.notes(), g.model(),
        g.finishReason(), g.timingsMs(), g.mode() == null ? null : g.mode().name(),
        g.quoted().stream().map(q -> new Quoted(q.id(), q.pack(), q.source(), q.confidence())).toList(),
        g.bank() == null ? null : new Bank(g.bank().bank(), g.bank().id(), g.bank().source()));
  }

  private static Item item(KnowledgeItem i) {
    if (i == null) return null;
    return new Item(i.id(), i.format() == null ? null : i.format().name(), i.title(), i.text(), i.source(), i.pack(), i.score(),
        i.fact() == null ? null : new Fact(i.fact().entity(), i.fact().attribute()));
  }

  /** The mode in lower case for people to read; "unknown" when the turn has none. */
  public String modeName() {
    return mode == null ? "unknown" : mode.toLowerCase(Locale.ROOT);
  }
}
