"""Report text without the web page around it, one paragraph per line.

Reports are mostly scraped from government sites, so the text arrives wrapped in
breadcrumbs, a publishing-info block and a site footer. Only whole lines that are
unmistakably page furniture are dropped (a label with a colon, a fixed site phrase,
a short link-list heading); report sentences are never cut, and characters are kept
as written so offsets show the report as it stands.
"""
from __future__ import annotations

import re

from ingestion.chinese.numerals import CN_ONE_TO_TEN as _CN
from ingestion.chinese.punctuation import SENTENCE_END as _END
from ingestion.chinese.widths import fold_width

# Leading indentation and list bullets that pages put before paragraphs.
_LEAD = re.compile(r"^[\s\u3000\xa0\u200b\ufeff]*(?:[•●◆◇■□▪▫►▶·・※★☆][\s\u3000\xa0]+)?[\s\u3000\xa0]*")
# Trailing spaces (any Unicode space, as \s), zero-width spaces and pipes.
_TRAIL_EXTRA = "\u200b|"
_PIPE_LEAD = re.compile(r"^\|[\s\u3000\xa0]*")

# "label: value" lines of the publishing-info block and of the footer (matched on the
# width-folded line, so ： is :).
_LABELS = (
    "当前位置", "您的位置", "你的位置", "您现在的位置", "你现在的位置", "所在位置", "当前栏目",
    "发布日期", "发布时间", "发文日期", "成文日期", "更新时间", "更新日期", "日期", "时间",
    "来源", "信息来源", "文章来源", "来源单位", "作者", "编辑", "责任编辑", "审核", "校对", "供稿",
    "字号", "字体", "浏览次数", "浏览量", "阅读次数", "点击数", "点击量", "访问量",
    "索引号", "发文机关", "发布机构", "主题分类", "体裁分类", "组配分类", "文号", "有效性",
    "主办单位", "主办", "承办单位", "承办", "协办单位", "技术支持", "维护单位", "运维单位",
    "网站标识码", "网站识别码", "联系方式", "联系电话", "电话", "传真", "邮编", "邮箱", "地址",
    "ICP备案号", "备案号", "版权所有", "分享到", "分享",
    "转自", "转载自", "稿件来源", "新闻来源", "发布单位", "发布人", "录入", "撰稿", "摄影", "访问次数",
    "阅读量", "公开方式", "公开范围", "内容分类", "所属机构", "发文字号", "成文单位",
)
_LABEL_LINE = re.compile(r"^[\[【]?\s*(?:" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:]")
_BUTTONS = "打印本页|关闭窗口|打印|关闭|收藏|返回顶部|返回|纠错|分享|大|中|小|默认|字体|字号"
_FURNITURE_LINE = re.compile(
    r"^(?:扫一扫在手机(?:上)?打开当前页|扫一扫在手机上查看当前页|打印本页|关闭窗口|打印|关闭|返回顶部|返回首页"
    r"|收藏本页|视力保护色|保护视力色|网站地图|联系我们|无障碍|English|上一篇.*|下一篇.*|相关(?:链接|文章|阅读|稿件)"
    r"|(?:推荐|建议)使用.*浏览器.*|.*(?:ICP备|公网安备|网安备).*|Copyright.*|©.*|版权所有.*"
    r"|(?:[\[【(]?\s*(?:" + _BUTTONS + r")\s*[\]】)]?\s*)+|(?:[大中小]\s*){3}"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$",
    re.IGNORECASE,
)
# Headings of the link lists at the foot of a page: 全国各省市政府网站, 重点链接, 友情链接.
_LINK_HEADING = re.compile(r"^[^。,，;；:：]{0,18}(?:网站|网站群|链接|导航)$")
_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_BREADCRUMB = re.compile(r"^(?:首页|网站首页|主页)\s*[>»/›]|[>»›]\s*\S+\s*[>»›]")


def clean_text(raw: str) -> str:
    """The report's paragraphs, one per line, without blank lines or page furniture."""
    lines = []
    seen_header: set[str] = set()
    in_header = True
    for line in _lines(raw):
        if _is_furniture(line):
            continue
        if in_header:
            # Pages repeat the title above and below the publishing-info block.
            if line in seen_header:
                continue
            seen_header.add(line)
            in_header = not _is_body(line)
        lines.append(line)
    out: list[str] = []
    # A text of one or two long lines has lost its paragraph marks as a whole.
    flat_min = _FLAT_MIN_FEW_LINES if len(lines) <= 3 else _FLAT_MIN
    for line in lines:
        out.extend(_reflow(line) if len(line) >= flat_min else [line])
    return "\n".join(out)


