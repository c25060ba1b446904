"""Train the German NER BiLSTM-CRF (torch, CPU) and export it to numpy for storyline.analyze.ner_de.

Usage: python training/ner_de/train.py --out storyline/data/ner_de [--epochs 40] [--seed 13] [--hidden 128]
       [--europarl 1] [--gazetteer 1] [--context 0|1|2] [--ema DECAY] [--device cpu|cuda] [--data DIR]
       [--max-seconds S]
The defaults build the shipped model; --context (per-token USE CNN features) and --ema (averaged
weights) are the experiments of README.md's "runs compared".
Data (see README.md): GermEval 2014 dev + the first 4,100 sentences of GermEval test, and Europarl
NER (train/dev/test). The last 1,000 GermEval test sentences are never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storyline.analyze.ner_de import (GAZ_CLASSES, GAZ_DIM, SubwordTable, clip_word,  # noqa: E402
                                      gazetteer_features, word_shape)
from storyline.analyze.use_context import CONTEXT_DIM, PieceContext  # noqa: E402
from storyline.analyze.ner_eval import read_conll, score  # noqa: E402

SHARED = ROOT.parent / "shared" / "nlp"
TERRITORIES = Path(__file__).resolve().parent / "territories_de.txt"
GERMEVAL_TRAIN_SENTENCES = 4100  # of GermEval test.tsv; the last 1,000 are the held-out evaluation
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
PAD, UNK, BOW, EOW = 0, 1, 2, 3


def load_data(args) -> tuple[list, list]:
    """Training and tuning sentences; the tuning part is a seeded sample of the GermEval pool."""
    germ = read_conll(args.data / "germeval2014" / "dev.tsv")
    germ += read_conll(args.data / "germeval2014" / "test.tsv")[:GERMEVAL_TRAIN_SENTENCES]
    rng = random.Random(args.seed)
    order = list(range(len(germ)))
    rng.shuffle(order)
    tune = [germ[i] for i in order[: args.tune]]
    train = [germ[i] for i in order[args.tune:]]
    if args.europarl:
        for name in ("train", "dev", "test"):
            for toks, tags in read_conll(args.data / "europarl-ner-de" / f"{name}.tsv"):
                # Europarl's MISC includes adjectives ("europäischen") that GermEval tags LOCderiv,
                # i.e. O for us: drop MISC there rather than teach two conventions.
                tags = ["O" if t.endswith("MISC") else t for t in tags]
                train.append((toks, tags))
    return train, tune


class Vocab:
    """Index of strings with PAD/UNK (and BOW/EOW for characters)."""

    def __init__(self, counts: Counter, min_count: int, specials: int) -> None:
        self.items = sorted(k for k, c in counts.items() if c >= min_count)
        self.index = {k: i + specials for i, k in enumerate(self.items)}
        self.size = len(self.items) + specials

    def get(self, key: str) -> int:
        return self.index.get(key, UNK)


def territory_words() -> frozenset[str]:
    """Capitalised words of the German territory names (babel/CLDR, see territories_de.txt)."""
    lines = TERRITORIES.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split()
                     if len(w) > 2 and w[:1].isupper())


def build_lexicon(sentences: list) -> dict[str, frozenset[str]]:
    """Word forms seen inside PER/LOC/ORG spans, kept where at least half of their occurrences are such."""
    total: Counter = Counter()
    inside = {c: Counter() for c in GAZ_CLASSES}
    for toks, tags in sentences:
        for w, t in zip(toks, tags):
            total[w] += 1
            if t[2:] in inside:
                inside[t[2:]][w] += 1
    return {c: frozenset(w for w, n in inside[c].items() if 2 * n >= total[w] and any(ch.isalpha() for ch in w))
            for c in GAZ_CLASSES}


class CRF(nn.Module):
    """Linear-chain CRF: log-likelihood for training, Viterbi for decoding."""

    def __init__(self, k: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(k, k))  # trans[i, j]: from tag i to tag j
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, _ = em.shape
        maskf = mask.float()
        gold = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for i in range(1, t):
            step = self.trans[tags[:, i - 1], tags[:, i]] + em[:, i].gather(1, tags[:, i:i + 1]).squeeze(1)
            gold = gold + step * maskf[:, i]
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, i].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - gold).sum()

    def decode(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        b, t, k = em.shape
        score_ = self.start + em[:, 0]
        back = []
        for i in range(1, t):
            cand = score_.unsqueeze(2) + self.trans
            best, idx = cand.max(dim=1)
            nxt = best + em[:, i]
            back.append(idx)
            score_ = torch.where(mask[:, i:i + 1], nxt, score_)
        score_ = (score_ + self.end).cpu()
        back = [x.cpu() for x in back]  # one transfer, not one per looked-up element
        lengths = mask.sum(1).tolist()
        out = []
        for s in range(b):
            tag = int(score_[s].argmax())
            path = [tag]
            for i in range(lengths[s] - 1, 0, -1):
                tag = int(back[i - 1][s, tag])
                path.append(tag)
            out.append(path[::-1])
        return out


class Tagger(nn.Module):
    """Per-word features (projected USE pieces, char CNN, shape, word) → BiLSTM → CRF."""

    def __init__(self, a, n_chars: int, n_shapes: int, n_words: int, use_dim: int) -> None:
        super().__init__()
        self.use_proj = nn.Linear(use_dim, a.use_proj)
        self.char_emb = nn.Embedding(n_chars, a.char_dim, padding_idx=PAD)
        self.char_conv = nn.Conv1d(a.char_dim, a.char_filters, 3, padding=1)
        self.shape_emb = nn.Embedding(n_shapes, a.shape_dim, padding_idx=PAD)
        self.word_emb = nn.Embedding(n_words, a.word_dim, padding_idx=PAD)
        feat = a.use_proj + a.char_filters + a.shape_dim + a.word_dim + (GAZ_DIM if a.gazetteer else 0)
        self.drop = nn.Dropout(a.dropout)
        self.ctx_proj = nn.Linear(CONTEXT_DIM, a.ctx_proj) if a.context else None
        feat += a.ctx_proj if a.context else 0
        self.lstm = nn.LSTM(feat, a.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * a.hidden, len(TAGS))
        self.crf = CRF(len(TAGS))
        self.word_dropout = a.word_dropout

    def type_features(self, use: torch.Tensor, chars: torch.Tensor, shapes: torch.Tensor,
                      words: torch.Tensor, gaz: torch.Tensor | None = None) -> torch.Tensor:
        """Context-free features of word types (what the runtime caches per word string)."""
        u = torch.tanh(self.use_proj(use))
        c = self.char_emb(chars).transpose(1, 2)
        c = torch.relu(self.char_conv(c))
        c = c.masked_fill((chars == PAD).unsqueeze(1), -1e4).max(dim=2).values
        if self.training and self.word_dropout:
            drop = torch.rand(words.shape, device=words.device) < self.word_dropout
            words = torch.where(drop, torch.full_like(words, UNK), words)
        parts = [u, c, self.shape_emb(shapes), self.word_emb(words)]
        if gaz is not None:
            parts.append(gaz)
        return torch.cat(parts, dim=1)

    def emissions(self, feats: torch.Tensor, tok: torch.Tensor, mask: torch.Tensor,
                  ctx: torch.Tensor | None = None) -> torch.Tensor:
        x = feats[tok]
        if self.ctx_proj is not None:  # per-token contextual USE CNN features (frozen), projected
            x = torch.cat([x, torch.tanh(self.ctx_proj(ctx))], dim=2)
        x = self.drop(x)
        lengths = mask.sum(1)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(h))


class Encoder:
    """Turns sentences into tensors over the batch's word types."""

    def __init__(self, train: list, use_table: SubwordTable, gazetteer: bool, device: str,
                 context: int = 0) -> None:
        words = Counter(w for toks, _ in train for w in toks)
        self.device = device
        self.gazetteer = gazetteer
        self.territory = territory_words()
        # two-fold lexicons for training (a sentence sees the names of the other half only, as a new
        # text sees names of the training data, not its own); the full lexicon for tuning and export
        self.lexicon = build_lexicon(train)
        self.fold_lexicons = [build_lexicon(train[1 - f::2]) for f in (0, 1)]
        self.train_types = set(words)
        chars = Counter(ch for w, c in words.items() for ch in clip_word(w) for _ in range(c))
        self.chars = Vocab(chars, 2, 4)
        self.shapes = Vocab(Counter({s: c for w, c in words.items() for s in [word_shape(w)]}), 3, 2)
        lower = Counter()
        for w, c in words.items():
            lower[w.lower()] += c
        self.words = Vocab(lower, 2, 2)
        self.table = use_table
        self.use_cache: dict[str, np.ndarray] = {}
        self.context = PieceContext(use_table, context) if context else None
        self.ctx: dict[int, np.ndarray] = {}  # id(token list) → its words' contextual features (float16)

    def prime(self, sentences: list) -> None:
        """Compute the frozen USE features of every word type once."""
        new = sorted({w for toks, _ in sentences for w in toks} - self.use_cache.keys())
        feats = self.table.word_features(new)
        for w, f in zip(new, feats):
            self.use_cache[w] = f
        if self.context is not None:
            todo = [toks for toks, _ in sentences if id(toks) not in self.ctx]
            for toks, f in zip(todo, self.context.word_features(todo)):
                self.ctx[id(toks)] = f.astype(np.float16)

    def char_ids(self, word: str) -> list[int]:
        return [BOW] + [self.chars.get(ch) for ch in clip_word(word)] + [EOW]

    def batch(self, sentences: list, fold: int | None = None) -> tuple:
        types = sorted({w for toks, _ in sentences for w in toks})
        where = {w: i for i, w in enumerate(types)}
        width = max(len(clip_word(w)) for w in types) + 2
        chars = torch.zeros(len(types), width, dtype=torch.long)
        for i, w in enumerate(types):
            ids = self.char_ids(w)
            chars[i, : len(ids)] = torch.tensor(ids)
        use = torch.from_numpy(np.stack([self.use_cache[w] for w in types]))
        shapes = torch.tensor([self.shapes.get(word_shape(w)) for w in types])
        words = torch.tensor([self.words.get(w.lower()) for w in types])
        feats = [use, chars, shapes, words]
        if self.gazetteer:
            lex = self.lexicon if fold is None else self.fold_lexicons[fold]
            feats.append(torch.tensor([gazetteer_features(w, lex, self.territory) for w in types]))
        t = max(len(toks) for toks, _ in sentences)
        tok = torch.zeros(len(sentences), t, dtype=torch.long)
        tags = torch.zeros(len(sentences), t, dtype=torch.long)
        mask = torch.zeros(len(sentences), t, dtype=torch.bool)
        for s, (toks, tg) in enumerate(sentences):
            tok[s, : len(toks)] = torch.tensor([where[w] for w in toks])
            tags[s, : len(toks)] = torch.tensor([TAGS.index(x) for x in tg])
            mask[s, : len(toks)] = True
        ctx = None
        if self.context is not None:
            ctx = torch.zeros(len(sentences), t, CONTEXT_DIM)
            for s, (toks, _) in enumerate(sentences):
                ctx[s, : len(toks)] = torch.from_numpy(self.ctx[id(toks)].astype(np.float32))
            ctx = ctx.to(self.device)
        dev = self.device
        return tuple(f.to(dev) for f in feats), tok.to(dev), tags.to(dev), mask.to(dev), ctx


