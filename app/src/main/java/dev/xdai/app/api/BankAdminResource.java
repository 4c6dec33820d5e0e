package dev.xdai.app.api;

import dev.xdai.knowledge.ingest.ConversationReader;
import dev.xdai.retrieval.bank.BankEntry;
import dev.xdai.retrieval.bank.ResponseBank;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Response banks over HTTP: import one conversation file into a bank (replacing what it held), and how large a bank
 * is. The file's kind follows {@code name}: {@code .tsv}, {@code .conv}, {@code .yml}, {@code .json} (KdConv).
 */
@Path("/api/admin/banks")
@Produces(MediaType.APPLICATION_JSON)
public class BankAdminResource {

  @Inject ResponseBank bank;

  /** A bank's size after an import: exchanges read from the file and kept by the filter. */
  public record Imported(String bank, int read, int kept) {}

  /** A bank and how many exchanges it holds. */
  public record Size(String bank, int size) {}

  @POST
  @Path("{bank}/import")
  @Upload
  @Consumes(MediaType.WILDCARD)
  public Imported importFile(@PathParam("bank") String name, @QueryParam("name") String fileName, InputStream body) throws IOException {
    if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) throw new IllegalArgumentException("a bank name is [a-z0-9][a-z0-9-]{0,63}, not '" + name + "'");
    String file = fileName == null || fileName.isBlank() ? "upload.tsv" : fileName;
    List<BankEntry> entries = ConversationReader.read(body, file, "import:" + name + ":" + file);
    return new Imported(name, entries.size(), bank.replace(name, entries));
  }

  @GET
  @Path("{bank}")
  public Size size(@PathParam("bank") String name) {
    return new Size(name, bank.size(name));
  }
}
