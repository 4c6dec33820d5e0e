"""Hand-run checks of the GLM layout (not run by CI):  /usr/bin/python3 training/test_model.py

- the attention mask is the contract's rule (A bidirectional, B causal and seeing all of A);
- decoding through the key/value cache (first call with past length 0) equals a full forward pass;
- part A does not see part B: changing part B leaves part A's outputs unchanged;
- the tokenizer matches special tokens as whole strings and every other code point one by one;
- the int8 graph of quantize_onnx.py computes what the float graph does, within the quantisation error;
- from_onnx.py gives back the exported weights exactly, and the shipped float export replays its reference.json;
  with the training data at hand, its tokenizer is the vocabulary train.py builds (what --init checks);
- the stage-4 mixture's quotes are the service's (QuoteSpan), and the default mixture's thresholds are the old ones.
"""
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import (CharTokenizer, Data, MIXTURES, SPECIALS, GMASK, SOP, UNK, ExampleMaker, build_vocab,  # noqa: E402
                  neutralise, quote_span)
from check_onnx import run as run_onnx  # noqa: E402
from export_onnx import check_cache, export_graph  # noqa: E402
from quantize_onnx import per_column_int8, quantize  # noqa: E402
from model import Glm, GlmConfig, attention_mask  # noqa: E402
from from_onnx import load_model_dir, replay_reference, state_dict_from_onnx  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = os.path.join(REPO, "models", "xdai-glm-small")
DATA = os.environ.get("XDAI_TRAINING_DATA", os.path.join(REPO, "..", "shared", "data"))


def tiny_tokenizer():
    return CharTokenizer(SPECIALS + list("ABQ:|你好吗？我很。的是什么电影") + [" "])


class ModelTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.tok = tiny_tokenizer()
        self.model = Glm(GlmConfig(vocab_size=len(self.tok.vocab), num_layers=2, num_heads=2, hidden_size=32,
                                   max_positions=64)).eval()
        # larger weights than the 0.02 init so that a masking bug shows up in the logits
        with torch.no_grad():
            for p in self.model.parameters():
                p.add_(torch.randn_like(p) * 0.3)

    def test_mask_rule(self):
        m = attention_mask(5, 5, 0, torch.tensor([3]))[0, 0]
        expected = torch.tensor([[1, 1, 1, 0, 0],
                                 [1, 1, 1, 0, 0],
                                 [1, 1, 1, 0, 0],
                                 [1, 1, 1, 1, 0],
                                 [1, 1, 1, 1, 1]], dtype=torch.bool)
        self.assertTrue(torch.equal(m, expected))
        # one cached query at absolute index 6 sees everything up to itself
        self.assertTrue(attention_mask(1, 7, 6, torch.tensor([3]))[0, 0].all())

    def test_cache_equals_full_pass(self):
        for prompt in ("A:你好吗？|B:[gMASK]", "A:你好|B:[MASK]|A:我很好。"):
            diff, _, _ = check_cache(self.model, self.tok, prompt, steps=4)
            self.assertLess(diff, 1e-4, prompt)

    def test_part_a_ignores_part_b(self):
        a = self.tok.encode_prompt("A:你好吗？|B:[gMASK]")
        pos_a = list(range(len(a)))
        def run(b):
            ids = torch.tensor([a + [SOP] + b])
            pos = torch.tensor([[pos_a + [len(a) - 1] * (1 + len(b)), [0] * len(a) + list(range(1, 2 + len(b)))]])
            return self.model(ids, pos, torch.tensor([len(a)]))[0][0]
        x, y = run(self.tok.encode("我很好")), run(self.tok.encode("电影的"))
        self.assertLess((x[:len(a) + 1] - y[:len(a) + 1]).abs().max().item(), 1e-5)
        self.assertGreater((x[len(a) + 1:] - y[len(a) + 1:]).abs().max().item(), 1e-3)

    def test_tokenizer(self):
        ids = self.tok.encode_prompt("A:你好|B:[gMASK]")
        self.assertEqual(ids[-1], GMASK)
        self.assertEqual(len(ids), len("A:你好|B:") + 1)
        self.assertEqual(self.tok.encode("猫"), [UNK])
        self.assertEqual(neutralise("a|b [MASK]  c"), "a｜b 〔MASK〕 c")

    def test_int8_weights(self):
        w = np.random.default_rng(0).normal(size=(64, 8)).astype(np.float32)
        w[:, 3] = 0  # an all-zero column must not divide by zero
        q, scale = per_column_int8(w)
        self.assertEqual(q.dtype, np.int8)
        self.assertLessEqual(np.abs(q).max(), 127)
        self.assertTrue(np.all(np.abs(q * scale - w) <= scale / 2 + 1e-7))

    def test_quantized_graph_matches_float(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "model.onnx")
            export_graph(self.model, path)
            float_graph = onnx.load(path)
            int8 = onnx.load(path)
            counts = quantize(int8)
        ops = {n.op_type for n in int8.graph.node}
        self.assertIn("MatMulInteger", ops)
        self.assertEqual(counts["matmul"], 2 * 4 + 1)  # per layer: qkv, out, ffn in, ffn out; then the head
        cfg = self.model.cfg
        ids = self.tok.encode_prompt("A:你好吗？|B:[gMASK]") + [SOP]
        n = len(ids)
        feeds = {"input_ids": np.array([ids], np.int64),
                 "position_ids": np.array([[list(range(n - 1)) + [n - 2], [0] * (n - 1) + [1]]], np.int64),
                 "context_length": np.array([n - 1], np.int64)}
        for l in range(cfg.num_layers):
            feeds[f"past_key_{l}"] = feeds[f"past_value_{l}"] = np.zeros((1, cfg.num_heads, 0, cfg.head_dim), np.float32)
        want = run_onnx(float_graph.graph, feeds)[0]
        got = run_onnx(int8.graph, feeds)[0]
        spread = float(want.max() - want.min())
        self.assertLess(float(np.abs(got - want).max()), 0.05 * spread)
        self.assertGreater(float(np.abs(got - want).max()), 0.0)  # it did run the int8 path

    def test_from_onnx_gives_back_the_weights(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "model.onnx")
            export_graph(self.model, path)
            sd = state_dict_from_onnx(path, self.model.cfg)
        want = self.model.state_dict()
        self.assertEqual(set(sd), set(want))
        for k, v in want.items():
            self.assertTrue(torch.equal(sd[k], v), k)

    @unittest.skipUnless(os.path.exists(os.path.join(SHIPPED, "reference.json")), "no float export in models/")
    def test_shipped_export_rebuilds_to_its_reference(self):
        model, tok, _ = load_model_dir(SHIPPED)
        worst, calls = replay_reference(model, os.path.join(SHIPPED, "reference.json"))
        self.assertGreater(calls, 0)
        self.assertLess(worst, 1e-4)
        with torch.no_grad():  # and it can fail: a perturbed weight does not replay
            model.layers[0].fc1.bias.add_(0.05)
        self.assertGreater(replay_reference(model, os.path.join(SHIPPED, "reference.json"))[0], 1e-4)

    @unittest.skipUnless(os.path.exists(os.path.join(SHIPPED, "tokenizer.json")) and os.path.isdir(DATA),
                         "no float export in models/ or no training data (XDAI_TRAINING_DATA)")
    def test_shipped_tokenizer_is_the_data_vocabulary(self):
        # train.py's defaults (--max-chars 6500, --min-count 2); ~5 s
        built = build_vocab(Data(DATA).training_texts(), 6500, 2)
        self.assertEqual(CharTokenizer.load(os.path.join(SHIPPED, "tokenizer.json")).vocab, built)


