package dev.xdai.app.security;

import static org.junit.jupiter.api.Assertions.*;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void eachKeyHasItsOwnRequestBudgetAndIsToldWhenToComeBack() {
    RateLimits limits = new RateLimits(3, 1000);
    for (int i = 0; i < 3; i++) assertTrue(limits.admit("a").isEmpty(), "request " + i);
    OptionalLong retry = limits.admit("a");
    assertTrue(retry.isPresent());
    assertTrue(retry.getAsLong() >= 1 && retry.getAsLong() <= 60, String.valueOf(retry.getAsLong()));
    assertTrue(limits.admit("b").isEmpty(), "another key is not affected");
  }

  @Test
  void aSpentTokenBudgetRefusesTheNextRequest() {
    RateLimits limits = new RateLimits(100, 50);
    assertTrue(limits.admit("a").isEmpty());
    limits.charge("a", 30);
    assertTrue(limits.admit("a").isEmpty(), "20 tokens left");
    limits.charge("a", 500); // the turn that overdraws completes
    assertTrue(limits.admit("a").isPresent());
    assertTrue(limits.admit("b").isEmpty());
    limits.charge("b", 0);
    limits.charge("b", -3);
    assertTrue(limits.admit("b").isEmpty());
  }
}
