"""A corpus of N distinct, realistic reports recombined from the bundled samples.

    .venv/bin/python -m benchmarks.corpus --n 200 --out /tmp/corpus [--seed 7]

Each report gets its own reporting body (a county or city government, a street office or a
department, on real places from cpca's division table), a year from 2019 to 2025, a title in
one of the usual forms, an opening paragraph, and the mandated parts (first-responsibility
duty, measures and results, shortcomings, next year's plans) in a varied order. The parts
are filled with level-2 sections drawn from every sample, renumbered, with the samples'
place names and years rewritten and their figures varied, so no two reports share a hash
and the parser sees realistic headings, figures and vocabulary at national variety.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingestion.parser.model import ParsedReport
from ingestion.parser.report import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
YEARS = range(2019, 2026)
MUNICIPALITY_PREFIXES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: districts have no city
CN_NUMBERS = "一二三四五六七八九十"
DEPARTMENTS = (
    "司法局", "市场监督管理局", "生态环境局", "人力资源和社会保障局", "政务服务管理局", "应急管理局",
    "交通运输局", "住房和城乡建设局", "教育局", "卫生健康委员会", "城市管理综合行政执法局", "民政局",
    "财政局", "自然资源和规划局", "农业农村局", "商务局", "文化和旅游局", "税务局", "公安局", "水务局",
)
STREET_STEMS = (
    "东城", "西关", "南湖", "北苑", "新华", "人民路", "解放路", "和平", "长安", "建设路", "文昌", "朝阳",
    "滨江", "花园", "光明", "红星", "团结", "胜利", "青年路", "城关", "新城", "丰收", "金桥", "龙山",
    "凤凰", "白塔", "望江", "桃源", "柳湖", "松林", "石门", "清河", "永安", "兴隆", "太平", "福田",
)
# Level-2 markers a report uses; one style per report.
PAREN_STYLES = ("（{}）", "({})")
# A figure with a unit after it (years, months and days are left as they are).
_FIGURE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:万|亿|余|多)?\s*(?:个|件|次|人|场|项|家|元|户|份|期|条|篇|名|起|批|所|"
    r"平方|公里|小时|个工作日|天|套|座|万|亿|%|％))"
)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=\s*年)")


@dataclass(frozen=True)
class Block:
    """A level-2 section of a sample, its marker cut off, and the sample it came from."""

    marker_kind: str  # "paren" or "shi" (一是)
    text: str  # title and body of the section and its subsections
    sample: int


@dataclass(frozen=True)
class Sample:
    year: int
    names: dict[str, str]  # place names in the sample → role ("county", "city", "province", "body")
    opening: str
    heads: dict[str, list[str]]  # part → level-1 titles
    bodies: dict[str, list[str]]  # part → level-1 bodies with no level-2 sections
    blocks: dict[str, list[Block]]  # part → level-2 blocks


@dataclass(frozen=True)
class Body:
    """Who reports, and the place names that replace the sample's."""

    organization: str
    short: str  # how the text refers to it: 静海区, 茶淀街道, 区司法局
    county: str
    city: str
    province: str
    unit: str  # 区 / 县 / 市: 区委, 全区, 我区


def _marker_kind(marker: str) -> str:
    return "shi" if marker.endswith("是") else "paren"


def _subtree_end(report: ParsedReport, index: int) -> int:
    section = report.sections[index]
    end = section.end
    for later in report.sections[index + 1:]:
        if later.level <= section.level:
            break
        end = later.end
    return end


def _sample(index: int, report: ParsedReport) -> Sample:
    meta = report.metadata
    text = report.text
    names = {}
    for name, role in ((meta.province, "province"), (meta.city, "city"), (meta.district, "county")):
        if name:
            names[name] = role
    if meta.admin_level == "street" and meta.organization:
        names[meta.organization] = "body"
    first = report.sections[0].start if report.sections else len(text)
    opening = "\n".join(line for line in text[:first].split("\n") if len(line) > 40)
    heads: dict[str, list[str]] = {}
    bodies: dict[str, list[str]] = {}
    blocks: dict[str, list[Block]] = {}
    part = "other"
    for i, s in enumerate(report.sections):
        if s.level == 1:
            part = s.part or "other"
            heads.setdefault(part, []).append(text[s.start + len(s.marker):s.body_start].strip())
            has_children = i + 1 < len(report.sections) and report.sections[i + 1].level > 1
            if not has_children and s.end - s.body_start > 40:
                bodies.setdefault(part, []).append(text[s.body_start:s.end].strip())
        elif s.level == 2:
            block = text[s.start + len(s.marker):_subtree_end(report, i)].strip()
            blocks.setdefault(part, []).append(Block(_marker_kind(s.marker), block, index))
    return Sample(meta.report_year or 2024, names, opening, heads, bodies, blocks)


@lru_cache(maxsize=1)
def samples() -> tuple[Sample, ...]:
    return tuple(_sample(i, parse_file(p)) for i, p in enumerate(sorted(SAMPLES.glob("*.txt"))))


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, str, str], ...]:
    """(province, city, county) of every county-level division; city is "" under a municipality."""
    spec = importlib.util.find_spec("cpca")
    table = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    names: dict[str, str] = {}
    with table.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["adcode"].strip()] = row["name"].strip()
    out = []
    for code, name in names.items():
        if len(code) != 12 or code[6:] != "000000" or code[4:6] == "00" or name in ("市辖区", "县"):
            continue
        province = names.get(code[:2] + "0" * 10)
        city = "" if code[:2] in MUNICIPALITY_PREFIXES else names.get(code[:4] + "0" * 8, "")
        if province and (city or code[:2] in MUNICIPALITY_PREFIXES) and city not in ("市辖区", "县"):
            out.append((province, city, name))
    return tuple(sorted(out))


