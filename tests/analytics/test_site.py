"""The report site builder: which pages exist and what the 出庭应诉率 page shows."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import duckdb
import pytest

from analytics.labels import MANDATED_PARTS
from analytics.site import build_site
from analytics.site.build import render_pages
from analytics.site.data import (
    Indicator,
    IndicatorValue,
    Report,
    SiteData,
    load_series,
    load_trends,
)
from analytics.site.governments import government_page, load_governments
from analytics.site.pages import render_indicator_pages
from tests.paths import SAMPLES

COURT_RATE = "head_court_appearance_rate"
SAMPLE_COURT_RATES = {"十堰市茅箭区人民政府": 100.0, "天津市红桥区人民政府": 100.0, "天津市静海区人民政府": 100.0,
                      "茶淀街": 100.0}


class Bars(HTMLParser):
    """The chart's bars: organisation, value and the <title> tooltip of each."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: list[dict] = []
        self._in_bar_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "g" and attributes.get("class") == "bar":
            self.bars.append({"organization": attributes["data-organization"],
                              "value": float(attributes["data-value"]), "title": ""})
        elif tag == "title" and self.bars and not self.bars[-1]["title"]:
            self._in_bar_title = True

    def handle_endtag(self, tag):
        self._in_bar_title = False if tag == "title" else self._in_bar_title

    def handle_data(self, data):
        if self._in_bar_title:
            self.bars[-1]["title"] += data


