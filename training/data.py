"""Data for the embedded GLM: loading, the hold-out split, the character tokenizer and training examples.

Dialogue examples are rendered exactly as prompting/GlmPromptRenderer renders prompts (docs/model-contract.md), so
the model is trained on the very layout it will be asked to complete at run time.
"""
import csv
import io
import json
import os
import random
import re
import zipfile
from collections import Counter

import yaml

SPECIALS = ["[pad]", "[unk]", "[MASK]", "[sMASK]", "[gMASK]", "[sop]", "[eop]"]
PAD, UNK, MASK, SMASK, GMASK, SOP, EOP = range(len(SPECIALS))
SEP = "|"

# Hold-out rules (fixed, documented in training/README.md).
KDCONV_HELDOUT_MOD = 10  # conversation index i (per domain, in file order) with i % 10 == 9 is held out
CORPUS_VAL_MOD = 50  # subtitle session / review / medical item index i with i % 50 == 0 is validation

# ---------------------------------------------------------------- text, as PromptText.neutralise does it
_SPACE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")
_CONTROL = re.compile(r"[\[［]\s*(s?mask|gmask|sop|eop|pad|unk|cls|sep)\s*[\]］]", re.IGNORECASE)


def neutralise(text):
    s = _SPACE.sub(" ", text or "").strip()
    s = s.replace(SEP, "｜")
    return _CONTROL.sub(lambda m: "〔" + m.group(1) + "〕", s)


def entity_name(name):
    """KdConv entity names carry a disambiguation in full-width parentheses; cut at the first （."""
    return name.split("（")[0]


def qa_question(entity, attr):
    e = entity_name(entity)
    return e + "是什么？" if attr == "Information" else e + "的" + attr + "是什么？"


def qa_segment(question, answer):
    return "Q:" + neutralise(question) + " A:" + neutralise(answer)


def attr_segment(a):
    """A KdConv triple as the evaluation's QA rendering: answer cut to 120 characters."""
    return qa_segment(qa_question(a["name"], a["attrname"]), a["attrvalue"][:120])


# ---------------------------------------------------------------- quoted answers (mixture "stage4")
_QUOTE_SENTENCE_ENDS = "。！？；!?;\n"
_QUOTE_CLAUSE_ENDS = "，、,：:"
_CLAUSE_SPLIT = re.compile(r"[。！？；!?;\n，、,：:]")
QUOTE_MIN_CLAUSE = 4  # a clause of a knowledge value counts as quoted from 4 characters on
QUOTE_MAX_FRAME = 30  # quoted-answer turns keep replies whose lead-in + tail around the value is this short


def _quote_boundary(v, i, ends):
    if i == 0 or v[i] not in ends:
        return False
    inside = i + 1 < len(v) and v[i - 1].isalnum() and v[i + 1].isalnum()
    return not (inside and ord(v[i]) < 128)


def _quote_trim(s):
    t = s.strip()
    while t and t[-1] in _QUOTE_CLAUSE_ENDS + "；;\n":
        t = t[:-1].strip()
    return t


def quote_span(value, max_chars):
    """The service's QuoteSpan.of (dialogue/.../QuoteSpan.java): the whole value when it fits, else its leading whole
    sentences, else whole clauses within max_chars, else the first clause whole; a verbatim prefix, trimmed."""
    v = value.strip()
    if len(v) <= max_chars:
        return _quote_trim(v)
    end = -1
    for ends in (_QUOTE_SENTENCE_ENDS, _QUOTE_CLAUSE_ENDS):
        for i in range(min(len(v), max_chars)):
            if _quote_boundary(v, i, ends):
                end = i + 1
        if end >= 0:
            break
    if end < 0:
        end = next((i + 1 for i in range(1, len(v)) if _quote_boundary(v, i, _QUOTE_SENTENCE_ENDS + _QUOTE_CLAUSE_ENDS)),
                   len(v))
    return _quote_trim(v[:end])


def curated_reply(answer, max_chars=50):
    """A plain quoted reply, as AnswerFrames renders a curated answer (BARE): the span, closed by 。 if it is open."""
    span = quote_span(answer, max_chars)
    if span and span[-1] not in "。！？!?…":
        span += "。"
    return span


