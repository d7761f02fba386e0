"""The ranking and a scorecard as a reader meets them: filtered, followed to the evidence, in headless Chromium."""
from __future__ import annotations

import pytest

from analytics.site import build_site
from tests.analytics.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(built_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("scorecard_browser_site")
    build_site(built_warehouse.snapshot, out)
    return out


def _visible_organizations(page) -> list[str]:
    return [row.locator("td").nth(1).inner_text() for row in page.locator("#ranking tbody tr").all()
            if row.is_visible()]


def test_the_ranking_filters_by_level_and_year_and_leads_to_the_evidence(page, site):
    page.goto((site / "ranking.html").as_uri())
    assert len(_visible_organizations(page)) == 5
    page.select_option("#level", "district")
    page.select_option("#year", "2023")
    assert _visible_organizations(page) == ["十堰市茅箭区人民政府", "天津市红桥区人民政府"]
    assert page.locator("#shown").inner_text() == "2 份报告"
    page.screenshot(path=str(ARTIFACTS / "report_site_ranking.png"), full_page=True)

    page.get_by_role("link", name="天津市红桥区人民政府").click()
    assert page.locator("h1").inner_text() == "天津市红桥区人民政府 · 评估得分"
    assert page.locator("svg.chart g.bar").count() == 6  # 闭环 does not apply: no earlier report
    page.screenshot(path=str(ARTIFACTS / "report_site_scorecard.png"), full_page=True)
    # The first piece of evidence of 必备部分齐全 is the heading of the measures part on the report page.
    link = page.locator("#i-mandated_parts ol.evidence a").first
    heading = link.inner_text()
    link.click()
    anchor = page.evaluate("location.hash").removeprefix("#")
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible() and heading in target.inner_text().replace(" ", "", 1)  # the outline spaces marker and title
    assert target.bounding_box()["y"] < 100  # scrolled to the top of the window
