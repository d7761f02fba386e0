"""Compatibility shim: the readers live in ingestion/readers/ (one module per format).

Kept so callers (inbox.py, parse.py) keep importing `read_report_file` from here; new code
should import from `ingestion.readers`.
"""
from __future__ import annotations

from ingestion.readers import MAX_FILE_BYTES, read_report_file
from ingestion.readers.docx import docx_to_text
from ingestion.readers.html import html_to_text
from ingestion.readers.text import decode_bytes

# The inbox refuses a file over this before reading it; each reader then applies its own
# format's limit (readers.MAX_BYTES for text/HTML/.docx, readers.MAX_PDF_BYTES for PDF).
MAX_BYTES = MAX_FILE_BYTES

__all__ = ["MAX_BYTES", "decode_bytes", "docx_to_text", "html_to_text", "read_report_file"]
