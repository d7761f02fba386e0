"""Report files the reader tests generate from a sample's text (no binary fixtures committed).

Each maker lays the report out the way the format's real producers do: a PDF with wrapped
lines, a running header and a page-numbered footer on every page; a .docx whose headings
are numbered by Word (numbering.xml) and whose figures sit in a table; an .html page whose
report follows a long navigation list and breadcrumbs, above a site footer.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)、")
_LEVEL2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_LEVEL3 = re.compile(r"^(\d+)[.．]")


def report_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---- PDF ---------------------------------------------------------------------------------

PAGE_NUMBER_STYLES = {
    "slash": lambda n, total: f"{n}/{total}",
    "dash": lambda n, _total: f"- {n} -",
    "chinese": lambda n, _total: f"第{n}页",
}


def make_pdf(lines: list[str], path: Path, *, header: str = "", footer: str = "",
             page_number: str = "slash", font_size: float = 12, indent: bool = True) -> Path:
    """A text-layer PDF (reportlab's built-in CID font STSong-Light), wrapped at the right
    margin, body paragraphs indented two characters, and on every page a header line and a
    footer line plus a page number. The header is drawn after the body (as office suites
    do), so an extractor that follows the content stream, not the page, puts it mid-text.
    indent=False lays paragraphs out as blocks, leaving only the line ends to tell them apart."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    width, height = A4
    left, right, top, bottom = 72.0, width - 72.0, height - 80.0, 80.0
    leading = font_size * 1.6

    def wrap(line: str, indent: float) -> list[tuple[str, float]]:
        out, current, x0 = [], "", left + indent
        for ch in line:
            if pdfmetrics.stringWidth(current + ch, font, font_size) > right - x0:
                out.append((current, x0))
                current, x0 = "", left
            current += ch
        out.append((current, x0))
        return out

    placed: list[list[tuple[str, float, float]]] = [[]]
    y = top
    for line in lines:
        first = 0.0 if not indent or HEADING.match(line) or line is lines[0] else 2 * font_size
        for piece, x in wrap(line, first):
            if y < bottom:
                placed.append([])
                y = top
            placed[-1].append((piece, x, y))
            y -= leading
    total = len(placed)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n, page in enumerate(placed, 1):
        pdf.setFont(font, 9)
        number = PAGE_NUMBER_STYLES[page_number](n, total)
        if footer:
            pdf.drawString(left, 50, footer)
        pdf.drawRightString(right, 36, number) if footer else pdf.drawCentredString(width / 2, 40, number)
        pdf.setFont(font, font_size)
        for piece, x, y in page:
            pdf.drawString(x, y, piece)
        if header:
            pdf.setFont(font, 9)
            pdf.drawString(left, height - 50, header)
        pdf.showPage()
    pdf.save()
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A PDF page with shapes but no text: what a scanner produces."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i in range(20):
        pdf.rect(72, 700 - i * 30, 400, 12, fill=1)
    pdf.showPage()
    pdf.save()
    return path


# ---- .docx -------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Level 1 一、 chineseCounting, level 2 （一）, level 3 decimal 1. — how Chinese government
# templates number their outline in Word.
NUMBERING_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{w}">
<w:abstractNum w:abstractNumId="7">
<w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{open}%2{close}"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/>{restart}<w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""
# Level-1 headings get their number through their paragraph style, as Word's heading
# styles do; deeper levels carry it in the paragraph's own w:numPr.
STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"""
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def _run(text: str) -> str:
    # Word splits a paragraph into runs wherever formatting or editing history changes.
    cut = max(1, len(text) // 2)
    return "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in (text[:cut], text[cut:]) if part)


def _paragraph(line: str) -> str:
    for level, pattern in ((0, _LEVEL1), (1, _LEVEL2), (2, _LEVEL3)):
        match = pattern.match(line)
        if match:
            title = line[match.end():]
            if level == 0:
                ppr = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
            else:
                ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
            return f"<w:p>{ppr}{_run(title)}</w:p>"
    return f"<w:p>{_run(line)}</w:p>"


def _table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p>{_run(cell)}</w:p></w:tc>" for cell in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def docx_document_xml(lines: list[str], table: list[list[str]] | None = None, table_after: int = 3) -> str:
    body = []
    for i, line in enumerate(lines):
        body.append(_paragraph(line))
        if table and i == table_after:
            body.append(_table(table))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}">'
            f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')


def _level3_restart(lines: list[str]) -> str:
    """The w:lvlRestart that reproduces the source's 1. 2. numbering: after each （一）
    (Word's default), after each 一、 only, or never."""
    for option, restart_after in (("", 1), ('<w:lvlRestart w:val="1"/>', 0), ('<w:lvlRestart w:val="0"/>', -1)):
        count, ok = 0, True
        for line in lines:
            level = 0 if _LEVEL1.match(line) else 1 if _LEVEL2.match(line) else 2 if _LEVEL3.match(line) else None
            if level is None:
                continue
            if level == 2:
                count += 1
                ok = ok and int(_LEVEL3.match(line).group(1)) == count
            elif level <= restart_after:
                count = 0
        if ok:
            return option
    return ""


def make_docx(lines: list[str], path: Path, table: list[list[str]] | None = None, table_after: int = 3) -> Path:
    """A .docx whose headings carry no 一、/（一）/1. in their text: Word numbers them from
    numbering.xml (level 1 through the Heading1 style, deeper levels directly)."""
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/document.xml", docx_document_xml(lines, table, table_after))
        ascii_parens = any(line.startswith("(") for line in lines)
        archive.writestr("word/numbering.xml", NUMBERING_XML.format(
            w=_W_NS, open="(" if ascii_parens else "（", close=")" if ascii_parens else "）",
            restart=_level3_restart(lines)))
        archive.writestr("word/styles.xml", STYLES_XML)
    path.write_bytes(buf.getvalue())
    return path


# ---- HTML --------------------------------------------------------------------------------

NAV_LINKS = [
    "首页", "政务公开", "政府信息公开", "政策文件", "政策解读", "新闻中心", "部门动态", "乡镇街道",
    "通知公告", "人事信息", "财政资金", "重点领域", "建议提案", "政务服务", "办事指南", "便民服务",
    "互动交流", "领导信箱", "在线访谈", "征集调查", "走进本区", "区情概况", "历史沿革", "行政区划",
    "法治政府建设", "依法行政", "行政执法公示", "行政复议", "普法宣传", "公共法律服务", "双随机一公开",
    "营商环境", "优化服务", "专题专栏", "数据开放", "统计信息", "应急管理", "规划计划", "机构职能",
]


def make_html(lines: list[str], path: Path, *, encoding: str = "utf-8") -> Path:
    """A government site's article page: a long <nav> list first, then breadcrumbs, the
    article (title in <h1>, a publishing-info line, headings as <h3> or bold paragraphs,
    body paragraphs), then link lists and a site footer."""
    nav = "".join(f'<li><a href="/c/{i}.html">{name}</a></li>' for i, name in enumerate(NAV_LINKS))
    paragraphs = []
    for line in lines[1:]:
        if _LEVEL1.match(line):
            paragraphs.append(f"<h3>{escape(line)}</h3>")
        elif HEADING.match(line):
            paragraphs.append(f'<p style="text-indent:2em"><strong>{escape(line)}</strong></p>')
        else:
            paragraphs.append(f'<p style="text-indent:2em">{escape(line)}</p>')
    friends = "".join(f'<li><a href="http://x{i}.gov.cn">{name}人民政府</a></li>' for i, name in
                      enumerate(["北京市", "上海市", "重庆市", "河北省", "山西省", "辽宁省"]))
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{encoding}"><title>{escape(lines[0])}_政务公开_某区人民政府</title>
<script>var _hmt = _hmt || [];</script><style>.nav li{{float:left}}</style></head>
<body>
<div class="top"><a href="/">无障碍</a> <a href="/">长者模式</a> <a href="/">English</a></div>
<nav class="nav"><ul>{nav}</ul></nav>
<div class="search"><form><input name="q"/><button>搜索</button></form></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/fzzf">法治政府建设</a></div>
<div class="article">
<h1>{escape(lines[0])}</h1>
<div class="info">发布日期：2024-03-28　来源：区司法局　字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="content" id="zoom">
{"".join(paragraphs)}
</div>
<div class="tools"><a>打印本页</a> <a>关闭窗口</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul>{friends}</ul></div>
<footer><p>主办单位：某区人民政府办公室　承办单位：某区大数据中心</p>
<p>地址：某区某路1号　邮编：300000　电话：022-12345678</p>
<p>网站标识码：1201000001　津ICP备12345678号　津公网安备 12010102000001号</p></footer>
</body></html>"""
    path.write_bytes(html.encode(encoding))
    return path


# ---- comparing a reader's parse with the .txt parse ---------------------------------------

def report_summary(text: str):
    """(title, organization, year), outline, and the (metric, value, unit) multiset of a parse."""
    from collections import Counter

    from ingestion.parser.report import parse_text

    report = parse_text(text)
    meta = report.metadata
    return (
        (meta.title, meta.organization, meta.report_year),
        [(s.level, s.marker, s.title) for s in report.sections],
        Counter((m.metric, m.value, m.unit) for m in report.mentions),
    )


def assert_same_report(expected_text: str, read_text: str, min_mention_share: float = 0.95) -> None:
    expected, got = report_summary(expected_text), report_summary(read_text)
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    assert sum(expected[2].values()) > 0
    shared = sum((expected[2] & got[2]).values())
    assert shared >= min_mention_share * sum(expected[2].values()), (shared, sum(expected[2].values()))


# ---- a PDF printed by a browser ----------------------------------------------------------

from tests.browser import CHROMIUM  # noqa: E402,F401 - the PDF tests skip without it


def report_page(lines: list[str]) -> str:
    """The report as a plain article page: title, then indented paragraphs."""
    body = "".join(f'<p style="text-indent:2em;margin:0">{escape(line)}</p>' for line in lines[1:])
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(lines[0])}</title>'
            f'<style>body{{font-family:"Noto Serif CJK SC",serif;font-size:12pt;line-height:1.6}}</style></head>'
            f'<body><h1 style="font-size:16pt;text-align:center">{escape(lines[0])}</h1>{body}</body></html>')


def make_browser_pdfs(items: list[tuple[list[str], Path]], browser) -> None:
    """PDFs as Chromium prints them (Noto CJK fonts, whose ToUnicode maps many characters
    to radical code points), with the browser's header (date, title) and a footer (site
    address, page n/N) on every page."""
    header = ('<div style="font-size:8pt;width:100%;padding:0 1cm;display:flex;justify-content:space-between">'
              '<span class="date"></span><span class="title"></span></div>')
    footer = ('<div style="font-size:8pt;width:100%;padding:0 1cm;display:flex;justify-content:space-between">'
              '<span>某区人民政府门户网站 www.example.gov.cn</span>'
              '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')
    page = browser.new_page()
    try:
        for lines, path in items:
            page.set_content(report_page(lines))
            page.pdf(path=str(path), format="A4", display_header_footer=True, header_template=header,
                     footer_template=footer, margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
    finally:
        page.close()
