package dev.xdai.retrieval.index;

import dev.xdai.prompting.KnowledgeItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One unit of knowledge as the index stores it: a {@link KnowledgeItem}'s fields plus the ids of the graph entities it
 * is about (a description's own entity; the entities a QA pair mentions), through which entity linking finds it.
 */
public record IndexedKnowledge(String id, KnowledgeItem.Format format, String title, String text, String source, String pack,
    List<String> entityIds, KnowledgeItem.Fact fact) {

  /** Descriptions are embedded up to this many characters: the head of an abstract says what the entity is. */
  static final int DESCRIPTION_EMBED_CHARS = 200;

  public IndexedKnowledge(String id, KnowledgeItem.Format format, String title, String text, String source, String pack,
      List<String> entityIds) {
    this(id, format, title, text, source, pack, entityIds, null);
  }

  public IndexedKnowledge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    if (id.isBlank()) throw new IllegalArgumentException("id must not be blank");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    source = source == null ? "" : source;
    pack = pack == null ? "" : pack;
    entityIds = entityIds == null ? List.of() : List.copyOf(entityIds);
  }

  public static IndexedKnowledge qa(String id, String question, String answer, String source, String pack, List<String> entityIds) {
    return new IndexedKnowledge(id, KnowledgeItem.Format.QA, question, answer, source, pack, entityIds);
  }

  public static IndexedKnowledge description(String id, String label, String text, String source, String pack, List<String> entityIds) {
    return new IndexedKnowledge(id, KnowledgeItem.Format.DESCRIPTION, label, text, source, pack, entityIds);
  }

  /**
   * What the vector represents. A QA pair is embedded by its question alone, because a user utterance is matched
   * against questions (the method injects the QA pair whose question is most like the utterance); a description by its
   * label and the head of its abstract.
   */
  public String embeddingText() {
    if (format == KnowledgeItem.Format.QA) return title.isBlank() ? text : title;
    String head = text.length() > DESCRIPTION_EMBED_CHARS ? text.substring(0, DESCRIPTION_EMBED_CHARS) : text;
    return title.isBlank() ? head : title + "：" + head;
  }

  /**
   * A digest of everything the index stores for this item: equal fingerprints mean the stored document (and its vector)
   * can be kept as it is when a pack is synchronised again.
   */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<String> parts = new java.util.ArrayList<>(List.of(id, format.name(), title, text, source, pack, String.join("\u0001", entityIds)));
      // Only a fact adds parts, so items without one keep the fingerprints (and vectors) an older index stored.
      if (fact != null) parts.addAll(List.of(fact.entity(), fact.attribute()));
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  public KnowledgeItem toItem(double score) {
    return new KnowledgeItem(id, format, title, text, source, pack, score, fact);
  }
}
