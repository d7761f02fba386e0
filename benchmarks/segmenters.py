"""jieba, jieba-fast and rjieba (jieba-rs) with the domain dictionary: same words, same offsets? how fast?

    .venv/bin/python -m benchmarks.segmenters [FOLDER ...]   (default: the bundled samples)

The reference is pure-Python `jieba.Tokenizer.tokenize(text, HMM=False)` with
ingestion/chinese/data/user_dict.txt loaded by `load_userdict`. The others load the same
dictionary (rjieba by `add_word` with the same frequencies and tags). A segmenter that
is not installed is skipped. Prints, per segmenter, whether every (word, start, end) is
identical on every text, and seconds for `cut` (words only) and `tokenize` (with offsets)
over all texts, each as a ratio to pure-Python jieba measured in the same run.
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import time
from collections.abc import Callable
from pathlib import Path

from ingestion.chinese.tokens import USER_DICT, dictionary_entries

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

Tokens = list[tuple[str, int, int]]


def _jieba_like(module_name: str) -> tuple[Callable[[str], list[str]], Callable[[str], Tokens]]:
    module = importlib.import_module(module_name)
    module.setLogLevel(logging.WARNING)
    tokenizer = module.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    tokenizer.initialize()
    return (lambda text: tokenizer.lcut(text, HMM=False),
            lambda text: list(tokenizer.tokenize(text, HMM=False)))


def _rjieba() -> tuple[Callable[[str], list[str]], Callable[[str], Tokens]]:
    import rjieba

    segmenter = rjieba.Jieba()
    for word, freq, tag in dictionary_entries():
        segmenter.add_word(word, freq, tag)
    return (lambda text: segmenter.cut(text, False),
            lambda text: segmenter.tokenize(text, "default", False))


SEGMENTERS: dict[str, Callable[[], tuple[Callable[[str], list[str]], Callable[[str], Tokens]]]] = {
    "jieba": lambda: _jieba_like("jieba"),
    "jieba_fast": lambda: _jieba_like("jieba_fast"),
    "rjieba": _rjieba,
}
PACKAGES = {"jieba": "jieba", "jieba_fast": "jieba_fast", "rjieba": "rjieba"}


def available() -> list[str]:
    return [name for name, module in PACKAGES.items() if importlib.util.find_spec(module) is not None]


def load(name: str) -> tuple[Callable[[str], list[str]], Callable[[str], Tokens]]:
    return SEGMENTERS[name]()


def _seconds(fn: Callable[[str], object], texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        fn(text)
    return time.process_time() - start


def compare(texts: list[str], names: list[str] | None = None) -> list[dict]:
    names = names or available()
    _, reference_tokenize = load("jieba")
    reference = [reference_tokenize(text) for text in texts]
    total = sum(len(r) for r in reference)
    rows = []
    for name in names:
        cut, tokenize = load(name)
        got = [tokenize(text) for text in texts]
        differing_tokens = sum(len(set(g) ^ set(r)) for g, r in zip(got, reference, strict=True))
        rows.append({
            "segmenter": name,
            "texts_identical": sum(g == r for g, r in zip(got, reference, strict=True)),
            "texts": len(texts),
            "tokens": total,
            "tokens_differing": differing_tokens,
            "offsets_are_chars": all(text[s:e] == w for text, g in zip(texts, got) for w, s, e in g),
            "cut_cpu_s": _seconds(cut, texts),
            "tokenize_cpu_s": _seconds(tokenize, texts),
        })
    base = next(r for r in rows if r["segmenter"] == "jieba")
    for row in rows:
        row["cut_speedup"] = base["cut_cpu_s"] / row["cut_cpu_s"]
        row["tokenize_speedup"] = base["tokenize_cpu_s"] / row["tokenize_cpu_s"]
    return rows


def read_texts(folders: list[Path]) -> list[str]:
    from ingestion.parser.furniture import clean_text
    from ingestion.readers import read_report_file

    return [clean_text(read_report_file(p)[0]) for folder in folders for p in sorted(folder.glob("*.txt"))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[SAMPLES])
    args = ap.parse_args()
    texts = read_texts(args.folders)
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters")
    print(f"{'segmenter':<11} {'identical':>11} {'tokens ≠':>9} {'char offs':>9} {'cut s':>7} {'×':>6}"
          f" {'tokenize s':>10} {'×':>6}")
    rows = compare(texts)
    for r in rows:
        print(f"{r['segmenter']:<11} {r['texts_identical']:>5}/{r['texts']:<5} {r['tokens_differing']:>9}"
              f" {str(r['offsets_are_chars']):>9} {r['cut_cpu_s']:7.2f} {r['cut_speedup']:6.1f}"
              f" {r['tokenize_cpu_s']:10.2f} {r['tokenize_speedup']:6.1f}")
    # What the project calls: the chosen segmenter plus dropping punctuation, as columns or objects.
    from ingestion.chinese.tokens import token_columns, tokenize

    base = rows[0]["tokenize_cpu_s"]
    for fn in (token_columns, tokenize):
        fn(texts[0])
        seconds = _seconds(fn, texts)
        print(f"ingestion.chinese.tokens.{fn.__name__:<14} {seconds:6.2f} s  ×{base / seconds:.1f} vs jieba.tokenize")


if __name__ == "__main__":
    main()
