"""OCR of scanned reports: accuracy and time per page, for the engine the reader uses and the
alternative (Tesseract, Debian's tesseract-ocr-chi-sim).

Each bundled sample is printed and scanned into an image-only PDF (tests/scanned_pdf.py: GB/T 9704
layout, page numbers, a red seal over the end, paper tone, skew, blur, noise; 200 dpi), then read
back through ingestion/readers/ocr.py, with RapidOCR or with Tesseract behind the same assembly.
Measured per engine: the character error rate against the sample's text (Levenshtein distance over
the reference length, whitespace removed, both width-folded), seconds and CPU seconds per page, peak
memory, and the parse of the OCR'd text against the sample's gold (make evaluate's metrics).

    .venv/bin/python -m benchmarks.ocr_accuracy [--engines rapidocr tesseract] [--samples 003 004]

Writes benchmarks/results/ocr_<engines>.json (one engine a process: its own peak memory). Needs Debian's
chromium (and tesseract for that engine).
"""
from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from ingestion.chinese.widths import fold_width
from ingestion.evaluation.evaluate import DEFAULT_GOLD, DEFAULT_REPORTS
from ingestion.evaluation.gold import load_cases
from ingestion.evaluation.scoring import score_report, summarize
from ingestion.parser.report import parse_text, to_gold_dict
from ingestion.readers import ocr
from ingestion.readers.pdf import Line
from tests.scanned_pdf import text_to_scanned_pdf

RESULTS = Path(__file__).resolve().parent / "results"
SCAN_DPI = 200


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one row of the table at a time in numpy: an insertion's cost along the
    row is a running minimum of (cell − column) plus the column."""
    if not a or not b:
        return len(a) or len(b)
    bs = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    cols = np.arange(len(b) + 1)
    row = cols.copy()
    for i, ch in enumerate(a, 1):
        substitute = row[:-1] + (bs != ord(ch))
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, substitute)
        row = np.minimum.accumulate(best - cols) + cols
    return int(row[-1])


def _squash(text: str) -> str:
    return "".join(fold_width(text).split())


def _tesseract(image) -> list[tuple[Line, float]]:
    """Tesseract's lines on one page (chi_sim, automatic page segmentation), as the reader's runs."""
    from PIL import Image

    png = io.BytesIO()
    Image.fromarray(image[:, :, 0]).save(png, "PNG")
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "--dpi", str(ocr.DPI),
                           "tsv"], input=png.getvalue(), capture_output=True, check=True)
    lines: dict[tuple[str, ...], list[list[str]]] = {}
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) >= 12 and f[0] == "5" and f[11].strip():
            lines.setdefault(tuple(f[2:5]), []).append(f)
    out = []
    for words in lines.values():
        boxes = [tuple(map(int, w[6:10])) for w in words]
        text = "".join(w[11].strip() for w in sorted(words, key=lambda w: int(w[6])))
        out.append((Line(text, min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes), min(b[1] for b in boxes),
                         max(b[1] + b[3] for b in boxes)), sum(float(w[10]) for w in words) / len(words) / 100))
    return out


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (Tesseract runs as one a page)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(engine: str, sample: str, scan: Path, reference: str, gold: dict) -> dict:
    recognise = ocr.recognise
    if engine == "tesseract":
        ocr.recognise = _tesseract
    try:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        text, confidence = ocr.ocr_pdf(scan.read_bytes())
        wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    finally:
        ocr.recognise = recognise
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(scan.read_bytes()))
    ref, hyp = _squash(reference), _squash(text)
    scores = score_report(gold, to_gold_dict(parse_text(text, "ocr", confidence)))
    return {"engine": engine, "sample": sample, "pages": pages, "cer": round(edit_distance(ref, hyp) / len(ref), 4),
            "seconds_per_page": round(wall / pages, 2), "cpu_seconds_per_page": round(cpu / pages, 2),
            "confidence": confidence, "scores": scores}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    ap.add_argument("--samples", nargs="+", help="sample name prefixes (default: all)")
    args = ap.parse_args()
    cases = [c for c in load_cases(DEFAULT_GOLD, DEFAULT_REPORTS)
             if not args.samples or c.name.startswith(tuple(args.samples))]
    runs = []
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        for case in cases:
            reference = case.report.read_text(encoding="utf-8")
            scan = text_to_scanned_pdf(reference, Path(tmp) / f"{case.name}.pdf", dpi=SCAN_DPI, seed=int(case.name[:3]))
            for engine in args.engines:
                run = measure(engine, case.name, scan, reference, case.gold)
                runs.append(run)
                s = run["scores"]
                print(f"{engine:9} {case.name[:3]} {run['pages']:2} pages  CER {run['cer']:.4f}  "
                      f"{run['seconds_per_page']:5.1f} s/page ({run['cpu_seconds_per_page']:.1f} CPU)  "
                      f"outline F1 {s['outline']['f1']:.3f}  indicators F1 {s['indicators']['f1']:.3f}", flush=True)
    summary = {}
    for engine in args.engines:
        mine = [r for r in runs if r["engine"] == engine]
        pages = sum(r["pages"] for r in mine)
        chars = {r["sample"]: len(_squash(c.report.read_text(encoding="utf-8"))) for c in cases for r in mine
                 if r["sample"] == c.name}
        summary[engine] = {
            "pages": pages,
            "cer": round(sum(r["cer"] * chars[r["sample"]] for r in mine) / sum(chars.values()), 4),
            "seconds_per_page": round(sum(r["seconds_per_page"] * r["pages"] for r in mine) / pages, 2),
            "cpu_seconds_per_page": round(sum(r["cpu_seconds_per_page"] * r["pages"] for r in mine) / pages, 2),
            "gold": summarize([r["scores"] for r in mine]),
        }
        g = summary[engine]["gold"]
        print(f"{engine}: {pages} pages, CER {summary[engine]['cer']:.4f}, {summary[engine]['seconds_per_page']} s/page"
              f" ({summary[engine]['cpu_seconds_per_page']} CPU s), metadata {g['metadata_accuracy']}, outline F1"
              f" {g['outline']['f1']}, indicators P {g['indicators']['precision']} R {g['indicators']['recall']}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else None
    out = RESULTS / f"ocr_{'_'.join(args.engines)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"scan_dpi": SCAN_DPI, "ocr_dpi": ocr.DPI, "peak_rss_mb": round(peak_mb),
                                   "load_average": load, "summary": summary, "runs": runs},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"peak memory {peak_mb:.0f} MB; written to {out}")


if __name__ == "__main__":
    main()
