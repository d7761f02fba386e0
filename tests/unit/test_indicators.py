"""Indicator mentions: kinds, values, units, qualifiers, spans, metrics and distractors."""
from __future__ import annotations

import pytest

from ingestion.parser.indicators import extract_mentions
from ingestion.parser.model import Mention, Section


def _mentions(text: str, sections: tuple[Section, ...] = ()) -> tuple[Mention, ...]:
    mentions = extract_mentions(text, sections)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return mentions


def _one(text: str) -> Mention:
    mentions = _mentions(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


def _texts(text: str) -> list[str]:
    return [m.text for m in _mentions(text)]


# --- kinds and values --------------------------------------------------------------


def test_count_with_measure_word() -> None:
    m = _one("全年召开专题会议8次。")
    assert (m.kind, m.value, m.unit, m.text, m.qualifier) == ("count", 8, "次", "8次", None)
    assert m.metric == "召开专题会议"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("累计接待来访群众3.6万人次。", 36000, "人次"),
        ("检查门店415家次。", 415, "家次"),
        ("采购设备27台套。", 27, "台套"),
        ("整理档案1,250卷。", 1250, "卷"),
        ("排查隐患63处。", 63, "处"),
        ("从四方面开展评估。", 4, "方面"),
        ("与3地签订协作协议。", 3, "地"),
    ],
)
def test_count_units_and_multipliers(text: str, value: float, unit: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit) == ("count", value, unit)


def test_rate() -> None:
    m = _one("群众满意率达97.6%。")
    assert (m.kind, m.value, m.unit, m.text, m.metric) == ("rate", 97.6, "%", "97.6%", "群众满意率")


def test_rate_above_100_is_not_a_rate() -> None:
    assert _mentions("完成年度目标的135%。") == ()


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("信访总量同比下降21.5%。", -21.5, "下降21.5%"),
        ("审批时限较法定时限压缩70%。", -70, "压缩70%"),
        ("网上办件量较上年增长36%。", 36, "增长36%"),
        ("受案量比上年提高了12%。", 12, "提高了12%"),
    ],
)
def test_change_is_signed_and_keeps_direction_word(text: str, value: float, span: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.text) == ("change", value, "%", span)


def test_change_leaves_out_comparison_base() -> None:
    m = _one("信访总量同比下降21.5%。")
    assert m.metric == "信访总量"


def test_change_without_subject_takes_the_previous_one() -> None:
    mentions = _mentions("全年受理复议案件48件，较上年减少20%。")
    assert [(m.kind, m.value) for m in mentions] == [("count", 48), ("change", -20)]
    assert mentions[1].metric == mentions[0].metric == "受理复议案件"


def test_direction_word_with_target_is_a_level_not_a_change() -> None:
    m = _one("一审败诉率下降到4.5%。")
    assert (m.kind, m.value) == ("rate", 4.5)


def test_percentage_points_change() -> None:
    m = _one("知晓率较上年提高6个百分点。")
    assert (m.kind, m.value, m.unit, m.text) == ("change", 6, "个百分点", "提高6个百分点")


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("拨付办案经费25万元。", 250000, "25万元"),
        ("新增贷款3.75亿元。", 375000000, "3.75亿元"),
        ("罚款1500元。", 1500, "1500元"),
        ("挽回损失800余万元。", 8000000, "800余万元"),
    ],
)
def test_money_in_yuan(text: str, value: float, span: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.text) == ("money", value, "元", span)


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("营业执照半天办结。", 0.5, "半天"),
        ("承诺时限为一天。", 1, "一天"),
        ("竣工验收压缩至4个工作日。", 4, "4个工作日"),
        ("申请在10日内办结。", 10, "10日"),
        ("审批时间不超过两天。", 2, "两天"),
    ],
)
def test_duration_in_days(text: str, value: float, span: str) -> None:
    m = _one(text)
    assert (m.kind, m.value, m.unit, m.text) == ("duration", value, "天", span)


def test_chinese_numeral_counts() -> None:
    assert [(m.value, m.unit, m.text) for m in _mentions("新建三个调解室，配齐五名专职人员。")] == [
        (3, "个", "三个"), (5, "名", "五名")]
    m = _one("参与群众达两万余人。")
    assert (m.value, m.unit, m.qualifier, m.text) == (20000, "人", "more_than", "两万余人")