class MixtureTest(unittest.TestCase):
    def test_quote_span_is_the_services(self):
        # the cases of dialogue/src/test/java/dev/xdai/dialogue/answer/QuoteSpanTest.java
        self.assertEqual(quote_span("洗牙每次150元；补牙按材料收费，每颗120元起", 50), "洗牙每次150元；补牙按材料收费，每颗120元起")
        self.assertEqual(quote_span(" 010-65253670 ", 50), "010-65253670")
        v = "康宁社区诊所是青松路上的一家社区综合诊所。开设全科门诊、儿科、口腔科、中医科和预防接种门诊，配有检验科和康宁便民药房。"
        self.assertEqual(quote_span(v, 30), "康宁社区诊所是青松路上的一家社区综合诊所。")
        clauses = "周一至周五8:00-20:00，周六、周日8:00-17:00，法定节假日另行通知"
        self.assertEqual(quote_span(clauses, 32), "周一至周五8:00-20:00，周六、周日8:00-17:00")
        self.assertEqual(quote_span(clauses, 16), "周一至周五8:00-20:00")
        self.assertEqual(quote_span("电话13800138000转分机12345请在工作日拨打", 10), "电话13800138000转分机12345请在工作日拨打")

    def test_mixtures(self):
        tok = tiny_tokenizer()
        part = {"kdconv": [], "subs": [], "chat": [], "reviews": [], "medical": []}
        self.assertEqual(ExampleMaker(tok, part, None).cuts, [0.45, 0.45, 0.45, 0.65, 0.70, 0.80])
        for name, w in MIXTURES.items():
            self.assertLessEqual(round(sum(w.values()), 10), 1.0, name)
        s4 = MIXTURES["stage4"]
        self.assertAlmostEqual(s4["kdconv"] + s4["kdconv_quoted"], 0.28)


if __name__ == "__main__":
    unittest.main()
