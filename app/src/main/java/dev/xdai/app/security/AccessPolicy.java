package dev.xdai.app.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of access control, without HTTP: which requests need an admin key, which cross-site requests are refused,
 * and whether the service may listen where it is asked to.
 */
public final class AccessPolicy {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final List<String> allowedOrigins;

  public AccessPolicy(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(AccessPolicy::origin).toList();
  }

  /** The web console's pages (docs/console.md), without the leading slash. */
  private static final Set<String> CONSOLE_PAGES = Set.of("", "personas", "knowledge", "status");

  /**
   * Whether {@code method path} reads a page of the web console: its HTML holds no data (every figure comes through the
   * API, which asks for the key), so it needs none, the way its scripts and styles need none.
   */
  public static boolean consolePage(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)) && CONSOLE_PAGES.contains(p);
  }

  /** Whether {@code method path} (path without the leading slash) is an administrator's: knowledge, banks, keys, persona edits. */
  public static boolean needsAdmin(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.startsWith("api/admin/") || p.equals("api/admin")) return true;
    return p.startsWith("api/personas") && !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Why a request from a web page of another site must be refused, if it must: a browser sends {@code Origin} (and
   * {@code Sec-Fetch-Site}) with every cross-site request, even the "simple" ones a page can send without asking.
   *
   * @param host the request's {@code Host} header
   */
  public Optional<String> crossSite(String method, String origin, String fetchSite, String host) {
    if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) return Optional.empty();
    if (origin != null && !origin.isBlank() && !origin.equals("null")) {
      String o = origin(origin);
      if (allowedOrigins.contains(o)) return Optional.empty();
      if (host != null && hostOf(o).equalsIgnoreCase(host)) return Optional.empty();
      return Optional.of("cross-site request from " + origin + " refused: add it to xdai.access-control.allowed-origins to allow it");
    }
    if (origin != null && origin.equals("null")) return Optional.of("request from an opaque origin refused");
    if ("cross-site".equalsIgnoreCase(fetchSite)) return Optional.of("cross-site request refused");
    return Optional.empty();
  }

  /** Whether {@code host} (a bind address or name) is reachable only from this machine. */
  public static boolean loopback(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * Why the service must not listen on {@code host}, if it must not: anyone who reaches it could read sessions and
   * change the knowledge when no key guards it.
   */
  public static Optional<String> bindRefusal(String host, boolean anyKey) {
    if (loopback(host) || anyKey) return Optional.empty();
    return Optional.of("xdai will not listen on " + host + " without API keys: anyone who reaches it could read sessions "
        + "and change the knowledge. Create an admin key first (./xdai keys create --name admin --role admin), "
        + "or listen on loopback only (quarkus.http.host=127.0.0.1, the default).");
  }

  private static String origin(String o) {
    try {
      URI u = URI.create(o.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT))
          + (port == -1 || port == defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return o.trim().toLowerCase(Locale.ROOT);
    }
  }

  private static String hostOf(String origin) {
    int i = origin.indexOf("://");
    return i < 0 ? origin : origin.substring(i + 3);
  }
}
