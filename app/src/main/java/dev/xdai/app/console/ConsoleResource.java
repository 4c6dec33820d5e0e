package dev.xdai.app.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Function;

/**
 * The web console's pages (docs/console.md): chat, personas, knowledge and status, rendered in the caller's language.
 * A page holds no data and needs no key; its script gets everything through the API, with the key the user gives.
 */
@Path("/")
public class ConsoleResource {

  /** The pages' templates, in {@code templates/console/}. */
  @CheckedTemplate(basePath = "console")
  static class Templates {
    static native TemplateInstance chat(Page page);

    static native TemplateInstance personas(Page page);

    static native TemplateInstance knowledge(Page page);

    static native TemplateInstance status(Page page);
  }

  /**
   * Scripts, styles and data come from this service only; no page may frame the console (it holds a key), and it
   * sends no referrer.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** The pages by name: the chat page is the root, the others their own path. */
  private static final Map<String, Function<Page, TemplateInstance>> PAGES = Map.of("chat", Templates::chat,
      "personas", Templates::personas, "knowledge", Templates::knowledge, "status", Templates::status);

  @Inject ConsoleText text;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response chat(@QueryParam("lang") String lang, @CookieParam(ConsoleLanguage.COOKIE) String cookie,
      @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
    return render("chat", lang, cookie, accept);
  }

  @GET
  @Path("{page: personas|knowledge|status}")
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("page") String name, @QueryParam("lang") String lang,
      @CookieParam(ConsoleLanguage.COOKIE) String cookie, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
    return render(name, lang, cookie, accept);
  }

  private Response render(String name, String lang, String cookie, String accept) {
    ConsoleLanguage language = ConsoleLanguage.choose(lang, cookie, accept);
    Page page = new Page(name, language.code(), language.htmlLang(), text.json(language));
    String html = PAGES.get(name).apply(page).setLocale(language.locale()).render();
    Response.ResponseBuilder r = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Content-Language", language.htmlLang())
        .header(HttpHeaders.VARY, "Accept-Language, Cookie")
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer");
    if (ConsoleLanguage.of(lang).isPresent()) { // chosen on the page: remembered for the other pages
      r.cookie(new NewCookie.Builder(ConsoleLanguage.COOKIE).value(language.code()).path("/").maxAge(365 * 24 * 3600)
          .sameSite(NewCookie.SameSite.LAX).build());
    }
    return r.build();
  }
}
