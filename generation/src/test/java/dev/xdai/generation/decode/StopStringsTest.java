package dev.xdai.generation.decode;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

  @Test
  void cutsAtTheEarliestStopEvenInsideAPiece() {
    StopStrings s = new StopStrings(List.of("|", "B:"));
    assertEquals("你好", s.accept("你好"));
    assertEquals("呀", s.accept("呀|A:"));
    assertTrue(s.stopped());
    assertEquals("", s.accept("more"));
    assertEquals("你好呀", s.text());
  }

  @Test
  void holdsBackAPossibleStartThenReleasesIt() {
    StopStrings s = new StopStrings(List.of("B:"));
    assertEquals("x", s.accept("xB"));
    assertEquals("Bc", s.accept("c"));
    assertEquals("y", s.accept("yB"));
    assertEquals("B", s.flush());
    assertEquals("xBcyB", s.text());
    assertFalse(s.stopped());
  }
}
