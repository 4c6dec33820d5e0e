package dev.xdai.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The time one turn spends in each step: summed per step for the grounding, and every part told to the observer. */
final class StepClock {

  private final Map<String, Double> totalsMs = new LinkedHashMap<>();
  private final List<StepObserver.Step> steps = new ArrayList<>();
  private final StepObserver observer;

  StepClock(StepObserver observer) {
    this.observer = observer;
  }

  /** Ends {@code step}, begun at {@code since}, now; returns now, where the next step begins. */
  long lap(String step, long since) {
    long now = System.nanoTime();
    totalsMs.merge(step, (now - since) / 1e6, Double::sum);
    steps.add(new StepObserver.Step(step, since, now));
    return now;
  }

  /** Ends the turn begun at {@code start}: the per-step sums, with the whole turn as {@code total}. */
  Map<String, Double> finish(long start) {
    long now = System.nanoTime();
    totalsMs.put("total", (now - start) / 1e6);
    observer.turn(start, now, List.copyOf(steps));
    return totalsMs;
  }
}