# --- qualifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "span"),
    [
        ("走访企业300余家。", "more_than", "300余家"),
        ("发放资料2000多份。", "more_than", "2000多份"),
        ("参训人员500人以上。", "more_than", "500人以上"),
        ("覆盖群众超2万人。", "more_than", "超2万人"),
        ("化解纠纷近90件。", "nearly", "近90件"),
        ("受益群众将近600人。", "nearly", "将近600人"),
        ("投入资金约40万元。", "about", "约40万元"),
        ("开展巡查150次左右。", "about", "150次左右"),
    ],
)
def test_qualifiers_are_in_the_span(text: str, qualifier: str, span: str) -> None:
    m = _one(text)
    assert (m.qualifier, m.text) == (qualifier, span)


def test_jin_inside_a_word_is_no_qualifier() -> None:
    m = _one("就近办理事项45项。")
    assert (m.qualifier, m.text) == (None, "45项")


# --- metrics -------------------------------------------------------------------------


def test_counted_noun_after_the_number() -> None:
    m = _one("听取9个部门的述法汇报。")
    assert m.metric.startswith("听取") and "部门" in m.metric and "述法汇报" in m.metric


def test_preposition_before_a_counted_noun_is_dropped() -> None:
    m = _one("对15家企业开展合规指导。")
    assert m.metric == "企业开展合规指导"


def test_list_ending_in_deng_keeps_the_category() -> None:
    m = _one("开展食品、药品等专项检查36次。")
    assert m.metric == "专项检查"


def test_several_rate_words_share_one_number() -> None:
    mentions = _mentions("办结率、回复率和满意率均为100%。")
    assert [(m.metric, m.value, m.text) for m in mentions] == [
        ("办结率", 100, "100%"), ("回复率", 100, "100%"), ("满意率", 100, "100%")]
    assert len({m.index for m in mentions}) == 3


def test_one_rate_word_over_several_subjects() -> None:
    mentions = _mentions("组织法律知识考试和执法资格考试，通过率均为100%。")
    assert [m.metric for m in mentions] == ["组织法律知识考试通过率", "执法资格考试通过率"]


def test_ge_shares_a_count_between_subjects_and_stays_out_of_text() -> None:
    mentions = _mentions("编发《法治动态》、《工作专报》各6期。")
    assert [(m.metric, m.text, m.value) for m in mentions] == [
        ("编发《法治动态》", "6期", 6), ("《工作专报》", "6期", 6)]


def test_filler_words_are_stripped_from_metric() -> None:
    assert _one("2022年全年共办理行政复议案件73件。").metric == "办理行政复议案件"
    assert _one("其中调解结案19件。").metric == "调解结案"


def test_empty_phrase_takes_previous_metric() -> None:
    mentions = _mentions("接待来访群众58批次310人次。")
    assert mentions[1].metric == mentions[0].metric == "接待来访群众"


def test_every_occurrence_is_a_mention() -> None:
    assert _texts("开展巡查20次。开展巡查20次。") == ["20次", "20次"]


# --- distractors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022年，本区法治建设稳步推进。",  # year
        "于2023年6月18日召开会议。",  # date
        "12月下旬开展督查。",  # month
        "2021年度考核结果为优秀。",  # year
        "印发《实施方案》(某政办〔2022〕15号)。",  # document number
        "依据国务院令第711号开展清理。",  # order number
        "推行“246”工作法。",  # number in a name
        "打造“1+3+N”服务体系。",  # formula in a name
        "升级至5.0版系统。",  # version
        "网站标识码3302040013。",  # website code
        "拨打12345政务热线反映问题。",  # hotline
        "开通12348法律服务热线。",  # hotline
        "咨询电话0571-87654321。",  # phone number
        "第五届法治论坛顺利召开。",  # ordinal
        "列入第二批试点名单。",  # ordinal
        "学习贯彻党的二十大精神。",  # congress ordinal
        "深入实施八五普法规划。",  # plan name
        "依照条例第十五条处理。",  # article ordinal
        "落实一规划两方案要求。",  # fixed phrase
        "全面推行三项制度。",  # fixed phrase
        "建立三所联动机制。",  # fixed phrase
        "推进一件事一次办改革。",  # fixed phrase
        "建设一站式服务平台。",  # fixed phrase
        "一年来，各项工作有序推进。",  # fixed phrase
        "打通服务群众最后一公里。",  # fixed phrase
        "提供365天×24小时服务。",  # fixed phrase
        "严格执行24小时值班制度。",  # fixed phrase
        "实施三年行动计划。",  # fixed phrase
        "部署六项行动+三张清单。",  # fixed phrase
        "落实两个责任，增强四个意识。",  # slogans
        "二是加强队伍建设。",  # list marker
        "推动办理一次性告知。",  # 一次性
        "未发生行政败诉案件。",  # no explicit numeral
        "推进IE8以上浏览器适配。",  # letters glued to digits
        "每3天调度一次进展。",  # frequency
        "开展为期3个月的专项行动。",  # months are no day counts
    ],
)
def test_distractors_are_not_mentions(text: str) -> None:
    assert _texts(text) == []


