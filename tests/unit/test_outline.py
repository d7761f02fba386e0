"""Headings, levels, titles, paths and offsets of the outline."""
from __future__ import annotations

from ingestion.parser.outline import segment


def _outline(text: str) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker, s.title) for s in segment(text)]


def test_standard_four_levels() -> None:
    text = "前言。\n一、工作成效\n（一）加强学习\n1．组织学法\n全年学法6次。\n(1)专题学法\n内容。\n二、存在问题\n问题很多。"
    assert _outline(text) == [
        (1, "一、", "工作成效"),
        (2, "（一）", "加强学习"),
        (3, "1．", "组织学法"),
        (4, "(1)", "专题学法"),
        (1, "二、", "存在问题"),
    ]


def test_level_is_relative_to_the_enclosing_heading() -> None:
    # "1." right under "一、" is level 2; "一是" right under "二、" is level 2.
    text = "一、甲项\n1.子项一\n正文。\n2.子项二\n正文。\n二、乙项\n一是抓学习。正文。\n二是抓落实。正文。"
    assert _outline(text) == [
        (1, "一、", "甲项"), (2, "1.", "子项一"), (2, "2.", "子项二"),
        (1, "二、", "乙项"), (2, "一是", "抓学习"), (2, "二是", "抓落实"),
    ]


def test_yishi_under_a_parenthesised_heading_is_level_three() -> None:
    text = "一、甲\n（一）乙\n一是丙。正文。\n二是丁。正文。\n（二）戊\n正文。"
    assert [(s.level, s.marker) for s in segment(text)] == [(1, "一、"), (2, "（一）"), (3, "一是"), (3, "二是"), (2, "（二）")]


def test_inline_heading_title_stops_at_first_full_stop() -> None:
    text = "一、甲\n（一）在制度建设方面。制定办法3项。修订2项。"
    section = segment(text)[1]
    assert section.title == "在制度建设方面"
    assert text[section.body_start:].startswith("制定办法3项。")


def test_run_in_list_of_yishi_items_is_not_headings() -> None:
    text = "一、存在的不足\n一是学习不够深入。二是执行不够有力。三是监督不够到位。"
    assert _outline(text) == [(1, "一、", "存在的不足")]


def test_yishi_items_each_in_own_paragraph_are_headings() -> None:
    text = "一、存在的不足\n一是学习不够深入，效果不佳。\n二是执行不够有力。"
    assert _outline(text) == [(1, "一、", "存在的不足"), (2, "一是", "学习不够深入，效果不佳"), (2, "二是", "执行不够有力")]


def test_run_in_list_after_a_numbered_heading_stays_in_the_body() -> None:
    text = "一、甲\n（二）推进决策方面。一是健全机制。二是落实顾问制度。"
    assert _outline(text) == [(1, "一、", "甲")]  # （二） cannot open a level: no （一）


def test_marker_in_the_middle_of_a_paragraph_is_not_a_heading() -> None:
    text = "一、甲\n正文提到（一）和1.等编号。\n二、乙"
    assert _outline(text) == [(1, "一、", "甲"), (1, "二、", "乙")]


def test_years_and_decimals_at_line_start_are_not_headings() -> None:
    text = "一、甲\n2023年，全区完成任务。\n1.5万人次参加培训。\n12345热线接件100件。\n二、乙"
    assert _outline(text) == [(1, "一、", "甲"), (1, "二、", "乙")]


def test_numeral_range_is_not_a_heading() -> None:
    text = "一、甲\n正文。\n一、二季度完成了评查。\n二、乙"
    assert [s.title for s in segment(text)] == ["甲", "乙"]


def test_numbering_continues_across_parents() -> None:
    text = "一、甲\n（一）子一\n1.条一\n2.条二\n（二）子二\n3.条三\n4.条四"
    assert [(s.level, s.path) for s in segment(text)] == [
        (1, "一"), (2, "一/（一）"), (3, "一/（一）/1."), (3, "一/（一）/2."),
        (2, "一/（二）"), (3, "一/（二）/3."), (3, "一/（二）/4."),
    ]


def test_stray_number_that_fits_no_sequence_is_body() -> None:
    text = "一、甲\n正文。\n7.这是正文里的孤立编号\n二、乙"
    assert [s.marker for s in segment(text)] == ["一、", "二、"]


def test_offsets_parent_and_end() -> None:
    text = "引言。\n一、甲\n正文一。\n（一）乙\n正文二。\n二、丙\n正文三。"
    a, b, c = segment(text)
    assert text[a.start:a.body_start] == "一、甲"
    assert a.end == b.start and b.end == c.start and c.end == len(text)
    assert (a.parent_index, b.parent_index, c.parent_index) == (None, 0, None)
    assert (a.index, b.index, c.index) == (0, 1, 2)


def test_parts_only_on_level_one() -> None:
    text = "一、主要举措和成效\n（一）存在问题的整改\n二、存在的不足\n三、下一步工作安排\n四、履行第一责任人职责情况"
    assert [(s.level, s.part) for s in segment(text)] == [
        (1, "measures"), (2, None), (1, "shortcomings"), (1, "plans"), (1, "responsibility"),
    ]


def test_full_width_digits_and_spaces_after_marker() -> None:
    text = "一、 甲\n１． 乙项：\n正文。"
    assert _outline(text) == [(1, "一、", "甲"), (2, "１．", "乙项")]


def test_two_digit_and_compound_chinese_numbers() -> None:
    lines = ["一、甲"] + [f"{i}.条目{i}" for i in range(1, 13)] + ["十一是不是标题"]
    heads = segment("\n".join(lines))
    assert [s.marker for s in heads][-2:] == ["11.", "12."]
    cn = "\n".join(f"{n}、部分" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"])
    assert len(segment(cn)) == 11


def test_yishi_followed_by_a_preposition_is_still_a_heading() -> None:
    text = "一、甲\n一是在学习上下功夫。正文。\n二是在落实上见实效。正文。"
    assert [s.title for s in segment(text)] == ["甲", "在学习上下功夫", "在落实上见实效"]


def test_numbered_parts_group_the_sections_beneath_them() -> None:
    text = ("第一部分 工作成效\n一、抓学习\n正文。\n二、抓执法\n正文。\n第二部分 存在问题\n正文。\n"
            "第三部分：明年打算\n一、继续学习\n正文。")
    sections = segment(text)
    assert [(s.level, s.marker, s.title) for s in sections] == [
        (1, "第一部分", "工作成效"), (2, "一、", "抓学习"), (2, "二、", "抓执法"),
        (1, "第二部分", "存在问题"), (1, "第三部分：", "明年打算"), (2, "一、", "继续学习"),
    ]
    assert [s.part for s in sections if s.level == 1] == ["measures", "shortcomings", "plans"]
    assert sections[2].path == "第一部分/二"


def test_sentence_about_the_parts_is_not_a_heading() -> None:
    assert _outline("第一部分是工作开展情况，共五个方面。\n一、抓学习\n正文。") == [(1, "一、", "抓学习")]


def test_path_of_a_part_leaves_out_its_colon() -> None:
    sections = segment("第一部分：工作成效\n一、抓学习\n正文。")
    assert sections[1].path == "第一部分/一"
