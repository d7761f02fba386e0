"""The report site and the dbt docs as a reader meets them: opened from file:// in headless Chromium."""
from __future__ import annotations

import csv
import io
import time

import pytest

from analytics.site import build_site
from analytics.site.pages import render_indicator_pages
from tests.analytics.conftest import ARTIFACTS
from tests.analytics.test_site import scale_indicator
from tests.paths import SAMPLES

pytestmark = pytest.mark.browser

COURT_RATE_PAGE = "indicators/head_court_appearance_rate.html"
SAMPLES_WITH_COURT_RATE = {"十堰市茅箭区人民政府", "天津市红桥区人民政府", "天津市静海区人民政府", "茶淀街"}


@pytest.fixture(scope="module")
def site(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser_site")
    build_site(built_warehouse.snapshot, out, inbox=SAMPLES)
    return out


def test_indicator_chart_shows_the_four_court_rates_and_their_sentences(page, site, snapshot_conn):
    page.goto((site / COURT_RATE_PAGE).as_uri())
    bars = page.locator("svg.chart g.bar")
    assert bars.count() == 4
    shown = {bars.nth(i).get_attribute("data-organization"): bars.nth(i).locator("text.value").text_content()
             for i in range(4)}
    assert shown == {name: "100%" for name in SAMPLES_WITH_COURT_RATE}
    assert all(bars.nth(i).locator("rect").bounding_box()["width"] > 100 for i in range(4))  # drawn, full scale

    sentence = snapshot_conn.execute(
        "select i.sentence from marts.indicator_values v join marts.indicators i using (mention_id)"
        " where v.indicator_code = 'head_court_appearance_rate' and v.organization = '茶淀街'").fetchall()[0][0]
    bar = page.locator('svg.chart g.bar[data-organization="茶淀街"]')
    assert sentence in bar.locator("title").text_content()  # the tooltip
    evidence = page.locator('#value-table tr[data-organization="茶淀街"] .sentence')
    assert evidence.is_visible() and evidence.inner_text() == sentence  # and the visible text
    bar.locator("rect").hover()
    page.screenshot(path=str(ARTIFACTS / "report_site_court_rate.png"), full_page=True)


def test_compare_page_puts_chosen_governments_side_by_side(page, site):
    page.goto((site / "compare.html").as_uri())
    for box in page.locator("#picker input").all():
        box.uncheck()
    assert "至少选择两个" in page.locator("#hint").inner_text()
    page.get_by_label("茶淀街（2023）").check()
    page.get_by_label("天津市红桥区人民政府（2023）").check()
    headers = page.locator("#comparison table").first.locator("thead th").all_inner_texts()
    assert headers[1:] == ["天津市红桥区人民政府", "茶淀街"]
    row = page.locator("#comparison tr", has_text="行政机关负责人出庭应诉率")
    assert row.locator("td").all_inner_texts() == ["100%", "100%"]
    parts = page.locator("#comparison tr", has_text="第一责任人职责").locator("td").all_inner_texts()
    assert parts == ["✓", "✗ 缺"]
    page.screenshot(path=str(ARTIFACTS / "report_site_compare.png"), full_page=True)


def test_index_links_every_report(page, site):
    page.goto((site / "index.html").as_uri())
    assert page.locator("#reports tbody tr").count() == 5
    page.get_by_role("link", name="茶淀街").click()
    assert page.locator("h1").inner_text() == "茶淀街"
    assert page.locator(".checklist li", has_text="第一责任人职责").locator(".no").count() == 1
    page.screenshot(path=str(ARTIFACTS / "report_site_report.png"))


def test_dbt_docs_open_on_the_project_overview(page, built_warehouse):
    page.goto((built_warehouse.dbt_target / "static_index.html").as_uri())
    # the overview is markdown the docs app renders into its [marked] element once it has loaded
    page.wait_for_function("() => (document.querySelector('[marked]')?.innerText || '').trim().length > 0",
                           timeout=30_000)
    overview = page.locator("[marked]").first.inner_text()
    assert "Welcome to the auto-generated documentation" not in overview  # dbt's generic page
    assert "法治政府" in overview
    assert "街道" in overview  # the corpus holds street offices (茶淀街), not only governments above them
    page.screenshot(path=str(ARTIFACTS / "dbt_docs_overview.png"))


def _no_horizontal_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url}: the page scrolls sideways ({widths[0]} px wide at {widths[1]})"


