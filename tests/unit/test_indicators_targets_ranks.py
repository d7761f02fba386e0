"""Figures of real reports the parser first misread (issue 22, patterns 3–5): metric labels that
name the thing, targets apart from results, places in a ranking, and the units 种, 本, 门 and
个百分点. Every sentence is written for these tests."""
from __future__ import annotations

import pytest

from ingestion.parser.indicators import extract_mentions
from ingestion.parser.model import Mention
from ingestion.parser.outline import segment


def _mentions(text: str) -> tuple[Mention, ...]:
    mentions = extract_mentions(text, segment(text))
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return mentions


def _one(text: str) -> Mention:
    mentions = _mentions(text)
    assert len(mentions) == 1, [(m.text, m.metric) for m in mentions]
    return mentions[0]


# --- metric labels (pattern 3) ------------------------------------------------------------------


def test_a_share_of_what_follows_it_is_named_by_that() -> None:
    m = _one("全市96.4%的行政许可事项实现网上办理。")
    assert (m.metric, m.value, m.kind) == ("行政许可事项实现网上办理", 96.4, "rate")


def test_a_share_keeps_its_rate_word_when_it_has_one() -> None:
    assert _one("群众满意度达到98%的水平。").metric == "群众满意度"


def test_the_items_of_a_list_of_figures_share_the_verb_before_the_first() -> None:
    first, second = _mentions("依法审核重大行政决策4件、部门规范性文件21件。")
    assert (first.metric, second.metric) == ("依法审核重大行政决策", "依法审核部门规范性文件")
    joined = _mentions("办理信访事项52件和人大建议9件。")
    assert [m.metric for m in joined] == ["办理信访事项", "办理人大建议"]


def test_an_item_with_its_own_verb_keeps_it() -> None:
    received, closed = _mentions("受理投诉举报60件、办结58件。")
    assert (received.metric, closed.metric) == ("受理投诉举报", "办结")
    assert [m.metric for m in _mentions("其中食品类投诉12件、药品类投诉3件。")] == ["食品类投诉", "药品类投诉"]


def test_people_who_took_part_are_named_by_the_event_before() -> None:
    m = _one("组织开展宪法知识竞赛，共计约450人参加。")
    assert (m.metric, m.value, m.qualifier) == ("参加宪法知识竞赛", 450, "about")
    staff = _one("举行年度执法人员资格考试，全镇63名执法人员参加。")
    assert staff.metric == "参加年度执法人员资格考试的执法人员"


def test_people_who_took_part_in_a_counted_event() -> None:
    sessions, people = _mentions("举办普法讲座6场，共320人参与。")
    assert (sessions.metric, people.metric) == ("举办普法讲座", "参与普法讲座")


# --- targets (pattern 4) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "span"),
    [
        ("执法人员持证率不低于80%。", "执法人员持证率", "不低于80%"),
        ("每年组织旁听庭审不少于2次。", "组织旁听庭审", "不少于2次"),
        ("新增公职律师至少10名。", "新增公职律师", "至少10名"),
    ],
)
def test_a_bound_before_a_figure_makes_it_a_target(text: str, metric: str, span: str) -> None:
    m = _one(text)
    assert (m.qualifier, m.metric, m.text) == ("target", metric, span)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("力争年内行政复议纠错率达到90%。", "行政复议纠错率"),
        ("确保政务服务事项网办率达到95%以上。", "政务服务事项网办率"),
        ("年内目标调解成功率98%。", "目标调解成功率"),
        ("预计全年培训执法人员600人次。", "培训执法人员"),
    ],
)
def test_a_clause_that_sets_a_goal_makes_its_figure_a_target(text: str, metric: str) -> None:
    m = _one(text)
    assert (m.qualifier, m.metric) == ("target", metric)


def test_a_ceiling_is_how_a_service_is_run_not_a_target() -> None:
    m = _one("办理时限不超过5个工作日。")
    assert (m.qualifier, m.text) == (None, "5个工作日")


