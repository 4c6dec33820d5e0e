package dev.xdai.dialogue;

import java.util.List;

/** Told of each finished turn with its steps, in order, on {@link System#nanoTime}'s clock: for tracing. */
@FunctionalInterface
public interface StepObserver {

  /** One step of a turn; a step may run in more than one part. */
  record Step(String name, long startNanos, long endNanos) {}

  void turn(long startNanos, long endNanos, List<Step> steps);

  StepObserver NONE = (start, end, steps) -> {};
}