def test_at_390_px_index_report_and_indicator_pages_fit_the_phone(browser, site, snapshot_conn):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    report_id = snapshot_conn.execute("select report_id from marts.reports where organization = '茶淀街'").fetchone()[0]
    for name, path in (("index", "index.html"), ("report", f"reports/{report_id}.html"),
                       ("indicator", COURT_RATE_PAGE), ("search", "search.html"), ("indicators", "indicators.html")):
        page.goto((site / path).as_uri())
        _no_horizontal_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"site_390_{name}.png"), full_page=True)
    # An organisation's name reads as words, not a column of single characters.
    page.goto((site / "index.html").as_uri())
    name = page.get_by_role("link", name="滨海新区人民政府政务服务办公室")
    box = name.bounding_box()
    assert box["width"] > 150 and box["height"] < 3 * 24
    context.close()


def test_index_filters_sorts_pages_and_downloads_what_is_shown(page, site):
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#reports tbody tr")
    page.locator("#filters select[name=year]").select_option("2024")
    assert sorted(rows.locator("td.org").all_inner_texts()) == ["天津市静海区人民政府", "滨海新区人民政府政务服务办公室"]
    page.locator("#filters select[name=complete]").select_option("no")
    assert rows.locator("td.org").all_inner_texts() == ["滨海新区人民政府政务服务办公室"]
    with page.expect_download() as download:
        page.locator("#csv").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["报告编号", "报告单位"] and [row[1] for row in table[1:]] == ["滨海新区人民政府政务服务办公室"]

    page.locator("#filters select[name=year]").select_option("")
    page.locator("#filters select[name=complete]").select_option("")
    page.locator("#filters select[name=level]").select_option("district")
    assert rows.count() == 3
    page.locator("#reports th[data-key=figures]").click()
    figures = [int(x) for x in rows.locator("td:nth-child(6)").all_inner_texts()]
    assert figures == sorted(figures) and len(figures) == 3
    page.locator("#reports th[data-key=figures]").click()
    assert [int(x) for x in rows.locator("td:nth-child(6)").all_inner_texts()] == sorted(figures, reverse=True)
    page.screenshot(path=str(ARTIFACTS / "report_site_index_filtered.png"), full_page=True)


def test_site_search_finds_part_of_a_word_offline_and_links_the_section(page, site, snapshot_conn):
    page.goto((site / "search.html").as_uri())
    page.locator("input[name=q]").fill("出庭应诉")
    page.locator("input[name=q]").press("Enter")
    hit = page.locator("#hits li", has_text="天津市红桥区人民政府")
    hit.wait_for(timeout=10_000)
    assert "出庭应诉率保持100%" in hit.inner_text()
    link = hit.get_by_role("link", name="天津市红桥区人民政府")
    report_id, anchor = link.get_attribute("href").removeprefix("reports/").split(".html#")
    section = snapshot_conn.execute("select report_id from marts.sections where section_id = ?",
                                    [anchor.removeprefix("s-")]).fetchone()
    assert section == (report_id,)
    link.click()
    assert page.locator(f"[id='{anchor}']").is_visible()  # the heading the hit is in
    page.goto((site / "search.html").as_uri() + "#q=复议&year=2024")  # filters, also from the address
    page.wait_for_function("() => document.querySelectorAll('#hits li').length > 0")
    assert all(" · 2024年 · " in text for text in page.locator("#hits li").all_inner_texts())


def test_an_indicator_page_of_10000_reports_is_short_and_draws_fast(browser, tmp_path):
    """The benchmark corpus's size, generated: the page is a summary and a paged table, not 10,000 bars."""
    (html,) = render_indicator_pages([scale_indicator()], {}, "s.duckdb").values()
    path = tmp_path / "indicators" / "collective_study_sessions.html"
    path.parent.mkdir()
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    started = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    drawn = time.perf_counter() - started
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5000, f"{height} px tall"
    assert drawn < 2.0, f"drew in {drawn:.2f} s"
    rows = page.locator("#value-table tbody tr")
    assert rows.count() == 20
    page.locator("#value-table th[data-key='3']").click()  # by value, now ascending
    assert rows.first.locator("td:nth-child(3)").inner_text() == "0次"
    page.locator("#value-pager button", has_text="下一页").click()
    assert rows.count() == 20 and "第 2 / 500 页" in page.locator("#value-count").inner_text()
    page.locator("#value-filters select[name=year]").select_option("2019")
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {"2019"}
    page.screenshot(path=str(ARTIFACTS / "site_indicator_10000.png"), full_page=True)
    context.close()
