"""The report site and the dbt docs as a reader meets them: opened from file:// in headless Chromium."""
from __future__ import annotations

import pytest

from analytics.site import build_site
from tests.analytics.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

COURT_RATE_PAGE = "indicators/head_court_appearance_rate.html"
SAMPLES_WITH_COURT_RATE = {"十堰市茅箭区人民政府", "天津市红桥区人民政府", "天津市静海区人民政府", "茶淀街"}


@pytest.fixture(scope="module")
def site(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser_site")
    build_site(built_warehouse.snapshot, out)
    return out


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


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
    evidence = page.locator('ol.evidence li[data-organization="茶淀街"] .sentence')
    assert evidence.is_visible() and evidence.inner_text() == sentence  # and the visible text
    bar.hover()
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
    page.screenshot(path=str(ARTIFACTS / "dbt_docs_overview.png"))
