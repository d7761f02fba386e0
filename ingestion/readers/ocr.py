"""Scanned PDFs (pages that are pictures, no text layer) to report text by OCR.

Many governments publish the signed and sealed scan of their report. Each page is rendered by
PDFium (pypdfium2 ships it in its wheel) and read by RapidOCR (rapidocr-onnxruntime: PaddleOCR's
PP-OCRv4 Chinese detection and recognition models, inside the wheel, run by onnxruntime). Nothing
is downloaded: onnxruntime's usage telemetry is switched off before it loads
(ORT_DISABLE_TELEMETRY), so OCR opens no connection at all. The recognised lines, with their
positions, go through the rules of text PDFs (pdf.py): running headers and footers and page
numbers dropped, wrapped lines joined into paragraphs. What OCR adds:
- the page is read from its red channel, where a red seal is nearly as pale as the paper, and
  what is paler than print is made paper: the seal over the signature neither hides the date
  under it nor adds the characters of its rim;
- RapidOCR finds runs of text; runs side by side on one printed line are joined into the line;
- a header OCR misreads differently on each page (某区人民政府 / 某区人民玫府) is still a header:
  edge lines that nearly repeat on half the pages are dropped, and page numbers as OCR reads
  their dashes (一 2 一, _3_);
- a speck read as a mark before a line's text goes: Chinese typesetting never starts a line with
  ，。、；：？！ or a closing bracket;
- OCR boxes are as tall as the ink, not the line: each line's height is set to the glyph size,
  the tolerance the paragraph rules derive from it.
A file is refused (too_large) above MAX_PAGES pages or once reading it took over MAX_SECONDS.
`ocr_pdf` gives the text and the mean confidence RapidOCR gives its characters (0–1).
"""
from __future__ import annotations

import difflib
import os
import re
import statistics
import time
from functools import lru_cache

from ingestion.errors import FileTooLargeError, NoTextLayerError
from ingestion.readers.pdf import MIN_TEXT_CHARS, Line, drop_furniture, join_paragraphs
from ingestion.readers.radicals import normalize_pdf_glyphs

# A page is rendered so that its long side fits RapidOCR's 2,000-pixel limit (171 dpi for A4):
# larger renders are shrunk to it anyway, smaller ones lose strokes of 16 pt print.
DPI = 170
# Within the parse pool's limits for one file (ingestion/intake/pool.py: 300 s, 2 GB by default), so
# a long scan is refused with what to do rather than stopped: about 5 CPU seconds a page here.
MAX_PAGES = 40
MAX_SECONDS = 240.0
SEAL_LEVEL = 170  # red-channel values above it are paper or red ink (a seal is about 200, print below 120)
NEAR_REPEAT = 0.6  # similarity of two OCR readings of one running header
SAME_LINE = 0.5  # runs overlapping by half the smaller height are on one line
_POINTS_PER_INCH = 72.0
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# A page number as OCR reads it: its dashes come back as 一, _, ~ or =.
_PAGE_NUMBER = re.compile(r"[-—–－一_~=·]{0,2}\s*\d{1,3}\s*[-—–－一_~=·]{0,2}|第\s*\d{1,3}\s*页")
# Marks that never start a printed line (行首禁则), and specks read as marks.
_LINE_START_NOISE = re.compile(r"^[，,。.．、；;：:？?！!）)》」』】〕·`\s]+(?=\S)")
# OCR reads the dash of 2021—2025年 as the numeral 一, which never stands between two digits.
_DASH_READ_AS_ONE = re.compile(r"(?<=\d)一(?=\d)")
# Full-width opening marks are drawn in the right half of their square: an OCR box starts half
# a character late, and a wrapped line opening with （2021 would look indented.
_OPENING_MARKS = "（“‘《〈「『【〔(\"'"


