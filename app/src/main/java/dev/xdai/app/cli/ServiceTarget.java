package dev.xdai.app.cli;

import dev.xdai.evaluation.cli.ClientKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running service a command talks to over HTTP: the one named by {@code --url} (any replica, on any host), else the
 * one serving this data directory ({@code service.json}, the one-laptop case). Every request carries the API key in
 * {@code XDAI_API_KEY}, when it is set ({@link ClientKey}).
 */
record ServiceTarget(URI url, ClientKey key) {

  /**
   * @param url the {@code --url} given ({@link ServiceUrl}), or null
   */
  static Optional<ServiceTarget> find(Path dataDir, URI url) {
    ClientKey key = ClientKey.fromEnvironment();
    if (url != null) return Optional.of(new ServiceTarget(url, key));
    return RunningService.find(dataDir).map(s -> new ServiceTarget(s.url(), key));
  }

  /** @throws IllegalArgumentException when {@code url} is not an http(s) URL */
  static URI parse(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--url is not a URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("--url must be the service's base URL, e.g. http://10.0.0.5:8080: " + url);
    }
    return uri;
  }

  /** A request for {@code path} (with its query) on this service, authorised when a key is set. */
  HttpRequest.Builder request(String path) {
    return key.authorize(HttpRequest.newBuilder(url.resolve(path)));
  }
}
