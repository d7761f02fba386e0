"""Scores of one parse against its gold annotation, and their sum over a gold folder.

The metrics of the project's gold scorer:
- metadata: share of the eight fields equal (text compared width-folded, without spaces or
  trailing stops; an organization with or without its parent place is the same body);
- outline: a predicted heading matches a gold heading of the same level and marker whose title
  equals it or begins it (one to one, document order); precision, recall, F1; the part of
  matched level-1 headings;
- indicators: a predicted mention matches a gold mention of the same kind and value, the one
  whose metric shares most characters (one to one); precision, recall, F1; on matched
  mentions, agreement of metric (one contains the other, or half their characters shared),
  unit, qualifier and section.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping

METADATA_FIELDS = ("title", "organization", "province", "city", "district", "admin_level", "report_year",
                   "publish_date")
AGREEMENT_FIELDS = ("metric", "unit", "qualifier", "section")


def norm(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if not ch.isspace()).strip("。.,，;；:：")


def char_overlap(a: object, b: object) -> float:
    """Jaccard similarity of the characters of two phrases."""
    sa, sb = set(norm(a)), set(norm(b))
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _same_value(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)


def prf(tp: int, predicted: int, gold: int) -> dict:
    precision = tp / predicted if predicted else (1.0 if not gold else 0.0)
    recall = tp / gold if gold else (1.0 if not predicted else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "pred": predicted, "gold": gold,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_metadata(gold: Mapping, pred: Mapping) -> dict:
    equal = {}
    for name in METADATA_FIELDS:
        g, p = norm(gold.get(name)), norm(pred.get(name))
        same_body = name == "organization" and bool(g) and bool(p) and (g.endswith(p) or p.endswith(g))
        equal[name] = g == p or same_body
    return {"equal": sum(equal.values()), "fields": len(equal),
            "wrong": {name: [gold.get(name), pred.get(name)] for name, ok in equal.items() if not ok}}


def _titles_match(a: object, b: object) -> bool:
    x, y = norm(a), norm(b)
    return bool(x) and bool(y) and (x.startswith(y) or y.startswith(x))


def _heading_key(h: Mapping) -> tuple[int, str]:
    return int(h.get("level") or 0), norm(h.get("marker"))


def score_outline(gold: list[Mapping], pred: list[Mapping]) -> dict:
    used: set[int] = set()
    tp = parts_ok = parts_n = 0
    missed = []
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and _heading_key(p) == _heading_key(g)
                    and _titles_match(p.get("title"), g.get("title"))), None)
        if hit is None:
            missed.append(f"{g.get('marker')}{g.get('title')}")
            continue
        used.add(hit)
        tp += 1
        if g.get("level") == 1 and g.get("part"):
            parts_n += 1
            parts_ok += norm(g.get("part")) == norm(pred[hit].get("part"))
    out = prf(tp, len(pred), len(gold))
    out.update(part_ok=parts_ok, part_n=parts_n, missed=missed,
               extra=[f"{p.get('marker')}{p.get('title')}" for i, p in enumerate(pred) if i not in used])
    return out


def _describe(m: Mapping) -> str:
    return f"{m.get('kind')} {m.get('value')} {m.get('metric')} «{m.get('text')}»"


def metric_agrees(gold_metric: object, pred_metric: object) -> bool:
    g, p = norm(gold_metric), norm(pred_metric)
    return bool(g) and bool(p) and (g in p or p in g or char_overlap(g, p) >= 0.5)


def _same_reading(gold: Mapping, pred: Mapping) -> bool:
    return norm(pred.get("kind")) == norm(gold.get("kind")) and _same_value(pred.get("value"), gold.get("value"))


def score_indicators(gold: list[Mapping], pred: list[Mapping]) -> dict:
    used: set[int] = set()
    agree = dict.fromkeys(AGREEMENT_FIELDS, 0)
    missed, disagreements = [], []
    for g in gold:
        best, best_similarity = None, -1.0
        for i, p in enumerate(pred):
            if i in used or not _same_reading(g, p):
                continue
            same_text = norm(p.get("text")) == norm(g.get("text"))
            similarity = char_overlap(p.get("metric"), g.get("metric")) + 0.5 * same_text
            if similarity > best_similarity:
                best, best_similarity = i, similarity
        if best is None:
            missed.append(_describe(g))
            continue
        used.add(best)
        p = pred[best]
        agrees = {
            "metric": metric_agrees(g.get("metric"), p.get("metric")),
            "unit": norm(g.get("unit")) == norm(p.get("unit")),
            "qualifier": norm(g.get("qualifier")) == norm(p.get("qualifier")),
            "section": norm(g.get("section")) == norm(p.get("section")),
        }
        for name, ok in agrees.items():
            agree[name] += ok
            if not ok:
                disagreements.append(f"{name}: gold {g.get(name)!r} got {p.get(name)!r} «{g.get('text')}»")
    out = prf(len(used), len(pred), len(gold))
    out.update(agree=agree, missed=missed, disagree=disagreements,
               extra=[_describe(p) for i, p in enumerate(pred) if i not in used])
    return out


def score_report(gold: Mapping, pred: Mapping) -> dict:
    return {
        "metadata": score_metadata(gold.get("metadata") or {}, pred.get("metadata") or {}),
        "outline": score_outline(gold.get("outline") or [], pred.get("outline") or []),
        "indicators": score_indicators(gold.get("indicators") or [], pred.get("indicators") or []),
    }


def summarize(scores: Iterable[Mapping]) -> dict:
    """Micro-averaged scores over reports: every field, heading and mention counts once."""
    scores = list(scores)
    def total(part: str, key: str) -> int:
        return sum(s[part][key] for s in scores)
    meta_n, matched = total("metadata", "fields"), total("indicators", "tp")
    parts_n = total("outline", "part_n")
    return {
        "files": len(scores),
        "metadata_accuracy": round(total("metadata", "equal") / meta_n, 4) if meta_n else None,
        "outline": prf(total("outline", "tp"), total("outline", "pred"), total("outline", "gold")),
        "part_accuracy": round(total("outline", "part_ok") / parts_n, 4) if parts_n else None,
        "indicators": prf(matched, total("indicators", "pred"), total("indicators", "gold")),
        "on_matched_indicators": {
            name: round(sum(s["indicators"]["agree"][name] for s in scores) / matched, 4) if matched else None
            for name in AGREEMENT_FIELDS
        },
    }
