package dev.xdai.generation.embedded;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The model's pre- and post-processing for one step, per docs/model-contract.md: token ids, 2D positions,
 * {@code context_length} and the past key/values in; logits and the present key/values out. Inputs are named, so their
 * order does not matter. The present tensors move to the step's cache owner instead of dying with the call, which is
 * what keeps the cache engine-side between steps. No batchifier: the graph has batch size 1 and the ONNX Runtime engine
 * has no stacking operator.
 */
final class GlmStepTranslator implements NoBatchifyTranslator<GlmStep, GlmStepOutput> {

  private final GlmConfig config;

  GlmStepTranslator(GlmConfig config) { this.config = config; }

  @Override
  public NDList processInput(TranslatorContext ctx, GlmStep step) {
    ctx.setAttachment("step", step);
    NDManager m = ctx.getNDManager();
    int q = step.ids().length;
    long[] positions = new long[2 * q];
    System.arraycopy(step.positions(), 0, positions, 0, q);
    System.arraycopy(step.blockPositions(), 0, positions, q, q);
    NDList in = new NDList(3 + 2 * config.numLayers());
    in.add(named(m.create(step.ids(), new Shape(1, q)), "input_ids"));
    in.add(named(m.create(positions, new Shape(1, 2, q)), "position_ids"));
    in.add(named(m.create(new long[] {step.contextLength()}, new Shape(1)), "context_length"));
    for (int l = 0; l < config.numLayers(); l++) {
      in.add(named(step.past().isEmpty() ? emptyPast(m) : step.past().key(l), "past_key_" + l));
      in.add(named(step.past().isEmpty() ? emptyPast(m) : step.past().value(l), "past_value_" + l));
    }
    return in;
  }

  @Override
  public GlmStepOutput processOutput(TranslatorContext ctx, NDList out) {
    GlmStep step = (GlmStep) ctx.getAttachment("step");
    NDArray logits = out.get("logits");
    long[] shape = logits.getShape().getShape(); // [1, q, vocab]
    int q = (int) shape[1];
    int vocab = (int) shape[2];
    FloatBuffer all = logits.toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    int first = step.allRows() ? 0 : q - 1;
    float[][] rows = new float[q - first][vocab];
    for (int r = first; r < q; r++) all.get(r * vocab, rows[r - first]);
    NDList present = new NDList(2 * config.numLayers());
    for (int l = 0; l < config.numLayers(); l++) {
      present.add(out.get("present_key_" + l));
      present.add(out.get("present_value_" + l));
    }
    present.attach(step.cacheOwner());
    return new GlmStepOutput(rows, new KvCache(present, step.past().length() + step.ids().length));
  }

  private NDArray emptyPast(NDManager m) {
    return m.create(FloatBuffer.allocate(0), new Shape(1, config.numHeads(), 0, config.headDim()), DataType.FLOAT32);
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }
}
