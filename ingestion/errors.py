"""Typed errors for files that cannot become a report; the pipeline quarantines them.

Every quarantine row carries one of these stable `reason` codes (SQL filters on them):

| reason                  | raised by         | the file …                                                         |
| ----------------------- | ----------------- | ------------------------------------------------------------------ |
| `empty`                 | readers           | has no bytes, only whitespace, or a document with no text          |
| `binary`                | readers           | is named as text but holds binary bytes of no known format         |
| `encoding`              | readers           | is text in no encoding that fits its bytes                         |
| `too_large`             | readers           | is over the size limit for its format (checked before reading)     |
| `archive_too_large`     | readers           | would inflate past the size or ratio limit (.docx zip, PDF streams)|
| `too_deep`              | readers (.docx)   | nests tables in tables far deeper than a document does             |
| `time_limit`            | parse pool        | took longer than the per-file time limit to parse                  |
| `memory_limit`          | parse pool        | needed more than the per-file memory limit to parse                |
| `unsupported_format`    | readers           | is a format we do not read (.doc, .wps, .md, images, archives, …)  |
| `no_text_layer`         | readers (.pdf)    | is a PDF of scanned pages with no text to extract                  |
| `encrypted`             | readers (.pdf)    | is a password-protected PDF                                        |
| `corrupt`               | readers           | has a PDF or zip signature but a broken structure                  |
| `unreadable`            | readers, inbox    | could not be read from disk (OSError: permissions, I/O error)      |
| `symlink_outside_inbox` | inbox             | is a symbolic link resolving to a path outside the inbox           |
| `dangling_link`         | inbox             | is a symbolic link whose target does not exist                     |
| `hidden_path`           | inbox             | is a dot-file or dot-folder (rename it without the dot to load it) |
| `not_a_regular_file`    | inbox             | is a FIFO, socket, device or a link to a folder                    |
| `not_a_report`          | parser            | decodes, but no report text is left after removing page furniture  |
| `unparseable`           | parser, inbox     | made the parser fail (a bug: the message holds the exception)      |
"""
from __future__ import annotations

from dataclasses import dataclass

from ingestion.chinese.file_names import shown_name


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


class ArchiveTooLargeError(ReportError):
    """Compressed content that would inflate past the limits (a .docx zip's entries, a PDF's streams):
    refused before it is inflated."""

    reason = "archive_too_large"


class NestingTooDeepError(ReportError):
    """A document nesting structures far deeper than any report (tables in tables hundreds deep)."""

    reason = "too_deep"


class ParseTimeLimitError(ReportError):
    """The parse of the file took longer than the per-file time limit."""

    reason = "time_limit"


class ParseMemoryLimitError(ReportError):
    """The parse of the file needed more memory than the per-file limit."""

    reason = "memory_limit"


class UnsupportedFormatError(ReportError):
    reason = "unsupported_format"


class NoTextLayerError(ReportError):
    """A PDF whose pages hold images but no text (a scan); OCR it or ask for the original."""

    reason = "no_text_layer"


class EncryptedFileError(ReportError):
    reason = "encrypted"


class CorruptFileError(ReportError):
    """A PDF or zip (.docx) by its signature whose structure cannot be read."""

    reason = "corrupt"


class UnreadableFileError(ReportError):
    """An OSError while reading the file (permissions, I/O error, vanished mid-read)."""

    reason = "unreadable"


class SymlinkOutsideInboxError(ReportError):
    reason = "symlink_outside_inbox"


class DanglingLinkError(ReportError):
    reason = "dangling_link"


class HiddenPathError(ReportError):
    """A dot-file or dot-folder (editor backups, .git, .DS_Store): listed, never read."""

    reason = "hidden_path"


class NotAFileError(ReportError):
    """A FIFO, socket, device, or a link to a folder: nothing to parse."""

    reason = "not_a_regular_file"


class NotAReportError(ReportError):
    """Decoded text that holds no report (no heading, no sentence worth a parse)."""

    reason = "not_a_report"


REASONS: frozenset[str] = frozenset(
    cls.reason for cls in (ReportError, *ReportError.__subclasses__())
)


@dataclass(frozen=True)
class Refusal:
    """A path that cannot become a report, and why: what every stage returns instead of a parse,
    and what the warehouse records in its quarantine."""

    path: str
    reason: str  # one of REASONS
    message: str
    file_id: str | None = None

    @property
    def file_name(self) -> str:
        return shown_name(self.path.rsplit("/", 1)[-1])
