"""A small GLM (autoregressive blank infilling) with 2D positions and a key/value cache.

The attention rule is the one in docs/model-contract.md: key j is visible to the query at absolute index p
iff j < context_length (part A is bidirectional) or j <= p (part B is causal and sees all of A). The same rule
serves training (several spans in part B, as GLM does), a full forward pass and cached decoding.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class GlmConfig:
    vocab_size: int
    num_layers: int = 4
    num_heads: int = 4
    hidden_size: int = 256
    max_positions: int = 512
    ffn_mult: int = 4
    dropout: float = 0.0

    @property
    def head_dim(self):
        return self.hidden_size // self.num_heads

    def to_dict(self):
        return asdict(self)


def attention_mask(q_len, k_len, past_len, context_length):
    """Boolean [B, 1, q, k] mask: True where the query may attend to the key."""
    kpos = torch.arange(k_len, device=context_length.device)
    qpos = torch.arange(q_len, device=context_length.device) + past_len
    in_a = kpos.view(1, 1, 1, -1) < context_length.view(-1, 1, 1, 1)
    causal = kpos.view(1, 1, 1, -1) <= qpos.view(1, 1, -1, 1)
    return in_a | causal


class Block(nn.Module):
    def __init__(self, cfg: GlmConfig):
        super().__init__()
        d = cfg.hidden_size
        self.h, self.hd = cfg.num_heads, cfg.head_dim
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, cfg.ffn_mult * d)
        self.fc2 = nn.Linear(cfg.ffn_mult * d, d)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, mask, past_k=None, past_v=None):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=-1)
        q = q.view(b, t, self.h, self.hd).transpose(1, 2)
        k = k.view(b, t, self.h, self.hd).transpose(1, 2)
        v = v.view(b, t, self.h, self.hd).transpose(1, 2)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(self.hd))
        att = att.masked_fill(~mask, -1e9)
        att = self.drop(F.softmax(att, dim=-1))
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(x)))))
        return x, k, v


class Glm(nn.Module):
    def __init__(self, cfg: GlmConfig):
        super().__init__()
        self.cfg = cfg
        d = cfg.hidden_size
        self.tok = nn.Embedding(cfg.vocab_size, d)
        self.pos = nn.Embedding(cfg.max_positions, d)
        self.block_pos = nn.Embedding(cfg.max_positions, d)
        self.drop = nn.Dropout(cfg.dropout)
        self.layers = nn.ModuleList([Block(cfg) for _ in range(cfg.num_layers)])
        self.ln_f = nn.LayerNorm(d)
        self.apply(self._init)
        # GPT-2 style: scale the residual projections by depth so the residual stream stays O(1).
        for layer in self.layers:
            nn.init.normal_(layer.proj.weight, std=0.02 / math.sqrt(2 * cfg.num_layers))
            nn.init.normal_(layer.fc2.weight, std=0.02 / math.sqrt(2 * cfg.num_layers))

    @staticmethod
    def _init(m):
        # std 0.02 everywhere; the probe saw std 1 embeddings diverge at once.
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, position_ids, context_length, past=None, select=None):
        """input_ids [B,q], position_ids [B,2,q], context_length [B]; past: list of (k, v) [B,H,past,hd].

        Returns logits [B,q,V] (output weights tied to the input embedding) and the presents. With a boolean
        `select` [B,q] (training), only the logits of the selected positions, [N,V]: the vocabulary projection of
        part A positions that have no target would be wasted work.
        """
        q_len = input_ids.shape[1]
        past_len = 0 if past is None else past[0][0].shape[2]
        x = self.tok(input_ids) + self.pos(position_ids[:, 0]) + self.block_pos(position_ids[:, 1])
        x = self.drop(x)
        mask = attention_mask(q_len, past_len + q_len, past_len, context_length)
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = (None, None) if past is None else past[i]
            x, k, v = layer(x, mask, pk, pv)
            presents.append((k, v))
        h = self.ln_f(x)
        if select is not None:
            h = h[select]
        logits = h @ self.tok.weight.t()
        return logits, presents

    def num_params(self):
        return sum(p.numel() for p in self.parameters())
