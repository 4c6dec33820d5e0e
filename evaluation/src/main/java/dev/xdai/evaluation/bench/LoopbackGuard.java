package dev.xdai.evaluation.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Keeps the load generator on this machine: it accepts only http(s) URLs whose host is {@code localhost}, an IPv4
 * address in 127.0.0.0/8 or the IPv6 loopback {@code ::1}. Other host names are refused without being looked up.
 */
public final class LoopbackGuard {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private LoopbackGuard() {}

  /** Returns {@code url} when it is a loopback URL; otherwise throws {@link IllegalArgumentException} saying why. */
  public static URI require(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("the load generator needs an http:// URL, got " + url);
    }
    String host = url.getHost();
    if (host == null || !isLoopback(host)) {
      throw new IllegalArgumentException("the load generator only targets this machine (localhost, 127.0.0.0/8, [::1]); refusing "
          + url);
    }
    return url;
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) return true;
    if (IPV4.matcher(h).matches()) {
      String[] parts = h.split("\\.");
      for (String p : parts) if (Integer.parseInt(p) > 255) return false;
      return parts[0].equals("127");
    }
    if (h.contains(":")) { // an IPv6 literal: parsing it does no look-up
      try {
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
