"""Report files to text, one reader per format, chosen by the file's bytes.

`read_report(path) -> ReportText` is the one entry point: the text, the encoding or format it
was read with, and how it was obtained (the file's characters, a PDF's text layer, or OCR with its
confidence); `read_report_file(path) -> (text, encoding_or_format)` is its short form. The first
bytes decide the format (sniff.py): a .txt holding a PDF is read as PDF, a .wps holding a
Word 97 file is refused as such, a 0-byte .docx is `empty`. Only for bytes with no known
signature does the name choose between text, HTML and a refusal. Every reader's text goes
through the same radical normalisation (radicals.py).

| format       | reader   | library                                  |
| ------------ | -------- | ---------------------------------------- |
| .txt         | text.py  | charset-normalizer (after BOM / UTF-16 / UTF-8 checks) |
| .html/.htm   | html.py  | trafilatura locates the article; own line walk keeps its lines |
| .pdf         | pdf.py   | pdfminer.six layout lines; own furniture and paragraph rules |
| scanned .pdf | ocr.py   | pypdfium2 renders the pages, RapidOCR (PP-OCRv4) reads them; pdf.py's rules |
| .docx        | docx.py  | zipfile + ElementTree; own numbering renderer; zip-bomb limits |
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ingestion.errors import (
    EmptyFileError,
    FileTooLargeError,
    NoTextLayerError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from ingestion.parser.model import TextSource
from ingestion.readers.radicals import normalize_radicals
from ingestion.readers.sniff import HEAD_BYTES, sniff
from ingestion.readers.text import WHITESPACE_BYTES, decode_bytes, looks_like_html

MAX_BYTES = 20 * 1024 * 1024  # text, HTML and .docx: far above any real report
MAX_PDF_BYTES = 100 * 1024 * 1024  # PDFs carry fonts and images
MAX_FILE_BYTES = max(MAX_BYTES, MAX_PDF_BYTES)  # no reader accepts a larger file of any format

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_SAVE_AS = "save it as .docx or PDF (or paste its text into a .txt file)"
# Names of formats we refuse even when their bytes are text (or no signature says otherwise).
_REFUSED_SUFFIXES = {
    ".doc": "a Word 97-2003 document", ".wps": "a WPS document", ".rtf": "an RTF document",
    ".odt": "an OpenDocument text", ".md": "a Markdown file", ".markdown": "a Markdown file",
    ".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".csv": "a table", ".ppt": "a presentation",
    ".pptx": "a presentation", ".ofd": "an OFD document", ".epub": "an e-book",
}


@dataclass(frozen=True)
class ReportText:
    text: str
    encoding: str  # the encoding (text, HTML) or format (pdf, docx) it was read with
    source: TextSource = "text"  # the file's characters, a PDF's text layer, or OCR of its page images
    ocr_confidence: float | None = None


def read_report_file(path: Path) -> tuple[str, str]:
    """The text of one report file and the encoding (text, HTML) or format (pdf, docx) it was read with."""
    read = read_report(path)
    return read.text, read.encoding


def read_report(path: Path) -> ReportText:
    """The text of one report file, with how it was obtained."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            kind, description = sniff(head)
            limit = MAX_PDF_BYTES if kind == "pdf" else MAX_BYTES
            if size > limit:
                raise FileTooLargeError(f"{size} bytes is over the {limit} byte limit for {description}")
            data = head + fh.read()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read the file: {exc.strerror or exc}") from exc
    read = read_report_bytes(data, path.suffix.lower(), kind, description)
    return replace(read, text=normalize_radicals(read.text))


def read_report_bytes(data: bytes, suffix: str, kind: str, description: str) -> ReportText:
    if not data.strip(WHITESPACE_BYTES):
        raise EmptyFileError("the file is empty" if not data else "the file holds only whitespace")
    if kind == "pdf":
        from ingestion.readers.pdf import pdf_to_text

        try:
            return ReportText(pdf_to_text(data), "pdf", "text_layer")
        except NoTextLayerError:
            from ingestion.readers.ocr import ocr_pdf

            text, confidence = ocr_pdf(data)
            return ReportText(text, "pdf", "ocr", confidence)
    if kind == "zip":
        from ingestion.readers.docx import docx_to_text

        return ReportText(docx_to_text(data), "docx")
    if kind != "text":
        raise UnsupportedFormatError(f"the file is {description}, not a report we can read; {_SAVE_AS}"
                                     if "save" not in description else f"the file is {description}")
    if suffix in _REFUSED_SUFFIXES:
        raise UnsupportedFormatError(f"{suffix} is {_REFUSED_SUFFIXES[suffix]}; {_SAVE_AS}")
    if suffix in (".pdf", ".docx"):
        raise UnsupportedFormatError(f"named {suffix} but its bytes are not {suffix[1:].upper()}; "
                                     "save the report again as .docx or PDF")
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise UnsupportedFormatError(f"{suffix} files are not read (only .txt, .html/.htm, .docx and .pdf); {_SAVE_AS}")
    text, encoding = decode_bytes(data)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        from ingestion.readers.html import html_to_text

        text = html_to_text(text)
        if not text.strip():
            raise EmptyFileError("the HTML page holds no text")
    return ReportText(text, encoding)
