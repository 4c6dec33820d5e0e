package dev.xdai.retrieval.link;

/**
 * An entity mention found in a text: the entity, the span {@code [start, end)} of the original text it covers, and a
 * confidence in (0, 1] that grows with the name's length and with the context's support when the name is ambiguous.
 */
public record LinkedEntity(String entityId, String pack, String label, String surface, int start, int end, double confidence, int candidates) {}
