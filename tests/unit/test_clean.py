"""Removing web-page furniture without losing report sentences."""
from __future__ import annotations

from ingestion.parser.furniture import clean_text

PAGE = """您的位置：首页 > 信息公开 > 法治政府建设
某县司法局2022年度法治政府建设情况报告
发布时间：2023-02-10 09:30　　来源：某县司法局　　浏览次数：321
【字体：大 中 小】
  • 扫一扫在手机打开当前页
　　某县司法局2022年度法治政府建设情况报告
　　2022年，我局坚持依法行政，各项工作有序推进。
　　一、主要举措和成效
　　全年办理法律援助案件58件。
【打印】【关闭】
相关链接
省政府网站
主办单位：某县人民政府办公室
网站标识码：1234567890　　京ICP备00000000号
联系电话：010-12345678
推荐使用IE9及以上版本浏览器浏览本网站
"""


def test_page_furniture_is_removed_and_report_kept() -> None:
    assert clean_text(PAGE).split("\n") == [
        "某县司法局2022年度法治政府建设情况报告",
        "2022年，我局坚持依法行政，各项工作有序推进。",
        "一、主要举措和成效",
        "全年办理法律援助案件58件。",
    ]


def test_line_ends_are_normalised_and_blank_lines_dropped() -> None:
    assert clean_text("第一段。\r\n\r\n第二段。\r第三段。\n\n\n") == "第一段。\n第二段。\n第三段。"


def test_indentation_and_bullets_are_stripped_but_characters_kept() -> None:
    # Full-width characters stay as written: no NFKC on stored text.
    assert clean_text("\u3000\u3000（一）强化学习，提升能力\n\xa0 ● 全年学法１２次。") == "（一）强化学习，提升能力\n全年学法１２次。"


def test_body_sentences_that_mention_labels_are_kept() -> None:
    text = "来源于群众的意见建议共120条，均已办结。\n主办单位要落实责任。\n联系群众的渠道不断拓宽。"
    assert clean_text(text) == text


def test_signature_lines_at_the_end_are_kept() -> None:
    text = "特此报告。\n中共某县委员会　某县人民政府\n2023年3月1日"
    assert clean_text(text).split("\n") == ["特此报告。", "中共某县委员会　某县人民政府", "2023年3月1日"]


def test_title_repeated_by_the_page_is_kept_once() -> None:
    text = "某镇2022年法治建设报告\n发布日期：2023-01-05\n某镇2022年法治建设报告\n正文第一句。\n正文第一句。"
    # Only the page header repeats; a repeated sentence of the report stays.
    assert clean_text(text) == "某镇2022年法治建设报告\n正文第一句。\n正文第一句。"


def test_trailing_pipe_of_a_page_title_is_removed() -> None:
    assert clean_text("某区2022年法治政府建设报告 |\n正文。") == "某区2022年法治政府建设报告\n正文。"


def test_ornament_lines_are_dropped() -> None:
    assert clean_text("正文。\n——————\n* * *\n结束。") == "正文。\n结束。"


def test_flattened_report_is_cut_back_into_paragraphs_at_heading_markers() -> None:
    filler = "全年组织学法活动多次，干部法治意识有所增强。" * 40
    raw = (
        "某区2024年度法治政府建设情况报告2024年，我区依法行政。一、主要举措和成效(一)加强学习。"
        + filler + "(二)规范执法。" + filler + "二、存在的不足一是力量弱。二是保障少。三、下一步工作安排。"
        + filler + "某区人民政府2025年2月1日"
    )
    assert clean_text(raw).split("\n") == [
        "某区2024年度法治政府建设情况报告", "2024年，我区依法行政。", "一、主要举措和成效",
        "(一)加强学习。" + filler, "(二)规范执法。" + filler, "二、存在的不足", "一是力量弱。二是保障少。",
        "三、下一步工作安排。" + filler, "某区人民政府", "2025年2月1日",
    ]


def test_long_paragraph_without_a_heading_sequence_is_kept_whole() -> None:
    para = "一、二季度共开展检查，情况良好。" + "依法行政水平稳步提高，群众满意。" * 120
    assert clean_text(para) == para


def test_reposting_label_is_page_furniture() -> None:
    assert clean_text("某局2023年法治政府建设报告\n转自：某局网站\n2023年，我局依法行政。").split("\n") == [
        "某局2023年法治政府建设报告", "2023年，我局依法行政。",
    ]


def test_line_ends_lose_spaces_zero_width_spaces_and_pipes_only() -> None:
    assert clean_text("依法行政 | 工作报告\u3000\xa0\u200b| \t\n第二段。\u2003") == "依法行政 | 工作报告\n第二段。"
