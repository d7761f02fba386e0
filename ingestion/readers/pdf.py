"""PDF with a text layer to report text, one paragraph per line.

pdfminer.six's layout analysis gives each text line with its position, in page order
rather than content-stream order, so a header drawn last still comes first. On those
lines two layout rules rebuild the report:
- page furniture: a line near the top or bottom edge of a page that repeats at the same
  height on most pages (page numbers masked, so `某区 2/7` and `某区 3/7` repeat) is a
  running header or footer; a lone page number (`2/7`, `- 2 -`, `第2页`) at an edge is dropped on any page;
- paragraphs: a line that reaches the right margin without ending a sentence continues
  on the next line (across a page break too), unless the next line is indented or starts
  with a heading marker (一、 （一） 1.), which always starts a paragraph.
"""
from __future__ import annotations

import logging
import math
import re
import statistics
from dataclasses import dataclass
from io import BytesIO

from ingestion.errors import CorruptFileError, EncryptedFileError, NoTextLayerError
from ingestion.readers.pdf_streams import inflation_budget
from ingestion.readers.radicals import normalize_pdf_glyphs

EDGE_LINES = 3  # lines at a page's top or bottom that may be header or footer
REPEAT_SHARE = 0.5  # furniture repeats on at least this share of pages (and on two)
SAME_HEIGHT_PT = 4.0  # a repeated header sits at the same height, within this
# A full line may stop this many characters short of the right margin: browsers do not
# justify, and line-breaking rules carry a character with the 》，。 that may not start a
# line (or a whole 育,2024年 unit). Where paragraphs are indented the indent marks their
# starts, so a line need only be nearly full to continue.
MARGIN_SLACK_CHARS = 2.5
INDENTED_SLACK_CHARS = 5.0
MIN_TEXT_CHARS = 20  # fewer extractable characters than this in the whole file: a scan

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAGE_NUMBER = re.compile(
    r"[-—–－]?\s*\d{1,4}\s*[-—–－]?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_PAGE_TOKEN = re.compile(r"\d+/\d+|第\d+页|[-—–－]\d+[-—–－]|^\d+$|page\d+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;：:…][\"'”’」』）)]*$")
HEADING_START = re.compile(
    r"(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]"
    r"|第[一二三四五六七八九十百]+[部分章节])"
)


# pdfminer logs a warning per glyph of fonts that browsers embed without a FontBBox.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def pdf_to_text(data: bytes) -> str:
    pages = read_lines(data)
    if sum(len(line.text) for page in pages for line in page) < MIN_TEXT_CHARS:
        raise NoTextLayerError(
            "the PDF has no text layer (scanned pages); ask for the original .docx or a text PDF, or OCR it"
        )
    body = [line for page in drop_furniture(pages) for line in page]
    return normalize_pdf_glyphs("\n".join(join_paragraphs(body)))


def read_lines(data: bytes) -> list[list[Line]]:
    """Each page's text lines, top to bottom (y measured down from the page top)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages = []
    try:
        with inflation_budget():  # a decompression bomb is refused, not inflated (readers/pdf_streams.py)
            for layout in extract_pages(BytesIO(data), laparams=LAParams()):
                lines = [
                    Line(_SPACE.sub(" ", row.get_text()).strip(), row.x0, row.x1, layout.height - row.y1,
                         layout.height - row.y0)
                    for box in layout if isinstance(box, LTTextContainer)
                    for row in box if isinstance(row, LTTextLine)
                ]
                pages.append(sorted((line for line in lines if line.text),
                                    key=lambda line: (round(line.top), line.x0)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFileError("the PDF is password-protected; ask for an unprotected copy") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptFileError(f"not a readable PDF: {exc.__class__.__name__}: {exc}") from exc
    return pages


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without their running headers, footers and page numbers."""
    edges = [_edge_indices(page) for page in pages]
    keys = [{i: _key(page[i].text) for i in edge} for page, edge in zip(pages, edges, strict=True)]
    needed = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    kept = []
    for p, page in enumerate(pages):
        furniture = set()
        for i in edges[p]:
            if _PAGE_NUMBER.fullmatch(page[i].text) or _repeats(p, i, pages, keys) >= needed:
                furniture.add(i)
        kept.append([line for i, line in enumerate(page) if i not in furniture])
    return kept


def _edge_indices(page: list[Line]) -> list[int]:
    n = len(page)
    return sorted({*range(min(EDGE_LINES, n)), *range(max(0, n - EDGE_LINES), n)})


def _key(text: str) -> str:
    # Digits are masked only in a line that carries a page number (某区人民政府 第2页), so
    # body lines that differ only in their figures are never taken for a repeated footer.
    text = _SPACE.sub("", text)
    return _DIGITS.sub("#", text) if _PAGE_TOKEN.search(text) else text


def _repeats(p: int, i: int, pages: list[list[Line]], keys: list[dict[int, str]]) -> int:
    """On how many pages a line of the same text (digits masked) sits at the same height."""
    key, top = keys[p][i], pages[p][i].top
    return sum(
        any(k == key and abs(pages[q][j].top - top) <= SAME_HEIGHT_PT for j, k in keys[q].items())
        for q in range(len(pages))
    )


def join_paragraphs(lines: list[Line]) -> list[str]:
    """Lines wrapped by the layout joined back into paragraphs."""
    if not lines:
        return []
    right = _quantile([line.x1 for line in lines], 0.9)
    left = _quantile([line.x0 for line in lines], 0.1)
    size = statistics.median(line.bottom - line.top for line in lines) or 10.0
    indents = _indents_paragraphs(lines, left, size)
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right, size, indents):
            paragraphs[-1] = _glue(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def _continues(previous: Line, line: Line, left: float, right: float, size: float, indents: bool) -> bool:
    # Where paragraphs start indented, an unindented line after a full one continues even
    # when a sentence happened to end at the margin; otherwise the sentence end decides.
    slack = INDENTED_SLACK_CHARS if indents else MARGIN_SLACK_CHARS
    return (
        previous.x1 >= right - slack * size
        and line.x0 <= left + 0.5 * size
        and not HEADING_START.match(line.text)
        and (indents or not _SENTENCE_END.search(previous.text))
    )


def _indents_paragraphs(lines: list[Line], left: float, size: float) -> bool:
    """Whether the document marks paragraphs by a first-line indent (of one to four characters)."""
    indented = sum(left + 0.8 * size <= line.x0 <= left + 4.5 * size for line in lines)
    return indented >= max(2, 0.05 * len(lines))


def _glue(head: str, tail: str) -> str:
    # CJK lines wrap anywhere, even inside a number (9|4.1%): no space. Latin text wraps
    # at spaces, which extraction strips: put one back.
    if _CJK.search(head) or not (head[-1:].isalnum() and tail[:1].isalnum()):
        return head + tail
    return f"{head} {tail}"


def _quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