def test_numbers_beside_a_quoted_name_still_count() -> None:
    mentions = _mentions("实现“跨省通办”事项132项，“一网通办”比例为96.5%。")
    assert [(m.kind, m.value) for m in mentions] == [("count", 132), ("rate", 96.5)]


def test_heading_marker_is_no_mention_but_a_number_in_its_title_is() -> None:
    text = "一、总体情况\n1.办结案件42件\n正文。"
    sections = (
        Section(0, 1, "一、", "总体情况", None, "一", "measures", 0, 7, 7),
        Section(1, 2, "1.", "办结案件42件", 0, "一/1.", None, 7, 17, len(text)),
    )
    mentions = _mentions(text, sections)
    assert [(m.text, m.section_path, m.section_index) for m in mentions] == [("42件", "一/1.", 1)]


def test_mention_before_first_heading_has_empty_section() -> None:
    text = "开篇全年学法5次。\n一、成效\n办件12件。"
    sections = (Section(0, 1, "一、", "成效", None, "一", "measures", 10, 15, len(text)),)
    mentions = _mentions(text, sections)
    assert [(m.section_path, m.section_index) for m in mentions] == [("", None), ("一", 0)]


def test_full_width_text_keeps_offsets() -> None:
    text = "办结率达９８．５％，受理案件１２０件。"
    mentions = _mentions(text)
    assert [(m.text, m.value) for m in mentions] == [("９８．５％", 98.5), ("１２０件", 120)]


# --- lists and word edges ------------------------------------------------------------


def test_fenbie_pairs_subjects_with_figures_in_order() -> None:
    mentions = _mentions("审查合同和规范性文件分别为64份、19件。")
    assert [(m.metric, m.value, m.unit) for m in mentions] == [("审查合同", 64, "份"), ("规范性文件", 19, "件")]


def test_direction_word_carries_over_a_list_of_changes() -> None:
    mentions = _mentions("投诉量和退件量同比分别下降8%、2.5%。")
    assert [(m.kind, m.value, m.text, m.metric) for m in mentions] == [
        ("change", -8, "下降8%", "投诉量"), ("change", -2.5, "2.5%", "退件量")]


def test_at_most_is_no_more_than_qualifier() -> None:
    m = _one("办理时限不超过三天。")
    assert (m.kind, m.value, m.qualifier, m.text) == ("duration", 3, None, "三天")


def test_metric_keeps_words_ending_in_filler_characters() -> None:
    assert _one("查处违法行为57起。").metric == "查处违法行为"
    assert _one("提供公共法律服务800人次。").metric == "提供公共法律服务"
    assert _one("参与4个项目评审。").metric.startswith("参与")


def test_place_names_opening_with_a_numeral_are_no_counts() -> None:
    assert _texts("走访三台县和五家渠市。") == []


def test_figures_set_apart_by_spaces_still_count() -> None:
    mentions = _mentions("本季度组织庭审旁听 9 次，案件量同比下降 4.5%，约 60 人参加，第 2 次会议。")
    assert [(m.text, m.value, m.kind) for m in mentions] == [
        ("9 次", 9, "count"), ("下降 4.5%", -4.5, "change"), ("约 60 人", 60, "count"),
    ]
    assert mentions[0].metric == "组织庭审旁听"
    assert mentions[2].qualifier == "about"


