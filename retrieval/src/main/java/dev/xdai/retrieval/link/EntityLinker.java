package dev.xdai.retrieval.link;

import dev.xdai.retrieval.ChineseText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds dictionary entities in Chinese text without spaces. Every name occurrence is found with a trie; overlapping
 * occurrences are resolved to cover the most text, and at equal coverage by the longest names (北京大学 wins over 北京,
 * 北京西站 over 北京 + 西站, but 北京西安 is 北京 + 西安 rather than 京西安); a one-character name links only when it is
 * the whole utterance; a Latin name is never cut out of a longer Latin word. When a name belongs to several entities,
 * the one whose description, names and pack share most character bigrams (and, at half weight, characters) with the
 * utterance and its recent context wins, with a bonus for sharing the pack of the other entities linked in the same
 * text. Thread-safe.
 */
public final class EntityLinker {

  /** Weight of sharing a pack with an unambiguous entity in the same text, against one shared context bigram. */
  static final double COHERENCE_WEIGHT = 2.0;
  /** Descriptions are compared by their head: enough to say what the entity is, bounded work per candidate. */
  static final int DESCRIPTION_CHARS = 300;

  private final EntityDictionary dictionary;

  public EntityLinker(EntityDictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** The generation of the dictionary behind this linker ({@link EntityDictionary#generation()}). */
  public long dictionaryGeneration() {
    return dictionary.generation();
  }

  /** Links entities of any pack in a text alone. */
  public List<LinkedEntity> link(String text) {
    return link(text, List.of(), Set.of());
  }

  /**
   * Links the entities mentioned in {@code text}, of the given packs (empty = all), using {@code context} (recent
   * utterances) only to choose between entities that share a name. The result is ordered by position.
   */
  public List<LinkedEntity> link(String text, List<String> context, Set<String> packs) {
    if (text == null || text.isEmpty()) return List.of();
    EntityDictionary.Snapshot snapshot = dictionary.snapshot();
    String folded = ChineseText.fold(text);
    String wholeText = ChineseText.contentOnly(text);
    List<Mention> mentions = new ArrayList<>();
    for (int start = 0; start < folded.length(); start++) {
      final int s = start;
      snapshot.trie().matchesAt(folded, start, (end, entities) -> {
        List<Integer> inPacks = new ArrayList<>();
        for (int e : entities) if (packs.isEmpty() || packs.contains(snapshot.entities().get(e).pack())) inPacks.add(e);
        if (inPacks.isEmpty() || !acceptable(folded, s, end, wholeText)) return;
        mentions.add(new Mention(s, end, inPacks));
      });
    }
    List<Mention> chosen = bestCover(mentions, folded.length());
    return disambiguate(chosen, text, context, snapshot);
  }

  /**
   * Never a name without a letter or ideograph (a song called 《？》 must not be found in every question); one-character
   * names only as the whole utterance; Latin names only on Latin word boundaries.
   */
  private static boolean acceptable(String folded, int start, int end, String wholeText) {
    String content = ChineseText.contentOnly(folded.substring(start, end));
    if (content.isEmpty()) return false;
    if (content.length() == 1 && !wholeText.equals(content)) return false;
    return !(start > 0 && joins(folded.charAt(start - 1), folded.charAt(start)))
        && !(end < folded.length() && joins(folded.charAt(end - 1), folded.charAt(end)));
  }

  /** Two neighbouring characters that belong to one Latin word or one number. */
  private static boolean joins(char a, char b) {
    if (!ChineseText.isLatinWordChar(a) || !ChineseText.isLatinWordChar(b)) return false;
    return Character.isDigit(a) == Character.isDigit(b);
  }

  /**
   * Chooses non-overlapping mentions that cover the most characters, then have the largest sum of squared lengths
   * (which prefers one long name to several short ones of the same total), by dynamic programming over end positions.
   * Returned in text order.
   */
  private static List<Mention> bestCover(List<Mention> mentions, int length) {
    List<List<Mention>> endingAt = new ArrayList<>(length + 1);
    for (int i = 0; i <= length; i++) endingAt.add(new ArrayList<>());
    for (Mention m : mentions) endingAt.get(m.end).add(m);
    long[] best = new long[length + 1]; // coverage << 32 | sum of squared lengths
    Mention[] last = new Mention[length + 1]; // the mention ending the best cover of [0, i), or null
    for (int i = 1; i <= length; i++) {
      best[i] = best[i - 1];
      for (Mention m : endingAt.get(i)) {
        int len = m.end - m.start;
        long value = best[m.start] + ((long) len << 32) + (long) len * len;
        if (value > best[i]) {
          best[i] = value;
          last[i] = m;
        }
      }
    }
    List<Mention> kept = new ArrayList<>();
    for (int i = length; i > 0; ) {
      if (last[i] == null) {
        i--;
      } else {
        kept.add(last[i]);
        i = last[i].start;
      }
    }
    kept.sort(Comparator.comparingInt(m -> m.start));
    return kept;
  }

  private List<LinkedEntity> disambiguate(List<Mention> mentions, String text, List<String> context, EntityDictionary.Snapshot snapshot) {
    Set<String> unambiguousPacks = new HashSet<>();
    for (Mention m : mentions) if (m.entities.size() == 1) unambiguousPacks.add(snapshot.entities().get(m.entities.get(0)).pack());
    Set<String> contextBigrams = null; // computed only if some name is ambiguous
    Set<String> contextChars = null;
    List<LinkedEntity> out = new ArrayList<>(mentions.size());
    for (Mention m : mentions) {
      String surface = text.substring(m.start, m.end);
      double prior = lengthPrior(ChineseText.contentOnly(surface).length());
      if (m.entities.size() == 1) {
        out.add(linked(snapshot.entities().get(m.entities.get(0)), surface, m, prior, 1));
        continue;
      }
      if (contextBigrams == null) {
        String all = text + "\n" + String.join("\n", context);
        contextBigrams = ChineseText.bigrams(all);
        contextChars = ChineseText.topicChars(all);
      }
      Set<String> surfaceBigrams = ChineseText.bigrams(surface);
      Set<String> surfaceChars = ChineseText.topicChars(surface);
      double[] support = new double[m.entities.size()];
      double total = 0;
      int best = 0;
      for (int i = 0; i < support.length; i++) {
        DictionaryEntity e = snapshot.entities().get(m.entities.get(i));
        support[i] = 1 + contextSupport(e, contextBigrams, surfaceBigrams, contextChars, surfaceChars)
            + (unambiguousPacks.contains(e.pack()) ? COHERENCE_WEIGHT : 0);
        total += support[i];
        if (support[i] > support[best]) best = i; // ties keep the earlier entity, so the result is deterministic
      }
      out.add(linked(snapshot.entities().get(m.entities.get(best)), surface, m, prior * support[best] / total, support.length));
    }
    return out;
  }

  /**
   * How much of the context the entity's names, description head and pack share, the mention's own characters aside:
   * one per shared bigram, half per shared topic character.
   */
  private static double contextSupport(DictionaryEntity e, Set<String> contextBigrams, Set<String> surfaceBigrams,
      Set<String> contextChars, Set<String> surfaceChars) {
    String description = e.description().length() > DESCRIPTION_CHARS ? e.description().substring(0, DESCRIPTION_CHARS) : e.description();
    String about = String.join("\n", e.names()) + "\n" + description + "\n" + e.pack();
    return shared(ChineseText.bigrams(about), contextBigrams, surfaceBigrams) + 0.5 * shared(ChineseText.topicChars(about), contextChars, surfaceChars);
  }

  private static int shared(Set<String> entity, Set<String> context, Set<String> mention) {
    int n = 0;
    for (String x : entity) if (context.contains(x) && !mention.contains(x)) n++;
    return n;
  }

  /** Longer names are less often accidental: a 2-character match is weaker evidence than a 4-character one. */
  static double lengthPrior(int contentChars) {
    if (contentChars <= 1) return 0.5;
    if (contentChars == 2) return 0.8;
    return 1.0;
  }

  private static LinkedEntity linked(DictionaryEntity e, String surface, Mention m, double confidence, int candidates) {
    return new LinkedEntity(e.id(), e.pack(), e.label(), surface, m.start, m.end, confidence, candidates);
  }

  private record Mention(int start, int end, List<Integer> entities) {}
}
