"""The static report site (`make site`, and the Dagster asset publish/report_site)."""
from analytics.site.build import build_site
from analytics.site.pages import render_pages

__all__ = ["build_site", "render_pages"]