def test_numeral_and_unit_before_county_or_city_word_still_count() -> None:
    assert _texts("开展两轮县级督查，走访三家市属企业，途经三台县。") == ["两轮", "三家"]


def test_gongyou_is_filler_before_the_metric() -> None:
    assert _one("目前共有人民调解员48名。").metric == "人民调解员"


# --- unseen-report rules: sessions, word percents, ranges, round numbers ------------


@pytest.mark.parametrize(
    "text",
    [
        "传达省委十二届六次全会精神。",
        "县政协九届三次会议期间收到提案88件。",
    ],
)
def test_session_numbers_after_jie_are_ordinals(text: str) -> None:
    assert all(m.unit != "次" for m in _mentions(text))


def test_a_count_of_meetings_is_still_a_count() -> None:
    m = _one("本届政府召开常务会议24次。")
    assert (m.value, m.unit) == (24, "次")


@pytest.mark.parametrize(
    ("text", "value", "span", "kind"),
    [
        ("复议决定履行率达到百分之百。", 100, "百分之百", "rate"),
        ("群众满意率为百分之九十六点五。", 96.5, "百分之九十六点五", "rate"),
        ("来访量同比下降百分之二十。", -20, "下降百分之二十", "change"),
    ],
)
def test_percentages_written_in_words(text: str, value: float, span: str, kind: str) -> None:
    m = _one(text)
    assert (m.value, m.text, m.kind, m.unit) == (value, span, kind, "%")


def test_percent_in_words_as_manner_of_speaking_is_none() -> None:
    assert _mentions("要拿出百分之百的干劲。") == ()


@pytest.mark.parametrize(
    ("text", "span", "value", "kind"),
    [
        ("审批时限压缩至2至4个工作日。", "2至4个工作日", 4, "duration"),
        ("备案审查一般在10-20天内完成。", "10-20天", 20, "duration"),
        ("每季度组织集中学法3到5次。", "3到5次", 5, "count"),
        ("答复期限为五至七天。", "五至七天", 7, "duration"),
    ],
)
def test_range_is_one_mention_valued_at_its_upper_end(text: str, span: str, value: float, kind: str) -> None:
    m = _one(text)
    assert (m.text, m.value, m.kind) == (span, value, kind)


def test_ordinal_range_is_no_count() -> None:
    assert [m.text for m in _mentions("第2至4批示范点共9个。")] == ["9个"]


def test_per_head_suffix_stays_in_the_span_not_the_metric() -> None:
    m = _one("落实值班补贴每人150元/天。")
    assert (m.text, m.value, m.kind, m.unit) == ("150元/天", 150, "money", "元")
    assert "/" not in m.metric


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("走访企业近千家。", "近千家", 1000, "nearly"),
        ("培训网格员百余人次。", "百余人次", 100, "more_than"),
        ("发放宣传品千余份。", "千余份", 1000, "more_than"),
    ],
)
def test_round_hundreds_and_thousands_with_a_qualifier(text: str, span: str, value: float, qualifier: str) -> None:
    m = _one(text)
    assert (m.text, m.value, m.qualifier, m.kind) == (span, value, qualifier, "count")


def test_bare_wan_after_a_figure_is_not_a_second_mention() -> None:
    assert _texts("服务群众3万余人次。") == ["3万余人次"]


def test_chinese_numeral_money_with_multiplier() -> None:
    m = _one("落实普法经费八万元。")
    assert (m.value, m.kind, m.unit) == (80000, "money", "元")
    assert _mentions("破除城乡二元结构。") == ()


def test_list_split_ignores_ji_inside_puji() -> None:
    mentions = _mentions("村干部、网格员和调解员的普及率均达到100%。")
    assert [m.metric for m in mentions] == ["村干部", "网格员", "调解员的普及率"]


def test_bare_share_word_takes_the_subject_before() -> None:
    mentions = _mentions("办理民事案件120件，占60%。")
    assert mentions[1].metric == "办理民事案件占比"


def test_comparison_against_a_named_year_stays_out_of_the_metric() -> None:
    mentions = _mentions("全年诉讼服务经费45万元，比2021年增长8%。")
    assert mentions[1].metric == "诉讼服务经费"


