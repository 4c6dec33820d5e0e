package dev.xdai.graph;

/** Where and as whom to connect over Bolt. {@code toString} never shows the password. */
public record GraphEndpoint(String uri, String user, String password) {
  @Override
  public String toString() {
    return "GraphEndpoint[" + uri + " as " + user + "]";
  }
}
