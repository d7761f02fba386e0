"""The site's own search, offline: every section's text in script files the search page loads.

A page opened from file:// may not fetch() a JSON file, but it may load a <script>; so the index
is JavaScript that hands its data to the page (`searchShardLoaded(n, data)`). The texts are
split into shards by report id (a report always lands in the same shard), so adding or changing
a report rewrites one shard, and the page shows the hits of each shard as it arrives. It finds
what `make search` finds (every term a substring of the section's heading or text); it ranks by
the number of occurrences, since the page has no jieba words to rank whole words by.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import duckdb

FOLDER = "search"
REPORTS_PER_SHARD = 400


def shard_count(reports: int) -> int:
    """A power of two, so a report's shard (from a hash of its id) is stable while the count is."""
    count = 1
    while count * REPORTS_PER_SHARD < reports:
        count *= 2
    return count


def shard_of(report_id: str, count: int) -> int:
    return int(hashlib.md5(report_id.encode()).hexdigest()[:8], 16) % count


def shard_file(index: int) -> str:
    return f"{FOLDER}/shard-{index:04d}.js"


SECTIONS_SQL = """
    select report_id, section_id, path, coalesce(title, '') as title, part, dimension, coalesce(body, '') as body
    from marts.sections
    where report_id in (select unnest($ids::varchar[]))
    order by report_id, section_index"""
KEYS_SQL = """
    select report_id, md5(string_agg(md5(concat_ws('|', section_id, path, title, part, dimension, body)), ''
                                     order by section_index))
    from marts.sections group by report_id"""


def _script(call: str, payload: object) -> str:
    # "</" would end an inline script early; the escaped slash is the same JSON.
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"{call}({data});\n"


def shard_keys(conn: duckdb.DuckDBPyConnection, count: int, version: str) -> dict[str, str]:
    """Shard file → a hash of the texts it holds (and the site code that writes it)."""
    by_shard: dict[int, list[str]] = defaultdict(list)
    for report_id, key in sorted(conn.execute(KEYS_SQL).fetchall()):
        by_shard[shard_of(report_id, count)].append(f"{report_id}:{key}")
    return {shard_file(index): hashlib.md5("".join([version, *by_shard.get(index, [])]).encode()).hexdigest()
            for index in range(count)}


def write_shard(conn: duckdb.DuckDBPyConnection, out_dir: Path, index: int, report_ids: list[str]) -> None:
    rows = conn.execute(SECTIONS_SQL, {"ids": report_ids}).fetchall()
    sections = [[report_id, section_id, f"{path} {title}".strip(), part, dimension, body]
                for report_id, section_id, path, title, part, dimension, body in rows]
    path = out_dir / shard_file(index)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_script("searchShardLoaded", {"shard": index, "sections": sections}), encoding="utf-8")


def write_catalog(out_dir: Path, count: int, reports: list[dict]) -> None:
    """What the search page needs before any shard: the shard count and each report's name, year,
    level and place for the filters and the hit list."""
    path = out_dir / FOLDER / "reports.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_script("searchCatalogLoaded", {"shards": count, "reports": reports}), encoding="utf-8")


def remove_other_shards(out_dir: Path, count: int) -> None:
    folder = out_dir / FOLDER
    keep = {Path(shard_file(index)).name for index in range(count)}
    for shard in folder.glob("shard-*.js"):
        if shard.name not in keep:
            shard.unlink()
