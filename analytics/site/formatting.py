"""Numbers and sentences as a Chinese reader expects them."""
from __future__ import annotations

from markupsafe import Markup, escape


def plain_number(value: float) -> str:
    """12.0 → 12, 99.82 → 99.82, 50000 → 50,000."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def display_value(value: float, kind: str, unit: str | None) -> str:
    """A normalised value in the units people write: 24588000000 元 → 245.88亿元."""
    if kind == "rate":
        return f"{plain_number(value)}%"
    if kind == "change":
        return f"{'+' if value > 0 else ''}{plain_number(value)}{unit if unit == '个百分点' else '%'}"
    if kind == "rank":
        return f"第{plain_number(value)}{unit or '名'}"
    if kind == "money":
        for size, name in ((1e8, "亿元"), (1e4, "万元")):
            if abs(value) >= size:
                return f"{plain_number(round(value / size, 4))}{name}"
        return f"{plain_number(value)}元"
    if kind == "duration":
        return f"{plain_number(value)}天"
    return f"{plain_number(value)}{unit or ''}"


def highlighted(sentence: str | None, span: str) -> Markup:
    """The sentence, HTML-escaped, with the figure's exact span in <mark>."""
    # Joined as escaped strings: Markup.format and Markup + Markup cost a Formatter pass and
    # an escape check per call, and a national report site calls this millions of times.
    if not sentence:
        return Markup(f"<mark>{escape(span)}</mark>")
    at = sentence.find(span)
    if at < 0:
        return escape(sentence)
    return Markup(f"{escape(sentence[:at])}<mark>{escape(span)}</mark>{escape(sentence[at + len(span):])}")


def display_change(change: float, kind: str, unit: str | None) -> str:
    """A difference of two values, signed: rates and percent changes differ in percentage points."""
    sign = "+" if change > 0 else ""
    if kind == "rank":  # a smaller place is a better one: 第5名 → 第3名 is up two places
        return "名次不变" if change == 0 else f"{'下降' if change > 0 else '上升'}{plain_number(abs(change))}名"
    if kind in ("rate", "change"):
        return f"{sign}{plain_number(change)}个百分点"
    return sign + display_value(change, kind, unit)


def display_change_pct(change_pct: float | None) -> str:
    return "—" if change_pct is None else f"{'+' if change_pct > 0 else ''}{plain_number(change_pct)}%"
