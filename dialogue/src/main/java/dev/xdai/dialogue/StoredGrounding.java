package dev.xdai.dialogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Map;

/**
 * A turn's grounding as stored, in the graph and in the session journal: a type of its own, so that the domain record
 * ({@link Grounding}) and the API's body can change without changing what is on disk. Every stored grounding names its
 * {@code schema}; {@link #read} reads every schema written so far and refuses a newer one.
 *
 * <p>Schemas: 1, written before the field existed: these fields without {@code schema} (the oldest without
 * {@code mode}, {@code quoted} and {@code bank}); 2, the same fields with {@code schema}.
 */
record StoredGrounding(int schema, List<Exchange> history, List<Injected> knowledge, List<Background> background,
    String persona, String emotion, String postResponse, List<String> dropped, List<String> unsupportedNumbers,
    List<String> notes, String model, String finishReason, Map<String, Double> timingsMs, String mode, List<Quoted> quoted,
    Bank bank) {

  /** The schema this version writes. */
  static final int CURRENT = 2;

  record Exchange(int index, String user, String bot, double relevance) {}

  record Injected(String position, Item item) {}

  record Item(String id, String format, String title, String text, String source, String pack, double score, Fact fact) {
    KnowledgeItem toItem() {
      return new KnowledgeItem(id, format == null ? null : KnowledgeItem.Format.valueOf(format), title, text, source, pack, score,
          fact == null ? null : new KnowledgeItem.Fact(fact.entity(), fact.attribute()));
    }
  }

  record Fact(String entity, String attribute) {}

  record Background(String text, String knowledgeId) {}

  record Quoted(String id, String pack, String source, double confidence) {}

  record Bank(String bank, String id, String source) {}

  // Its own mapper: the service's (tuned for request bodies) must not change what is stored. Fields a later version
  // of one schema adds are skipped, not refused.
  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The grounding as this version stores it (as a JSON tree, for a journal line to hold). */
  static JsonNode tree(Grounding g) {
    return JSON.valueToTree(of(g));
  }

  /** The grounding as this version stores it, as JSON text (a graph property). */
  static String write(Grounding g) {
    try {
      return JSON.writeValueAsString(of(g));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise grounding", e);
    }
  }

  /** Reads a grounding stored by this or any earlier version. */
  static Grounding read(String json) {
    try {
      return read(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grounding is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a grounding stored by this or any earlier version. */
  static Grounding read(JsonNode node) {
    if (node == null || node.isNull()) return null;
    if (!node.isObject()) throw new IllegalStateException("stored grounding is not a JSON object");
    int schema = node.path("schema").asInt(1);
    if (schema > CURRENT) {
      throw new IllegalStateException("stored grounding has schema " + schema + ", written by a newer xdai; this one reads up to " + CURRENT);
    }
    try { // 1 → 2 added the schema field only: every schema so far reads as the current one
      return JSON.treeToValue(node, StoredGrounding.class).toGrounding();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grounding (schema " + schema + ") is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  static StoredGrounding of(Grounding g) {
    return new StoredGrounding(CURRENT,
        g.history().stream().map(h -> new Exchange(h.index(), h.user(), h.bot(), h.relevance())).toList(),
        g.knowledge().stream().map(k -> new Injected(k.position(), item(k.item()))).toList(),
        g.background().stream().map(b -> new Background(b.text(), b.knowledgeId())).toList(),
        g.persona(), g.emotion(), g.postResponse(), g.dropped(), g.unsupportedNumbers(), g.notes(), g.model(),
        g.finishReason(), g.timingsMs(), g.mode() == null ? null : g.mode().name(),
        g.quoted().stream().map(q -> new Quoted(q.id(), q.pack(), q.source(), q.confidence())).toList(),
        g.bank() == null ? null : new Bank(g.bank().bank(), g.bank().id(), g.bank().source()));
  }

  private static Item item(KnowledgeItem i) {
    Fact fact = i.fact() == null ? null : new Fact(i.fact().entity(), i.fact().attribute());
    return new Item(i.id(), i.format() == null ? null : i.format().name(), i.title(), i.text(), i.source(), i.pack(), i.score(), fact);
  }

  Grounding toGrounding() {
    return new Grounding(
        orEmpty(history).stream().map(h -> new Grounding.SelectedExchange(h.index(), h.user(), h.bot(), h.relevance())).toList(),
        orEmpty(knowledge).stream().map(k -> new Grounding.Injected(k.position(), k.item() == null ? null : k.item().toItem())).toList(),
        orEmpty(background).stream().map(b -> new Grounding.Background(b.text(), b.knowledgeId())).toList(),
        persona, emotion, postResponse, orEmpty(dropped), orEmpty(unsupportedNumbers), orEmpty(notes), model, finishReason,
        timingsMs == null ? Map.of() : timingsMs, mode == null ? null : ReplyMode.valueOf(mode),
        orEmpty(quoted).stream().map(q -> new Grounding.Quoted(q.id(), q.pack(), q.source(), q.confidence())).toList(),
        bank == null ? null : new Grounding.BankOrigin(bank.bank(), bank.id(), bank.source()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
