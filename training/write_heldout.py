"""Writes the held-out KdConv conversations (never trained on) in KdConv format, for `xdai eval`.

    /usr/bin/python3 training/write_heldout.py [--data ../shared/data]

Rule (data.KDCONV_HELDOUT_MOD): in each domain's dev.json, conversation index i (file order, from 0) with
i % 10 == 9 is held out: 15 conversations per domain.

    /usr/bin/python3 training/write_heldout.py --split train --out /tmp/kdconv-train

writes the other 135 per domain instead (the conversations the model was trained on): the answer confidence is
calibrated on them (`xdai eval calibrate`), never on the held-out ones.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load_kdconv, split_kdconv  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "training", "heldout"))
    ap.add_argument("--split", choices=["heldout", "train"], default="heldout")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    train, held = split_kdconv(load_kdconv(args.data))
    for domain, convs in (held if args.split == "heldout" else train).items():
        path = os.path.join(args.out, f"kdconv-{domain}-{args.split}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(convs, f, ensure_ascii=False, indent=2)
        print(path, len(convs))