def _body(rng: random.Random) -> Body:
    province, city, county = rng.choice(places())
    unit = county[-1] if county[-1] in "区县市旗" else "区"
    seat = f"{province}{county}" if not city else rng.choice([f"{city}{county}", f"{province}{city}{county}"])
    kind = rng.choices(["county", "city", "street", "department"], weights=[45, 10, 25, 20])[0]
    if kind == "city" and city:
        return Body(f"{city}人民政府", city, county, city, province, "市")
    if kind == "street":
        street = rng.choice(STREET_STEMS) + "街道"
        organization = rng.choice([f"{seat}{street}办事处", f"{county}{street}办事处", f"{street}办事处"])
        return Body(organization, street, county, city, province, unit)
    if kind == "department":
        dept = rng.choice(DEPARTMENTS)
        return Body(f"{seat}{dept}", f"{unit}{dept}", county, city, province, unit)
    return Body(f"{seat}人民政府", county, county, city, province, unit)


def _rewrite(text: str, sample: Sample, body: Body, year: int, rng: random.Random) -> str:
    """The sample's places become the body's, its years shift to the report's, figures vary."""
    new_names = {"province": body.province, "city": body.city or body.province, "county": body.county,
                 "body": body.short}
    for name, role in sorted(sample.names.items(), key=lambda kv: -len(kv[0])):
        new = new_names[role]
        text = text.replace(name, new)
        if role != "body" and len(name) > 2 and len(new) > 2:  # 静海旗舰店, 湖北法院: the name without 区/省
            text = text.replace(name[:-1], new[:-1])
    if body.unit != "区":
        for word in ("区委", "区政府", "全区", "我区", "区人大", "区政协", "区级", "区司法局"):
            text = text.replace(word, body.unit + word[1:])
    shift = year - sample.year

    def year_of(m: re.Match) -> str:
        y = int(m.group(1))
        return str(y + shift) if abs(y - sample.year) <= 1 else m.group(1)

    text = _YEAR.sub(year_of, text)
    factor = rng.uniform(0.55, 1.8)

    def figure(m: re.Match) -> str:
        raw = m.group(1)
        after = m.string[m.end():m.end() + 2].lstrip()
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value = float(raw)
        if after[:1] in "%％":
            if value >= 100:
                return raw
            value = min(99.99, max(0.01, value + rng.uniform(-3, 3) * (100 - value) / 100))
        else:
            value = max(1.0, value * factor) if value >= 1 else value * factor
        return f"{value:.{decimals}f}"

    return _FIGURE.sub(figure, text)


def _numbered(blocks: list[Block], style: str) -> list[str]:
    lines = []
    for n, block in enumerate(blocks):
        number = CN_NUMBERS[n] if n < 10 else f"十{CN_NUMBERS[n - 10]}"
        lines.append((f"{number}是" if block.marker_kind == "shi" else style.format(number)) + block.text)
    return lines


def _part(part: str, rng: random.Random, style: str, year: int, body: Body) -> tuple[str, list[str]]:
    """A level-1 title and its content (numbered level-2 blocks, or one body paragraph)."""
    pool = samples()
    heads = [(s, h) for s in pool for h in s.heads.get(part, [])]
    sample, head = rng.choice(heads)
    head = _rewrite(head, sample, body, year, rng)
    blocks = [b for s in pool for b in s.blocks.get(part, [])]
    bodies = [(s, b) for s in pool for b in s.bodies.get(part, [])]
    if blocks and (not bodies or rng.random() < 0.7):
        kind = rng.choice(sorted({b.marker_kind for b in blocks}))
        same_kind = [b for b in blocks if b.marker_kind == kind]
        low, high = {"measures": (3, 8), "plans": (2, 6)}.get(part, (2, 4))
        chosen = rng.sample(same_kind, min(len(same_kind), rng.randint(low, high)))
        rewritten = [Block(b.marker_kind, _rewrite(b.text, pool[b.sample], body, year, rng), b.sample)
                     for b in chosen]
        return head, _numbered(rewritten, style)
    sample, text = rng.choice(bodies)
    return head, [_rewrite(text, sample, body, year, rng)]


def make_report(index: int, seed: int = 7) -> str:
    rng = random.Random(f"{seed}:{index}")
    body = _body(rng)
    year = rng.choice(YEARS)
    style = rng.choice(PAREN_STYLES)
    title = rng.choice([
        f"{body.organization}{year}年度法治政府建设情况报告",
        f"{body.organization}\n关于{year}年法治政府建设情况的报告",
        f"{body.organization}{year}年法治政府建设工作报告",
        f"{body.organization}关于{year}年度法治政府建设工作情况的报告",
    ])
    parts = ["measures", "responsibility", "shortcomings", "plans"]
    if rng.random() < 0.5:
        parts[0], parts[1] = parts[1], parts[0]
    if rng.random() < 0.15:
        parts.remove("responsibility")
    opening_sample = rng.choice(samples())
    lines = [title, _rewrite(opening_sample.opening, opening_sample, body, year, rng)]
    for n, part in enumerate(parts):
        head, content = _part(part, rng, style, year, body)
        lines.append(f"{CN_NUMBERS[n]}、{head}")
        lines.extend(content)
    month = rng.randint(1, 3)
    lines += ["", body.organization, f"{year + 1}年{month}月{rng.randint(1, 28)}日"]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Reports start … start+n-1 as UTF-8 files; every file distinct."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"report_{i:06d}.txt"
        path.write_text(make_report(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0, help="index of the first report (report_<start>.txt)")
    args = ap.parse_args()
    paths = write_corpus(args.out, args.n, args.seed, args.start)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} reports, {chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