def test_a_goal_reached_is_a_result() -> None:
    assert _one("圆满完成目标任务15项。").qualifier is None
    assert _one("纳入目标考核的单位38个。").qualifier is None
    assert _one("出庭应诉率达到100%。").qualifier is None


def test_every_figure_of_the_plans_part_is_a_target() -> None:
    text = ("一、主要举措和成效\n全年办理行政复议案件36件。\n"
            "二、下一年度工作安排\n（一）强化队伍建设\n计划培训执法人员500人次，新建调解组织12个。\n")
    result, *planned = _mentions(text)
    assert (result.value, result.qualifier) == (36, None)
    assert [(m.value, m.qualifier) for m in planned] == [(500, "target"), (12, "target")]


# --- ranks and units (pattern 5) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "span", "metric"),
    [
        ("法治政府建设考核名列全市第三。", 3, "名", "第三", "法治政府建设考核"),
        ("营商环境评价位居全省第一。", 1, "名", "第一", "营商环境评价"),
        ("在全市依法行政考核中排名第5位。", 5, "位", "第5位", "全市依法行政考核"),
        ("普法知识竞赛获得全区第二名。", 2, "名", "第二名", "普法知识竞赛"),
        ("绩效考核居全县第一位。", 1, "位", "第一位", "绩效考核"),
    ],
)
def test_a_place_in_a_ranking_is_a_rank(text: str, value: int, unit: str, span: str, metric: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.text, m.metric) == ("rank", value, unit, span, metric)


@pytest.mark.parametrize("text", ["列入第一批试点名单。", "第二十条规定。", "居民第一次参加。", "排名前列。", "位居全省前三。",
                                  "综合考核位居全省第一方阵。", "考核结果列全市第一等次。"])
def test_an_ordinal_without_a_ranking_is_no_figure(text: str) -> None:
    assert _mentions(text) == ()


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("上线电子证照80余种。", 80, "种", "more_than"),
        ("发放普法读本2600本。", 2600, "本", None),
        ("开设网络课程14门。", 14, "门", None),
    ],
)
def test_kinds_of_things_books_and_courses_are_counts(text: str, value: int, unit: str, qualifier) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.qualifier) == ("count", value, unit, qualifier)


@pytest.mark.parametrize("text", ["推进种植业发展。", "落实本级责任。", "本单位12名干部。", "畅通门户网站。"])
def test_words_made_with_those_measure_words_are_no_units(text: str) -> None:
    assert all(m.unit not in ("种", "本", "门") for m in _mentions(text))


@pytest.mark.parametrize(
    ("text", "value", "metric"),
    [
        ("群众满意度较上年提高3.5个百分点。", 3.5, "群众满意度"),
        ("行政复议纠错率同比下降1.2个百分点。", -1.2, "行政复议纠错率"),
        ("网办率高于全省平均水平6个百分点。", 6, "网办率"),
        ("败诉率低于全市平均水平2个百分点。", -2, "败诉率"),
    ],
)
def test_percentage_points_are_a_signed_change(text: str, value: float, metric: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.metric) == ("change", value, "个百分点", metric)


def test_the_event_is_what_the_last_verb_of_the_clause_before_names() -> None:
    m = _one("组织全镇执法人员开展法律知识测试，共计96人参加。")
    assert m.metric == "参加法律知识测试"


def test_a_ranking_stated_of_the_body_itself_is_named_by_the_clause_before() -> None:
    m = _one("在全省依法行政考核中，我市位居第一。")
    assert (m.kind, m.value, m.metric) == ("rank", 1, "全省依法行政考核")


def test_a_figure_in_a_heading_is_named_without_the_marker_and_a_bound_is_no_part_of_its_metric() -> None:
    text = "一、主要举措\n全年学法8次。\n二、下一步打算\n（一）力争2024年行政复议纠错率不高于8%\n（二）推进公职律师全覆盖\n"
    m = _mentions(text)[-1]
    assert (m.metric, m.value, m.qualifier, m.section_path) == ("行政复议纠错率", 8, "target", "二/（一）")
    assert _one("行政诉讼败诉率低于5%。").metric == "行政诉讼败诉率"