def quoted_values(attr):
    """The strings of a knowledge triple a reply may quote: its whole value and its clauses of >= 4 characters."""
    v = neutralise(attr["attrvalue"])
    out = [v] if len(v) >= 2 else []
    out += [c.strip() for c in _CLAUSE_SPLIT.split(v) if len(c.strip()) >= QUOTE_MIN_CLAUSE and c.strip() != v]
    return out


def quoted_turns(convs, max_frame=QUOTE_MAX_FRAME):
    """(conversation, turn) pairs whose gold reply contains one of the turn's gold knowledge values verbatim, with at
    most max_frame characters of lead-in and tail around the longest such value."""
    out = []
    for c in convs:
        for t, m in enumerate(c["messages"]):
            if t == 0 or not m.get("attrs"):
                continue
            reply = neutralise(m["message"])
            hits = [v for a in m["attrs"] for v in quoted_values(a) if v in reply]
            if hits and len(reply) - max(len(h) for h in hits) <= max_frame:
                out.append((c, t))
    return out


# ---------------------------------------------------------------- loading
def load_kdconv(root):
    """{domain: [conversation]} in file order."""
    out = {}
    for domain in ("film", "music", "travel"):
        with open(os.path.join(root, "kdconv", domain, "dev.json"), encoding="utf-8") as f:
            out[domain] = json.load(f)
    return out


def split_kdconv(kd):
    train, held = {}, {}
    for domain, convs in kd.items():
        train[domain] = [c for i, c in enumerate(convs) if i % KDCONV_HELDOUT_MOD != KDCONV_HELDOUT_MOD - 1]
        held[domain] = [c for i, c in enumerate(convs) if i % KDCONV_HELDOUT_MOD == KDCONV_HELDOUT_MOD - 1]
    return train, held


def corpus_files(root, corpus, suffix):
    """The files of corpora/<corpus> whose names end in suffix, in name order."""
    d = os.path.join(root, "corpora", corpus)
    return [os.path.join(d, name) for name in sorted(os.listdir(d)) if name.endswith(suffix)]


def load_subtitles(root):
    """Sessions of at least two utterances; an E line starts a new session (one may run on into the next file)."""
    sessions = [[]]
    for path in corpus_files(root, "subtitles", ".conv"):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("E"):
                    sessions.append([])
                elif line.startswith("M"):
                    u = neutralise(line[1:])
                    if u:
                        sessions[-1].append(u)
    return [s for s in sessions if len(s) >= 2]


def load_chatterbot(root):
    convs = []
    for path in corpus_files(root, "chatterbot-zh", ".yml"):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for c in doc.get("conversations") or []:
            turns = [neutralise(str(t)) for t in c if t is not None]
            if len(turns) >= 2:
                convs.append(turns)
    return convs