def ocr_pdf(data: bytes) -> tuple[str, float]:
    """The report text of a scanned PDF and the mean confidence of its recognised characters."""
    deadline = time.monotonic() + MAX_SECONDS
    pages: list[list[Line]] = []
    scored: list[tuple[str, float]] = []
    for image in _page_images(data):
        if time.monotonic() > deadline:
            raise FileTooLargeError(f"OCR of the scanned PDF took over {MAX_SECONDS:.0f} s; "
                                    "ask for a text PDF or split the file")
        runs = recognise(image)
        pages.append(merge_runs([line for line, _ in runs]))
        scored.extend((line.text, score) for line, score in runs)
    text = assemble(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise NoTextLayerError("the PDF has no text layer and OCR found no text on its pages")
    chars = sum(len(t) for t, _ in scored)
    return text, round(sum(len(t) * s for t, s in scored) / chars, 4) if chars else 0.0


def _page_images(data: bytes):
    """Each page rendered at DPI, as its red channel in three planes, red ink and paper white."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        if len(doc) > MAX_PAGES:
            raise FileTooLargeError(f"the scanned PDF has {len(doc)} pages, over the {MAX_PAGES}-page OCR limit; "
                                    "ask for a text PDF or split the file")
        for i in range(len(doc)):
            red = np.asarray(doc[i].render(scale=DPI / _POINTS_PER_INCH).to_pil().convert("RGB").getchannel("R"))
            red = np.where(red > SEAL_LEVEL, 255, red).astype(np.uint8)
            yield np.stack([red, red, red], axis=-1)
    finally:
        doc.close()


@lru_cache(maxsize=1)
def _engine():
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # before onnxruntime loads: no connection
    from rapidocr_onnxruntime import RapidOCR

    # One thread: a second one on this kind of machine doubles the CPU a page costs for a few per
    # cent of speed, and the ingest already reads files in parallel workers.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def recognise(image) -> list[tuple[Line, float]]:
    """RapidOCR's runs of text on one page picture (pixels), each with its confidence. The 0/180°
    classifier stays off: it turns digit-heavy runs of upright print upside down (94.1% → %%)."""
    result, _ = _engine()(image, use_cls=False)
    return [(Line(text.strip(), min(x for x, _ in box), max(x for x, _ in box), min(y for _, y in box),
                  max(y for _, y in box)), float(score)) for box, text, score in result or [] if text.strip()]


def merge_runs(runs: list[Line]) -> list[Line]:
    """Runs that overlap vertically by half the smaller height are one line, read left to right."""
    rows: list[list[Line]] = []
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        for row in reversed(rows[-3:]):
            top, bottom = min(x.top for x in row), max(x.bottom for x in row)
            if min(bottom, run.bottom) - max(top, run.top) > SAME_LINE * min(bottom - top, run.bottom - run.top):
                row.append(run)
                break
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda x: x.x0)
        text = _LINE_START_NOISE.sub("", _glue([x.text for x in row]))
        lines.append(Line(text, min(x.x0 for x in row), max(x.x1 for x in row), min(x.top for x in row),
                          max(x.bottom for x in row)))
    return sorted(lines, key=lambda x: (x.top, x.x0))


def _glue(texts: list[str]) -> str:
    """The runs of one line: a space only between two Latin letters or digits."""
    out = ""
    for t in texts:
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(t[0]):
            out += " "
        out += t
    return out


def assemble(pages: list[list[Line]]) -> str:
    """OCR lines of every page (pixels at DPI) to report text, one paragraph per line."""
    pages = _without_near_repeats(_without_page_numbers(pages))
    pages = drop_furniture(_to_points(pages))
    text = "\n".join(join_paragraphs([line for page in pages for line in page]))
    return normalize_pdf_glyphs(_DASH_READ_AS_ONE.sub("—", text))


def _without_page_numbers(pages: list[list[Line]]) -> list[list[Line]]:
    return [[x for i, x in enumerate(page) if not (i in (0, len(page) - 1) and _PAGE_NUMBER.fullmatch(x.text))]
            for page in pages]


def _without_near_repeats(pages: list[list[Line]]) -> list[list[Line]]:
    """A first (last) line that nearly repeats as the first (last) line of half the pages, and of
    two: a header or footer. A signature that reads like the header is a last line, and stays."""
    needed = max(2, -(-len(pages) // 2))
    firsts = [_masked(page[0].text) for page in pages if page]
    lasts = [_masked(page[-1].text) for page in pages if page]
    out = []
    for page in pages:
        drop = {i for i, edge in ((0, firsts), (len(page) - 1, lasts)) if page and _repeats(page[i].text, edge, needed)}
        out.append([x for i, x in enumerate(page) if i not in drop])
    return out


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _repeats(text: str, edge: list[str], needed: int) -> bool:
    key = _masked(text)
    return len(key) >= 2 and sum(difflib.SequenceMatcher(None, key, other).ratio() >= NEAR_REPEAT
                                 for other in edge) >= needed


def _to_points(pages: list[list[Line]]) -> list[list[Line]]:
    """Pixels to points, each line's height set to the glyph size around its centre."""
    k = _POINTS_PER_INCH / DPI
    lines = [x for page in pages for x in page]
    widths = [(x.x1 - x.x0) / len(x.text) for x in lines
              if len(x.text) >= 12 and len(_CJK.findall(x.text)) >= 0.8 * len(x.text)]
    size = statistics.median(widths or [x.bottom - x.top for x in lines] or [10.0])
    return [[Line(x.text, (x.x0 - (size / 2 if x.text[:1] in _OPENING_MARKS else 0)) * k, x.x1 * k,
                  ((x.top + x.bottom) / 2 - size / 2) * k, ((x.top + x.bottom) / 2 + size / 2) * k)
             for x in page] for page in pages]
