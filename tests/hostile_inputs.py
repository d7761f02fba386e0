"""Hostile inputs for the report warehouse: one small, deterministic generator per class.

Every generator takes the folder to write into (created if missing) and returns the path or
paths it wrote. Nothing here imports the project, and nothing needs more than the standard
library, so the module can become a test fixture as it is. Written sizes stay small: where a
file must *look* large, it is sparse (``truncate``) or compressed.

The docstring of each generator says what the input is and what a correct warehouse must do
with it. "Quarantine" means a row in ``raw.quarantine`` with a reason code, never a stopped
run; "refuse the run" means the run stops before it changes anything published (warehouse,
snapshot, site) and says why in one line.

Generators of whole inbox states (``empty_inbox``, ``missing_inbox``, ``inbox_is_a_file``)
return the path to use as ``REPORTS_INBOX``. ``corrupt_duckdb_file`` and ``hold_file_lock``
act on an existing warehouse file rather than on an inbox.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "billion_laughs_docx",
    "binary_junk_txt",
    "corrupt_duckdb_file",
    "dangling_link",
    "deep_nested_tables_docx",
    "empty_file",
    "empty_inbox",
    "fifo",
    "gbk_named_file",
    "hidden_file",
    "hold_file_lock",
    "inbox_is_a_file",
    "late_internal_entity_docx",
    "many_one_liners",
    "minimal_report_text",
    "missing_inbox",
    "one_line_with_figure",
    "oversized_sparse_file",
    "pdf_flate_bomb",
    "rich_markup_title_report",
    "script_tag_title_report",
    "symlink_escaping_inbox",
    "xxe_external_entity_docx",
    "zip_bomb_docx",
]

# A line taken from a real report: a list item with one figure ("4次") and a dangling "区 9".
# No title, no organisation, no year, no heading: not a report.
ONE_LINE_WITH_FIGURE = "3.全面增强依法行政的意识和能力建设。…学习习近平法治思想4次,区政府主要负责同志通过区 9"

# Rich console markup that `make query` must print verbatim.
RICH_MARKUP_SAMPLES = ("[bold]x[/bold]", ":x:", "[/注释]")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
# A fixed timestamp makes every zip byte-identical across runs.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


# ---- helpers -----------------------------------------------------------------------------

def _folder(folder: Path | str) -> Path:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def minimal_report_text(organization: str = "天津市红桥区人民政府", year: int = 2023,
                        title: str | None = None) -> str:
    """A short report with a title, an opening sentence, the four mandated parts and figures:
    enough for the parser to find organisation, year, outline and indicators."""
    title = title if title is not None else f"{organization}{year}年法治政府建设年度报告"
    return "\n".join([
        title,
        f"{year}年，{organization}坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下。",
        "一、推进法治政府建设的主要举措和成效",
        "（一）依法全面履行政府职能。全年办理行政许可事项1200件，按时办结率100%。",
        "（二）严格规范公正文明执法。开展行政检查750次，行政机关负责人出庭应诉率100%。",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "政府常务会议集体学法12次，研究法治政府建设重大问题3次。",
        "三、存在的不足和原因",
        "基层执法力量仍显不足，行政执法规范化水平有待提高。",
        "四、下一年度推进法治政府建设的主要安排",
        "持续深化行政执法体制改革，全面提升依法行政能力。",
        organization,
        f"{year + 1}年1月15日",
    ]) + "\n"


def _write_zip(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression, compresslevel=9) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = compression
            archive.writestr(info, data)
    return path


def _docx(path: Path, document_xml: bytes | str, extra: dict[str, bytes] | None = None) -> Path:
    data = document_xml.encode("utf-8") if isinstance(document_xml, str) else document_xml
    return _write_zip(path, {"[Content_Types].xml": _CONTENT_TYPES.encode(), "_rels/.rels": _RELS.encode(),
                             "word/document.xml": data, **(extra or {})})


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>" for line in lines)


def _document(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- whole-inbox states (finding 1) ------------------------------------------------------

def empty_inbox(folder: Path | str) -> Path:
    """An inbox folder with no files, as an unmounted share or a wrong path with a matching
    empty folder looks. A correct warehouse must not publish it over a non-empty build: the run
    refuses unless confirmed (CONFIRM_REMOVAL=1) instead of removing every report and replacing
    the snapshot and the site with empty ones."""
    return _folder(folder)


def missing_inbox(folder: Path | str) -> Path:
    """A REPORTS_INBOX that does not exist (a typo). Nothing is written; the returned path is
    `folder/does-not-exist`. A correct warehouse stops with one line naming the path and the
    variable that set it (exit code non-zero), with no traceback, and changes nothing."""
    path = _folder(folder) / "does-not-exist"
    assert not path.exists()
    return path


def inbox_is_a_file(folder: Path | str) -> Path:
    """A REPORTS_INBOX that names a regular file (a report passed instead of its folder). A
    correct warehouse stops with one line saying the inbox is a file, not a folder, with no
    traceback, and changes nothing."""
    path = _folder(folder) / "report.txt"
    path.write_text(minimal_report_text(), encoding="utf-8")
    return path


# ---- containment: handled by ingestion/inventory.py --------------------------------------

def symlink_escaping_inbox(folder: Path | str, outside: Path | str | None = None) -> list[Path]:
    """A symbolic link inside the inbox to a report file outside it (written into `outside`,
    default: a sibling folder `<inbox>_outside`). The link is returned first. A correct
    warehouse never reads the target: quarantine `symlink_outside_inbox`."""
    inbox = _folder(folder)
    target_dir = _folder(outside if outside is not None else inbox.parent / f"{inbox.name}_outside")
    target = target_dir / "secret.txt"
    target.write_text(minimal_report_text("天津市静海区人民政府"), encoding="utf-8")
    link = inbox / "escaping_link.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    return [link, target]


def dangling_link(folder: Path | str) -> Path:
    """A symbolic link whose target does not exist. Quarantine `dangling_link`."""
    link = _folder(folder) / "dangling.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(link.parent / "no-such-target.txt")
    return link


def fifo(folder: Path | str) -> Path:
    """A named pipe with a report's name: opening it for reading would block forever.
    Quarantine `not_a_regular_file` without opening it."""
    path = _folder(folder) / "pipe.txt"
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def empty_file(folder: Path | str) -> Path:
    """A 0-byte .txt. Quarantine `empty`."""
    path = _folder(folder) / "empty.txt"
    path.write_bytes(b"")
    return path


def hidden_file(folder: Path | str) -> Path:
    """A dot-file holding a valid report (an editor's backup, `.DS_Store`-like). Quarantine
    `hidden_path`; its report must not be loaded."""
    path = _folder(folder) / ".hidden_report.txt"
    path.write_text(minimal_report_text(), encoding="utf-8")
    return path


def oversized_sparse_file(folder: Path | str, size: int = 100 * 1024 * 1024 + 1) -> Path:
    """A sparse .pdf-named file of `size` bytes (default: one byte over the 100 MB PDF limit;
    nothing but a `%PDF-` header is written). Quarantine `too_large` from its size alone,
    before a byte is read."""
    path = _folder(folder) / "oversized.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(size)
    return path


def binary_junk_txt(folder: Path | str, size: int = 4096) -> Path:
    """`size` bytes of deterministic pseudo-random binary named .txt. Quarantine `binary`
    (or `encoding`), never a report of mojibake."""
    state = 0x2545F491
    out = bytearray()
    while len(out) < size:  # xorshift32: deterministic, no `random` seeding concerns
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out += state.to_bytes(4, "little")
    path = _folder(folder) / "junk.txt"
    path.write_bytes(bytes(out[:size]).replace(b"%PDF-", b"%PDX-"))
    return path


# ---- file names (finding 2) --------------------------------------------------------------

def gbk_named_file(folder: Path | str, name: str = "法治政府报告", content: str | None = None) -> Path:
    """A valid report whose *file name* is GBK bytes, not UTF-8, as zip archives made on
    Chinese Windows give when unpacked on Linux. Python sees the name with surrogate escapes
    (`\\udcb7…`), which `str.encode()` refuses. A correct warehouse loads the report (storing
    the name with its bytes escaped, or decoded as GBK) or quarantines that one path; it never
    fails the whole ingest, and the next run is not stuck."""
    root = _folder(folder)
    raw = os.fsencode(root) + b"/" + name.encode("gbk") + b".txt"
    with open(raw, "wb") as fh:
        fh.write((content if content is not None else minimal_report_text("天津市南开区人民政府")).encode("utf-8"))
    return Path(os.fsdecode(raw))


# ---- not a report (findings 3, 9) --------------------------------------------------------

def one_line_with_figure(folder: Path | str, name: str = "one_line.txt") -> Path:
    """One line of a report's body (a list item with the figure `4次`), no title,
    organisation or year. A correct warehouse quarantines it `not_a_report` (or loads it and
    fails the ERROR check). Either way every later step, the report site included, must cope
    with a report whose organisation is null: no crash, and no run that fails forever after."""
    path = _folder(folder) / name
    path.write_text(ONE_LINE_WITH_FIGURE + "\n", encoding="utf-8")
    return path


def many_one_liners(folder: Path | str, n: int = 3000) -> list[Path]:
    """`n` distinct one-line files, each a sentence with a figure, no title, organisation or
    year (a web scrape saved paragraph by paragraph). A correct warehouse does not turn them
    into `n` reports: they are `not_a_report`, and the quarantine-share check then fails.
    Files are ~100 bytes each."""
    root = _folder(folder)
    paths = []
    for i in range(n):
        path = root / f"line_{i:05d}.txt"
        path.write_text(f"{i + 1}.全面推进依法行政工作，组织学习习近平法治思想{i % 97 + 1}次,区政府主要负责同志通过区 {i}\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


# ---- decompression bombs (findings 4, 5) -------------------------------------------------

def _zeros_flate(inflated: int, chunk: int = 1 << 20) -> bytes:
    """A zlib stream of `inflated` zero bytes (a multiple of `chunk`), built without
    compressing them: after a full flush, every chunk of zeros compresses to the same bytes."""
    if inflated % chunk:
        raise ValueError("inflated must be a multiple of chunk")
    compressor = zlib.compressobj(9)
    first = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    header = first[: len(first) - len(block)]
    assert first[len(header):] == block
    # adler32 of n zeros from (a=1, b=0): a stays 1, b grows by 1 per byte.
    adler = ((inflated % 65521) << 16) | 1
    return header + block * (inflated // chunk) + b"\x03\x00" + adler.to_bytes(4, "big")


def pdf_flate_bomb(folder: Path | str, inflated: int = 1 << 30) -> Path:
    """A minimal valid one-page PDF whose content stream is FlateDecode'd zeros: ~1 MB on disk
    that inflates to `inflated` bytes (default 1 GiB). A correct warehouse bounds what it
    inflates (bytes per stream or in total, and parse time) and quarantines the file
    (`archive_too_large`, or `no_text_layer` after a bounded read) in seconds and in bounded
    memory."""
    stream = _zeros_flate(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path = _folder(folder) / "flate_bomb.pdf"
    path.write_bytes(out.getvalue())
    return path


def zip_bomb_docx(folder: Path | str, inflated: int = 64 * 1024 * 1024 + 1) -> Path:
    """A .docx whose document.xml inflates to `inflated` bytes of spaces (default: one byte over
    the 64 MB part limit, ~65 KB on disk). Quarantine `archive_too_large` from the zip directory,
    before inflating."""
    body = _document(" " * (inflated - len(_document(""))))
    return _docx(_folder(folder) / "zip_bomb.docx", body)


def deep_nested_tables_docx(folder: Path | str, depth: int = 10_000, cell_text: str = "表格文字") -> Path:
    """A .docx of one table nested `depth` deep, one cell per level holding `cell_text`
    (~2.8 KB on disk at 10,000). Reading every `w:tr` below a table and every `w:p` below a
    cell repeats each cell's text once per ancestor row: depth²/2 × len(cell_text) characters
    (200 million at 10,000). A correct warehouse reads each cell's own text once (text grows
    linearly with depth), bounds the nesting depth, or quarantines the file (`too_large`/
    `corrupt`) in bounded memory and time."""
    cell = f'<w:p><w:r><w:t>{cell_text}</w:t></w:r></w:p>'
    body = (_paragraphs(["天津市红桥区人民政府2023年法治政府建设年度报告"])
            + ("<w:tbl><w:tr><w:tc>" + cell) * depth + "</w:tc></w:tr></w:tbl>" * depth)
    return _docx(_folder(folder) / f"nested_tables_{depth}.docx", _document(body))


# ---- XML entities (finding 10 and the handled ones) -------------------------------------

def xxe_external_entity_docx(folder: Path | str, target: str = "file:///etc/passwd") -> Path:
    """A .docx whose document.xml declares an external entity (`SYSTEM "file:///etc/passwd"`)
    and uses it in the title. A correct warehouse never resolves it: quarantine `corrupt`
    (DTD refused)."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>\n'
    lines = minimal_report_text().splitlines()
    body = f"<w:p><w:r><w:t>&xxe;{lines[0]}</w:t></w:r></w:p>" + _paragraphs(lines[1:])
    return _docx(_folder(folder) / "xxe.docx", _document(body, prolog))


