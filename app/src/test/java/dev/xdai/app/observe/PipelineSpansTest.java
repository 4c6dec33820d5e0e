package dev.xdai.app.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.dialogue.StepObserver;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A turn becomes a span with a child per step, each with its own start and duration, on the wall clock. */
class PipelineSpansTest {

  @Test
  void aTurnIsASpanWithAChildPerStep() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      long t0 = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(60);
      new PipelineSpans(provider.get("xdai")).turn(t0, t0 + 52_000_000, List.of(
          new StepObserver.Step("knowledge", t0 + 1_000_000, t0 + 4_000_000),
          new StepObserver.Step("generate", t0 + 4_000_000, t0 + 51_000_000)));
      List<SpanData> done = exporter.getFinishedSpanItems();
      assertEquals(List.of("xdai.turn.knowledge", "xdai.turn.generate", "xdai.turn"), done.stream().map(SpanData::getName).toList());
      SpanData turn = done.get(2);
      for (SpanData step : done.subList(0, 2)) {
        assertEquals(turn.getSpanId(), step.getParentSpanId());
        assertEquals(turn.getTraceId(), step.getTraceId());
      }
      assertEquals(52_000_000, turn.getEndEpochNanos() - turn.getStartEpochNanos());
      assertEquals(3_000_000, done.get(0).getEndEpochNanos() - done.get(0).getStartEpochNanos());
      assertEquals(1_000_000, done.get(0).getStartEpochNanos() - turn.getStartEpochNanos(), "steps keep their place in the turn");
      assertEquals(done.get(0).getEndEpochNanos(), done.get(1).getStartEpochNanos());
      long ago = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - turn.getStartEpochNanos();
      assertTrue(ago > TimeUnit.MILLISECONDS.toNanos(40) && ago < TimeUnit.SECONDS.toNanos(5), "on the wall clock: " + ago);
    }
  }
}
