package dev.xdai.prompting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a {@link PromptSpec} as text for a GLM blank-infilling model and fits it to a token budget.
 *
 * <p>Layout, segments joined by {@code |}: background pieces, then each history exchange preceded by its QA knowledge
 * ({@code Q:… A:…}) as {@code A:<user>|B:<bot>}, then the current utterance's QA knowledge, best last, {@code A:<query>},
 * the blank {@code B:[MASK]} followed by the post-response lines, or {@code B:[gMASK]} at the end when there is none.
 * The best fact sits right before the utterance it grounds, where a small model copies from most (measured on KdConv dev
 * with the embedded model: f1 21.7 with the best fact first, 22.8 with it last).
 *
 * <p>Over budget, parts are dropped least relevant first: history but the latest exchange (lowest relevance first),
 * background (knowledge before persona), query knowledge beyond the best {@value #KEPT_FACTS} (lowest score first), the
 * latest exchange, the remaining query knowledge, the post-response; the current utterance is never dropped, only cut
 * at its start when it alone exceeds the budget. (Measured on held-out KdConv with the embedded model's 400-token
 * prompts: keeping the latest exchange and the best facts over the background raised f1 from 22.0 to 23.6.)
 */
public final class GlmPromptRenderer {

  private final TokenCounter counter;

  public GlmPromptRenderer(TokenCounter counter) {
    this.counter = counter;
  }

  /** Renders without a budget. */
  public String renderText(PromptSpec spec) {
    return join(parts(spec));
  }

  /** The prompt's text: the parts' texts joined by the separator. */
  public static String join(List<PromptPart> parts) {
    StringBuilder text = new StringBuilder();
    for (PromptPart p : parts) {
      if (!text.isEmpty()) text.append(PromptText.SEPARATOR);
      text.append(p.text());
    }
    return text.toString();
  }

  /** The segments of {@code spec}'s prompt in order, each with its kind; {@link #renderText} joins them. */
  public static List<PromptPart> parts(PromptSpec spec) {
    List<PromptPart> parts = new ArrayList<>();
    for (BackgroundPiece piece : spec.background()) {
      String text = PromptText.neutralise(piece.text());
      if (!text.isEmpty()) parts.add(new PromptPart(PromptPart.Kind.BACKGROUND, text));
    }
    for (ContextEntry entry : spec.history()) {
      entry.knowledge().forEach(k -> parts.add(new PromptPart(PromptPart.Kind.KNOWLEDGE, segment(k))));
      parts.add(new PromptPart(PromptPart.Kind.HISTORY, PromptText.turn(Speaker.USER, entry.exchange().user())));
      if (!entry.exchange().bot().isBlank()) {
        parts.add(new PromptPart(PromptPart.Kind.HISTORY, PromptText.turn(Speaker.BOT, entry.exchange().bot())));
      }
    }
    List<KnowledgeItem> facts = spec.queryKnowledge(); // best first
    for (int i = facts.size() - 1; i >= 0; i--) parts.add(new PromptPart(PromptPart.Kind.KNOWLEDGE, segment(facts.get(i))));
    parts.add(new PromptPart(PromptPart.Kind.UTTERANCE, PromptText.turn(Speaker.USER, spec.query())));
    if (spec.postResponse().isEmpty()) {
      parts.add(new PromptPart(PromptPart.Kind.BLANK, Speaker.BOT.tag() + PromptText.GMASK));
    } else {
      parts.add(new PromptPart(PromptPart.Kind.BLANK, Speaker.BOT.tag() + PromptText.MASK));
      spec.postResponse().lines().forEach(u -> parts.add(new PromptPart(PromptPart.Kind.POST_RESPONSE, PromptText.turn(u.speaker(), u.text()))));
    }
    return List.copyOf(parts);
  }

  /** A knowledge item as a QA segment; a description becomes {@code Q:<label>是什么？ A:<text>}. */
  public static String segment(KnowledgeItem item) {
    return item.format() == KnowledgeItem.Format.QA
        ? PromptText.qa(item.title(), item.text())
        : PromptText.qa(item.title() + "是什么？", item.text());
  }

  /** Renders {@code spec} within {@code budget} tokens, dropping the least relevant parts first. */
  public RenderedPrompt render(PromptSpec spec, int budget) {
    String text = renderText(spec);
    int tokens = counter.count(text);
    PromptSpec current = spec;
    List<String> dropped = new ArrayList<>();
    if (tokens > budget) {
      // The drops form a fixed sequence (least relevant first) and each one shortens the prompt, so the fewest drops
      // that fit are found by binary search: a few tokenizer calls instead of one per dropped part.
      List<PromptSpec> chain = new ArrayList<>(List.of(spec));
      List<String> labels = new ArrayList<>();
      for (PromptSpec next = dropOne(spec, labels); next != null; next = dropOne(next, labels)) chain.add(next);
      int lo = 1, hi = chain.size() - 1; // chain[0] is over budget; find the first index that fits, if any
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (counter.count(renderText(chain.get(mid))) <= budget) {
          found = mid;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      int kept = found < 0 ? chain.size() - 1 : found;
      current = chain.get(kept);
      dropped.addAll(labels.subList(0, kept));
      text = renderText(current);
      tokens = counter.count(text);
    }
    boolean truncated = false;
    if (tokens > budget) {
      current = truncateQuery(current, budget);
      text = renderText(current);
      tokens = counter.count(text);
      truncated = true;
    }
    return new RenderedPrompt(text, current, dropped, tokens, truncated);
  }

  /** Query knowledge kept until the latest exchange has gone: the best facts matter as much as the last turn. */
  static final int KEPT_FACTS = 2;

  /** The spec without its least relevant part (named in {@code dropped}), or null when only the query is left. */
  static PromptSpec dropOne(PromptSpec s, List<String> dropped) {
    // The latest exchange goes late: most replies answer it (它、那、还有呢), and the model is trained with it present.
    ContextEntry latest = s.history().stream().max(Comparator.comparingInt(e -> e.exchange().index())).orElse(null);
    if (s.history().size() > 1) {
      ContextEntry victim = s.history().stream()
          .filter(e -> e != latest)
          .min(Comparator.comparingDouble(ContextEntry::relevance)
              .thenComparingInt(e -> e.exchange().index()))
          .orElseThrow();
      return withoutHistory(s, victim, dropped);
    }
    int knowledgePiece = lastKnowledgePiece(s.background());
    if (knowledgePiece >= 0) return withoutBackground(s, knowledgePiece, dropped);
    if (!s.background().isEmpty()) return withoutBackground(s, s.background().size() - 1, dropped);
    if (s.queryKnowledge().size() > KEPT_FACTS) return withoutWeakestFact(s, dropped);
    if (latest != null) return withoutHistory(s, latest, dropped);
    if (!s.queryKnowledge().isEmpty()) return withoutWeakestFact(s, dropped);
    if (!s.postResponse().isEmpty()) {
      dropped.add("post-response");
      return new PromptSpec(s.background(), s.history(), s.queryKnowledge(), s.query(), PostResponse.none());
    }
    return null;
  }

  /** The index of the last piece that came from knowledge (not the persona), or -1. */
  private static int lastKnowledgePiece(List<BackgroundPiece> pieces) {
    for (int i = pieces.size() - 1; i >= 0; i--) if (!pieces.get(i).knowledgeId().isEmpty()) return i;
    return -1;
  }

  private static PromptSpec withoutHistory(PromptSpec s, ContextEntry victim, List<String> dropped) {
    dropped.add("history:" + victim.exchange().index());
    List<ContextEntry> rest = new ArrayList<>(s.history());
    rest.remove(victim);
    return new PromptSpec(s.background(), rest, s.queryKnowledge(), s.query(), s.postResponse());
  }

  private static PromptSpec withoutBackground(PromptSpec s, int victim, List<String> dropped) {
    List<BackgroundPiece> rest = new ArrayList<>(s.background());
    BackgroundPiece removed = rest.remove(victim);
    dropped.add("background:" + (removed.knowledgeId().isEmpty() ? "persona" : removed.knowledgeId()));
    return new PromptSpec(rest, s.history(), s.queryKnowledge(), s.query(), s.postResponse());
  }

  private static PromptSpec withoutWeakestFact(PromptSpec s, List<String> dropped) {
    KnowledgeItem victim = s.queryKnowledge().stream().min(Comparator.comparingDouble(KnowledgeItem::score)).orElseThrow();
    List<KnowledgeItem> rest = new ArrayList<>(s.queryKnowledge());
    rest.remove(victim);
    dropped.add("knowledge:" + victim.id());
    return new PromptSpec(s.background(), s.history(), rest, s.query(), s.postResponse());
  }

  // Keeps the end of the utterance: in a long message the question usually comes last.
  private PromptSpec truncateQuery(PromptSpec s, int budget) {
    String query = PromptText.neutralise(s.query());
    int overhead = counter.count(renderText(new PromptSpec(s.background(), s.history(), s.queryKnowledge(), "", s.postResponse())));
    int[] cps = query.codePoints().toArray();
    int lo = 0, hi = cps.length;
    while (lo < hi) { // smallest start index whose suffix fits
      int mid = (lo + hi) >>> 1;
      String suffix = new String(cps, mid, cps.length - mid);
      if (overhead + counter.count(suffix) <= budget) hi = mid; else lo = mid + 1;
    }
    return new PromptSpec(s.background(), s.history(), s.queryKnowledge(), new String(cps, lo, cps.length - lo), s.postResponse());
  }
}
