"""Exports a trained checkpoint to the files of docs/model-contract.md.

    /usr/bin/python3 training/export_onnx.py training/runs/stage2/ckpt.pt models/xdai-glm-small

Writes model.onnx (with a key/value cache), tokenizer.json, config.json and reference.json (fixed inputs with the
PyTorch logits, for the Java runtime's parity test). Before writing, it checks in PyTorch that decoding step by step
through the cache gives the logits of a full forward pass.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CharTokenizer, SPECIALS, GMASK, MASK, SOP  # noqa: E402
from model import Glm, GlmConfig  # noqa: E402

OPSET = 14
REFERENCE_PROMPTS = [
    ("gmask", "Q:恋恋笔记本的导演是什么？ A:尼克·卡萨维茨|A:你知道恋恋笔记本这部电影吗？|B:[gMASK]"),
    ("mask_post", "A:你好，最近怎么样？|B:[MASK]|A:你不能好好说话吗，怎么突然生气了|B:哼"),
]


class OnnxGlm(torch.nn.Module):
    """Flat inputs/outputs with the contract's names: (ids, positions, context_length, past k/v...) -> logits, presents."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.n = model.cfg.num_layers

    def forward(self, input_ids, position_ids, context_length, *past):
        pairs = [(past[2 * i], past[2 * i + 1]) for i in range(self.n)]
        logits, presents = self.model(input_ids, position_ids, context_length, pairs)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def load(ckpt_path):
    ck = torch.load(ckpt_path, map_location="cpu")
    cfg = GlmConfig(**ck["config"])
    model = Glm(cfg)
    model.load_state_dict(ck["model"])
    model.eval()
    return model, CharTokenizer(ck["vocab"]), ck.get("summary", {})


def prompt_inputs(tok, prompt):
    """Part A + [sop] with the contract's 2D positions."""
    a = tok.encode_prompt(prompt)
    mpos = next(i for i, t in enumerate(a) if t in (MASK, GMASK))
    ids = a + [SOP]
    pos = [list(range(len(a))) + [mpos], [0] * len(a) + [1]]
    return ids, pos, len(a), mpos


def empty_past(cfg):
    return [(torch.zeros(1, cfg.num_heads, 0, cfg.head_dim), torch.zeros(1, cfg.num_heads, 0, cfg.head_dim))
            for _ in range(cfg.num_layers)]


@torch.no_grad()
def greedy_with_cache(model, ids, pos, ctx, mpos, steps):
    """First call with past length 0, then one token per call; returns the step records and all the logits."""
    cfg = model.cfg
    t = lambda x: torch.tensor([x], dtype=torch.long)  # noqa: E731
    logits, past = model(t(ids), torch.tensor([pos]), t(ctx), empty_past(cfg))
    records = [{"input_ids": ids, "position_ids": pos, "past_length": 0, "logits": logits[0]}]
    seq, all_logits = list(ids), [logits[0]]
    nxt = int(logits[0, -1].argmax())
    for s in range(steps):
        p = [[mpos], [2 + s]]
        past_len = len(seq)
        logits, past = model(t([nxt]), torch.tensor([p]), t(ctx), past)
        records.append({"input_ids": [nxt], "position_ids": p, "past_length": past_len, "logits": logits[0]})
        seq.append(nxt)
        all_logits.append(logits[0])
        nxt = int(logits[0, -1].argmax())
    seq.append(nxt)
    return records, seq, torch.cat(all_logits, 0)


@torch.no_grad()
def check_cache(model, tok, prompt, steps=3):
    """The cached decode must match a single full forward pass over the same tokens."""
    ids, pos, ctx, mpos = prompt_inputs(tok, prompt)
    records, seq, cached = greedy_with_cache(model, ids, pos, ctx, mpos, steps)
    full_ids = seq[:-1]
    full_pos = [pos[0] + [mpos] * steps, pos[1] + [2 + s for s in range(steps)]]
    full, _ = model(torch.tensor([full_ids]), torch.tensor([full_pos]), torch.tensor([ctx]))
    diff = (full[0] - cached).abs().max().item()
    return diff, records, seq


def top_k(logits_row, k=10):
    v, i = logits_row.topk(k)
    return {"ids": i.tolist(), "logits": [round(x, 5) for x in v.tolist()]}


