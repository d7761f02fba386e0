"""Where users meet the scorecard: the site's scorecard and ranking pages, the compare page,
`make scorecard`, and the 评估得分 sheet of `make export`, on the five samples."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from analytics.scorecard import Ranking, format_ranking, level_code
from analytics.site import build_site
from tests.analytics.test_query import make

DISTRICTS_2023 = ["十堰市茅箭区人民政府", "天津市红桥区人民政府"]  # 茅箭区's total is the higher


class Links(HTMLParser):
    """Every href of a page, and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
        if "id" in attributes:
            self.ids.add(attributes["id"])


def _parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


@pytest.fixture(scope="module")
def site(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("scorecard_site")
    build_site(built_warehouse.snapshot, out)
    return out


def test_every_report_has_a_scorecard_page_whose_evidence_links_land_on_anchors(site, snapshot_conn):
    report_ids = [r for (r,) in snapshot_conn.execute("select report_id from marts.reports").fetchall()]
    assert sorted(p.stem for p in (site / "scorecards").glob("*.html")) == sorted(report_ids)
    checked = 0
    for report_id in report_ids:
        page = (site / "scorecards" / f"{report_id}.html").read_text(encoding="utf-8")
        for href in _parsed(page).hrefs:
            if not href.startswith("../reports/") or "#" not in href:
                continue
            target, anchor = href.removeprefix("../").split("#")
            assert anchor in _parsed((site / target).read_text(encoding="utf-8")).ids, href
            checked += 1
    evidence = snapshot_conn.execute(
        "select count(*) from marts.scorecard_items, unnest(evidence) as u(e)"
        " where e.section_id is not null or e.mention_id is not null").fetchone()[0]
    assert checked == evidence > 100  # every piece of evidence with a place is a working link


def test_the_department_report_shows_its_missing_parts_and_not_applicable_items(site, snapshot_conn):
    report_id = snapshot_conn.execute("select report_id from marts.reports"
                                      " where organization = '滨海新区人民政府政务服务办公室'").fetchone()[0]
    page = (site / "scorecards" / f"{report_id}.html").read_text(encoding="utf-8")
    row = page.split('id="i-mandated_parts"')[1].split("</tr>")[0]
    assert "缺：存在的不足和原因、下一年度安排" in row
    on_time = page.split('id="i-on_time"')[1].split("</tr>")[0]
    assert 'data-status="not_applicable"' in on_time and "不适用" in on_time and "发布日期未知" in on_time
    assert "闭环：不适用" in page and "同一主体没有更早年度的报告" in page
    assert "得分只描述这份报告本身" in page
    # the chart has a bar for each dimension that applies: six of seven
    assert page.count('<g class="bar"') == 6


def test_the_ranking_page_lists_every_scorecard_with_its_filters(site, snapshot_conn):
    page = (site / "ranking.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-level="(\w*)" data-province="([^"]*)" data-year="(\d*)">\s*<td class="num">(\d+)</td>'
                      r'\s*<td><a href="scorecards/(\w+)\.html">([^<]+)</a>', page)
    assert len(rows) == 5
    districts = [(org, int(rank)) for level, _, year, rank, _, org in rows if (level, year) == ("district", "2023")]
    assert districts == [(DISTRICTS_2023[0], 1), (DISTRICTS_2023[1], 2)]
    for select in ("level", "province", "year"):
        assert f'<select id="{select}">' in page
    assert '<option value="天津市">天津市</option>' in page and '<option value="street">街道/乡镇</option>' in page


def test_report_pages_link_to_their_scorecard_and_the_compare_page_carries_the_scores(site, snapshot_conn):
    report_id, total = snapshot_conn.execute("select report_id, total_score from marts.scorecards"
                                             " where organization = '茶淀街'").fetchone()
    report = (site / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    assert f'href="../scorecards/{report_id}.html">评估得分 {total:.1f}' in report
    payload = json.loads(re.search(r'<script type="application/json" id="compare-data">(.*?)</script>',
                                   (site / "compare.html").read_text(encoding="utf-8"), re.S).group(1))
    assert payload["scores"][report_id]["总分"] == total
    assert set(payload["scores"][report_id]) == {"总分", "合规", "问题意识", "数据化", "纲要覆盖", "核心指标", "闭环", "原创"}
    assert '<a href="ranking.html">评估</a>' in (site / "index.html").read_text(encoding="utf-8")


def test_make_scorecard_prints_the_ranking_of_a_level_and_year(built_warehouse):
    out = make("scorecard", built_warehouse, LEVEL="district", YEAR="2023").stdout
    lines = [line for line in out.splitlines() if "人民政府" in line]
    assert [line.split()[:2] for line in lines] == [["1", DISTRICTS_2023[0]], ["2", DISTRICTS_2023[1]]]
    assert "名次" in out and "总分" in out and "2 reports." in out
    # the Chinese name of a level works too, and a province narrows the peers
    tianjin = make("scorecard", built_warehouse, LEVEL="区县级", PROVINCE="天津市").stdout
    assert "天津市红桥区人民政府" in tianjin and "十堰市" not in tianjin and "天津市静海区人民政府" in tianjin


def test_the_ranking_prints_names_as_written_not_as_markup():
    columns = [("national_rank", "名次"), ("organization", "报告单位"), ("total_score", "总分"), ("report_id", "报告编号")]
    text = format_ranking(Ranking(columns, [(1, "[bold]某某[/bold]街道", 80.0, "r1"), (2, "乙", None, "r2")]))
    assert "[bold]某某[/bold]街道" in text and "80.0" in text and "—" in text and "r1" not in text
    assert level_code("区县级") == "district" and level_code("district") == "district" and level_code(None) is None


def test_export_has_the_scorecard_sheet(built_warehouse, tmp_path):
    make("export", built_warehouse, EXPORT_DIR=str(tmp_path))
    workbook = load_workbook(tmp_path / "warehouse.xlsx", read_only=True)
    assert workbook.sheetnames[:2] == ["指标对比矩阵", "评估得分"]
    rows = list(workbook["评估得分"].iter_rows(values_only=True))
    headers, body = rows[0], rows[1:]
    assert headers[:6] == ("名次", "报告单位", "行政层级", "省份", "报告年度", "总分")
    assert {"合规", "问题意识", "数据化", "纲要覆盖", "核心指标", "闭环", "原创"} <= set(headers)
    assert len(body) == 5
    organization, total = headers.index("报告单位"), headers.index("总分")
    by_name = {row[organization]: row[total] for row in body}
    assert min(by_name, key=by_name.get) == "滨海新区人民政府政务服务办公室"


def test_a_level_and_year_without_reports_says_so(built_warehouse):
    assert make("scorecard", built_warehouse, YEAR="1999").stdout == "no scorecard for this level, year and province\n"
