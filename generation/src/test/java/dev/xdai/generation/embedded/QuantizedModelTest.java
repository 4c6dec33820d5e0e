package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.generation.decode.TokenSampler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The int8 build the service runs (training/quantize_onnx.py: MatMulInteger with dynamically quantised activations)
 * against the float model's PyTorch logits, through ONNX Runtime's integer kernels: the same arg-max at every step of
 * the reference, and logits within {@link #INT8_TOLERANCE}. Skipped when the int8 build is absent.
 */
class QuantizedModelTest {

  /** Absolute, on logits that span about 20: int8 rounding, not a wiring error (those are off by whole units). */
  static final double INT8_TOLERANCE = 1.0;

  @Test
  void int8BuildKeepsTheFloatModelsChoicesAndCloseLogits() throws Exception {
    Path dir = ModelFixture.require(ModelFixture.int8Dir());
    JsonNode reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    double[] worst = {0};
    int[] steps = {0};
    try (EmbeddedGlm int8 = ModelFixture.load(dir)) {
      assertTrue(int8.info().name().endsWith("-int8"), int8.info().name());
      ReferenceReplay.replay(int8, reference, (what, step, out) -> {
        JsonNode expected = step.path("last_logits");
        worst[0] = Math.max(worst[0], EmbeddedGlmTest.maxAbsDiff(expected, out.lastRow(), what));
        assertEquals(TokenSampler.argmax(EmbeddedGlmTest.floats(expected)), TokenSampler.argmax(out.lastRow()), what + ": arg-max");
        steps[0]++;
      });
    }
    assertTrue(steps[0] > 0, "the reference has steps");
    System.out.println("int8 vs float reference: max abs logit diff " + worst[0] + " over " + steps[0] + " steps");
    assertTrue(worst[0] <= INT8_TOLERANCE, "max abs logit diff " + worst[0]);
    // Zero would mean the float graph was shipped under the int8 name.
    assertTrue(worst[0] > 1e-3, "max abs logit diff " + worst[0] + " is float parity, not int8");
  }
}