def load_reviews(root):
    d = os.path.join(root, "corpora", "reviews")
    texts = []
    for name in ("hotel.csv", "waimai.csv"):
        with open(os.path.join(d, name), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                texts.append(row.get("review") or "")
    with zipfile.ZipFile(os.path.join(d, "online_shopping_10_cats.zip")) as z:
        for member in z.namelist():
            if member.endswith(".csv"):
                with z.open(member) as f:
                    for row in csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")):
                        texts.append(row.get("review") or "")
    return [t for t in (neutralise(x) for x in texts) if len(t) >= 4]


def load_medical(root):
    out = []
    with open(os.path.join(root, "corpora", "medical-qa", "internal-medicine.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            item = {k: neutralise(r.get(k, "")) for k in ("title", "ask", "answer")}
            if item["ask"] and item["answer"]:
                out.append(item)
    return out


def split_val(items):
    train = [x for i, x in enumerate(items) if i % CORPUS_VAL_MOD != 0]
    val = [x for i, x in enumerate(items) if i % CORPUS_VAL_MOD == 0]
    return train, val


class Data:
    """All sources, split into train and validation parts."""

    def __init__(self, root):
        kd = load_kdconv(root)
        self.kd_train, self.kd_held = split_kdconv(kd)
        self.subs, self.subs_val = split_val(load_subtitles(root))
        self.chat = load_chatterbot(root)
        self.reviews, self.reviews_val = split_val(load_reviews(root))
        self.medical, self.medical_val = split_val(load_medical(root))

    def kd_train_flat(self):
        return [c for convs in self.kd_train.values() for c in convs]

    def kd_held_flat(self):
        return [c for convs in self.kd_held.values() for c in convs]

    def training_texts(self):
        """Every training string (for the character vocabulary); held-out data is not looked at."""
        for c in self.kd_train_flat():
            for m in c["messages"]:
                yield neutralise(m["message"])
                for a in m.get("attrs", []):
                    yield attr_segment(a)
        for s in self.subs:
            yield from s
        for c in self.chat:
            yield from c
        yield from self.reviews
        for m in self.medical:
            yield m["title"]
            yield m["ask"]
            yield m["answer"]


# ---------------------------------------------------------------- tokenizer
ALWAYS = (
    [chr(c) for c in range(32, 127)]
    + list("，。！？、；：“”‘’（）《》【】…—～·｜〔〕％＋－＝＜＞０１２３４５６７８９")
)


def build_vocab(texts, max_chars, min_count):
    counts = Counter()
    for t in texts:
        counts.update(t)
    chars = [c for c, n in counts.most_common() if n >= min_count][:max_chars]
    seen = set(chars)
    chars += [c for c in ALWAYS if c not in seen]
    return SPECIALS + chars


class CharTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}

    def encode(self, text):
        ids = self.ids
        return [ids.get(c, UNK) for c in text]

    def encode_prompt(self, prompt):
        """Like the HuggingFace tokenizer: special tokens matched as whole strings, the rest per character."""
        out = []
        pattern = "(" + "|".join(re.escape(s) for s in SPECIALS) + ")"
        for piece in re.split(pattern, prompt):
            if piece in self.ids and piece in SPECIALS:
                out.append(self.ids[piece])
            elif piece:
                out.extend(self.encode(piece))
        return out

    def decode(self, ids):
        return "".join(self.vocab[i] for i in ids if i >= len(SPECIALS))

    def hf_json(self):
        """tokenizer.json for Rust tokenizers / DJL: a BPE model without merges is a pure character lookup."""
        added = [
            {"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for i, s in enumerate(SPECIALS)
        ]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": None,
            "post_processor": None,
            # BPEDecoder concatenates tokens without separators (no decoder would join them with spaces).
            "decoder": {"type": "BPEDecoder", "suffix": "</w>"},
            "model": {
                "type": "BPE", "dropout": None, "unk_token": "[unk]", "continuing_subword_prefix": None,
                "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                "vocab": {t: i for i, t in enumerate(self.vocab)}, "merges": [],
            },
        }

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.hf_json(), f, ensure_ascii=False)

    @staticmethod
    def load(path):
        with open(path, encoding="utf-8") as f:
            v = json.load(f)["model"]["vocab"]
        vocab = [None] * len(v)
        for t, i in v.items():
            vocab[i] = t
        return CharTokenizer(vocab)


# ---------------------------------------------------------------- examples
class Example:
    """Part A token ids, and the spans (mask index in A, span ids) that part B must generate."""
    __slots__ = ("a", "spans")

    def __init__(self, a, spans):
        self.a, self.spans = a, spans


def pack(ex, max_len):
    """(input_ids, position ids row 0, row 1, targets, context_length); targets -100 on part A."""
    a = ex.a
    ids, pos, blk, tgt = list(a), list(range(len(a))), [0] * len(a), [-100] * len(a)
    for mpos, span in ex.spans:
        seg_in = [SOP] + span
        seg_tgt = span + [EOP]
        ids += seg_in
        pos += [mpos] * len(seg_in)
        blk += list(range(1, len(seg_in) + 1))
        tgt += seg_tgt
    n = min(len(ids), max_len)
    return ids[:n], pos[:n], blk[:n], tgt[:n], len(a)


def render_turns(turns):
    """turns: list of (speaker 'A'|'B', text) -> segments."""
    return [sp + ":" + t for sp, t in turns]


# Shares of the training objectives per example (the rest, to 1, is plain text with GLM's corruptions).
# default: stages 1-3. stage4: KdConv down from 0.45 to 0.28 in all (0.16 as before + 0.12 quoted answers), 0.05
# curated medical answers, the 0.12 left to plain dialogue (the corpora of the service's chit-chat bank).
MIXTURES = {
    "default": dict(kdconv=0.45, kdconv_quoted=0.0, medical_curated=0.0, subs=0.20, chat=0.05, medical=0.10),
    "stage4": dict(kdconv=0.16, kdconv_quoted=0.12, medical_curated=0.05, subs=0.29, chat=0.08, medical=0.10),
}


class ExampleMaker:
    """Draws training examples from the sources with the GLM objectives and the dialogue renderings."""

    def __init__(self, tok, data_part, rng, max_a=400, max_b=96, mixture="default"):
        if mixture not in MIXTURES:
            raise ValueError(f"unknown mixture {mixture!r}; known: {sorted(MIXTURES)}")
        self.tok, self.d, self.rng = tok, data_part, rng
        self.max_a, self.max_b = max_a, max_b
        self.mixture = mixture
        self.kd_all_attrs = [a for c in data_part["kdconv"] for m in c["messages"] for a in m.get("attrs", [])]
        self.kd_quoted = quoted_turns(data_part["kdconv"]) if mixture == "stage4" else []
        # cumulative thresholds, rounded so the default's are exactly the literals stages 1-3 were trained with
        w, acc, self.cuts = MIXTURES[mixture], 0.0, []
        for k in ("kdconv", "kdconv_quoted", "medical_curated", "subs", "chat", "medical"):
            acc = round(acc + w[k], 10)
            self.cuts.append(acc)

    # -- helpers
    def _prompt_example(self, segments, target, gmask=True, post=()):
        """Renders segments + blank (+ post lines); drops leading segments to fit max_a."""
        blank = "B:" + ("[gMASK]" if gmask else "[MASK]")
        tail = [blank] + list(post)
        tgt = self.tok.encode(target[: self.max_b - 1])
        segs = list(segments)
        while True:
            text = SEP.join(segs + tail)
            a = self.tok.encode_prompt(text)
            if len(a) <= self.max_a or len(segs) <= 1:
                break
            segs = segs[1:]
        if len(a) > self.max_a:  # one huge segment: keep its end, as the renderer keeps the query's end
            a = a[-self.max_a:]
        mpos = a.index(GMASK if gmask else MASK) if (GMASK if gmask else MASK) in a else None
        if mpos is None or not tgt:
            return None
        return Example(a, [(mpos, tgt)])

    @staticmethod
    def _speakers(turns, target_index):
        """Label turns so the target utterance is B and the one before it A, alternating backwards."""
        return [("B" if (target_index - i) % 2 == 0 else "A", turns[i]) for i in range(len(turns))]

    def dialogue(self, turns, min_ctx=1, max_ctx=6):
        """Plain dialogue: A:…|B:…|A:<query>|B:[gMASK] -> next utterance; sometimes [MASK] + post lines."""
        r = self.rng
        if len(turns) < 2:
            return None
        t = r.randrange(1, len(turns))
        start = max(0, t - r.randint(min_ctx, max_ctx))
        labelled = self._speakers(turns, t)
        ctx = render_turns(labelled[start:t])
        post = ()
        if t + 1 < len(turns) and r.random() < 0.3:
            post = render_turns(labelled[t + 1: t + 1 + r.randint(1, 2)])
        return self._prompt_example(ctx, turns[t], gmask=not post, post=post)

    def kdconv(self, conv, no_knowledge_p=0.15, turn=None):
        """KdConv turn with its gold knowledge injected before the current user utterance (+ distractors).
        turn: that turn instead of a random one (quoted answers)."""
        r = self.rng
        msgs = conv["messages"]
        if turn is not None:
            t = turn
        else:
            candidates = [i for i in range(1, len(msgs)) if msgs[i].get("attrs")]
            if candidates and r.random() < 0.85:
                t = r.choice(candidates)
            else:
                t = r.randrange(1, len(msgs))
        texts = [neutralise(m["message"]) for m in msgs]
        labelled = self._speakers(texts, t)
        start = max(0, t - r.choice([1, 2, 3, 3, 4, 5, 6, 6, 8, 10, 12]))
        segs = []
        if r.random() < 0.3:  # background prefix: a description of the topic entity
            info = [a for m in msgs for a in m.get("attrs", []) if a["attrname"] == "Information"]
            if info:
                a = r.choice(info)
                segs.append(neutralise(entity_name(a["name"])) + "：" + neutralise(a["attrvalue"][:120]))
        for i in range(start, t):
            sp, text = labelled[i]
            # history knowledge injection: the knowledge of a history turn sits right before its exchange
            if sp == "A" and r.random() < 0.3:
                nxt = msgs[i + 1].get("attrs") if i + 1 < t else None
                if nxt:
                    segs.append(attr_segment(r.choice(nxt)))
            segs.append(sp + ":" + text)
        gold = list(msgs[t].get("attrs", []))
        if r.random() < no_knowledge_p:
            gold = []
        items = [attr_segment(a) for a in gold]
        n_distract = r.choice([0, 0, 1, 1, 2, 3])
        pool = [a for m in msgs for a in m.get("attrs", [])] if r.random() < 0.6 else self.kd_all_attrs
        for _ in range(n_distract):
            if pool:
                d = attr_segment(r.choice(pool))
                if d not in items:
                    items.append(d)
        r.shuffle(items)
        # the current user utterance is the last history segment; knowledge goes right before it
        query = segs.pop() if segs and segs[-1].startswith("A:") else None
        segs += items
        if query is not None:
            segs.append(query)
        post = ()
        if t + 1 < len(msgs) and r.random() < 0.2:
            post = render_turns(labelled[t + 1: t + 1 + r.randint(1, 2)])
        return self._prompt_example(segs, texts[t], gmask=not post, post=post)

    def medical(self, item):
        """Medical QA as knowledge + dialogue: the matching QA is injected with probability 1/2."""
        r = self.rng
        segs = []
        u = r.random()
        if u < 0.5:
            segs.append(qa_segment(item["title"], item["answer"][:120]))
        elif u < 0.7:
            other = r.choice(self.d["medical"])
            segs.append(qa_segment(other["title"], other["answer"][:120]))
        segs.append("A:" + item["ask"][:200])
        return self._prompt_example(segs, item["answer"][:80])

    def quoted_kdconv(self):
        """A KdConv turn whose gold reply quotes its gold knowledge verbatim, rendered as kdconv() with the knowledge
        always injected: the model learns to say the injected value with a short lead-in and tail."""
        conv, t = self.rng.choice(self.kd_quoted)
        return self.kdconv(conv, no_knowledge_p=0.0, turn=t)

    def curated_medical(self, item):
        """The service's curated answer: `Q:<title> A:<answer[:60]>` injected before `A:<ask>`, the reply quoting the
        answer's leading whole clauses (QuoteSpan, 50 characters), nothing added."""
        shown = item["answer"][:60]
        reply = curated_reply(item["answer"], 50)
        if reply.rstrip("。") not in shown:  # a first clause longer than the injected text: it would not be a quote
            return None
        segs = [qa_segment(item["title"], shown), "A:" + item["ask"][:200]]
        return self._prompt_example(segs, reply)

    def corpus(self, text):
        """GLM corruption of plain text: short spans [MASK], a sentence [sMASK], or a long suffix [gMASK]."""
        r = self.rng
        ids = self.tok.encode(text)[: self.max_a + self.max_b - 8]
        n = len(ids)
        if n < 8:
            return None
        u = r.random()
        if u < 0.4:  # [gMASK]: the suffix, 30–100 % of the text as in GLM's document objective
            cut = max(1, int(n * r.uniform(0.0, 0.7)))
            span = ids[cut:][: self.max_b - 1]
            a = ids[:cut][-self.max_a + 1:] + [GMASK]
            return Example(a, [(len(a) - 1, span)])
        if u < 0.7:  # [sMASK]: one or two whole sentences
            bounds = [0] + [i + 1 for i, c in enumerate(ids) if self.tok.vocab[c] in "。！？!?；…"] + [n]
            bounds = sorted(set(bounds))
            if len(bounds) >= 3:
                k = r.randrange(len(bounds) - 1)
                s, e = bounds[k], bounds[min(len(bounds) - 1, k + r.randint(1, 2))]
                span = ids[s:e][: self.max_b - 1]
                a = ids[:s] + [SMASK] + ids[e:]
                if len(a) <= self.max_a and span:
                    return Example(a, [(s, span)])
        # [MASK]: several short spans (Poisson-ish lengths) covering about 15 % of the text
        ids = ids[: self.max_a]
        n = len(ids)
        budget = max(1, int(n * 0.15))
        starts, spans, covered, tries = [], [], set(), 0
        while budget > 0 and tries < 20:
            tries += 1
            ln = min(budget, max(1, int(r.expovariate(1 / 3.0)) + 1))
            s = r.randrange(0, max(1, n - ln))
            if any(i in covered for i in range(s - 1, s + ln + 1)):
                continue
            covered.update(range(s, s + ln))
            starts.append((s, ln))
            budget -= ln
        starts.sort()
        a, out, prev = [], [], 0
        for s, ln in starts:
            a += ids[prev:s]
            out.append((len(a), ids[s:s + ln]))
            a.append(MASK)
            prev = s + ln
        a += ids[prev:]
        r.shuffle(out)  # GLM permutes the span order in part B
        return Example(a, out)

    # -- the mixture
    def sample(self):
        r = self.rng
        d = self.d
        kd, quoted, curated, subs, chat, medical = self.cuts
        while True:
            u = r.random()
            # CPU training sees few tokens, so the mixture leans on the layout the service asks for.
            # The default mixture draws exactly as before (stages 1-3 are unchanged): its empty shares never match.
            if u < kd:
                ex = self.kdconv(r.choice(d["kdconv"]))
            elif u < quoted:
                ex = self.quoted_kdconv() if self.kd_quoted else None
            elif u < curated:
                ex = self.curated_medical(r.choice(d["medical"]))
            elif u < subs:
                ex = self.dialogue(r.choice(d["subs"]))
            elif u < chat:
                ex = self.dialogue(r.choice(d["chat"]), max_ctx=4) if d["chat"] else None
            elif u < medical:
                ex = self.medical(r.choice(d["medical"]))
            else:
                v = r.random()
                if v < 0.45:
                    text = r.choice(d["reviews"])
                elif v < 0.65:
                    m = r.choice(d["medical"])
                    text = m["ask"] + m["answer"]
                elif v < 0.85:
                    s = r.choice(d["subs"])
                    i = r.randrange(len(s))
                    text = "，".join(s[i:i + r.randint(3, 12)])
                else:
                    c = r.choice(d["kdconv"])
                    infos = [a["attrvalue"] for m in c["messages"] for a in m.get("attrs", [])]
                    text = r.choice(infos) if infos else neutralise(c["messages"][0]["message"])
                ex = self.corpus(neutralise(text))
            if ex is not None and ex.spans:
                return ex


def train_part(data):
    return {"kdconv": data.kd_train_flat(), "subs": data.subs, "chat": data.chat,
            "reviews": data.reviews, "medical": data.medical}


def val_sets(data, tok, n=300, seed=1234):
    """Fixed validation examples: held-out corpora (mixed objectives) and held-out KdConv (gold knowledge)."""
    corpus_part = {"kdconv": data.kd_held_flat(), "subs": data.subs_val, "chat": [],
                   "reviews": data.reviews_val, "medical": data.medical_val}
    mk = ExampleMaker(tok, corpus_part, random.Random(seed))
    corpus_ex = []
    while len(corpus_ex) < n:
        u = mk.rng.random()
        ex = mk.dialogue(mk.rng.choice(corpus_part["subs"])) if u < 0.4 else \
            mk.medical(mk.rng.choice(corpus_part["medical"])) if u < 0.55 else \
            mk.corpus(mk.rng.choice(corpus_part["reviews"]))
        if ex is not None:
            corpus_ex.append(ex)
    kd_ex = []
    mk2 = ExampleMaker(tok, corpus_part, random.Random(seed + 1))
    while len(kd_ex) < n:
        ex = mk2.kdconv(mk2.rng.choice(corpus_part["kdconv"]), no_knowledge_p=0.0)
        if ex is not None:
            kd_ex.append(ex)
    return {"val_corpus": corpus_ex, "val_kdconv": kd_ex}