# ---- flattened text ----------------------------------------------------------------------
# Text taken from a PDF or a page without paragraph marks arrives as one huge line with
# the headings run into it (…保障。一、坚持党的领导(一)强化学习。…). Such a line is no
# paragraph a report would write: when it holds a 一、→二、 sequence after sentence ends,
# it is cut back into paragraphs before the heading markers (not before 一是, which
# reports also write inside a paragraph).
_FLAT_MIN = 1500
_FLAT_MIN_FEW_LINES = 300
_CN_MARK = re.compile(rf"(?<=[{_END}:：])\s*([{_CN}]{{1,3}})、(?![{_CN}])")
_PAREN_MARK = re.compile(rf"(?<=[\u4e00-\u9fff{_END}:：])[(（]([{_CN}]{{1,3}})[)）]")
_AR_MARK = re.compile(rf"(?<=[{_END}])\s*(\d{{1,2}})[.、．](?=[\u4e00-\u9fff])")
_FLAT_TITLE = re.compile(r"^[^。，,、；;：:“”《》]{4,60}?(?:报告|总结)(?![如的])")
_FLAT_SIGNATURE = re.compile(r"(?<=[。！!])\s*([^。！!]{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
_NO_PAREN_BEFORE = frozenset("条款项第")


def _reflow(line: str) -> list[str]:
    folded = fold_width(line)
    numbers = [m.group(1) for m in _CN_MARK.finditer(folded)]
    if "一" not in numbers or "二" not in numbers:
        return [line]
    cuts = {m.start(1) for m in _CN_MARK.finditer(folded)}
    cuts |= {m.start() for m in _PAREN_MARK.finditer(folded) if folded[m.start() - 1] not in _NO_PAREN_BEFORE}
    cuts |= {m.start(1) for m in _AR_MARK.finditer(folded)}
    title = _FLAT_TITLE.match(folded)
    if title and not folded.startswith(("一", "("), 0):
        cuts.add(title.end())
    signature = _FLAT_SIGNATURE.search(folded)
    if signature:
        cuts |= {signature.start(1), signature.start(2)}
    pieces, prev = [], 0
    for cut in sorted(cuts):
        if cut > prev:
            pieces.append(line[prev:cut].strip())
            prev = cut
    pieces.append(line[prev:].strip())
    return [q for p in pieces if p for q in _split_run_in_title(p)]


_HEAD_START = re.compile(rf"^(?:[{_CN}]{{1,3}}、|[(（][{_CN}]{{1,3}}[)）])")
_SHI_START = re.compile(r"[\u4e00-\u9fff]一是")


def _split_run_in_title(piece: str) -> list[str]:
    """二、存在的不足一是…: a heading title with no stop, run into its first 一是 item."""
    if not _HEAD_START.match(piece):
        return [piece]
    stop = piece.find("。")
    m = _SHI_START.search(piece, 0, stop if stop >= 0 else len(piece))
    if not m:
        return [piece]
    return [piece[:m.start() + 1], piece[m.start() + 1:]]


def _lines(raw: str):
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    for line in text.split("\n"):
        line = _rstrip_trail(_PIPE_LEAD.sub("", _LEAD.sub("", line)))
        if line:
            yield line


def _rstrip_trail(line: str) -> str:
    """The line without its trailing spaces and pipes. A $-anchored pattern would be tried
    at every position of a paragraph; this looks at the trailing characters only."""
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in _TRAIL_EXTRA):
        end -= 1
    return line[:end]


def _is_furniture(line: str) -> bool:
    folded = fold_width(line).strip()
    if not _WORD.search(folded):
        return True  # rules and ornaments (-----, ***), no sentence to lose
    if _LABEL_LINE.match(folded) and len(folded) <= 120 and "。" not in folded:
        return True
    if _FURNITURE_LINE.match(folded):
        return True
    if len(folded) <= 20 and _LINK_HEADING.match(folded):
        return True
    return bool(_BREADCRUMB.search(folded)) and "。" not in folded and len(folded) <= 80


def _is_body(line: str) -> bool:
    return "。" in line or len(line) > 60
