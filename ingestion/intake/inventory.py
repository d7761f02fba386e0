"""What is in the inbox: every path below it, each either a file to read or a refusal.

Containment happens here, before a byte is read: links that leave the inbox, dangling
links, hidden files and folders, FIFOs and devices, empty and oversized files each get a
refusal with its own reason code, so nothing is skipped silently and nothing outside
the inbox is ever opened.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ingestion import errors
from ingestion.chinese.file_names import shown_name, stored_name
from ingestion.errors import Refusal
from ingestion.readers import MAX_FILE_BYTES


@dataclass(frozen=True)
class InboxFile:
    path: str  # inside the inbox, '/'-separated: the file's identity across runs
    location: Path  # where its bytes are read (a link's target inside the inbox)
    size_bytes: int
    modified_at: datetime
    file_id: str | None = None  # SHA-256 of the bytes, once hashed

    @property
    def report_id(self) -> str:
        if self.file_id is None:
            raise ValueError(f"{self.path} is not hashed yet")
        return self.file_id[:16]

    @property
    def file_name(self) -> str:
        return shown_name(self.path.rsplit("/", 1)[-1])


def scan_inbox(folder: Path) -> tuple[list[InboxFile], list[Refusal]]:
    """Every path below the folder, in sorted order, without following links out of it."""
    root = folder.resolve()
    files: list[InboxFile] = []
    refusals: list[Refusal] = []
    for entry, rel in _walk(root, ""):
        outcome = _classify(root, entry, rel)
        (files if isinstance(outcome, InboxFile) else refusals).append(outcome)
    return files, refusals


def listing_fingerprint(files: list[InboxFile], refusals: list[Refusal]) -> str:
    """One hash of a scan: paths, sizes, modification times and refusals, nothing read. Cheap
    for tens of thousands of files; equal listings mean the ingest would find nothing to do."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.path}\0{file.size_bytes}\0{file.modified_at.isoformat()}\n".encode())
    for refusal in refusals:
        digest.update(f"{refusal.path}\0{refusal.reason}\n".encode())
    return digest.hexdigest()


def inbox_fingerprint(folder: Path) -> str:
    return listing_fingerprint(*scan_inbox(folder))


def _walk(folder: Path, prefix: str) -> Iterator[tuple[os.DirEntry, str]]:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = f"{prefix}{stored_name(entry.name)}"  # valid text whatever bytes the name holds
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                yield from _walk(Path(entry.path), rel + "/")
            else:
                yield entry, rel


def _classify(root: Path, entry: os.DirEntry, rel: str) -> InboxFile | Refusal:
    if entry.name.startswith("."):
        kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
        return Refusal(rel, errors.HiddenPathError.reason,
                       f"hidden {kind} not read (editor backups, system files); rename it without"
                       " the leading dot to load it")
    location = Path(entry.path)
    if entry.is_symlink():
        target = Path(os.path.realpath(entry.path))
        if not target.exists():
            return Refusal(rel, errors.DanglingLinkError.reason,
                           f"link to {os.readlink(entry.path)}, which does not exist")
        if not target.is_relative_to(root):
            return Refusal(rel, errors.SymlinkOutsideInboxError.reason,
                           "link to a file outside the inbox; copy the file into the inbox to load it")
        if target.is_dir():
            return Refusal(rel, errors.NotAFileError.reason,
                           "link to a folder; its files are read at their own path")
        location = target
    try:
        info = location.stat()
    except OSError as exc:
        return Refusal(rel, errors.UnreadableFileError.reason, f"cannot read: {exc}")
    if not stat.S_ISREG(info.st_mode):
        return Refusal(rel, errors.NotAFileError.reason, "not a regular file (FIFO, socket or device)")
    if info.st_size == 0:
        return Refusal(rel, errors.EmptyFileError.reason, "the file is empty")
    if info.st_size > MAX_FILE_BYTES:
        return Refusal(rel, errors.FileTooLargeError.reason,
                       f"{info.st_size} bytes is over the {MAX_FILE_BYTES} byte limit")
    return InboxFile(rel, location, info.st_size, datetime.fromtimestamp(info.st_mtime))


def with_hashes(files: list[InboxFile], known: Mapping[str, tuple[int, datetime, str]]
                ) -> tuple[list[InboxFile], list[Refusal]]:
    """Files with their SHA-256. A path whose size and modification time match the last
    run keeps its hash unread (as git's index does), so a no-op run reads no file."""
    hashed: list[InboxFile] = []
    refusals: list[Refusal] = []
    for file in files:
        seen = known.get(file.path)
        if seen and seen[0] == file.size_bytes and seen[1] == file.modified_at and seen[2]:
            hashed.append(replace(file, file_id=seen[2]))
            continue
        try:
            hashed.append(replace(file, file_id=sha256_of(file.location)))
        except OSError as exc:
            refusals.append(Refusal(file.path, errors.UnreadableFileError.reason, f"cannot read: {exc}"))
    return hashed, refusals


def sha256_of(location: Path) -> str:
    digest = hashlib.sha256()
    with location.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
