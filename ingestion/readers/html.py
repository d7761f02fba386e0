"""HTML page to report text: trafilatura finds the article, our own walk keeps its lines.

Measured on generated government pages (a long <nav> list, breadcrumbs, publishing info,
related links and a site footer around the report), neither extractor alone is right:
- walking the whole page keeps every report line but also the navigation, which then
  becomes the report's title and hides its organization and year;
- trafilatura finds the article block precisely but leaves out its <h1> title (it sits
  above the content block and goes into metadata), and its text is its own re-rendering.
So trafilatura only locates the article: its first and last lines mark a span of our own
line walk (one line per block element, every line inside the span kept, headings and
short lines too), and the article head above the span (title, publishing info) is kept
back to the first line made mostly of links (the nav, the breadcrumbs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "nav",
    "aside", "main", "form", "center", "title", "caption", "figcaption",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
HEAD_LINES = 8  # at most this many lines of article head are kept above the located body
LINK_SHARE = 0.5  # a line with at least this share of its characters in links is navigation
CELL_SEPARATOR = "\t"  # a table row is one line, its cells apart (as in .docx)
_SPACE = re.compile(r"\s+")


@dataclass
class PageLine:
    text: str
    linked: int  # characters inside <a>


class _LineWalker(HTMLParser):
    """Visible text, one block element per line, counting the characters inside links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[PageLine] = []
        self._parts: list[str] = []
        self._linked = 0
        self._skip = 0
        self._in_link = 0

    def _break(self) -> None:
        text = "".join(self._parts).strip()
        if text:
            self.lines.append(PageLine(text, self._linked))
        self._parts, self._linked = [], 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ARG002 - the library's signature
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._break()
        elif tag in {"td", "th"}:
            self._parts.append(CELL_SEPARATOR)
        elif tag == "a":
            self._in_link += 1

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ARG002 - the library's signature
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._break()
        elif tag == "a":
            self._in_link = max(0, self._in_link - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        # Source line breaks inside a paragraph are layout, not structure.
        data = data.replace("\r", "").replace("\n", "")
        self._parts.append(data)
        if self._in_link:
            self._linked += len(data.strip())

    def close(self) -> None:
        super().close()
        self._break()


def page_lines(html: str) -> list[PageLine]:
    walker = _LineWalker()
    walker.feed(html)
    walker.close()
    return walker.lines


def all_text(html: str) -> str:
    """Every visible line of the page (the fallback when no article block is found)."""
    return "\n".join(line.text for line in page_lines(html))


def html_to_text(html: str) -> str:
    """The report on an HTML page: the located article with its head, else the whole page."""
    lines = page_lines(html)
    span = _article_span(lines, _article_lines(html))
    if span is None:
        return "\n".join(line.text for line in lines)
    start, end = span
    head = start
    while head > 0 and start - head < HEAD_LINES and not _is_navigation(lines[head - 1]):
        head -= 1
    return "\n".join(line.text for line in lines[head:end + 1])


def _article_lines(html: str) -> list[str]:
    import trafilatura

    text = trafilatura.extract(html, favor_recall=True, include_tables=True, include_comments=False,
                               include_links=False, output_format="txt", deduplicate=False)
    return [key for key in (_key(line) for line in (text or "").splitlines()) if key]


def _article_span(lines: list[PageLine], article: list[str]) -> tuple[int, int] | None:
    """Indices of the first and last page lines that trafilatura's article starts and ends on."""
    if not article:
        return None
    keys = [_key(line.text) for line in lines]
    second = article[1] if len(article) > 1 else None
    start = next(
        (i for i, key in enumerate(keys)
         if key == article[0] and (second is None or second in keys[i + 1:i + 4])),
        None,
    )
    if start is None:
        return None
    end = next((i for i in range(len(keys) - 1, start - 1, -1) if keys[i] == article[-1]), None)
    return None if end is None else (start, end)


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def _is_navigation(line: PageLine) -> bool:
    return line.linked >= LINK_SHARE * max(1, len(_key(line.text)))
