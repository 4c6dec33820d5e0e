"""Quantises an exported model to int8 weights, the way onnxruntime's quantize_dynamic does, without onnxruntime.

    /usr/bin/python3 training/quantize_onnx.py models/xdai-glm-small training/runs/int8/model

There is no onnxruntime for this Python, so the graph is rewritten by hand with standard operators:
- every MatMul by a weight matrix W [K, N] becomes DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q) -> Cast ->
  Mul(x_scale * w_scale), with W_q symmetric per output column in 8 bits, stored as uint8 (see WEIGHT_ZERO_POINT;
  x is quantised per call, uint8 asymmetric);
- every Gather from an embedding table E [V, D] becomes a Gather from E_q int8 (symmetric per row) times the
  gathered rows' scales.
config.json gets the suffix -int8 on its name; the other files are copied; reference.json keeps the float model's logits, so
`check_onnx.py DIR --max-diff X` shows how far the quantised graph drifts from it.
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def per_column_int8(w):
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


# Weights of the matrix products are stored as uint8 around a zero point of 128, not as int8: CPUs without VNNI multiply
# uint8 by int8 with an instruction that adds pairs of products in saturating int16 (255 * 127 * 2 overflows it), while
# onnxruntime's uint8 x uint8 kernel widens first. Same 8-bit precision, no saturation.
WEIGHT_ZERO_POINT = 128


def quantize(model):
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    nodes, new_inits, dropped = [], [], set()
    counts = {"matmul": 0, "gather": 0}
    for n in g.node:
        w = inits.get(n.input[1]) if n.op_type == "MatMul" else None
        if w is not None and len(w.dims) == 2:
            wq, ws = per_column_int8(numpy_helper.to_array(w))
            wu = (wq.astype(np.int16) + WEIGHT_ZERO_POINT).astype(np.uint8)
            p = n.name or n.output[0]
            new_inits += [numpy_helper.from_array(wu, p + "_Wq"), numpy_helper.from_array(ws, p + "_Ws"),
                          numpy_helper.from_array(np.array(WEIGHT_ZERO_POINT, np.uint8), p + "_Wz")]
            nodes += [
                helper.make_node("DynamicQuantizeLinear", [n.input[0]], [p + "_xq", p + "_xs", p + "_xz"]),
                helper.make_node("MatMulInteger", [p + "_xq", p + "_Wq", p + "_xz", p + "_Wz"], [p + "_int"]),
                helper.make_node("Cast", [p + "_int"], [p + "_f"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [p + "_xs", p + "_Ws"], [p + "_s"]),
                helper.make_node("Mul", [p + "_f", p + "_s"], [n.output[0]]),
            ]
            dropped.add(w.name)
            counts["matmul"] += 1
            continue
        e = inits.get(n.input[0]) if n.op_type == "Gather" else None
        if e is not None and len(e.dims) == 2 and e.dims[0] >= 256:
            # per row: the transposed per-column rule
            eq, es = per_column_int8(numpy_helper.to_array(e).T)
            p = n.name or n.output[0]
            new_inits += [numpy_helper.from_array(np.ascontiguousarray(eq.T), p + "_Eq"),
                          numpy_helper.from_array(es.reshape(-1, 1), p + "_Es")]
            nodes += [
                helper.make_node("Gather", [p + "_Eq", n.input[1]], [p + "_rows"], axis=0),
                helper.make_node("Cast", [p + "_rows"], [p + "_f"], to=TensorProto.FLOAT),
                helper.make_node("Gather", [p + "_Es", n.input[1]], [p + "_s"], axis=0),
                helper.make_node("Mul", [p + "_f", p + "_s"], [n.output[0]]),
            ]
            dropped.add(e.name)
            counts["gather"] += 1
            continue
        nodes.append(n)
    still_used = {i for n in nodes for i in n.input}
    kept = [i for i in g.initializer if i.name not in dropped or i.name in still_used]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    onnx.checker.check_model(model)
    return counts


def main(src, dst):
    model = onnx.load(os.path.join(src, "model.onnx"))
    counts = quantize(model)
    os.makedirs(dst, exist_ok=True)
    onnx.save(model, os.path.join(dst, "model.onnx"))
    for f in ("tokenizer.json", "reference.json"):
        shutil.copy(os.path.join(src, f), os.path.join(dst, f))
    cfg = json.load(open(os.path.join(src, "config.json"), encoding="utf-8"))
    cfg["name"] = cfg["name"] + "-int8"
    cfg["quantization"] = "int8 weights: per-column MatMulInteger with dynamic uint8 activations; per-row embeddings"
    with open(os.path.join(dst, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, ensure_ascii=False, indent=1)
    size = os.path.getsize(os.path.join(dst, "model.onnx"))
    print(json.dumps({"quantized": counts, "bytes": size, "from_bytes": os.path.getsize(os.path.join(src, "model.onnx"))}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
