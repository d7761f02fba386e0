"""What a file is, from its first bytes: the name only decides among text formats.

A .wps holding a Word 97 file, a .txt holding a PDF and a .docx of 0 bytes all occur in
real inboxes; each must be read, or refused, for what its bytes are.
"""
from __future__ import annotations

# (magic, kind, what it is, what to do) — kinds other than pdf and zip are refused.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "a PDF"),
    (b"PK\x03\x04", "zip", "a zip archive"),
    (b"PK\x05\x06", "zip", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2",
     "a Word 97-2003 (.doc) or WPS (.wps) binary document; save it as .docx or PDF"),
    (b"{\\rtf", "refused", "an RTF document; save it as .docx or PDF"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"GIF87a", "image", "a GIF image"),
    (b"GIF89a", "image", "a GIF image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"BM", "image", "a BMP image"),
    (b"\x1f\x8b", "archive", "a gzip archive"),
    (b"Rar!\x1a\x07", "archive", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "a 7z archive"),
    (b"\xfd7zXZ\x00", "archive", "an xz archive"),
    (b"BZh", "archive", "a bzip2 archive"),
)
HEAD_BYTES = 1024  # %PDF- may follow a few bytes of junk (the spec allows 1024)


def sniff(head: bytes) -> tuple[str, str]:
    """(kind, description) of the bytes: kind is pdf, zip, ole2, image, archive, refused
    or text (no known magic: decide by name and by decoding)."""
    if b"%PDF-" in head[:HEAD_BYTES]:
        return "pdf", "a PDF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image", "a WebP image"
    for magic, kind, description in _MAGIC[1:]:
        if head.startswith(magic):
            if kind == "image" and magic == b"BM" and not _plausible_bmp(head):
                continue
            return kind, description
    return "text", "text"


def _plausible_bmp(head: bytes) -> bool:
    # "BM" also starts ordinary ASCII text; a BMP header has zero reserved bytes at 6..10.
    return len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00"


def has_binary_magic(data: bytes) -> bool:
    return sniff(data[:HEAD_BYTES])[0] != "text"