def billion_laughs_docx(folder: Path | str, levels: int = 10) -> Path:
    """A .docx whose DTD nests entities 10 × `levels` deep (the billion-laughs attack, 10⁹
    `lol`s at 10 levels). Quarantine `corrupt` (DTD refused) without expanding anything."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels)]
    prolog = "<!DOCTYPE w:document [" + "".join(entities) + "]>\n"
    body = f"<w:p><w:r><w:t>&lol{levels - 1};</w:t></w:r></w:p>"
    return _docx(_folder(folder) / "billion_laughs.docx", _document(body, prolog))


def late_internal_entity_docx(folder: Path | str, padding: int = 5000,
                              organization: str = "天津市河西区人民政府") -> Path:
    """A .docx whose DTD comes after `padding` bytes of XML comment (Misc allowed before the
    DOCTYPE), past a check that looks for `<!DOCTYPE`/`<!ENTITY` only in the first 4,096 bytes.
    The DTD declares internal entities: `&org;` (the organisation, which appears nowhere else
    in the file's bytes) and `&amp10;`, a 10⁴-fold amplifier whose expansion (ten thousand
    `扩`) lands in the document's second line. A correct warehouse refuses any DTD wherever it
    is (quarantine `corrupt`); if the title comes out as `<organization>2023年…`, the entity
    was expanded."""
    prolog = ("<!--" + "x" * padding + "-->\n<!DOCTYPE w:document ["
              f'<!ENTITY org "{organization}">'
              '<!ENTITY amp0 "扩"><!ENTITY amp1 "&amp0;&amp0;&amp0;&amp0;&amp0;&amp0;&amp0;&amp0;&amp0;&amp0;">'
              '<!ENTITY amp2 "&amp1;&amp1;&amp1;&amp1;&amp1;&amp1;&amp1;&amp1;&amp1;&amp1;">'
              '<!ENTITY amp3 "&amp2;&amp2;&amp2;&amp2;&amp2;&amp2;&amp2;&amp2;&amp2;&amp2;">'
              '<!ENTITY amp4 "&amp3;&amp3;&amp3;&amp3;&amp3;&amp3;&amp3;&amp3;&amp3;&amp3;">'
              "]>\n")
    lines = minimal_report_text("ORG").replace("ORG", "&org;").splitlines()
    lines.insert(2, "实体展开：&amp4;")
    return _docx(_folder(folder) / "late_entity.docx", _document(_paragraphs(lines), prolog))


# ---- what the site and the terminal show -------------------------------------------------

def script_tag_title_report(folder: Path | str) -> Path:
    """A valid report whose title line carries `<script>alert(1)</script>`. A correct site
    escapes it everywhere (index, report page, compare JSON); no page contains a live script
    element from report text."""
    path = _folder(folder) / "script_title.txt"
    title = "天津市河东区人民政府2023年法治政府建设年度报告<script>alert(1)</script>"
    path.write_text(minimal_report_text("天津市河东区人民政府", title=title), encoding="utf-8")
    return path


def rich_markup_title_report(folder: Path | str) -> Path:
    """A valid report whose title carries Rich console markup and emoji codes:
    `[bold]x[/bold]`, `:x:` and `[/注释]`. `make query` must print cell text verbatim: no text
    vanishes, no `:x:` becomes an emoji, and `[/注释]` does not crash the table."""
    path = _folder(folder) / "rich_title.txt"
    title = "天津市和平区人民政府2023年法治政府建设年度报告" + "".join(RICH_MARKUP_SAMPLES)
    path.write_text(minimal_report_text("天津市和平区人民政府", title=title), encoding="utf-8")
    return path


# ---- the warehouse file itself (findings 6, 8) -------------------------------------------

def corrupt_duckdb_file(path: Path | str, mode: str = "overwrite", length: int = 64 * 1024) -> Path:
    """Damages an existing DuckDB file in place. `overwrite`: `length` bytes of 0xFF in the
    middle of the file (pages and their checksums); `truncate`: cut to half its size;
    `header`: overwrite the first 4 KB (the main header). A correct warehouse fails the run in
    seconds with a message naming the file, saying it is damaged, and naming the way out
    (rebuild from the inbox: move the file aside; the snapshot still holds the last build),
    and leaves the snapshot and the site as they were."""
    path = Path(path)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        if mode == "overwrite":
            fh.seek(max(0, size // 2 - length // 2))
            fh.write(b"\xff" * min(length, size))
        elif mode == "truncate":
            fh.truncate(size // 2)
        elif mode == "header":
            fh.write(b"\xff" * 4096)
        else:
            raise ValueError(f"unknown mode {mode!r}")
    return path


@contextlib.contextmanager
def hold_file_lock(path: Path | str) -> Iterator[int]:
    """Holds a POSIX write lock on the whole file from another process, as a DuckDB
    connection does, and yields that process's id. A correct warehouse fails the run within
    its lock timeout with a message naming the file, the process (PID) and the snapshot to
    query instead."""
    code = ("import fcntl, sys, time\n"
            "fh = open(sys.argv[1], 'r+b')\n"
            "fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        if holder.stdout is None or holder.stdout.readline().strip() != "locked":
            raise RuntimeError(f"could not lock {path}")
        yield holder.pid
    finally:
        if holder.stdin is not None:
            holder.stdin.close()
        holder.wait(timeout=10)