@pytest.fixture(scope="module")
def site(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, build_site(built_warehouse.snapshot, out, inbox=SAMPLES)


def test_pages_exist_for_every_report_and_indicator(site, snapshot_conn):
    out, pages = site
    report_ids = [r for (r,) in snapshot_conn.execute("select report_id from marts.reports").fetchall()]
    codes = [c for (c,) in snapshot_conn.execute("select distinct indicator_code from marts.indicator_values").fetchall()]
    governments = [g for (g,) in snapshot_conn.execute("select government_id from marts.governments").fetchall()]
    assert pages == {"overview": 5, "reports": len(report_ids), "indicators": len(codes), "governments": 5,
                     "reports_rendered": len(report_ids), "indicators_rendered": len(codes), "governments_rendered": 5,
                     "scorecards": len(report_ids), "scorecards_rendered": len(report_ids)}
    assert sorted(p.relative_to(out).as_posix() for p in (out / "governments").glob("*.html")) == sorted(
        government_page(g) for g in governments)
    for name in ("index.html", "compare.html", "indicators.html", "search.html", "ranking.html"):
        assert (out / name).stat().st_size > 1000
    assert sorted(p.stem for p in (out / "reports").glob("*.html")) == sorted(report_ids)
    assert sorted(p.stem for p in (out / "indicators").glob("*.html")) == sorted(codes)
    index = (out / "index.html").read_text(encoding="utf-8")
    for report_id in report_ids:
        assert f'href="reports/{report_id}.html"' in index


def test_the_court_appearance_page_charts_the_four_samples_with_their_sentences(site, snapshot_conn):
    out, _ = site
    html = (out / "indicators" / f"{COURT_RATE}.html").read_text(encoding="utf-8")
    parser = Bars()
    parser.feed(html)
    assert {bar["organization"]: bar["value"] for bar in parser.bars} == SAMPLE_COURT_RATES
    sentences = dict(snapshot_conn.execute(
        "select v.organization, i.sentence from marts.indicator_values v join marts.indicators i using (mention_id)"
        " where v.indicator_code = ?", [COURT_RATE]).fetchall())
    for bar in parser.bars:
        assert sentences[bar["organization"]] in bar["title"]  # the tooltip
        visible = re.sub(r"</?mark>", "", html.split("每个数字的原文")[1])
        assert sentences[bar["organization"]] in visible  # and the text below the chart


def _pages(out) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def test_a_second_build_renders_only_the_pages_whose_rows_changed(built_warehouse, tmp_path):
    out, snapshot = tmp_path / "site", tmp_path / "snapshot.duckdb"
    shutil.copy(built_warehouse.snapshot, snapshot)
    first = build_site(snapshot, out)
    before = _pages(out)
    again = build_site(snapshot, out)
    assert (again["reports_rendered"], again["indicators_rendered"], again["scorecards_rendered"]) == (0, 0, 0)
    assert _pages(out) == before  # kept pages are the pages a full build writes

    with duckdb.connect(str(snapshot)) as conn:  # one report's heading edited, another report gone
        changed, gone = [r for (r,) in conn.execute("select report_id from marts.reports order by 1 limit 2").fetchall()]
        conn.execute("update marts.sections set title = title || '（修订）' where report_id = ? and section_index = 0",
                     [changed])
        for table in ("reports", "sections", "indicators", "indicator_values", "keywords", "indicator_trends"):
            conn.execute(f"delete from marts.{table} where report_id = ?", [gone])
    third = build_site(snapshot, out)
    assert third["reports_rendered"] == 1 and third["reports"] == first["reports"] - 1
    assert "（修订）" in (out / "reports" / f"{changed}.html").read_text(encoding="utf-8")
    assert not (out / "reports" / f"{gone}.html").exists()
    fresh = tmp_path / "fresh"
    build_site(snapshot, fresh)
    assert _pages(out) == _pages(fresh)  # the incremental site equals a site built from nothing


def test_report_page_lists_outline_checklist_and_every_figure(site, snapshot_conn):
    out, _ = site
    report_id, mentions = snapshot_conn.execute(
        "select report_id, mention_count from marts.reports where organization = '茶淀街'").fetchone()
    html = (out / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    checklist = html.split('<ul class="checklist">')[1].split("</ul>")[0]
    assert re.search(r'class="no">✗</span> 第一责任人职责', checklist)  # the street office lacks this part
    assert checklist.count('class="yes"') == 3
    assert html.split('id="figures"')[1].count("<mark>") == mentions
    first_heading = snapshot_conn.execute("select title from marts.sections where report_id = ?"
                                          " order by section_index limit 1", [report_id]).fetchone()[0]
    assert first_heading in html


def test_compare_page_embeds_every_value(site):
    out, _ = site
    html = (out / "compare.html").read_text(encoding="utf-8")
    payload = json.loads(re.search(r'<script type="application/json" id="compare-data">(.*?)</script>',
                                   html, re.S).group(1))
    organizations = {r["id"]: r["organization"] for r in payload["reports"]}
    court = {organizations[report]: values[COURT_RATE]["shown"]
             for report, values in payload["values"].items() if COURT_RATE in values}
    assert court == {name: "100%" for name in SAMPLE_COURT_RATES}
    assert html.count('type="checkbox"') == len(organizations) == 5


def test_sample_report_pages_have_no_year_over_year_section(site):
    out, _ = site  # the five samples are each their government's only year
    for page in (out / "reports").glob("*.html"):
        assert "与上年相比" not in page.read_text(encoding="utf-8")
    for page in (out / "indicators").glob("*.html"):
        assert "历年变化" not in page.read_text(encoding="utf-8")


TREND_ROWS = [  # one government, two years: a count up 8 (25%) and a rate up 2.5 points
    ("g1", "RPT2023", "administrative_reconsideration_cases", "行政复议案件数", "count", 2023, 32.0, "件",
     "2023年办理行政复议案件32件。", None, None, None, None, None, None),
    ("g1", "RPT2024", "administrative_reconsideration_cases", "行政复议案件数", "count", 2024, 40.0, "件",
     "2024年办理行政复议案件40件。", 2023, 32.0, "件", "2023年办理行政复议案件32件。", 8.0, 25.0),
    ("g1", "RPT2024", "head_court_appearance_rate", "行政机关负责人出庭应诉率", "rate", 2024, 100.0, "%",
     "负责人出庭应诉率100%。", 2023, 97.5, "%", "负责人出庭应诉率97.5%。", 2.5, 2.56),
]


@pytest.fixture
def trends_conn():
    """Only the columns the site reads, as a snapshot with the trend marts would hold them."""
    conn = duckdb.connect()
    conn.execute("create schema marts")
    conn.execute("""create table marts.indicator_trends (
        government_id varchar, report_id varchar, indicator_code varchar, indicator_name_zh varchar, kind varchar,
        report_year integer, value double, unit varchar, sentence varchar, previous_year integer,
        previous_value double, previous_unit varchar, previous_sentence varchar, change double, change_pct double)""")
    conn.executemany("insert into marts.indicator_trends values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     TREND_ROWS)
    conn.execute("create table marts.governments (government_id varchar, formal_name varchar)")
    conn.execute("insert into marts.governments values ('g1', '天津市红桥区人民政府')")
    yield conn
    conn.close()


def _report(report_id: str, year: int, trends: list) -> Report:
    return Report(report_id=report_id, organization="天津市红桥区人民政府", title="法治政府建设年度报告",
                  admin_level="district", province="天津市", city=None, district="红桥区", report_year=year,
                  publish_date=None, char_count=1000, parts=dict.fromkeys(MANDATED_PARTS, True),
                  missing_parts="", part_sequence="", mention_count=0, indicator_count=0, trends=trends)


def _indicator(code: str, series: list) -> Indicator:
    values = [IndicatorValue(report_id="RPT2024", organization="天津市红桥区人民政府", report_year=2024, value=40.0,
                             unit="件", text="40件", sentence="2024年办理行政复议案件40件。", metric="行政复议案件",
                             section_path="1", candidate_count=1)]
    return Indicator(code=code, name_zh="行政复议案件数", name_en="reconsideration cases", kind="count", unit="件",
                     dimension=None, higher_is_better=None, values=values, series=series)


def test_report_page_compares_with_the_previous_year(trends_conn):
    trends = load_trends(trends_conn)
    assert set(trends) == {"RPT2024"}  # the first year has nothing to compare with
    code = "administrative_reconsideration_cases"
    assert set(load_series(trends_conn)) == {code}  # the rate has one stored year, so no line
    data = SiteData(reports=[_report("RPT2024", 2024, trends["RPT2024"]), _report("RPT2023", 2023, [])],
                    indicators=[_indicator(code, load_series(trends_conn)[code])], dimension_names={}, catalog_size=2)
    pages = render_pages(data, "snapshot.duckdb")

    section = pages["reports/RPT2024.html"].split('id="trends"')[1].split("</table>")[0]
    assert "与上年相比（2）" in pages["reports/RPT2024.html"]
    rows = section.split('<tr data-indicator="')[1:]
    count_row = next(row for row in rows if row.startswith(code))
    cells = [re.sub(r"\s+", " ", cell) for cell in re.findall(r'<td class="num"[^>]*>(.*?)</td>', count_row, re.S)]
    assert cells == ["2023 年 32件", "→ 2024 年 40件", "+8件", "+25%"]
    assert "2023年办理行政复议案件32件。" in count_row and "2024年办理行政复议案件40件。" in count_row
    rate_row = next(row for row in rows if row.startswith("head_court_appearance_rate"))
    assert "2023 年 97.5%" in rate_row and "+2.5个百分点" in rate_row and "+2.56%" in rate_row
    assert "与上年相比" not in pages["reports/RPT2023.html"]

    indicator_page = pages[f"indicators/{code}.html"]
    card = indicator_page.split('data-government="天津市红桥区人民政府"')[1]
    assert re.findall(r'class="point" data-year="(\d+)" data-value="([\d.]+)"', card) == [
        ("2023", "32.0"), ("2024", "40.0")]


def test_snapshots_without_the_trend_marts_give_no_trends():
    with duckdb.connect() as conn:
        conn.execute("create schema marts")
        assert load_trends(conn) == {} and load_series(conn) == {}


def test_every_section_and_figure_has_an_anchor_and_the_source_file_a_link(site, snapshot_conn):
    out, _ = site
    report_id, source = snapshot_conn.execute(
        "select report_id, source_path from marts.reports where organization = '天津市红桥区人民政府'").fetchone()
    html = (out / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    sections = [s for (s,) in snapshot_conn.execute(
        "select section_id from marts.sections where report_id = ?", [report_id]).fetchall()]
    mentions = [m for (m,) in snapshot_conn.execute(
        "select mention_id from marts.indicators where report_id = ?", [report_id]).fetchall()]
    anchors = set(re.findall(r' id="([^"]+)"', html))
    assert {f"s-{s}" for s in sections} <= anchors and {f"m-{m}" for m in mentions} <= anchors
    link = re.search(r'<a href="\.\./sources/([^"]+)">', html).group(1)
    assert link == source and (out / "reports" / ".." / "sources" / link).read_bytes() == (SAMPLES / source).read_bytes()


def test_a_report_links_its_government_page_which_lists_its_years(site, snapshot_conn):
    out, _ = site
    report_id, government_id = snapshot_conn.execute(
        "select report_id, government_id from marts.reports where organization = '茶淀街'").fetchone()
    html = (out / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    assert f'href="../{government_page(government_id)}"' in html
    page = (out / government_page(government_id)).read_text(encoding="utf-8")
    assert f'href="../reports/{report_id}.html"' in page and "茶淀街" in page
    court = re.search(r'<tr data-indicator="head_court_appearance_rate">(.*?)</tr>', page, re.S).group(1)
    assert "100%" in court  # the 2023 value, the street office's only year


def test_government_page_shows_each_indicator_year_by_year_with_the_change(trends_conn):
    trends_conn.execute("alter table marts.governments add column name_variants varchar[]")
    for column in ("body_kind", "admin_level", "province", "city", "district"):
        trends_conn.execute(f"alter table marts.governments add column {column} varchar")
    trends_conn.execute("create table marts.reports as select * from (values ('g1', 'RPT2023', '红桥区人民政府', 2023),"
                        " ('g1', 'RPT2024', '天津市红桥区人民政府', 2024)) as t(government_id, report_id, organization,"
                        " report_year)")
    (government,) = load_governments(trends_conn)
    assert government.years == [2023, 2024]
    pages = render_pages(SiteData([], [], {}, 0), "snapshot.duckdb", [government])
    page = pages[government_page("g1")]
    row = re.search(r'<tr data-indicator="administrative_reconsideration_cases">(.*?)</tr>', page, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row, re.S)]
    assert cells == [["32件"], ["40件", "+8件"]]
    rate = re.search(r'<tr data-indicator="head_court_appearance_rate">(.*?)</tr>', page, re.S).group(1)
    assert "—" in rate and "100%" in rate and "+2.5个百分点" in rate  # 2023 not in the trend rows: a dash
    assert page.count('class="point"') == 2  # one line: the count, the only indicator with two stated years


def scale_indicator(n: int = 10_000) -> Indicator:
    """An indicator stated by n reports over seven years, values spread as real counts are."""
    values = [IndicatorValue(report_id=f"{i:016x}", organization=f"第{i}号县人民政府", report_year=2019 + i % 7,
                             value=float((i * 7919) % 500), unit="次", text=f"{(i * 7919) % 500}次",
                             sentence=f"全年组织集体学法{(i * 7919) % 500}次，覆盖全体领导干部。", metric="集体学法",
                             section_path="一/(一)", candidate_count=1, mention_id=f"{i:016x}-m0001")
              for i in range(n)]
    values.sort(key=lambda v: -v.value)
    return Indicator(code="collective_study_sessions", name_zh="集体学法次数", name_en="collective study sessions",
                     kind="count", unit="次", dimension=None, higher_is_better=True, values=values)


def test_an_indicator_page_of_10000_reports_is_a_summary_and_a_paged_table():
    html = render_indicator_pages([scale_indicator()], {}, "s.duckdb")["indicators/collective_study_sessions.html"]
    parser = Bars()
    parser.feed(html)
    values = [bar["value"] for bar in parser.bars]
    assert len(values) == 20 and values[:10] == sorted(values[:10], reverse=True) == [499.0] * 10
    assert values[10:] == [0.0] * 10  # the ten lowest, lowest first
    counts = [int(c) for c in re.findall(r'<g class="bin"[^>]* data-count="(\d+)"', html)]
    assert len(counts) == 20 and sum(counts) == 10_000
    table = html.split('id="value-table"')[1].split("</table>")[0]
    assert table.count("<tr data-organization=") == 20  # the first page; the script pages through the rest
    rows = json.loads(re.search(r'<script type="application/json" id="value-data">(.*?)</script>', html, re.S)[1])
    assert len(rows) == 10_000 and all(row[2] for row in rows)  # every value carries its report year
    assert len(html) < 4_000_000


def test_the_search_shards_hold_every_section_once_and_the_catalog_every_report(site, snapshot_conn):
    out, _ = site
    catalog = json.loads(re.fullmatch(r"searchCatalogLoaded\((.*)\);\n", (out / "search" / "reports.js").read_text(
        encoding="utf-8"), re.S).group(1))
    sections = []
    for shard in sorted((out / "search").glob("shard-*.js")):
        data = json.loads(re.fullmatch(r"searchShardLoaded\((.*)\);\n", shard.read_text(encoding="utf-8"), re.S)[1])
        sections += [row[1] for row in data["sections"]]
    assert catalog["shards"] == len(list((out / "search").glob("shard-*.js")))
    expected = [s for (s,) in snapshot_conn.execute("select section_id from marts.sections").fetchall()]
    assert sorted(sections) == sorted(expected)
    assert {r["id"] for r in catalog["reports"]} == {r for (r,) in snapshot_conn.execute(
        "select report_id from marts.reports").fetchall()}


def test_a_scanned_report_says_it_was_read_by_ocr_and_a_target_is_marked():
    """A figure of the plans (a target) is not a result, and a page read by OCR may misread digits:
    the report page says both."""
    from dataclasses import replace

    from analytics.site.data import Figure

    figures = [Figure(mention_id="m1", section_path="1", metric="行政复议案件", value=40.0, unit="件", kind="count",
                      qualifier=None, text="40件", sentence="办理行政复议案件40件。", indicator_code=None,
                      indicator_name=None),
               Figure(mention_id="m2", section_path="3", metric="出庭应诉率", value=100.0, unit="%", kind="rate",
                      qualifier="target", text="100%", sentence="力争出庭应诉率达到100%。", indicator_code=None,
                      indicator_name=None)]
    scanned = replace(_report("RPT2024", 2024, []), figures=figures, text_source="ocr", ocr_confidence=0.934)
    typed = replace(_report("RPT2023", 2023, []), figures=figures, text_source="text")
    pages = render_pages(SiteData(reports=[scanned, typed], indicators=[], dimension_names={}, catalog_size=0),
                         "snapshot.duckdb")

    assert "文字识别（OCR）读出，平均置信度 0.93" in pages["reports/RPT2024.html"]
    assert "OCR" not in pages["reports/RPT2023.html"]
    rows = pages["reports/RPT2023.html"].split('id="figures"')[1].split("<tr id=")[1:]
    assert ["目标值" in row for row in rows] == [False, True]
