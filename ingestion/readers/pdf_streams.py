"""PDF streams inflated within a budget: a decompression bomb is refused, not inflated.

pdfminer.six inflates each FlateDecode stream whole with `zlib.decompress`: 1 MB of compressed
zeros becomes 1 GB in memory before anything can look at it, and LZW streams grow the same way.
While a PDF is read, pdfminer's zlib and LZW decoder are stood in for by ones that stop at
the file's remaining budget (MAX_INFLATED_BYTES, all streams together, as the .docx reader limits
its zip entries) and raise ArchiveTooLargeError, which quarantines the file.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from ingestion.errors import ArchiveTooLargeError

MAX_INFLATED_BYTES = 128 * 1024 * 1024  # every stream of one PDF together; a long report needs a few MB

_left: list[int] = []  # the budget of the PDF being read (one at a time per process)


def _take(n: int) -> None:
    if _left:
        _left[0] -= n
        if _left[0] < 0:
            raise ArchiveTooLargeError(f"the PDF's compressed streams inflate past {MAX_INFLATED_BYTES} bytes "
                                       "(a decompression bomb)")


def _room() -> int:
    return _left[0] + 1 if _left else 0  # 0: no limit (zlib's max_length)


class _BoundedDecompressor:
    def __init__(self, *args):
        self._inner = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inner.decompress(data, max_length or _room())
        _take(len(out))
        return out

    def flush(self, *args) -> bytes:
        out = self._inner.flush(*args)
        _take(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


class BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args) -> _BoundedDecompressor:
        return _BoundedDecompressor(*args)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        inflater = _BoundedDecompressor(*args)
        out = inflater.decompress(data)
        if not inflater.eof:  # zlib.decompress raises on a truncated stream; pdfminer relies on it
            raise zlib.error("incomplete or truncated stream")
        return out


def bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(BytesIO(data)).run():
        _take(len(piece))
        out += piece
    return bytes(out)


@contextmanager
def inflation_budget(limit: int = MAX_INFLATED_BYTES) -> Iterator[None]:
    """Within the block, pdfminer inflates at most `limit` bytes in all."""
    from pdfminer import pdftypes

    pdftypes.zlib = BoundedZlib
    pdftypes.lzwdecode = bounded_lzwdecode
    _left[:] = [limit]
    try:
        yield
    finally:
        _left[:] = []
