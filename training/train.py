"""Trains the embedded GLM from ../shared/data and exports it to models/xdai-glm-small.

    /usr/bin/python3 training/train.py --config shipped      # the shipped model
    /usr/bin/python3 training/train.py --config smoke        # a tiny CPU run, a couple of minutes

Training is time-boxed (--minutes): the cosine schedule runs on the fraction of the time box used, so the same
command gives a finished schedule on a laptop CPU and on a GPU (where it simply sees many more tokens).
"""
import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CharTokenizer, Data, ExampleMaker, MIXTURES, build_vocab, pack, train_part, val_sets, PAD  # noqa: E402
from model import Glm, GlmConfig  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFIGS = {
    # layers, width, heads, minutes, tokens per batch, lr, warm-up steps, max part A, max part B
    "smoke": dict(num_layers=2, hidden_size=128, num_heads=4, minutes=2, batch_tokens=2048, lr=1e-3, warmup=20,
                  max_a=192, max_b=48, val_n=20),
    "first": dict(num_layers=4, hidden_size=256, num_heads=4, minutes=8, batch_tokens=4096, lr=1e-3, warmup=50,
                  max_a=400, max_b=96, val_n=40),
    "shipped": dict(num_layers=4, hidden_size=192, num_heads=3, minutes=105, batch_tokens=4096, lr=1.5e-3, warmup=100,
                    max_a=400, max_b=96, val_n=100),
}


def batches(maker, batch_tokens, max_len, rng, pool=256):
    """Endless batches of similar-length examples (less padding): draw a pool, sort by length, cut by tokens."""
    while True:
        packed = [pack(maker.sample(), max_len) for _ in range(pool)]
        packed.sort(key=lambda p: len(p[0]))
        out, cur = [], []
        for p in packed:
            if cur and (len(cur) + 1) * len(p[0]) > batch_tokens:
                out.append(cur)
                cur = []
            cur.append(p)
        if cur:
            out.append(cur)
        rng.shuffle(out)
        yield from out


def collate(items, device):
    n = max(len(p[0]) for p in items)
    ids = torch.full((len(items), n), PAD, dtype=torch.long)
    pos = torch.zeros((len(items), 2, n), dtype=torch.long)
    tgt = torch.full((len(items), n), -100, dtype=torch.long)
    ctx = torch.zeros(len(items), dtype=torch.long)
    for i, (a, p, b, t, c) in enumerate(items):
        ids[i, :len(a)] = torch.tensor(a)
        pos[i, 0, :len(p)] = torch.tensor(p)
        pos[i, 1, :len(b)] = torch.tensor(b)
        tgt[i, :len(t)] = torch.tensor(t)
        ctx[i] = c
    return ids.to(device), pos.to(device), ctx.to(device), tgt.to(device)


