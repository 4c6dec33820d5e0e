package dev.xdai.app.security;

import dev.xdai.dialogue.Access;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who the current HTTP request comes from, as the access filter established it: the dialogue's {@link Access} (owner,
 * sessions and bots it reaches) and the name of its API key, if any.
 */
@RequestScoped
public class CurrentCaller {

  private Access access = Access.ANY;

  /** What this request may reach; {@link Access#ANY} when access control is off. */
  public Access access() {
    return access;
  }

  void set(Access access) {
    this.access = access;
  }

  /** Counts the tokens this request's reply generated against its key's limit. */
  public void charge(int tokens) {
    // the access filter's rate limits hook in here
  }
}
