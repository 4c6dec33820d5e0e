package dev.xdai.dialogue.answer;

import dev.xdai.prompting.KnowledgeItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain reply frames around quoted answers: {@code <value>。}, {@code <attribute>是<value>。} and
 * {@code <entity>的<attribute>是<value>。}, the values of one entity's attribute joined (主演是A、B). Several facts are
 * quoted together, one clause each. A curated answer or a description is quoted as it is. Every frame contains every
 * span verbatim; the model chooses among them.
 */
public final class AnswerFrames {

  /** One fact to say: the span quoted from its answer, and what the span is about. */
  public record Quote(KnowledgeItem item, String span) {}

  private AnswerFrames() {}

  /** The quotes of {@code items}, each within {@code maxChars}; items whose span would repeat another's are left out. */
  public static List<Quote> quotes(List<KnowledgeItem> items, int maxChars) {
    return quotes(items, maxChars, null);
  }

  /** The same, each span from the sentence {@code utterance} asks about (see {@link QuoteSpan#of(String, int, String, String)}). */
  public static List<Quote> quotes(List<KnowledgeItem> items, int maxChars, String utterance) {
    List<Quote> out = new ArrayList<>();
    Set<String> spans = new LinkedHashSet<>();
    for (KnowledgeItem k : items) {
      String span = QuoteSpan.of(k.text(), maxChars, utterance, known(k));
      if (!span.isBlank() && spans.add(span)) out.add(new Quote(k, span));
    }
    return out;
  }

  /** What the whole of an item's value answers: its question and its subject. */
  static String known(KnowledgeItem k) {
    return k.title() + (k.fact() == null ? "" : "\n" + k.fact().entity() + "\n" + k.fact().attribute());
  }

  /** The frame variants for {@code quotes}, in a fixed order, without duplicates. */
  public static List<String> variants(List<Quote> quotes) {
    if (quotes.isEmpty()) return List.of();
    Set<String> out = new LinkedHashSet<>();
    for (Style style : Style.values()) out.add(render(quotes, style));
    return List.copyOf(out);
  }

  private enum Style { BARE, ATTRIBUTE, ENTITY_ATTRIBUTE }

  private static String render(List<Quote> quotes, Style style) {
    // One clause per (entity, attribute): the values of a many-valued attribute are said together.
    Map<String, List<Quote>> groups = new LinkedHashMap<>();
    for (Quote q : quotes) groups.computeIfAbsent(groupKey(q), k -> new ArrayList<>()).add(q);
    List<String> clauses = new ArrayList<>();
    for (List<Quote> group : groups.values()) clauses.add(clause(group, style));
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < clauses.size(); i++) {
      String c = clauses.get(i);
      reply.append(c);
      boolean last = i == clauses.size() - 1;
      if (!endsSentence(c)) reply.append(last ? "。" : "；");
    }
    return reply.toString();
  }

  private static String groupKey(Quote q) {
    KnowledgeItem.Fact f = q.item().fact();
    return attributeOf(q) == null ? "item:" + q.item().id() : f.shortEntity() + "\u0001" + f.attribute();
  }

  private static String clause(List<Quote> group, Style style) {
    String values = String.join("、", group.stream().map(Quote::span).toList());
    Quote first = group.get(0);
    String attribute = attributeOf(first);
    if (attribute == null || style == Style.BARE || endsSentence(values)) return values;
    if (style == Style.ATTRIBUTE) return attribute + "是" + values;
    return first.item().fact().shortEntity() + "的" + attribute + "是" + values;
  }

  /** The attribute a frame may name: a fact's own, never a description's or a curated answer's. */
  private static String attributeOf(Quote q) {
    KnowledgeItem.Fact f = q.item().fact();
    if (f == null || q.item().format() != KnowledgeItem.Format.QA) return null;
    String a = f.attribute().strip();
    if (a.isEmpty() || a.equalsIgnoreCase("Information") || f.shortEntity().isBlank()) return null;
    return a;
  }

  /**
   * The leading whole sentences of {@code text} (ended by 。！？!?… or its end when it ends so) that fit in
   * {@code maxChars}; empty when not even the first does. What the model adds after a quote is kept only as finished
   * sentences: a remark cut off mid-clause reads worse than none.
   */
  public static String sentences(String text, int maxChars) {
    if (maxChars <= 0) return "";
    int end = -1;
    int count = 0;
    for (int i = 0; i < text.length() && count < maxChars; i = text.offsetByCodePoints(i, 1), count++) {
      if ("。！？!?…".indexOf(text.charAt(i)) >= 0) end = i + 1;
    }
    return end < 0 ? "" : text.substring(0, end);
  }

  private static boolean endsSentence(String s) {
    return !s.isEmpty() && "。！？!?…".indexOf(s.charAt(s.length() - 1)) >= 0;
  }
}
