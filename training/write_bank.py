"""Writes the shipped response bank, src/main/resources/bank/chitchat.tsv (context<TAB>reply lines), from the shared
corpora: every chatterbot-zh exchange, the KdConv replies that used no knowledge in the conversations the model was
trained on (never the held-out ones), and a seeded sample of subtitle exchanges. The service imports the file into its
Lucene bank on first start (the same reader and filter as `./xdai import --format dialogue`, which builds a bigger bank
from a user's own logs); this script only picks and pre-filters, so that the file stays small.

    /usr/bin/python3 training/write_bank.py [--data ../shared/data] [--subtitles 24000]
"""
import argparse
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load_kdconv, split_kdconv  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The same rule as BankFilter (Java), so that the file holds only what the bank keeps.
FACTS = re.compile(r"[0-9０-９零〇两一二三四五六七八九十百千万亿]{2,}|[0-9０-９]|[A-Za-zＡ-Ｚａ-ｚ]{2,}|[《》·•]")
LOOP = re.compile(r"(.{1,8})\1{3,}")


def keep(context, reply):
    c, r = context.strip(), reply.strip()
    if not (2 <= len(r) <= 40) or not (1 <= len(c) <= 60):
        return False
    if "|" in c or "|" in r or "\t" in c or "\t" in r or "[" in r:
        return False
    return not LOOP.search(r) and not FACTS.search(r)


def chatterbot(root):
    out = []
    d = os.path.join(root, "corpora", "chatterbot-zh")
    for name in sorted(os.listdir(d)):
        conv, inside = [], False
        for line in open(os.path.join(d, name), encoding="utf-8"):
            if not line.startswith((" ", "-")):
                inside = line.startswith("conversations:")
            if not inside:
                continue
            t = line.strip()
            if t.startswith("- - "):
                out += list(zip(conv, conv[1:]))
                conv = [t[4:].strip().strip("\"'")]
            elif t.startswith("- ") and conv:
                conv.append(t[2:].strip().strip("\"'"))
        out += list(zip(conv, conv[1:]))
    return out


def subtitles(root, n, seed):
    pairs = []
    d = os.path.join(root, "corpora", "subtitles")
    for name in sorted(os.listdir(d)):
        if not name.endswith(".conv"):
            continue
        session = []
        for line in open(os.path.join(d, name), encoding="utf-8"):
            if line.strip() == "E":
                pairs += list(zip(session, session[1:]))
                session = []
            elif line.startswith("M "):
                session.append(re.sub(r"\s+", " ", line[2:]).strip())
        pairs += list(zip(session, session[1:]))
    pairs = [p for p in pairs if keep(*p) and len(p[1]) >= 4]
    random.Random(seed).shuffle(pairs)
    return pairs[:n]


def kdconv(root):
    train, _ = split_kdconv(load_kdconv(root))
    out = []
    for convs in train.values():
        for c in convs:
            m = c["messages"]
            for i in range(1, len(m)):
                if not m[i].get("attrs"):
                    out.append((m[i - 1]["message"], m[i]["message"]))
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--subtitles", type=int, default=24000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(REPO, "src", "main", "resources", "bank", "chitchat.tsv"))
    args = ap.parse_args()
    parts = [("chatterbot-zh", chatterbot(args.data)), ("kdconv", kdconv(args.data)),
             ("subtitles", subtitles(args.data, args.subtitles, args.seed))]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    seen = set()
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# xdai's shipped response bank: context<TAB>reply. Written by training/write_bank.py; see its docstring.\n")
        for source, pairs in parts:
            kept = 0
            for c, r in pairs:
                c, r = c.strip(), r.strip()
                if keep(c, r) and (c, r) not in seen:
                    seen.add((c, r))
                    f.write(f"{c}\t{r}\n")
                    kept += 1
            print(source, len(pairs), "->", kept)
    print(args.out, os.path.getsize(args.out), "bytes")