def predict(model: Tagger, enc: Encoder, sentences: list, bs: int = 128) -> list[list[str]]:
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(sentences), bs):
            chunk = [s for s in sentences[i:i + bs]]
            types, tok, _, mask, ctx = enc.batch(chunk)
            em = model.emissions(model.type_features(*types), tok, mask, ctx)
            out.extend([[TAGS[k] for k in path] for path in model.crf.decode(em, mask)])
    return out


def export(model: Tagger, enc: Encoder, a, out_dir: Path, info: dict) -> None:
    """Write the weights (float16 .npz) and the vocabularies (JSON) the numpy runtime reads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sd = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    arrays = {
        "use_W": sd["use_proj.weight"].T, "use_b": sd["use_proj.bias"],
        "char_emb": sd["char_emb.weight"], "char_W": sd["char_conv.weight"], "char_b": sd["char_conv.bias"],
        "shape_emb": sd["shape_emb.weight"], "word_emb": sd["word_emb.weight"],
        "lstm_Wf": sd["lstm.weight_ih_l0"].T, "lstm_Uf": sd["lstm.weight_hh_l0"].T,
        "lstm_bf": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "lstm_Wb": sd["lstm.weight_ih_l0_reverse"].T, "lstm_Ub": sd["lstm.weight_hh_l0_reverse"].T,
        "lstm_bb": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "out_W": sd["out.weight"].T, "out_b": sd["out.bias"],
        "crf_trans": sd["crf.trans"], "crf_start": sd["crf.start"], "crf_end": sd["crf.end"],
    }
    if a.context:
        arrays.update(ctx_W=sd["ctx_proj.weight"].T, ctx_b=sd["ctx_proj.bias"])
    np.savez_compressed(out_dir / "weights.npz", **{k: np.ascontiguousarray(v, dtype=np.float16)
                                                   for k, v in arrays.items()})
    meta = {
        "format": 3 if a.context else 2 if a.gazetteer else 1,  # 3: format 2 + per-token context features "tags": TAGS, "max_word_chars": 24,
        "chars": enc.chars.items, "shapes": enc.shapes.items, "words": enc.words.items,
        "specials": {"pad": PAD, "unk": UNK, "bow": BOW, "eow": EOW},
        "hidden": a.hidden, "training": info, "context": a.context,
    }
    if a.gazetteer:
        meta["gazetteer"] = {"lexicon": {c: sorted(enc.lexicon[c]) for c in GAZ_CLASSES},
                             "territory": sorted(enc.territory)}
    # segmentations of the training vocabulary ship with the model: a fresh process then starts warm
    pieces = {w: enc.table.pieces(w) for w in sorted(enc.train_types)}
    (out_dir / "pieces.json").write_text(json.dumps(pieces, ensure_ascii=False, separators=(",", ":")) + "\n",
                                         encoding="utf-8")
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=ROOT / "storyline" / "data" / "ner_de")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--patience", type=int, default=3)
    p.add_argument("--tune", type=int, default=600, help="GermEval sentences held out for early stopping")
    p.add_argument("--europarl", type=int, default=1)
    p.add_argument("--gazetteer", type=int, default=1)
    p.add_argument("--data", type=Path, default=SHARED, help="folder with germeval2014/ and europarl-ner-de/")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--use-proj", type=int, default=200)
    p.add_argument("--char-dim", type=int, default=32)
    p.add_argument("--char-filters", type=int, default=100)
    p.add_argument("--shape-dim", type=int, default=16)
    p.add_argument("--word-dim", type=int, default=64)
    p.add_argument("--word-dropout", type=float, default=0.2)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--context", type=int, default=0,
                   help="per-token USE CNN features: 0 none, 1 first residual block, 2 the CNN's outputs")
    p.add_argument("--ctx-proj", type=int, default=64, help="size of their learned projection")
    p.add_argument("--ema", type=float, default=0, help="decay of a moving average of the weights (0: off)")
    p.add_argument("--max-seconds", type=float, default=0, help="stop after the epoch that passes this time")
    p.add_argument("--limit", type=int, default=0, help="train on this many sentences only (smoke tests)")
    p.add_argument("--dump", type=Path, help="write the tuning sentences' predictions here")
    a = p.parse_args()

    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    started = time.time()
    train, tune = load_data(a)
    if a.limit:
        train = train[: a.limit]
    print(f"train {len(train)} sentences, tune {len(tune)}", flush=True)
    enc = Encoder(train, SubwordTable(), bool(a.gazetteer), a.device, a.context)
    enc.prime(train + tune)
    print(f"features ready in {time.time() - started:.0f}s: {enc.chars.size} chars, {enc.shapes.size} shapes, "
          f"{enc.words.size} words", flush=True)
    model = Tagger(a, enc.chars.size, enc.shapes.size, enc.words.size, enc.table.dim * 2).to(a.device)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    gold_tune = [tags for _, tags in tune]
    best, best_state, best_epoch, bad = -1.0, None, 0, 0
    # an exponential moving average of the weights (--ema): a smoother model at no run-time cost
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()} if a.ema else None
    best_kind = "raw"
    rng = random.Random(a.seed)
    for epoch in range(1, a.epochs + 1):
        model.train()
        # batches of similar length so padding stays small; their order shuffled
        batches = []
        for fold in (0, 1):  # sentence i belongs to fold i % 2 (see Encoder's lexicons)
            order = sorted(range(fold, len(train), 2), key=lambda i: (len(train[i][0]), rng.random()))
            batches += [(fold, order[i:i + a.batch]) for i in range(0, len(order), a.batch)]
        rng.shuffle(batches)
        total = 0.0
        for fold, idx in batches:
            types, tok, tags, mask, ctx = enc.batch([train[i] for i in idx], fold)
            em = model.emissions(model.type_features(*types), tok, mask, ctx)
            loss = model.crf.nll(em, tags, mask) / len(idx)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(idx)
            if ema is not None:
                with torch.no_grad():
                    for k, v in model.state_dict().items():
                        if v.dtype.is_floating_point:
                            ema[k].mul_(a.ema).add_(v, alpha=1 - a.ema)
        res = score(gold_tune, predict(model, enc, tune))
        f1 = res["micro"]["f1"]
        per = " ".join(f"{k} {v['f1']:.3f}" for k, v in res["per_class"].items())
        print(f"epoch {epoch} loss {total / len(train):.3f} tune F1 {f1:.4f} ({per}) "
              f"[{time.time() - started:.0f}s]", flush=True)
        state, kind = model.state_dict(), "raw"
        if ema is not None:  # score the averaged weights too; keep whichever is better
            raw = {k: v.clone() for k, v in state.items()}
            model.load_state_dict(ema)
            res_e = score(gold_tune, predict(model, enc, tune))
            print(f"epoch {epoch} averaged weights: tune F1 {res_e['micro']['f1']:.4f} ("
                  + " ".join(f"{k} {v['f1']:.3f}" for k, v in res_e["per_class"].items()) + ")", flush=True)
            if res_e["micro"]["f1"] > f1:
                f1, kind = res_e["micro"]["f1"], "ema"
            state = ema if kind == "ema" else raw
            model.load_state_dict(raw)
        if f1 > best:
            best, best_epoch, bad, best_kind = f1, epoch, 0, kind
            best_state = {k: v.clone() for k, v in state.items()}
        else:
            bad += 1
            if bad >= a.patience:
                break
        if a.max_seconds and time.time() - started > a.max_seconds:
            break
    model.load_state_dict(best_state)
    info = {"seed": a.seed, "best_epoch": best_epoch, "weights": best_kind, "tune_f1": round(best, 4), "train_sentences": len(train),
            "tune_sentences": len(tune), "seconds": round(time.time() - started),
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(a).items()}}
    export(model, enc, a, a.out, info)
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as fh:
            for (toks, gold), pred in zip(tune, predict(model, enc, tune)):
                fh.write("".join(f"{w}\t{g}\t{q}\n" for w, g, q in zip(toks, gold, pred)) + "\n")
    print(json.dumps(info), flush=True)


if __name__ == "__main__":
    main()
