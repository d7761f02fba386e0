"""Typed errors for files that cannot become a report; the pipeline quarantines them."""
from __future__ import annotations


class ReportError(Exception):
    """A file that cannot be turned into a report. `reason` is a stable code for SQL."""

    reason = "unparseable"


class EmptyFileError(ReportError):
    reason = "empty"


class BinaryFileError(ReportError):
    reason = "binary"


class EncodingError(ReportError):
    reason = "encoding"


class FileTooLargeError(ReportError):
    reason = "too_large"


class UnsupportedFormatError(ReportError):
    reason = "unsupported_format"


class NotAReportError(ReportError):
    """Decoded text that holds no report (no heading, no sentence worth a parse)."""

    reason = "not_a_report"
