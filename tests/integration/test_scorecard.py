"""The scorecard on the five samples and on two constructed reports, checked against the texts.

Expectations on the samples are read off the texts by hand:
- 滨海新区 政务服务办 (003) has a first-responsibility part and a measures part, in that order,
  and nothing else: 2 of 4 mandated parts, 1 in the mandated order (measures, shortcomings,
  responsibility, plans), and a title, 区政务服务办2024年度…, that does not name the district;
- 茶淀街 (002) has measures, shortcomings and plans in order but no first-responsibility part;
- 红桥区 (004) puts responsibility before shortcomings, 静海区 (000) opens with it: 3 of 4 in order;
  茅箭区 (001) has all four in the mandated order;
- 静海区 was published 2025-03-29, three days before 1 April; 红桥区 and 滨海新区 state no date.

The constructed reports:
- 红桥区 2024, written to take up two of the three plans of its 2023 report (法治思维 and
  示范引领, not 营商环境), to restate 2023's lawsuits as 30 where the 2023 report said 32, and to
  give causes for its shortcomings (主要原因是…, 根源在于…);
- 河西区 2024, another government, 18 sentences long enough to compare, 6 of them copied from
  the 红桥区 2023 report with the district's name and the figures changed.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.ingest import ingest_inbox
from tests.paths import PROJECT_ROOT, SAMPLES

DBT = Path(sys.executable).parent / "dbt"

HONGQIAO_2024 = """天津市红桥区人民政府2024年法治政府建设情况报告

2024年，红桥区坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面推进依法行政。现将有关情况报告如下。

一、主要举措和成效
（一）强化法治思维，领导干部带头学法
区政府认真落实关于建立领导干部应知应会党内法规和国家法律清单制度的意见，推动领导干部带头学法形成长效机制。全年组织区政府常务会议会前学法12次，广泛开展宪法、民法典学习宣传活动，工作人员守法意识、程序意识和监督意识明显增强，法治思维和法治观念进一步牢固树立。
（二）强化示范引领，落实法治建设规划纲要
抓好法治建设“一规划两纲要”任务分工方案的贯彻落实，加大行政规范性文件、重大行政决策合法性审查工作力度。扎实开展提升行政执法质量三年行动，推动行政执法行为在法治轨道上规范运行。全面贯彻落实新修订行政复议法，坚持和发展新时代“枫桥经验”，压紧压实“谁执法谁普法”普法责任，实质性化解矛盾纠纷。
（三）依法接受司法监督
2024年，区政府作为被告的行政诉讼案件40件。经复核，2023年区政府作为被告的行政诉讼案件为30件。行政机关负责人出庭应诉率保持100%。

二、履行推进法治政府建设第一责任人职责情况
区政府主要负责同志切实履行推进法治政府建设第一责任人职责，主持召开区政府常务会议专题研究法治政府建设工作4次。

三、存在的不足和原因
一是部分单位行政执法案卷评查发现问题较多，主要原因是执法人员培训不足。二是行政复议案件纠错偏多，根源在于部分执法程序不规范。

四、下一年度主要工作安排
（一）持续提升行政执法质量
全面落实行政执法三项制度，加强执法人员培训。
（二）推进数字法治政府建设
加快政务数据共享，提升依法行政数字化水平。

红桥区人民政府
2025年3月20日
"""

# Six sentences of the 红桥区 2023 report, the district's name and the figures changed.
COPIED = (
    "深入学习领会习近平法治思想，把习近平法治思想全面贯彻落实到法治政府建设全过程和各方面。",
    "河西区委常委会、区政府领导班子带头领学习近平法治思想、党内法规和国家法律21次，各部门各单位开展学习研讨160余次。",
    "制定我区提升行政执法质量三年行动计划（2024—2026年）落实举措及分解任务台账，促进执法规范化水平持续提升。",
    "开展街道行政执法规范化和司法所行政执法协调监督试点工作，创新执法案件评查方式，积极推动柔性执法。",
    "加强和规范政府督查工作，推动实现督查增效和基层减负，保障政令畅通。",
    "加快推进政府诚信建设，健全政府守信践诺机制。",
)
HEXI_2024 = f"""天津市河西区人民政府2024年法治政府建设情况报告