def test_count_of_an_increase_takes_the_subject_before() -> None:
    mentions = _mentions("新收信访事项86件，同比减少9件。")
    assert mentions[1].metric == "新收信访事项"


def test_rate_followed_by_what_it_covers() -> None:
    m = _one("全镇村居实现100%法律顾问覆盖。")
    assert "法律顾问覆盖" in m.metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("2020—2022年累计化解积案31件。", "化解积案"),
        ("2024 年共举办讲座 6 场。", "举办讲座"),
        ("二是社会治安类14件。", "社会治安类"),
        ("执法证持证率高达96.5%。", "执法证持证率"),
        ("及时将问题线索移交12个部门。", "及时将问题线索移交部门"),
    ],
)
def test_more_filler_at_the_edges_of_a_metric(text: str, metric: str) -> None:
    assert _mentions(text)[0].metric == metric


# --- coordinated figures, shared changes, whole verbs, lost full stops ----------------


def test_coordinated_items_sharing_a_measure_word_each_get_their_metric() -> None:
    # The verb before the first item is every item's (tests/unit/test_indicators_targets_ranks.py).
    mentions = _mentions("清理地方性法规目录12件和部门文件目录340件。")
    assert [(m.metric, m.value, m.unit) for m in mentions] == [
        ("清理地方性法规目录", 12, "件"), ("清理部门文件目录", 340, "件")]
    mentions = _mentions("发放宣传册3000份及宣传品500件。")
    assert [m.metric for m in mentions] == ["发放宣传册", "发放宣传品"]


def test_hejie_after_a_figure_is_a_word_not_a_joint() -> None:
    # 和解 opens the next item; the lost comma is not guessed (the noun after stays).
    assert _mentions("受理行政复议案件86件和解结案12件。")[1].metric == "和解结案"


def test_a_change_stated_for_two_subjects_gives_one_mention_each() -> None:
    mentions = _mentions("行政复议案件、信访案件同比压降15%以上。")
    assert [(m.metric, m.value, m.kind, m.text, m.qualifier) for m in mentions] == [
        ("行政复议案件", -15, "change", "压降15%以上", "more_than"),
        ("信访案件", -15, "change", "压降15%以上", "more_than"),
    ]


def test_listed_changes_pair_with_listed_subjects_in_order() -> None:
    mentions = _mentions("办理时长、等候时间同比压降30%、25%。")
    assert [(m.metric, m.value) for m in mentions] == [("办理时长", -30), ("等候时间", -25)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("案件办理周期同比压降18%。", "压降18%", -18),
        ("办案成本压减12%。", "压减12%", -12),
        ("审批材料精简40%。", "精简40%", -40),
        ("城乡差距缩小5%。", "缩小5%", -5),
    ],
)
def test_span_keeps_the_whole_verb_of_a_change(text: str, span: str, value: float) -> None:
    m = _one(text)
    assert (m.text, m.value, m.kind) == (span, value, "change")
    assert not m.metric.endswith(span[0])


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("备案审查工作稳步推进截至年底共审查文件46件。", "审查文件"),
        ("执法监督力度持续加大其中纠正违法行为18起。", "纠正违法行为"),
        ("依法行政水平明显提升全年共办理复议案件120件。", "办理复议案件"),
        ("工作机制不断完善2023年以来办结积案35件。", "办结积案"),
    ],
)
def test_metric_does_not_run_back_past_a_lost_full_stop(text: str, metric: str) -> None:
    assert _one(text).metric == metric


def test_a_year_word_inside_a_phrase_is_no_sentence_start() -> None:
    assert _one("完成全年目标任务12项。").metric == "完成全年目标任务"


def test_metric_of_a_count_does_not_run_on_into_the_next_rate() -> None:
    mentions = _mentions("全年受理案件120件审结率达98%。")
    assert [(m.metric, m.kind) for m in mentions] == [("受理案件", "count"), ("审结率", "rate")]
    # A share word after the count is of what the count counts.
    mentions = _mentions("梳理事项835项区级服务事项占比100%。")
    assert mentions[0].metric.startswith("梳理事项区级服务事项")
