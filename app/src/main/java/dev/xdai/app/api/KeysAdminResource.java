package dev.xdai.app.api;

import dev.xdai.app.security.ApiKeys;
import dev.xdai.dialogue.DialogueException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** API keys over HTTP, for admin keys: the same file {@code xdai keys} writes. */
@Path("/api/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysAdminResource {

  @Inject ApiKeys keys;

  /** {@code POST /api/admin/keys}: a name, {@code chat} or {@code admin}, and for a chat key the bots it may use (none: all). */
  public record CreateKey(String name, String role, List<String> bots) {}

  /** A key as listed: never its secret. */
  public record KeyView(String name, String role, List<String> bots, String hint, Instant createdAt, Instant revokedAt) {
    static KeyView of(ApiKeys.Key k) {
      return new KeyView(k.name(), k.role().label(), k.bots(), k.hint(), k.createdAt(), k.revokedAt());
    }
  }

  /** A created key with its secret, which is shown this once. */
  public record CreatedKey(KeyView key, String secret) {}

  @GET
  public List<KeyView> list() {
    return keys.list().stream().map(KeyView::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateKey body) {
    if (body == null || body.name() == null) throw new IllegalArgumentException("body must be {\"name\": ..., \"role\": \"chat\"|\"admin\"}");
    ApiKeys.Created c = keys.create(body.name(), ApiKeys.Role.parse(body.role() == null ? "chat" : body.role()),
        body.bots() == null ? List.of() : body.bots());
    return Response.status(201).entity(new CreatedKey(KeyView.of(c.key()), c.secret())).build();
  }

  @DELETE
  @Path("{name}")
  public Response revoke(@PathParam("name") String name) {
    if (!keys.revoke(name)) throw new DialogueException(DialogueException.Kind.NOT_FOUND, "no active key named '" + name + "'");
    return Response.noContent().build();
  }
}
