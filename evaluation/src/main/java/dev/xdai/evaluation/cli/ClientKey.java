package dev.xdai.evaluation.cli;

import java.net.http.HttpRequest;

/**
 * The API key the command-line clients ({@code xdai chat}, {@code xdai import}, {@code xdai bench load}) send to a
 * running service, taken from the environment rather than the command line, where other users of the machine could
 * read it. Without one, requests go without credentials (a service without keys answers them on loopback).
 */
public final class ClientKey {

  public static final String ENV = "XDAI_API_KEY";

  private final String key; // null: none

  private ClientKey(String key) {
    this.key = key == null || key.isBlank() ? null : key.strip();
  }

  public static ClientKey fromEnvironment() {
    return new ClientKey(System.getenv(ENV));
  }

  public static ClientKey of(String key) {
    return new ClientKey(key);
  }

  /** The request with the key as a bearer token, when there is one. */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) {
    return key == null ? request : request.header("Authorization", "Bearer " + key);
  }

  /** The service's reason for a refusal, with what a person at the terminal can do about it. */
  public String explain(int status, String detail) {
    if (status == 401) {
      return detail + (key == null ? " (set " + ENV + " to a key from ./xdai keys create)" : " (the key in " + ENV + " is not known to the service)");
    }
    if (status == 403 && key != null) return detail + " (check the role and bots of the key in " + ENV + ")";
    return detail;
  }
}
