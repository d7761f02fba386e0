"""Year and body of reports that arrive without a title line, and where each was read
(issue 22, patterns 1 and 6). Every text is written for these tests."""
from __future__ import annotations

from ingestion.parser.furniture import clean_text
from ingestion.parser.metadata import extract_metadata
from ingestion.parser.outline import segment


def _meta(raw: str):
    text = clean_text(raw)
    return extract_metadata(raw, text, segment(text))


BODY = "（一）加强组织领导\n全年召开专题会议4次。\n二、存在的不足\n队伍建设仍需加强。\n"


def test_year_from_a_measures_heading_when_there_is_no_title() -> None:
    m = _meta("一、2021年工作开展情况\n" + BODY)
    assert (m.report_year, m.report_year_source) == (2021, "heading")


def test_a_plans_heading_names_the_year_after_the_one_covered() -> None:
    m = _meta("一、主要工作\n（一）加强组织领导\n全年召开专题会议4次。\n三、2024年工作安排\n继续推进依法行政。\n")
    assert (m.report_year, m.report_year_source) == (2023, "heading")


def test_a_results_heading_wins_over_a_plans_heading() -> None:
    m = _meta("一、2020年法治政府建设推进情况\n正文。\n二、2021年工作打算\n继续推进。\n")
    assert (m.report_year, m.report_year_source) == (2020, "heading")


def test_year_from_the_opening_sentence_after_a_run_in_heading() -> None:
    m = _meta("（一）强化组织保障。2021年，某某镇围绕中心工作推进依法行政。\n二、存在的不足\n正文。")
    assert (m.report_year, m.report_year_source) == (2021, "opening")


def test_year_from_a_clause_after_a_preamble_and_from_report_as_follows() -> None:
    cited = _meta("为贯彻落实《法治政府建设实施纲要（2021—2025年）》，2022年，某镇坚持依法行政。\n一、主要举措\n正文。")
    assert (cited.report_year, cited.report_year_source) == (2022, "opening")
    told = _meta("根据上级部署，现将2019年有关工作报告如下：\n一、主要举措\n正文。")
    assert (told.report_year, told.report_year_source) == (2019, "opening")


def test_a_date_or_a_span_of_years_opening_a_sentence_is_no_year_covered() -> None:
    m = _meta("2021年8月，上级印发新的实施纲要，要求各地贯彻落实。\n一、主要举措\n正文。")
    assert m.report_year_source != "opening"
    assert _meta("2021—2025年，全面建设法治政府。\n一、举措\n正文。").report_year is None


def test_year_from_the_signature_date() -> None:
    december = _meta("一、主要举措\n正文。\n某某县人民政府\n2021年12月28日")
    assert (december.report_year, december.report_year_source) == (2021, "signature")
    spring = _meta("一、主要举措\n正文。\n某某县人民政府\n2022年3月5日")
    assert (spring.report_year, spring.report_year_source) == (2021, "signature")
    summer = _meta("一、主要举措\n正文。\n某某县人民政府\n2022年8月5日")
    assert summer.report_year is None  # mid-year: which year it covers is not clear


def test_year_from_the_reports_own_document_number_not_one_it_cites() -> None:
    own = _meta("某政发〔2023〕8号\n一、主要举措\n正文。")
    assert (own.report_year, own.report_year_source) == (2022, "document_number")
    cited = _meta("根据《某某规定》（某发〔2021〕5号）要求，开展工作。\n一、主要举措\n正文。")
    assert cited.report_year is None


def test_a_document_number_is_never_the_title() -> None:
    m = _meta("〔2022〕8号\n某某县人民政府关于2021年度法治政府建设情况的报告\n一、主要举措\n正文。")
    assert m.title == "某某县人民政府关于2021年度法治政府建设情况的报告"
    assert (m.report_year, m.report_year_source) == (2021, "title")
    bare = _meta("某政发〔2022〕8号\n一、主要举措\n正文。")
    assert bare.title is None


def test_the_title_names_year_and_body_first() -> None:
    m = _meta("某某县人民政府关于2021年度法治政府建设情况的报告\n2022年，某某县坚持依法行政。\n某某县人民政府\n2022年3月1日")
    assert (m.report_year, m.report_year_source, m.organization_source) == (2021, "title", "title")


def test_street_office_named_only_after_a_preamble_that_cites_a_plan() -> None:
    m = _meta("为深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，西安市雁塔区小寨路街道办事处坚持依法行政。\n"
              "一、主要举措\n（一）加强学习\n学法6次。")
    assert (m.organization, m.organization_source) == ("西安市雁塔区小寨路街道办事处", "opening")
    assert (m.district, m.township, m.admin_level) == ("雁塔区", "小寨路街道", "street")


def test_a_body_after_a_clause_that_is_no_preamble_is_not_the_subject() -> None:
    m = _meta("工作取得新进展，司法所积极推进调解工作。\n一、主要举措\n正文。")
    assert m.organization is None


def test_a_site_banner_run_into_the_title_is_cut_at_the_sites_address() -> None:
    m = _meta("某某资讯网—资料每日更新www.example-news.com某某省人民政府关于2021年法治政府建设情况的报告\n"
              "2021年，全省坚持依法行政。\n一、主要举措\n正文。")
    assert m.title == "某某省人民政府关于2021年法治政府建设情况的报告"
    assert (m.organization, m.organization_source) == ("某某省人民政府", "title")
    assert m.report_year == 2021


def test_a_site_banner_run_into_the_title_is_cut_at_a_separator() -> None:
    m = _meta("政务公开专栏｜江岸区人民政府关于2021年法治政府建设情况的报告\n2021年，全区坚持依法行政。")
    assert m.title == "江岸区人民政府关于2021年法治政府建设情况的报告"
    assert (m.organization, m.district) == ("江岸区人民政府", "江岸区")


def test_sources_of_body_read_from_signature_and_self_reference() -> None:
    signed = _meta("一、主要举措\n正文。\n江岸区人民政府\n2022年2月1日")
    assert (signed.organization_source, signed.report_year_source) == ("signature", "signature")
    town = _meta("一年来，我镇坚持依法行政。\n一、主要举措\n凤凰县沱江镇学法6次。")
    assert (town.organization, town.organization_source) == ("沱江镇人民政府", "self_reference")


def test_a_body_name_over_the_text_is_a_banner_not_a_title() -> None:
    m = _meta("某某街道办事处\n2021年，我街道坚持依法行政，雁塔区小寨路街道法治建设稳步推进。\n一、主要举措\n正文。\n"
              "小寨路街道办事处\n2022年1月20日")
    assert m.title is None
    assert (m.organization, m.organization_source, m.report_year) == ("小寨路街道办事处", "signature", 2021)


def test_a_publish_date_with_the_time_run_into_it() -> None:
    """OCR of a web page loses the space between date and time: 发布日期：2024-03-2514:00."""
    m = _meta("当前位置：首页>政务公开\n某某街2023年度法治政府建设情况报告\n发布日期：2024-03-2514:00来源：某某街\n"
              "2023年，某某街坚持依法行政。\n一、主要举措\n正文。")
    assert m.publish_date == "2024-03-25"
