package dev.xdai.graph;

/** The graph's state for health checks: UP, DEGRADED (e.g. the server crashed and is being restarted) or DOWN. */
public record GraphHealth(Status status, String detail, String uri) {

  /** Health levels, from good to bad. */
  public enum Status { UP, DEGRADED, DOWN }

  public boolean isUp() {
    return status == Status.UP;
  }
}
