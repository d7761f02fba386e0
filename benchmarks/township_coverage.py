"""Share of real township names (benchmarks/townships.tsv) the gazetteer resolves to the
right county, city and province, with a code.

    .venv/bin/python -m benchmarks.township_coverage [--jionlp PATH/china_location.zip]

`by name alone`: the name has one township in the table and it is the right one.
`with its county`: among the townships of that name, one lies in the county (or, for a
prefecture without counties, the city) the report would also name, as 长沙县黄兴镇 does.
--jionlp measures jionlp's location table the same way (it names townships without codes).
"""
from __future__ import annotations

import argparse
import zipfile
from collections import defaultdict
from pathlib import Path

from ingestion.chinese import gazetteer

TOWNSHIPS = Path(__file__).resolve().parent / "townships.tsv"
Row = tuple[str, str, str, str]  # township, county, city, province
Candidate = tuple[str, str, str, str]  # code, county, city, province


def rows() -> list[Row]:
    out = []
    for line in TOWNSHIPS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            township, county, city, province = (line.split("\t") + ["", "", ""])[:4]
            out.append((township, county, city, province))
    return out


def ours(name: str) -> list[Candidate]:
    out = []
    for p in gazetteer.townships_named(name):
        c = gazetteer.chain(p)
        out.append((p.code, *(c[k].name if c[k] else "" for k in ("district", "city", "province"))))
    return out


def jionlp_table(path: Path) -> dict[str, list[Candidate]]:
    """Its tree is tab-indented: province, city, county (with a 6-digit code), township, village."""
    text = zipfile.ZipFile(path).read("china_location.txt").decode("utf-8")
    index: dict[str, list[Candidate]] = defaultdict(list)
    province = city = county = county_code = ""
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if not parts[0] or depth > 3:
            continue
        if depth == 0:
            province = parts[0]
        elif depth == 1:
            city = "" if parts[0] == province else parts[0]
        elif depth == 2:
            county = "" if parts[0].endswith("直辖行政区划") else parts[0]
            county_code = parts[1] if len(parts) > 1 else ""
        else:
            index[parts[0]].append((county_code, county, city, province))
    return index


def right(candidate: Candidate, row: Row) -> bool:
    _, county, city, province = candidate
    _, want_county, want_city, want_province = row
    if province != want_province or (want_city and city and city != want_city):
        return False
    return county == want_county if want_county else (not county and city == want_city)


def measure(lookup) -> dict[str, float]:
    table = rows()
    alone = with_county = 0
    for row in table:
        candidates = lookup(row[0])
        good = [c for c in candidates if right(c, row)]
        alone += len(candidates) == 1 and bool(good)
        with_county += bool(good)
    n = len(table)
    return {"names": n, "by_name_alone": round(alone / n, 3), "with_its_county": round(with_county / n, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jionlp", type=Path, help="jionlp's dictionary/china_location.zip")
    args = ap.parse_args()
    print("ingestion.chinese.gazetteer", measure(ours))
    if args.jionlp:
        table = jionlp_table(args.jionlp)
        print("jionlp", measure(lambda name: table.get(name, [])))


if __name__ == "__main__":
    main()
