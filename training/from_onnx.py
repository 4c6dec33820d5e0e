"""Rebuilds a training checkpoint from an exported float model folder (model.onnx + config.json + tokenizer.json).

    /usr/bin/python3 training/from_onnx.py models/xdai-glm-small training/runs/stage3/ckpt.pt [--data DIR]

The PyTorch checkpoints live in training/runs/ (git-ignored); when one is lost, the float export holds the same
weights. This maps the ONNX initializers back to Glm's state_dict:
- initializers that kept their PyTorch names (`model.<key>`: embeddings, layer norms, biases) are copied;
- each weight matrix the exporter stored anonymously (`onnx::MatMul_N`) is the right-hand side of a MatMul whose
  output is named `/model/<module>/MatMul_output_0`, i.e. the Linear's weight transposed ([in, out]);
- the output head's MatMul (output `logits`) holds tok.weight transposed (tied); it must equal the embedding.
Every state_dict key must be filled exactly once and with its shape; otherwise it stops.

Then it checks, before writing anything:
- the rebuilt model replays every call of reference.json (first call with past 0, then the cache) within --tol
  (default 1e-4) of the logits recorded at export (top-10 per position and the full last row);
- with --data (the default, ../shared/data): the vocabulary train.py builds from the data equals the tokenizer's
  (train.py's --init refuses a checkpoint whose vocabulary or configuration differs).
Writes {"model", "config", "vocab", "summary"} as train.py saves it.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CharTokenizer, Data, build_vocab  # noqa: E402
from model import Glm, GlmConfig  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_MATMUL_OUT = re.compile(r"^/model/(.+)/MatMul_output_0$")


def state_dict_from_onnx(onnx_path, cfg):
    """Glm state_dict from model.onnx; raises if a key is missing, doubled or of the wrong shape."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    want = Glm(cfg).state_dict()
    sd, used = {}, set()

    def put(key, arr, src):
        if key not in want:
            raise ValueError(f"{src}: no state_dict key {key}")
        if key in sd:
            raise ValueError(f"{src}: {key} filled twice")
        if tuple(arr.shape) != tuple(want[key].shape):
            raise ValueError(f"{src}: {key} has shape {arr.shape}, the model wants {tuple(want[key].shape)}")
        sd[key] = torch.from_numpy(np.ascontiguousarray(arr).astype(np.float32))
        used.add(src)

    for name, arr in inits.items():
        if name.startswith("model."):
            put(name[len("model."):], arr, name)
    head = None
    for n in m.graph.node:
        if n.op_type != "MatMul" or n.input[1] not in inits:
            continue
        w = inits[n.input[1]]
        if n.output[0] == "logits":
            head = (n.input[1], w)
            continue
        mo = _MATMUL_OUT.match(n.output[0])
        if not mo:
            raise ValueError(f"MatMul by {n.input[1]} with an output name not traced to a module: {n.output[0]}")
        module = mo.group(1).replace("/", ".")  # /model/layers.0/qkv -> layers.0.qkv
        put(module + ".weight", w.T, n.input[1])
    if head is None:
        raise ValueError("no output head MatMul (output 'logits') with a weight initializer")
    tok = sd.get("tok.weight")
    if tok is None or not np.array_equal(head[1].T, tok.numpy()):
        raise ValueError("the output head is not the token embedding transposed (the model ties them)")
    used.add(head[0])
    missing = sorted(set(want) - set(sd))
    unused = sorted(set(inits) - used)
    if missing:
        raise ValueError(f"state_dict keys without an ONNX initializer: {missing}")
    if unused:
        raise ValueError(f"ONNX initializers not mapped: {unused}")
    return sd


