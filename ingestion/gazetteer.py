"""China's administrative divisions (province, prefecture, county) from cpca's bundled table.

Only the parent links and level of a place are needed: 十堰市 → 湖北省, 滨海新区 → 天津市.
The table is read once per process (about 3,500 rows, a few milliseconds).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# Municipalities directly under the central government: their districts have no city.
MUNICIPALITY_PREFIXES = frozenset({"11", "12", "31", "50"})
# Placeholder rows of the table that are not places.
_NOT_PLACES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Place:
    code: str  # 12-digit division code
    name: str

    @property
    def level(self) -> str:
        """province, city or district (county level)."""
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


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Place], dict[str, tuple[Place, ...]]]:
    by_code: dict[str, Place] = {}
    by_name: dict[str, list[Place]] = {}
    with _adcodes_path().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"].strip(), row["name"].strip()
            if not name or name in _NOT_PLACES or len(code) != 12:
                continue
            place = Place(code, name)
            by_code[code] = place
            by_name.setdefault(name, []).append(place)
    return by_code, {name: tuple(places) for name, places in by_name.items()}


@lru_cache(maxsize=1)
def _prefix_index() -> dict[str, tuple[int, ...]]:
    """First two characters of a name → the name lengths starting so, longest first;
    one dict probe per text position keeps a scan of a whole report at a few ms."""
    index: dict[str, set[int]] = {}
    for name in _table()[1]:
        index.setdefault(name[:2], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in index.items()}


def places_named(name: str) -> tuple[Place, ...]:
    return _table()[1].get(name, ())


def place(code: str) -> Place | None:
    return _table()[0].get(code)


def province_of(p: Place) -> Place | None:
    return place(p.code[:2] + "0" * 10)


def city_of(p: Place) -> Place | None:
    """The prefecture a county belongs to; None in municipalities and for 省直辖 counties."""
    if p.level == "province" or p.is_municipal:
        return None
    if p.level == "city":
        return p
    return place(p.code[:4] + "0" * 8)


def find_places(text: str, min_len: int = 3) -> list[tuple[int, str, tuple[Place, ...]]]:
    """Full place names in text as (offset, name, candidates), longest match first, left to right.

    Names shorter than min_len are skipped because two-character county names
    (城区, 郊区, 矿区) are also ordinary words.
    """
    names, index = _table()[1], _prefix_index()
    found = []
    i = 0
    while i < len(text) - 1:
        hit = None
        for n in index.get(text[i:i + 2], ()):
            if n >= min_len and text[i:i + n] in names:
                hit = text[i:i + n]
                break
        if hit:
            found.append((i, hit, names[hit]))
            i += len(hit)
        else:
            i += 1
    return found


def is_ancestor(parent: Place, child: Place) -> bool:
    if parent.level == "province":
        return child.code[:2] == parent.code[:2] and child.code != parent.code
    if parent.level == "city":
        return child.code[:4] == parent.code[:4] and child.code != parent.code
    return False