2024年，河西区以建设人民满意的法治政府为目标，统筹推进依法行政各项任务。现将有关情况报告如下。

一、主要举措和成效
（一）坚持思想引领
{COPIED[0]}{COPIED[1]}区委理论学习中心组把宪法和行政法律规范列为全年专题学习的第一单元。
（二）规范行政执法
{COPIED[2]}{COPIED[3]}区司法局逐月抽查各执法单位的行政处罚决定书并公开通报抽查结果。
（三）强化权力监督
{COPIED[4]}{COPIED[5]}区审计局对全区十二个街道的专项资金开展了全覆盖审计。
（四）化解社会矛盾
全区各街道设立矛盾纠纷调解室并配备专职人民调解员。区信访办推行群众来访首接负责制并按月回访办理结果。

二、履行推进法治政府建设第一责任人职责情况
区长先后四次带队到街道检查法治政府建设任务的落实情况。区政府常务会议把法治政府建设列为每季度第一个议题。

三、存在的不足和原因
部分街道的法治审核人员只有一人且多为兼职。社区层面的行政执法协助事项清单尚未统一编制。

四、下一年度主要工作安排
明年将在全区推行行政执法全过程记录的电子归档。区政府将把合法性审核延伸到所有街道的重大事项。

河西区人民政府
2025年3月28日
"""


def _dbt(warehouse: Path, work: Path, *args: str, project: Path = PROJECT_ROOT / "dbt_project") -> None:
    build = subprocess.run(
        [str(DBT), *args, "--profiles-dir", str(PROJECT_ROOT / "dbt_project"), "--project-dir", str(project),
         "--vars", json.dumps({"warehouse_path": str(warehouse)}),
         "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
        cwd=project, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-4000:]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scorecard")
    inbox = root / "inbox"
    shutil.copytree(SAMPLES, inbox)
    (inbox / "hongqiao_2024.txt").write_text(HONGQIAO_2024, encoding="utf-8")
    (inbox / "hexi_2024.txt").write_text(HEXI_2024, encoding="utf-8")
    path = root / "warehouse.duckdb"
    with duckdb.connect(str(path)) as conn:
        summary = ingest_inbox(conn, inbox, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert summary.parsed == 7 and not summary.quarantined
    _dbt(path, root, "build")
    return path


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def _items(path: Path, item_code: str) -> dict[str, tuple]:
    """organization (with the year for 红桥区) → (value, score, status, explanation)."""
    rows = _query(path, "select r.organization, r.report_year, i.value, i.score, i.status, i.explanation"
                        " from marts.scorecard_items as i join marts.reports as r using (report_id)"
                        " where i.item_code = ?", [item_code])
    return {(f"{org} {year}" if "红桥" in org else org): tuple(rest) for org, year, *rest in rows}


JINGHAI, MAOJIAN, CHADIAN = "天津市静海区人民政府", "十堰市茅箭区人民政府", "茶淀街"
BINHAI, HONGQIAO, HEXI = "滨海新区人民政府政务服务办公室", "天津市红桥区人民政府 2023", "天津市河西区人民政府"
HONGQIAO_NEW = "天津市红桥区人民政府 2024"
SAMPLE_BODIES = (JINGHAI, MAOJIAN, CHADIAN, BINHAI, HONGQIAO)


@pytest.mark.slow
def test_compliance_follows_the_mandated_parts_their_order_and_the_title(warehouse):
    parts = _items(warehouse, "mandated_parts")
    order = _items(warehouse, "part_order")
    title = _items(warehouse, "standard_title")
    assert {body: parts[body][0] for body in SAMPLE_BODIES} == {
        JINGHAI: 4, MAOJIAN: 4, HONGQIAO: 4, CHADIAN: 3, BINHAI: 2}
    assert {body: order[body][0] for body in SAMPLE_BODIES} == {
        JINGHAI: 3, MAOJIAN: 4, HONGQIAO: 3, CHADIAN: 3, BINHAI: 1}
    assert "缺：存在的不足和原因、下一年度安排" in parts[BINHAI][3]
    assert "缺：第一责任人职责" in parts[CHADIAN][3]
    assert title[BINHAI][:2] == (2, 66.67) and "缺主体名称" in title[BINHAI][3]
    assert {title[body][0] for body in SAMPLE_BODIES if body != BINHAI} == {3}

    compliance = dict(_query(warehouse, "select organization || case when organization like '%红桥%'"
                                        " then ' ' || report_year else '' end, compliance_score from marts.scorecards"))
    # The department report without shortcomings and plans scores lowest; the street office
    # without a first-responsibility part below the three complete reports.
    assert min(compliance, key=compliance.get) == BINHAI
    assert compliance[CHADIAN] < min(compliance[JINGHAI], compliance[MAOJIAN], compliance[HONGQIAO])
    assert compliance[MAOJIAN] == 100


@pytest.mark.slow
def test_timeliness_is_scored_only_where_the_publication_date_is_known(warehouse):
    on_time = _items(warehouse, "on_time")
    assert on_time[JINGHAI][:3] == (-3, 100, "scored")  # 2025-03-29, three days before 1 April
    assert "2025-03-29 发布，期限 2025-04-01" in on_time[JINGHAI][3]
    assert on_time[CHADIAN][:3] == (-7, 100, "scored")  # 2024-03-25
    for body in (HONGQIAO, BINHAI):
        assert on_time[body][:3] == (None, None, "not_applicable")
        assert "发布日期未知" in on_time[body][3]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        # A dimension keeps its other items: 红桥区's compliance is the mean of four, not five.
        mean = conn.execute("select avg(i.score) from marts.scorecard_items as i join marts.reports as r"
                            " using (report_id) where r.organization = '天津市红桥区人民政府'"
                            " and r.report_year = 2023 and i.dimension = 'compliance'").fetchone()[0]
        score = conn.execute("select compliance_score from marts.scorecards"
                             " where organization = '天津市红桥区人民政府' and report_year = 2023").fetchone()[0]
    assert score == pytest.approx(mean, abs=0.01) == pytest.approx((100 + 75 + 100 + 100) / 4)


@pytest.mark.slow
def test_candour_reads_the_shortcomings_part(warehouse):
    part, causes = _items(warehouse, "shortcomings_part"), _items(warehouse, "causes_stated")
    specific = _items(warehouse, "shortcomings_specific")
    assert part[BINHAI][:2] == (0, 0) and "没有“存在的不足和原因”部分" in part[BINHAI][3]
    assert {part[body][0] for body in SAMPLE_BODIES if body != BINHAI} == {1}
    assert specific[BINHAI][:3] == (0, 0, "scored")
    # No sample gives a cause; the constructed 2024 report gives two (主要原因是…, 根源在于…).
    assert {causes[body][0] for body in SAMPLE_BODIES} == {0}
    assert causes[HONGQIAO_NEW][:2] == (2, 100)
    [(evidence,)] = _query(warehouse, "select list(e.text) from marts.scorecard_items as i, unnest(i.evidence) as u(e)"
                                      " where i.item_code = 'causes_stated' and i.value = 2")
    assert any("主要原因是执法人员培训不足" in text for text in evidence)
    # 红桥区 2023: of its three shortcomings only the first names no field (责任意识不强…).
    assert specific[HONGQIAO][:2] == (pytest.approx(200 / 3, abs=1e-3), 66.67)


@pytest.mark.slow
def test_follow_through_compares_with_the_previous_report(warehouse):
    plans = _items(warehouse, "plans_taken_up")
    restated = _items(warehouse, "figures_restated")
    assert plans[HONGQIAO_NEW][:2] == (pytest.approx(200 / 3, abs=1e-3), 66.67)
    assert "2023 年度报告的 3 项安排中 2 项" in plans[HONGQIAO_NEW][3]
    [(evidence,)] = _query(warehouse, "select list(e order by e.section_id) from marts.scorecard_items as i,"
                                      " unnest(i.evidence) as u(e), marts.reports as r"
                                      " where r.report_id = i.report_id and i.item_code = 'plans_taken_up'"
                                      " and r.report_year = 2024 and r.organization like '%红桥%'")
    [(hongqiao_2023,)] = _query(warehouse, "select report_id from marts.reports where organization like '%红桥%'"
                                           " and report_year = 2023")
    # The evidence points at the 2023 report's plan items, taken up or not.
    assert [e["report_id"] for e in evidence] == [hongqiao_2023] * 3
    assert [e["text"].split(" ")[0] for e in evidence] == ["已落实", "已落实", "未见落实"]
    assert "营商环境" in evidence[2]["text"]
    # 2023年 restated as 30 lawsuits where the 2023 report said 32.
    assert restated[HONGQIAO_NEW][:2] == (1, 50)
    assert "本报告 30件，2023 年度报告 32件" in _query(
        warehouse, "select e.text from marts.scorecard_items as i, unnest(i.evidence) as u(e)"
                   " where i.item_code = 'figures_restated' and i.value = 1")[0][0]
    # Every report of a government without an earlier year: not applicable, with the reason.
    for item in ("plans_taken_up", "indicators_held", "figures_restated"):
        rows = _items(warehouse, item)
        for body in (*SAMPLE_BODIES, HEXI):
            assert rows[body][:3] == (None, None, "not_applicable"), (item, body)
            assert rows[body][3] == "同一主体没有更早年度的报告"


@pytest.mark.slow
def test_originality_finds_the_copied_third_and_names_its_source(warehouse):
    shared = _items(warehouse, "shared_sentences")
    assert shared[HEXI][0] == pytest.approx(100 * 6 / 18, abs=1e-3)
    assert shared[HEXI][1] == pytest.approx(100 - 100 * 6 / 18 / 50 * 100, abs=0.01)
    assert "18 句中 6 句与其他政府的报告相同" in shared[HEXI][3]
    [(hongqiao_2023,)] = _query(warehouse, "select report_id from marts.reports where organization like '%红桥%'"
                                           " and report_year = 2023")
    evidence = _query(warehouse, "select e.text, e.other_report_id from marts.scorecard_items as i,"
                                 " unnest(i.evidence) as u(e) join marts.reports as r on r.report_id = i.report_id"
                                 " where i.item_code = 'shared_sentences' and r.organization = ?"
                                 " order by e.sentence_id", [HEXI])
    assert [text for text, _ in evidence] == list(COPIED)
    assert {other for _, other in evidence} == {hongqiao_2023}
    # The 红桥区 2023 report shares the same six; its own 2024 report does not count.
    assert shared[HONGQIAO][0] > 0 and "6 句与其他政府的报告相同" in shared[HONGQIAO][3]
    assert {shared[body][:2] for body in (JINGHAI, MAOJIAN, CHADIAN, BINHAI)} == {(0, 100)}


@pytest.mark.slow
def test_ranks_and_percentiles_are_among_peers(warehouse):
    rows = _query(warehouse, "select organization, report_year, total_score, national_rank, national_peer_count,"
                             " national_percentile, province_rank, province_peer_count from marts.scorecards"
                             " where admin_level = 'district' order by report_year, total_score desc")
    in_2023 = [row for row in rows if row[1] == 2023]
    assert {row[0] for row in in_2023} == {"十堰市茅箭区人民政府", "天津市红桥区人民政府"}
    assert [row[3:6] for row in in_2023] == [(1, 2, 100), (2, 2, 0)]
    assert all(row[6:] == (1, 1) for row in in_2023)  # one district of 2023 in 湖北 and one in 天津
    in_2024 = [row for row in rows if row[1] == 2024]
    assert len(in_2024) == 3 and {row[4] for row in in_2024} == {3}
    assert _query(warehouse, "select count(*), count(distinct report_id) from marts.scorecards") == [(7, 7)]
    # The government × year view: 红桥区 has two years and the change between them.
    [(years, change, total_2023, total_2024)] = _query(
        warehouse, "select list(report_year order by report_year), max(total_change),"
                   " max(total_score) filter (where report_year = 2023), max(total_score) filter (where report_year = 2024)"
                   " from marts.government_scorecards where government_id = '120106000000:government'")
    assert years == [2023, 2024] and change == pytest.approx(total_2024 - total_2023, abs=0.01)


def _scorecards(path: Path) -> dict[str, dict]:
    with duckdb.connect(str(path), read_only=True) as conn:
        frame = conn.execute("select * from marts.scorecards order by report_id").fetchall()
        columns = [c[0] for c in conn.description]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in frame}


@pytest.mark.slow
def test_changing_a_weight_changes_the_totals_and_nothing_else(warehouse, tmp_path):
    """Doubling 原创's weight at 合规's expense and rebuilding: every item and every dimension
    score stays, every total becomes the new weighted mean; ranks and percentiles follow the totals."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    project = tmp_path / "dbt_project"
    shutil.copytree(PROJECT_ROOT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    weights_path = project / "seeds" / "scorecard_weights.csv"
    rows = list(csv.DictReader(weights_path.open(encoding="utf-8")))
    new_weights = {"compliance": 0.0, "originality": 0.285714}
    for row in rows:
        if not row["item_code"] and row["dimension"] in new_weights:
            row["weight"] = str(new_weights[row["dimension"]])
    with weights_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["dimension", "item_code", "weight"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    _dbt(copy, tmp_path, "build", "--select", "scorecard_weights+", project=project)

    items_query = "select * from marts.scorecard_items order by report_id, item_code"
    assert _query(copy, items_query) == _query(warehouse, items_query)
    before, after = _scorecards(warehouse), _scorecards(copy)
    weights = {row["dimension"]: float(row["weight"]) for row in rows if not row["item_code"]}
    changed, moved = 0, 0
    for report_id, old in before.items():
        new = after[report_id]
        scores = {d: new[f"{d}_score"] for d in weights if new[f"{d}_score"] is not None}
        expected = sum(weights[d] * s for d, s in scores.items()) / sum(weights[d] for d in scores)
        assert new["total_score"] == pytest.approx(expected, abs=0.01)
        changed += new["total_score"] != old["total_score"]
        moved += new["compliance_score"] != new["originality_score"]  # else the swap cannot show
        differing = {column for column in old if old[column] != new[column]}
        assert differing <= {"total_score", "national_rank", "national_percentile", "province_rank",
                             "province_percentile"}, report_id
    assert changed == moved >= 5


@pytest.mark.slow
def test_the_copiers_scorecard_page_names_the_report_it_shares_with(warehouse, tmp_path):
    from analytics.site import build_site

    snapshot = tmp_path / "snapshot.duckdb"
    shutil.copyfile(warehouse, snapshot)
    build_site(snapshot, tmp_path / "site")
    [(hexi, hongqiao_2023)] = _query(
        warehouse, "select (select report_id from marts.reports where organization = ?),"
                   " (select report_id from marts.reports where organization like '%红桥%' and report_year = 2023)",
        [HEXI])
    page = (tmp_path / "site" / "scorecards" / f"{hexi}.html").read_text(encoding="utf-8")
    row = page.split('id="i-shared_sentences"')[1].split("</tr>")[0]
    links = row.count(f'<a class="other" href="../reports/{hongqiao_2023}.html">天津市红桥区人民政府（2023）</a>')
    assert links == len(COPIED)
    assert all(sentence in row for sentence in COPIED)