def export_graph(model, onnx_path):
    """Writes the contract's graph, with an example that has a non-empty past so every axis is traced as dynamic."""
    cfg = model.cfg
    wrapper = OnnxGlm(model).eval()
    ex_past = []
    for _ in range(cfg.num_layers):
        ex_past += [torch.randn(1, cfg.num_heads, 5, cfg.head_dim), torch.randn(1, cfg.num_heads, 5, cfg.head_dim)]
    ex = (torch.tensor([[10, 11, 12]]), torch.tensor([[[5, 6, 7], [0, 0, 0]]]), torch.tensor([7]), *ex_past)
    names_past, names_present, axes = [], [], {"input_ids": {1: "q"}, "position_ids": {2: "q"}, "logits": {1: "q"}}
    for l in range(cfg.num_layers):
        names_past += [f"past_key_{l}", f"past_value_{l}"]
        names_present += [f"present_key_{l}", f"present_value_{l}"]
        axes[f"past_key_{l}"] = axes[f"past_value_{l}"] = {2: "past"}
        axes[f"present_key_{l}"] = axes[f"present_value_{l}"] = {2: "total"}
    torch.onnx.export(wrapper, ex, onnx_path, opset_version=OPSET, do_constant_folding=True,
                      input_names=["input_ids", "position_ids", "context_length"] + names_past,
                      output_names=["logits"] + names_present, dynamic_axes=axes)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path))


def export(ckpt_path, out_dir, max_prompt_tokens=None):
    """max_prompt_tokens: the longest part A the model was trained on (train.py's max_a); runtimes keep prompts
    within it, since position embeddings beyond it were never trained. Omitted from config.json when None."""
    model, tok, summary = load(ckpt_path)
    cfg = model.cfg
    os.makedirs(out_dir, exist_ok=True)

    # 1. cache equivalence
    diffs = {}
    refs = []
    for name, prompt in REFERENCE_PROMPTS:
        diff, records, seq = check_cache(model, tok, prompt)
        diffs[name] = diff
        assert diff < 1e-3, f"cached decoding differs from the full pass by {diff} on {name}"
        steps = []
        for r in records:
            steps.append({
                "input_ids": r["input_ids"], "position_ids": r["position_ids"], "past_length": r["past_length"],
                "top10_per_position": [top_k(row) for row in r["logits"]],
                "last_logits": [round(x, 5) for x in r["logits"][-1].tolist()],
            })
        a_len = len(tok.encode_prompt(prompt))
        refs.append({"name": name, "prompt": prompt, "context_length": a_len, "steps": steps,
                     "greedy_ids": seq[a_len + 1:], "greedy_text": tok.decode(seq[a_len + 1:])})

    # 2. ONNX export
    onnx_path = os.path.join(out_dir, "model.onnx")
    export_graph(model, onnx_path)

    # 3. tokenizer, config, reference
    tok.save(os.path.join(out_dir, "tokenizer.json"))
    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "xdai-glm-small", "vocab_size": cfg.vocab_size, "num_layers": cfg.num_layers,
                   "num_heads": cfg.num_heads, "hidden_size": cfg.hidden_size, "head_dim": cfg.head_dim,
                   "max_positions": cfg.max_positions, "ffn_size": cfg.ffn_mult * cfg.hidden_size,
                   **({"max_prompt_tokens": int(max_prompt_tokens)} if max_prompt_tokens else {}),
                   "special_tokens": {s: i for i, s in enumerate(SPECIALS)}}, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out_dir, "reference.json"), "w", encoding="utf-8") as f:
        json.dump({"note": "PyTorch float32 logits for fixed inputs; each step is one call of model.onnx, the "
                           "first with past length 0, the next ones feeding the greedy token with the cache.",
                   "cache_max_abs_diff_vs_full_pass": diffs, "cases": refs}, f, ensure_ascii=False)
    print(json.dumps({"exported": onnx_path, "bytes": os.path.getsize(onnx_path), "cache_diff": diffs,
                      "greedy": {r["name"]: r["greedy_text"] for r in refs}}, ensure_ascii=False))


if __name__ == "__main__":
    # export_onnx.py CKPT [DIR [MAX_PROMPT_TOKENS]]
    export(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "models/xdai-glm-small",
           int(sys.argv[3]) if len(sys.argv) > 3 else None)
