"""Greedy replies of a checkpoint on held-out KdConv turns and a few hand prompts, for the model card.

    /usr/bin/python3 training/samples.py training/runs/stage3/ckpt.pt [--n 200]

Also prints a rough character F1 on held-out KdConv (oracle knowledge vs none, last six utterances as context),
as an indication only: the project's figures come from `xdai eval` (docs: evaluation.md), not from this script.
"""
import argparse
import json
import os
import random
import sys
from collections import Counter

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import EOP, SEP, SPECIALS, attr_segment, load_kdconv, neutralise, split_kdconv  # noqa: E402
from export_onnx import empty_past, load, prompt_inputs  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HAND = [
    "A:你好，最近怎么样？|B:[gMASK]",
    "A:你喜欢看电影吗？|B:[gMASK]",
    "A:你好，最近怎么样？|B:[MASK]|A:你不能好好说话吗，怎么突然生气了",
    "Q:长城是什么？ A:长城是中国古代的军事防御工程，东起山海关，西至嘉峪关。|A:你知道长城吗？|B:[gMASK]",
    "Q:头痛是什么？ A:头痛是常见症状，可由感冒、高血压、睡眠不足等引起，应注意休息。|A:医生，我最近总是头痛，怎么办？|B:[gMASK]",
]


@torch.no_grad()
def greedy(model, tok, prompt, max_chars=60):
    ids, pos, ctx, mpos = prompt_inputs(tok, prompt)
    t = lambda x: torch.tensor([x], dtype=torch.long)  # noqa: E731
    logits, past = model(t(ids), torch.tensor([pos]), t(ctx), empty_past(model.cfg))
    out = []
    for s in range(max_chars):
        logits[0, -1, :EOP] = -1e9  # never emit the control tokens before [eop]
        nxt = int(logits[0, -1].argmax())
        if nxt == EOP:
            break
        out.append(nxt)
        logits, past = model(t([nxt]), torch.tensor([[[mpos], [2 + s]]]), t(ctx), past)
    return tok.decode(out).split("|")[0]


def f1(pred, gold):
    p, g = Counter(pred.replace(" ", "")), Counter(gold.replace(" ", ""))
    common = sum((p & g).values())
    if not common:
        return 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, tok, _ = load(args.ckpt)
    for p in HAND:
        print(json.dumps({"prompt": p, "reply": greedy(model, tok, p)}, ensure_ascii=False))
    _, held = split_kdconv(load_kdconv(args.data))
    samples = []
    for convs in held.values():
        for c in convs:
            msgs = c["messages"]
            for i in range(1, len(msgs), 2):
                if msgs[i].get("attrs"):
                    samples.append((msgs, i))
    random.Random(0).shuffle(samples)
    samples = samples[: args.n]
    scores = {"oracle": [], "none": []}
    kf1 = []
    for k, (msgs, i) in enumerate(samples):
        ctx = [("A:" if j % 2 == 0 else "B:") + neutralise(msgs[j]["message"]) for j in range(max(0, i - 6), i)]
        gold = neutralise(msgs[i]["message"])
        know = [attr_segment(a) for a in msgs[i]["attrs"]]
        prompts = {"oracle": ctx[:-1] + know + ctx[-1:] + ["B:[gMASK]"], "none": ctx + ["B:[gMASK]"]}
        for mode, segs in prompts.items():
            reply = greedy(model, tok, SEP.join(segs))
            scores[mode].append(f1(reply, gold))
            if mode == "oracle":
                kf1.append(f1(reply, "".join(a["attrvalue"] for a in msgs[i]["attrs"])[:120]))
            if k < 6:
                print(json.dumps({"mode": mode, "prompt": SEP.join(segs), "reply": reply, "gold": gold},
                                 ensure_ascii=False))
    print(json.dumps({"heldout_samples": len(samples),
                      "char_f1_oracle": round(100 * sum(scores["oracle"]) / len(samples), 1),
                      "char_f1_none": round(100 * sum(scores["none"]) / len(samples), 1),
                      "knowledge_f1_oracle": round(100 * sum(kf1) / len(samples), 1)}))


if __name__ == "__main__":
    main()
