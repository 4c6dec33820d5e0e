package dev.xdai.app.api;

import dev.xdai.knowledge.curation.ConceptExpander;
import dev.xdai.knowledge.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.SyncResult;
import jakarta.inject.Inject;
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

/** Knowledge curation over HTTP: upload a file into a pack, list packs, delete one completely, re-index, expand concepts. */
@Path("/api/admin/packs")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeAdminResource {

  @Inject KnowledgeImporter importer;
  @Inject Packs packs;
  @Inject GraphConnection graph;

  @GET
  public List<PackInfo> list() {
    return packs.list();
  }

  @GET
  @Path("{pack}")
  public PackInfo get(@PathParam("pack") String pack) {
    return packs.get(pack).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no pack '" + pack + "'"));
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

  @DELETE
  @Path("{pack}")
  public Response delete(@PathParam("pack") String pack) {
    if (!packs.delete(pack)) return Problem.response(Response.Status.NOT_FOUND, "no pack '" + pack + "'");
    return Response.noContent().build();
  }

  @POST
  @Path("{pack}/reindex")
  public SyncResult reindex(@PathParam("pack") String pack) {
    return packs.reindex(pack).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no pack '" + pack + "'"));
  }

  @POST
  @Path("{pack}/expand")
  public ConceptExpander.Result expand(@PathParam("pack") String pack) {
    if (!packs.exists(pack)) throw new jakarta.ws.rs.NotFoundException("no pack '" + pack + "'");
    return new ConceptExpander(graph, ConceptExpander.Options.defaults()).expand(pack);
  }
}
