package dev.xdai.generation.embedded;

import static dev.xdai.generation.embedded.EmbeddedGlmTest.append;
import static dev.xdai.generation.embedded.EmbeddedGlmTest.ints;
import static dev.xdai.generation.embedded.EmbeddedGlmTest.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays every call of a {@code reference.json} (the trainer's PyTorch logits for fixed inputs) through a model, the
 * first with an empty cache and the next ones through it, and hands each step's output to a check.
 */
final class ReferenceReplay {

  /** What a test asserts of one step: {@code what} names it in messages. */
  interface StepCheck {
    void check(String what, JsonNode step, GlmStepOutput out);
  }

  private ReferenceReplay() {}

  static void replay(EmbeddedGlm glm, JsonNode reference, StepCheck check) {
    for (JsonNode c : reference.path("cases")) {
      String name = c.path("name").asText();
      int[] promptIds = glm.tokenizer().encode(c.path("prompt").asText());
      JsonNode steps = c.path("steps");
      assertArrayEquals(ints(steps.get(0).path("input_ids")), append(promptIds, glm.config().sop()), name + ": part A + [sop]");
      try (NDManager manager = glm.newManager(); Predictor<GlmStep, GlmStepOutput> p = glm.newPredictor()) {
        KvCache past = KvCache.empty();
        for (int s = 0; s < steps.size(); s++) {
          JsonNode step = steps.get(s);
          assertEquals(past.length(), step.path("past_length").asInt());
          GlmStepOutput out = p.predict(new GlmStep(longs(step.path("input_ids")), longs(step.path("position_ids").get(0)),
              longs(step.path("position_ids").get(1)), c.path("context_length").asInt(), past, true, manager));
          check.check(name + " step " + s, step, out);
          past = out.present();
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
