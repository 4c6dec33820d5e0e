package dev.xdai.knowledge.ingest;

import java.util.List;

/**
 * An entity of a pack and what the graph holds right around it: its names, its facts, the descriptions and FAQ pairs
 * about it, and the entities its facts link it to (both ways). Each list is cut to the limit asked for; {@code truncated}
 * says whether any was.
 */
public record Neighbourhood(EntityRef entity, List<String> aliases, List<Fact> facts, List<Text> descriptions, List<Text> qa,
    List<Link> links, boolean truncated) {

  /** An entity: its id, display name and full name. */
  public record EntityRef(String id, String name, String fullName) {}

  /** One fact of the entity. */
  public record Fact(String id, String attribute, String value) {}

  /** A description ({@code title} its label) or an FAQ pair ({@code title} the question, {@code text} the answer). */
  public record Text(String id, String title, String text) {}

  /**
   * A link to another entity through a fact's value: {@code outgoing} when this entity's fact names the other (its
   * {@code attribute}), else the other's fact names this one.
   */
  public record Link(EntityRef other, String attribute, boolean outgoing) {}

  public Neighbourhood {
    aliases = List.copyOf(aliases);
    facts = List.copyOf(facts);
    descriptions = List.copyOf(descriptions);
    qa = List.copyOf(qa);
    links = List.copyOf(links);
  }
}