@torch.no_grad()
def evaluate(model, examples, max_len, device, amp):
    model.eval()
    total, count = 0.0, 0
    packed = sorted((pack(e, max_len) for e in examples), key=lambda p: len(p[0]))
    for i in range(0, len(packed), 16):
        ids, pos, ctx, tgt = collate(packed[i:i + 16], device)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=amp):
            sel = tgt != -100
            logits, _ = model(ids, pos, ctx, select=sel)
        loss = F.cross_entropy(logits.float(), tgt[sel], reduction="sum")
        total += loss.item()
        count += (tgt != -100).sum().item()
    model.train()
    return total / max(1, count)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="shipped", choices=sorted(CONFIGS))
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=None, help="model folder (default models/xdai-glm-small; smoke: runs/)")
    ap.add_argument("--run-dir", default=None)
    ap.add_argument("--minutes", type=float, default=None, help="override the time box")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-chars", type=int, default=6500)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--init", default=None, help="start from this checkpoint's weights (same vocabulary) instead of"
                    " random ones: a second schedule on top of a finished run")
    ap.add_argument("--lr", type=float, default=None, help="override the peak learning rate")
    ap.add_argument("--mixture", default="default", choices=sorted(MIXTURES),
                    help="shares of the training objectives (data.MIXTURES): default (stages 1-3) or stage4")
    ap.add_argument("--eval-only", action="store_true", help="only compute the validation losses (of --init's"
                    " weights) and exit: no training, no checkpoint, no export")
    args = ap.parse_args()
    cfg = dict(CONFIGS[args.config])
    if args.minutes is not None:
        cfg["minutes"] = args.minutes
    if args.lr is not None:
        cfg["lr"] = args.lr
    run_dir = args.run_dir or os.path.join(REPO, "training", "runs", args.config)
    out_dir = args.out or (os.path.join(run_dir, "model") if args.config == "smoke"
                           else os.path.join(REPO, "models", "xdai-glm-small"))
    os.makedirs(run_dir, exist_ok=True)
    if not args.eval_only:
        os.makedirs(out_dir, exist_ok=True)

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    cuda = torch.cuda.is_available()
    device = torch.device("cuda" if cuda else "cpu")
    amp = cuda and torch.cuda.is_bf16_supported()
    if not cuda:
        torch.set_num_threads(args.threads)

    t0 = time.time()
    data = Data(args.data)
    tok = CharTokenizer(build_vocab(data.training_texts(), args.max_chars, args.min_count))
    log = open(os.path.join(run_dir, "log.jsonl"), "a", encoding="utf-8")

    def emit(rec):
        rec["t"] = round(time.time() - t0, 1)
        print(json.dumps(rec, ensure_ascii=False), flush=True)
        log.write(json.dumps(rec, ensure_ascii=False) + "\n")
        log.flush()

    emit({"event": "data", "vocab": len(tok.vocab), "kdconv_train": len(data.kd_train_flat()),
          "kdconv_heldout": len(data.kd_held_flat()), "subtitle_sessions": len(data.subs), "chatterbot": len(data.chat),
          "reviews": len(data.reviews), "medical": len(data.medical)})

    mcfg = GlmConfig(vocab_size=len(tok.vocab), num_layers=cfg["num_layers"], num_heads=cfg["num_heads"],
                     hidden_size=cfg["hidden_size"], max_positions=512)
    model = Glm(mcfg).to(device)
    if args.init:
        # Continuing needs the very vocabulary the checkpoint was trained with; the data decide it, so check it.
        init = torch.load(args.init, map_location="cpu")
        if init["vocab"] != tok.vocab or init["config"] != mcfg.to_dict():
            sys.exit(f"--init {args.init}: its vocabulary or architecture differs from this configuration's")
        model.load_state_dict(init["model"])
        emit({"event": "init", "from": args.init, "summary": init.get("summary")})
    emit({"event": "model", "params": model.num_params(), "config": mcfg.to_dict(), "train": cfg,
          "mixture": args.mixture, "device": str(device), "bf16": amp})

    max_len = cfg["max_a"] + cfg["max_b"]
    vals = val_sets(data, tok, n=cfg["val_n"])
    if args.eval_only:
        emit({"event": "eval", "init": args.init, **{k: round(evaluate(model, v, max_len, device, amp), 4)
                                                     for k, v in vals.items()}})
        return
    maker = ExampleMaker(tok, train_part(data), rng, cfg["max_a"], cfg["max_b"], mixture=args.mixture)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "emb" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "emb" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=cfg["lr"], betas=(0.9, 0.95))

    budget = cfg["minutes"] * 60
    start = time.time()
    step, tokens, targets, ema = 0, 0, 0, None
    next_eval = 0.25
    for batch in batches(maker, cfg["batch_tokens"], max_len, rng):
        frac = (time.time() - start) / budget
        if frac >= 1.0:
            break
        lr = cfg["lr"] * min(1.0, (step + 1) / cfg["warmup"]) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        ids, pos, ctx, tgt = collate(batch, device)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=amp):
            sel = tgt != -100
            logits, _ = model(ids, pos, ctx, select=sel)
        loss = F.cross_entropy(logits.float(), tgt[sel])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens += (ids != PAD).sum().item()
        targets += (tgt != -100).sum().item()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        if step % 20 == 0:
            el = time.time() - start
            emit({"event": "train", "step": step, "loss": round(ema, 4), "lr": round(lr, 6), "tokens": tokens,
                  "target_tokens": targets, "tokens_per_s": round(tokens / el, 1)})
        if frac >= next_eval:
            emit({"event": "val", "step": step, **{k: round(evaluate(model, v, max_len, device, amp), 4)
                                                   for k, v in vals.items()}})
            next_eval += 0.25
            torch.save({"model": model.state_dict(), "config": mcfg.to_dict(), "vocab": tok.vocab, "step": step},
                       os.path.join(run_dir, "ckpt-partial.pt"))
    elapsed = time.time() - start
    final = {k: round(evaluate(model, v, max_len, device, amp), 4) for k, v in vals.items()}
    summary = {"event": "done", "steps": step, "train_loss_ema": round(ema, 4), **final, "tokens": tokens,
               "target_tokens": targets, "train_seconds": round(elapsed, 1),
               "tokens_per_s": round(tokens / elapsed, 1), "params": model.num_params(), "device": str(device),
               "command": " ".join(["/usr/bin/python3", "training/train.py"] + sys.argv[1:])}
    emit(summary)

    ckpt = os.path.join(run_dir, "ckpt.pt")
    torch.save({"model": model.state_dict(), "config": mcfg.to_dict(), "vocab": tok.vocab, "summary": summary}, ckpt)
    if not args.no_export:
        from export_onnx import export
        export(ckpt, out_dir, max_prompt_tokens=cfg["max_a"])
        emit({"event": "exported", "dir": out_dir})


if __name__ == "__main__":
    main()
