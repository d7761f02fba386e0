"""Checks on the raw layer, run right after each ingest.

Severity is chosen by what a failure means: a report without organization or year cannot
be compared with anything (ERROR); a high quarantine share or a report without headings
is worth a look but can be real (WARN).
"""

import dagster as dg

from dagster_project.defs.resources import Warehouse

MAX_QUARANTINE_SHARE = 0.2


def _offenders(conn, sql: str) -> list[str]:
    return [row[0] for row in conn.execute(sql).fetchall()]


@dg.asset_check(asset=["raw", "quarantine"], name="quarantine_share_below_20_percent",
                description="At most 20% of the present inbox files are quarantined. More means a reader "
                            "or a whole folder is wrong, not a few bad files.")
def quarantine_share(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.get_connection() as conn:
        present, quarantined = conn.execute(
            "select count(*), count(*) filter (where status = 'quarantined') from raw.files"
            " where status <> 'removed'").fetchone()
        paths = _offenders(conn, "select source_path from raw.quarantine order by 1 limit 20")
    share = quarantined / present if present else 0.0
    return dg.AssetCheckResult(
        passed=share <= MAX_QUARANTINE_SHARE, severity=dg.AssetCheckSeverity.WARN,
        metadata={"share": round(share, 4), "quarantined": quarantined, "present_files": present,
                  "first_quarantined": dg.MetadataValue.json(paths)})


def _reports_check(conn, sql: str, severity: dg.AssetCheckSeverity, label: str) -> dg.AssetCheckResult:
    """Passes when the query finds no report; otherwise lists the reports' paths."""
    paths = _offenders(conn, sql)
    return dg.AssetCheckResult(passed=not paths, severity=severity,
                               metadata={label: len(paths), "paths": dg.MetadataValue.json(paths[:50])})


@dg.asset_check(asset=["raw", "sections"], name="every_report_has_an_outline",
                description="Every report has at least one heading. A report without one was read as "
                            "flat text (a reader lost its line breaks) or is not a report.")
def reports_have_outline(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.get_connection() as conn:
        return _reports_check(conn, "select source_path from raw.reports r where not exists"
                                    " (select 1 from raw.sections s where s.report_id = r.report_id) order by 1",
                              dg.AssetCheckSeverity.WARN, "reports_without_outline")


@dg.asset_check(asset=["raw", "reports"], name="every_report_has_organization_and_year",
                description="Every report names its organization and the year it covers; without them "
                            "it cannot be compared with any other report.")
def reports_have_organization_and_year(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.get_connection() as conn:
        return _reports_check(conn, "select source_path from raw.reports"
                                    " where organization is null or report_year is null order by 1",
                              dg.AssetCheckSeverity.ERROR, "reports_missing_metadata")


