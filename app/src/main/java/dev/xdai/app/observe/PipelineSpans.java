package dev.xdai.app.observe;

import dev.xdai.dialogue.StepObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A finished turn as OpenTelemetry spans: {@code xdai.turn} with one child per step ({@code xdai.turn.<step>}), each
 * with its own start and end. With tracing off the tracer is a no-op.
 */
public final class PipelineSpans implements StepObserver {

  private final Tracer tracer;

  public PipelineSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void turn(long startNanos, long endNanos, List<Step> steps) {
    // Steps are timed on the monotonic clock; spans want wall-clock time: every end moves by the same offset.
    long toEpoch = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
    Span turn = tracer.spanBuilder("xdai.turn").setStartTimestamp(startNanos + toEpoch, TimeUnit.NANOSECONDS).startSpan();
    Context parent = Context.current().with(turn);
    for (Step step : steps) {
      tracer.spanBuilder("xdai.turn." + step.name()).setParent(parent)
          .setStartTimestamp(step.startNanos() + toEpoch, TimeUnit.NANOSECONDS).startSpan()
          .end(step.endNanos() + toEpoch, TimeUnit.NANOSECONDS);
    }
    turn.end(endNanos + toEpoch, TimeUnit.NANOSECONDS);
  }
}