def load_model_dir(model_dir):
    """(Glm in eval mode, CharTokenizer, config.json) from an exported float folder."""
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        cj = json.load(f)
    if "quantization" in cj:
        sys.exit(f"{model_dir} is a quantised build; rebuild from the float export")
    cfg = GlmConfig(vocab_size=cj["vocab_size"], num_layers=cj["num_layers"], num_heads=cj["num_heads"],
                    hidden_size=cj["hidden_size"], max_positions=cj["max_positions"],
                    ffn_mult=cj["ffn_size"] // cj["hidden_size"])
    assert cfg.head_dim == cj["head_dim"], (cfg.head_dim, cj["head_dim"])
    model = Glm(cfg)
    model.load_state_dict(state_dict_from_onnx(os.path.join(model_dir, "model.onnx"), cfg))
    model.eval()
    tok = CharTokenizer.load(os.path.join(model_dir, "tokenizer.json"))
    if len(tok.vocab) != cfg.vocab_size or any(t is None for t in tok.vocab):
        raise ValueError("tokenizer.json's vocabulary does not fill 0..vocab_size-1")
    return model, tok, cj


@torch.no_grad()
def replay_reference(model, reference_path):
    """Largest |logit difference| over every call of reference.json (the runtime's calls, with the cache)."""
    with open(reference_path, encoding="utf-8") as f:
        ref = json.load(f)
    cfg = model.cfg
    worst, calls = 0.0, 0
    for case in ref["cases"]:
        past = [(torch.zeros(1, cfg.num_heads, 0, cfg.head_dim), torch.zeros(1, cfg.num_heads, 0, cfg.head_dim))
                for _ in range(cfg.num_layers)]
        ctx = torch.tensor([case["context_length"]])
        for step in case["steps"]:
            assert past[0][0].shape[2] == step["past_length"]
            logits, past = model(torch.tensor([step["input_ids"]]), torch.tensor([step["position_ids"]]), ctx, past)
            rows = logits[0]
            d = (rows[-1] - torch.tensor(step["last_logits"])).abs().max().item()
            for row, top in zip(rows, step["top10_per_position"]):
                d = max(d, (row[top["ids"]] - torch.tensor(top["logits"])).abs().max().item())
            worst = max(worst, d)
            calls += 1
    return worst, calls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("ckpt")
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--max-chars", type=int, default=6500)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--no-vocab-check", action="store_true", help="skip rebuilding the vocabulary from --data")
    args = ap.parse_args()

    model, tok, cj = load_model_dir(args.model_dir)
    worst, calls = replay_reference(model, os.path.join(args.model_dir, "reference.json"))
    print(json.dumps({"reference_calls": calls, "max_abs_logit_diff_vs_reference": worst}))
    if not worst < args.tol:
        sys.exit(f"rebuilt model differs from reference.json by {worst} (> {args.tol}); not writing {args.ckpt}")
    vocab_checked = False
    if not args.no_vocab_check:
        built = build_vocab(Data(args.data).training_texts(), args.max_chars, args.min_count)
        if built != tok.vocab:
            diff = next((i for i, (a, b) in enumerate(zip(built, tok.vocab)) if a != b), min(len(built), len(tok.vocab)))
            sys.exit(f"the vocabulary built from {args.data} differs from tokenizer.json (sizes {len(built)} vs "
                     f"{len(tok.vocab)}, first difference at id {diff}); train.py --init would refuse it")
        vocab_checked = True
        print(json.dumps({"vocab_equal_to_data": True, "vocab": len(built)}))
    summary = {"event": "rebuilt", "from": os.path.abspath(args.model_dir),
               "max_abs_logit_diff_vs_reference": worst, "reference_calls": calls, "vocab_checked": vocab_checked,
               "params": model.num_params()}
    os.makedirs(os.path.dirname(os.path.abspath(args.ckpt)), exist_ok=True)
    torch.save({"model": model.state_dict(), "config": model.cfg.to_dict(), "vocab": tok.vocab, "summary": summary},
               args.ckpt)
    print(json.dumps({"written": args.ckpt, **summary}))


if __name__ == "__main__":
    main()
