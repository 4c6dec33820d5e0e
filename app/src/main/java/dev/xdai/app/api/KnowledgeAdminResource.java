package dev.xdai.app.api;

import dev.xdai.knowledge.curation.ConceptExpander;
import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.SyncResult;
import dev.xdai.dialogue.UserText;
import dev.xdai.knowledge.ingest.Neighbourhood;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.Retrieval;
import dev.xdai.retrieval.hybrid.HybridKnowledgeSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knowledge curation over HTTP: upload a file into a pack, list packs, delete one completely, re-index, expand concepts;
 * and look into a pack: search it as a turn does, find its entities and what the graph holds around one.
 */
@Path("/api/admin/packs")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeAdminResource {

  @Inject KnowledgeImporter importer;
  @Inject Packs packs;
  @Inject GraphConnection graph;
  @Inject Retrieval retrieval;
  @Inject dev.xdai.app.XdaiConfig config;

  /** The most items a search or a neighbourhood list returns. */
  static final int MAX_ITEMS = 50;

  /**
   * An item as a search found it: its rank, fused score (1.0: first in every list) and its rank in each list that found
   * it ({@code bm25}, {@code vector}, {@code entity}: the entities the query names, {@code focus}: the dialogue's).
   */
  public record Hit(int rank, String id, String format, String title, String text, String source, String pack, double score,
      Map<String, Integer> lists) {}

  /** A search of one pack: what was asked, for which formats, and the ranked items. */
  public record Search(String pack, String query, String format, List<Hit> hits) {}

  /** An entity of a pack: id, display name, full name. */
  public record EntityView(String id, String name, String fullName) {
    static EntityView of(Neighbourhood.EntityRef e) { return new EntityView(e.id(), e.name(), e.fullName()); }
  }

  /** One fact of an entity, a description or an FAQ pair about it ({@code title} the label or the question). */
  public record TextView(String id, String title, String text) {}

  /** A link to another entity through a fact ({@code outgoing}: this entity's fact names the other). */
  public record LinkView(EntityView other, String attribute, boolean outgoing) {}

  /** An entity and what lies around it in the graph; {@code truncated} when a list was cut to the limit. */
  public record Around(EntityView entity, List<String> aliases, List<TextView> facts, List<TextView> descriptions, List<TextView> qa,
      List<LinkView> links, boolean truncated) {
    static Around of(Neighbourhood n) {
      return new Around(EntityView.of(n.entity()), n.aliases(),
          n.facts().stream().map(f -> new TextView(f.id(), f.attribute(), f.value())).toList(),
          n.descriptions().stream().map(t -> new TextView(t.id(), t.title(), t.text())).toList(),
          n.qa().stream().map(t -> new TextView(t.id(), t.title(), t.text())).toList(),
          n.links().stream().map(l -> new LinkView(EntityView.of(l.other()), l.attribute(), l.outgoing())).toList(), n.truncated());
    }
  }

  @GET
  public List<PackInfo> list() {
    return packs.list();
  }

  @GET
  @Path("{pack}")
  public PackInfo get(@PathParam("pack") String pack) {
    return packs.get(pack).orElseThrow(() -> noPack(pack));
  }

  /**
   * Imports the request body (one file, streamed) into {@code pack}: {@code ?format=kdconv|triples|faq|text}, an optional
   * {@code name} for the source, and {@code faqFields} for JSON lines with other field names.
   */
  @POST
  @Path("{pack}/import")
  @Upload
  @Consumes(MediaType.WILDCARD)
  public ImportResult importFile(@PathParam("pack") String pack, @QueryParam("format") String format, @QueryParam("name") String name,
      @QueryParam("faqFields") String faqFields, InputStream body) {
    if (format == null || format.isBlank()) throw new IllegalArgumentException("query parameter 'format' is required (kdconv, triples, faq, text)");
    ImportFormat fmt = ImportFormat.parse(format);
    return importer.importStream(pack, name == null || name.isBlank() ? "upload" : name, fmt,
        faqFields == null ? FaqFields.DEFAULT : FaqFields.parse(faqFields), body);
  }

  /**
   * Searches the pack as a turn's knowledge lookup does (the same hybrid retrieval, without dialogue context): {@code q}
   * the utterance, {@code format} {@code qa} (what is placed before the utterance, the default), {@code description}
   * (what goes into the background) or {@code all}, at most {@code limit} items.
   */
  @GET
  @Path("{pack}/search")
  public Search search(@PathParam("pack") String pack, @QueryParam("q") String q, @QueryParam("format") @DefaultValue("qa") String format,
      @QueryParam("limit") @DefaultValue("10") int limit) {
    if (q == null || q.isBlank()) throw new IllegalArgumentException("query parameter 'q' is required: the text to search for");
    checkLimit(limit);
    Set<KnowledgeItem.Format> formats = switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "qa" -> Set.of(KnowledgeItem.Format.QA);
      case "description" -> Set.of(KnowledgeItem.Format.DESCRIPTION);
      case "all" -> Set.of(KnowledgeItem.Format.values());
      default -> throw new IllegalArgumentException("query parameter 'format' must be qa, description or all, found '" + format + "'");
    };
    requirePack(pack);
    String text = UserText.clean("q", q);
    int length = text.codePointCount(0, text.length());
    if (length > config.limits().maxTextChars()) {
      throw new IllegalArgumentException("q is " + length + " characters; the limit is " + config.limits().maxTextChars());
    }
    List<HybridKnowledgeSource.Found> found = retrieval.source().explain(new KnowledgeQuery(text, List.of(), Set.of(pack), limit, formats));
    List<Hit> hits = new java.util.ArrayList<>(found.size());
    for (HybridKnowledgeSource.Found f : found) {
      KnowledgeItem k = f.item();
      hits.add(new Hit(hits.size() + 1, k.id(), k.format().name().toLowerCase(java.util.Locale.ROOT), k.title(), k.text(), k.source(), k.pack(),
          k.score(), f.ranks()));
    }
    return new Search(pack, text, format.toLowerCase(java.util.Locale.ROOT), hits);
  }

  /** The pack's entities whose name or an alias contains {@code name}, exact names first. */
  @GET
  @Path("{pack}/entities")
  public List<EntityView> entities(@PathParam("pack") String pack, @QueryParam("name") String name,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("query parameter 'name' is required: a part of an entity's name");
    checkLimit(limit);
    requirePack(pack);
    return packs.findEntities(pack, name, limit).stream().map(EntityView::of).toList();
  }

  /** The entity {@code id} of the pack and what the graph holds around it, each list at most {@code limit} long. */
  @GET
  @Path("{pack}/entities/{id}")
  public Around neighbourhood(@PathParam("pack") String pack, @PathParam("id") String id, @QueryParam("limit") @DefaultValue("30") int limit) {
    checkLimit(limit);
    requirePack(pack);
    return packs.neighbourhood(pack, id, limit).map(Around::of)
        .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no entity '" + id + "' in pack '" + pack + "'"));
  }

  private void requirePack(String pack) {
    if (!packs.exists(pack)) throw noPack(pack);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_ITEMS) throw new IllegalArgumentException("limit must be from 1 to " + MAX_ITEMS + ", found " + limit);
  }

  @DELETE
  @Path("{pack}")
  public Response delete(@PathParam("pack") String pack) {
    if (!packs.delete(pack)) return Problem.response(Response.Status.NOT_FOUND, "no pack '" + pack + "'");
    return Response.noContent().build();
  }

  @POST
  @Path("{pack}/reindex")
  public SyncResult reindex(@PathParam("pack") String pack) {
    return packs.reindex(pack).orElseThrow(() -> noPack(pack));
  }

  @POST
  @Path("{pack}/expand")
  public ConceptExpander.Result expand(@PathParam("pack") String pack) {
    if (!packs.exists(pack)) throw noPack(pack);
    return new ConceptExpander(graph, ConceptExpander.Options.defaults()).expand(pack);
  }

  private static jakarta.ws.rs.NotFoundException noPack(String pack) {
    return new jakarta.ws.rs.NotFoundException("no pack '" + pack + "'");
  }
}
