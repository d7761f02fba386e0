"""The report site builder: which pages exist and what the 出庭应诉率 page shows."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from analytics.site import build_site

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
    return out, build_site(built_warehouse.snapshot, out)


def test_pages_exist_for_every_report_and_indicator(site, snapshot_conn):
    out, pages = site
    report_ids = [r for (r,) in snapshot_conn.execute("select report_id from marts.reports").fetchall()]
    codes = [c for (c,) in snapshot_conn.execute("select distinct indicator_code from marts.indicator_values").fetchall()]
    assert pages == {"overview": 3, "reports": len(report_ids), "indicators": len(codes)}
    for name in ("index.html", "compare.html", "indicators.html"):
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
