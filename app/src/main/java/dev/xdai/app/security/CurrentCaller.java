package dev.xdai.app.security;

import dev.xdai.dialogue.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who the current HTTP request comes from, as {@link AccessFilter} established it: the dialogue's {@link Access}
 * (owner, sessions and bots it reaches) and the name of its API key, if any.
 */
@RequestScoped
public class CurrentCaller {

  @Inject RateLimits limits;

  private Access access = Access.ANY;
  private String key = "";

  /** What this request may reach; {@link Access#ANY} when access control is off. */
  public Access access() {
    return access;
  }

  /** The name of the request's API key; empty when access control is off. */
  public String key() {
    return key;
  }

  void set(ApiKeys.Key key) {
    this.access = key.access();
    this.key = key.name();
  }

  /** Counts the tokens this request's reply generated against its key's limit. */
  public void charge(int tokens) {
    if (!key.isEmpty()) limits.charge(key, tokens);
  }
}
