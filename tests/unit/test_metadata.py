"""Metadata: title, organization, place, level, year and date."""
from __future__ import annotations

from ingestion.parser.furniture import clean_text
from ingestion.parser.metadata import extract_metadata


def _meta(raw: str):
    return extract_metadata(raw, clean_text(raw))


def test_district_government_report() -> None:
    raw = (
        "湖北省武汉市江岸区人民政府\n关于2021年度法治政府建设情况的报告\n"
        "2021年，全区坚持依法行政。\n一、主要举措\n全年学法10次。\n"
        "中共武汉市江岸区委员会　武汉市江岸区人民政府\n2022年2月15日"
    )
    m = _meta(raw)
    assert m.title == "湖北省武汉市江岸区人民政府关于2021年度法治政府建设情况的报告"
    assert m.organization == "湖北省武汉市江岸区人民政府"
    assert (m.province, m.city, m.district) == ("湖北省", "武汉市", "江岸区")
    assert m.admin_level == "district"
    assert m.report_year == 2021
    assert m.publish_date == "2022-02-15"


def test_letter_spacing_is_removed_and_lines_joined() -> None:
    m = _meta("洛阳市西工区人民政府2022年度法治政府建设\n工 作 报 告\n2022年，我区依法行政。")
    assert m.title == "洛阳市西工区人民政府2022年度法治政府建设工作报告"
    assert (m.province, m.city, m.district) == ("河南省", "洛阳市", "西工区")


def test_municipality_district_has_no_city() -> None:
    m = _meta("北京市海淀区人民政府2022年法治政府建设年度情况报告\n2022年，海淀区依法行政。")
    assert (m.province, m.city, m.district) == ("北京市", None, "海淀区")
    assert m.admin_level == "district"


def test_city_and_province_levels() -> None:
    city = _meta("绍兴市人民政府关于2022年法治政府建设情况的报告\n2022年，全市依法行政。")
    assert (city.province, city.city, city.district, city.admin_level) == ("浙江省", "绍兴市", None, "city")
    prov = _meta("重庆市人民政府关于2022年法治政府建设情况的报告\n2022年，全市依法行政。")
    assert (prov.province, prov.city, prov.admin_level) == ("重庆市", None, "province")


def test_short_form_becomes_the_formal_name_of_the_place() -> None:
    raw = "省政府2022年度法治政府建设情况报告\n2022年，湖南省各级政府依法行政。湖南省法治建设稳步推进。"
    m = _meta(raw)
    assert m.organization == "湖南省人民政府"
    assert m.admin_level == "province"


def test_fullest_name_from_the_footer() -> None:
    raw = (
        "区司法局2023年度法治政府建设情况报告 |\n2023年，我局依法行政。\n一、主要举措\n正文。\n"
        "主办单位：广州市天河区司法局\n网站标识码：4401060001"
    )
    m = _meta(raw)
    assert m.title == "区司法局2023年度法治政府建设情况报告"
    assert m.organization == "广州市天河区司法局"
    assert (m.province, m.city, m.district) == ("广东省", "广州市", "天河区")
    assert m.admin_level == "department"
    assert m.publish_date is None


def test_street_placed_by_the_district_the_text_names() -> None:
    raw = (
        "当前位置：首页 > 政务公开\n某某街2022年度法治政府建设情况报告\n发布日期：2023-03-02 10:00 来源：某某街\n"
        "2022年，某某街落实天津市部署。\n一、成效\n配合西青区人民法院开展工作，按西青区要求推进。"
    )
    m = _meta(raw)
    assert m.organization == "某某街"
    assert m.admin_level == "street"
    assert (m.province, m.city, m.district) == ("天津市", None, "西青区")
    assert m.publish_date == "2023-03-02"
    assert m.report_year == 2022


def test_town_government_is_street_level() -> None:
    m = _meta("长沙县黄兴镇人民政府2022年法治政府建设工作报告\n2022年，我镇依法行政。")
    assert m.admin_level == "street"
    assert (m.province, m.city, m.district) == ("湖南省", "长沙市", "长沙县")


def test_year_covered_not_year_published() -> None:
    m = _meta("某市2023年度法治政府建设情况报告\n正文。\n2024年1月20日")
    assert m.report_year == 2023
    assert m.publish_date == "2024-01-20"


def test_chinese_numeral_signature_date() -> None:
    m = _meta("某县2022年法治政府建设报告\n正文。\n二〇二三年三月十五日")
    assert m.publish_date == "2023-03-15"


def test_unknowns_stay_null() -> None:
    m = _meta("法治政府建设情况报告\n我们依法行政，取得成效。")
    assert m.organization is None
    assert (m.province, m.city, m.district, m.admin_level) == (None, None, None, None)
    assert m.report_year is None and m.publish_date is None


def test_ambiguous_district_name_is_not_guessed() -> None:
    # 朝阳区 exists in Beijing and in Changchun; nothing here says which.
    m = _meta("朝阳区人民政府2022年法治政府建设报告\n2022年，全区依法行政。")
    assert m.district is None and m.province is None
    settled = _meta("朝阳区人民政府2022年法治政府建设报告\n2022年，全区落实吉林省和长春市部署。")
    assert (settled.province, settled.city, settled.district) == ("吉林省", "长春市", "朝阳区")


def test_site_banner_above_a_complete_title_is_not_part_of_it() -> None:
    m = _meta("北京市海淀区人民政府\n海淀区2022年法治政府建设年度情况报告\n2022年，海淀区依法行政。")
    assert m.title == "海淀区2022年法治政府建设年度情况报告"
    assert m.organization == "北京市海淀区人民政府"  # the fullest name written anywhere


def test_department_name_with_he_is_not_split() -> None:
    raw = "某区住房和城乡建设局2022年度法治政府建设情况报告\n2022年，我局依法行政。\n中共某区住房和城乡建设局党组　某区住房和城乡建设局\n2023年1月9日"
    m = _meta(raw)
    assert m.organization == "某区住房和城乡建设局"
    assert m.admin_level == "department"


def test_complete_title_does_not_take_in_the_page_lines_after_it() -> None:
    m = _meta("平安街道2023年度法治政府建设情况报告\n江苏/无锡 政务信息\n无锡-2024-02-01 08:00:00\n2023年，街道依法行政。")
    assert m.title == "平安街道2023年度法治政府建设情况报告"


def test_report_without_title_names_its_body_in_the_opening_sentence() -> None:
    m = _meta("2022年，在区委的坚强领导下，宜兴市司法局坚持依法行政。\n一、主要举措\n全年学法6次。")
    assert m.title is None
    assert m.organization == "宜兴市司法局"
    assert m.admin_level == "department"
    assert (m.province, m.city) == ("江苏省", "无锡市")
    assert m.report_year == 2022


def test_report_as_short_form_is_made_formal_from_the_place() -> None:
    m = _meta("现将县人民政府2021年法治政府建设情况报告如下。\n一、主要成效\n制定《祁阳县学法计划》，祁阳县全年学法5次。")
    assert m.report_year == 2021
    assert m.organization == "祁阳县人民政府"
    assert m.admin_level == "district"


def test_bare_short_form_without_a_place_stays_unknown() -> None:
    assert _meta("关于本县依法行政的几点说明\n今年学法3次。").organization is None


def test_ministry_is_a_department_and_time_label_dates_the_page() -> None:
    m = _meta("某某部2023年法治政府建设年度报告\n时间：2024-03-20 浏览次数：\n2023年，某某部坚持依法行政。")
    assert m.admin_level == "department"
    assert m.publish_date == "2024-03-20"


# ---- township-level bodies -------------------------------------------------------------

def test_town_in_the_title_gets_township_code_and_parents() -> None:
    m = _meta("长沙县黄兴镇人民政府2022年法治政府建设工作报告\n2022年，我镇依法行政。")
    assert m.township == "黄兴镇"
    assert m.adcode.startswith("430121") and m.adcode[6:] != "000000"
    assert (m.body_kind, m.government_id) == ("street", f"{m.adcode}:street")


def test_street_office_from_the_signature_block_beside_its_party_working_committee() -> None:
    raw = (
        "关于2022年度法治政府建设情况的报告\n2022年，本街道坚持依法行政，全年学法8次。\n一、主要举措\n正文。\n"
        "中共小寨路街道工作委员会、小寨路街道办事处\n2023年3月1日"
    )
    m = _meta(raw)
    assert m.organization == "小寨路街道办事处"
    assert m.admin_level == "street"
    assert (m.province, m.city, m.district, m.township) == ("陕西省", "西安市", "雁塔区", "小寨路街道")
    assert m.report_year == 2022 and m.publish_date == "2023-03-01"


def test_self_reference_of_a_town_is_made_formal_from_the_town_the_text_names() -> None:
    raw = "2022年，我镇在县委、县政府的领导下坚持依法行政。\n一、主要举措\n长沙县黄兴镇开展学法活动，黄兴镇全年学法6次。"
    m = _meta(raw)
    assert m.title is None
    assert m.organization == "黄兴镇人民政府"
    assert (m.admin_level, m.township, m.district) == ("street", "黄兴镇", "长沙县")
    assert m.report_year == 2022


def test_opening_sentence_names_a_town_whose_formal_name_is_written_later() -> None:
    raw = (
        "2023年，杨柳青镇在区委、区政府的坚强领导下，坚持依法行政。\n一、主要举措\n"
        "西青区杨柳青镇人民政府法治建设领导小组召开会议4次。"
    )
    m = _meta(raw)
    assert m.organization == "西青区杨柳青镇人民政府"
    assert (m.province, m.city, m.district, m.township) == ("天津市", None, "西青区", "杨柳青镇")
    assert m.report_year == 2023


def test_town_named_without_its_place_is_placed_by_its_unique_name() -> None:
    m = _meta("宝力根苏木2023年法治政府建设情况报告\n2023年，宝力根苏木坚持依法行政。")
    assert m.admin_level == "street"
    assert (m.province, m.city, m.district) == ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市")


# ---- short department names ------------------------------------------------------------

def test_city_department_short_form_becomes_the_formal_name_under_the_city() -> None:
    raw = "市市场监管局2022年法治政府建设年度报告\n2022年，我局服务绍兴市经济发展，推进依法行政。\n一、举措\n正文。"
    m = _meta(raw)
    assert m.organization == "绍兴市市场监督管理局"
    assert (m.admin_level, m.province, m.city) == ("department", "浙江省", "绍兴市")


def test_district_government_office_short_form() -> None:
    m = _meta("区政府办2023年度法治政府建设情况报告\n2023年，区政府办服务江岸区发展大局，依法行政。")
    assert m.organization == "江岸区人民政府办公室"
    assert m.admin_level == "department"
    assert m.government_id == f"{m.adcode}:dept:人民政府办公室"
    assert (m.city, m.district) == ("武汉市", "江岸区")


# ---- a report made to the standing committee of a people's congress ----------------------

_SPEECH = (
    "关于2020年度法治政府建设情况的报告\n"
    "——2021年4月29日在江岸区第十六届人民代表大会常务委员会第三十七次会议上\n"
    "江岸区人民政府副区长  李明\n主任、各位副主任、各位委员：\n"
    "受区人民政府委托，现将我区法治政府建设情况报告如下，请予审议。\n一、主要成效\n武汉市江岸区全年学法12次。"
)


def test_speech_form_report_the_dash_line_is_not_the_title() -> None:
    m = _meta(_SPEECH)
    assert m.title == "关于2020年度法治政府建设情况的报告"
    assert m.organization == "江岸区人民政府"  # 武汉市江岸区人民政府 is never written
    assert (m.admin_level, m.city, m.district) == ("district", "武汉市", "江岸区")
    assert m.publish_date == "2021-04-29"  # the meeting
    assert m.report_year == 2020


def test_speech_form_without_a_year_in_the_title_covers_the_year_before_the_meeting() -> None:
    m = _meta(_SPEECH.replace("关于2020年度法治政府建设", "关于法治政府建设"))
    assert m.report_year == 2020
    assert m.organization == "江岸区人民政府"


# ---- the index table of a disclosure page ----------------------------------------------

def test_index_table_with_labels_above_values_is_not_the_title() -> None:
    raw = (
        "索引号\n000014349/2023-00123\n发布机构\n雁塔区小寨路街道办事处\n成文日期\n2023-03-15\n关键词\n法治政府\n"
        "2022年度法治政府建设工作报告\n一年来，街道坚持依法行政。\n一、主要举措\n学法8次。"
    )
    m = _meta(raw)
    assert m.title == "2022年度法治政府建设工作报告"
    assert m.organization == "雁塔区小寨路街道办事处"
    assert m.publish_date == "2023-03-15"
    assert m.report_year == 2022
    assert (m.city, m.district, m.township) == ("西安市", "雁塔区", "小寨路街道")


def test_index_table_in_one_row_and_the_year_of_its_document_number() -> None:
    raw = (
        "索引号 | 11610113MB1/2023-00012 | 发布机构 | 西安市雁塔区司法局\n"
        "成文日期 | 2023年02月20日 | 文号 | 雁司发〔2023〕12号\n"
        "法治政府建设情况报告\n一年来，我局坚持依法行政。\n一、主要举措\n学法8次。"
    )
    m = _meta(raw)
    assert m.title == "法治政府建设情况报告"
    assert m.organization == "西安市雁塔区司法局"
    assert m.admin_level == "department"
    assert m.publish_date == "2023-02-20"
    assert m.report_year == 2022  # issued in 2023, on the year before


# ---- one key per government ------------------------------------------------------------

def test_name_variants_of_one_government_share_its_key() -> None:
    full = _meta("武汉市江岸区人民政府2022年法治政府建设情况报告\n2022年，全区依法行政。")
    short = _meta("江岸区人民政府2023年法治政府建设情况报告\n2023年，全区依法行政。")
    assert full.government_id == short.government_id == "420102000000:government"
    assert full.report_year != short.report_year


def test_short_and_formal_names_of_one_bureau_share_its_key() -> None:
    short = _meta("江岸区市场监管局2022年法治政府建设情况报告\n2022年，我局依法行政。")
    formal = _meta("武汉市江岸区市场监督管理局2023年法治政府建设情况报告\n2023年，我局依法行政。")
    assert short.government_id == formal.government_id == "420102000000:dept:市场监督管理局"
    assert short.government_id != _meta("江岸区司法局2023年法治政府建设情况报告\n正文。").government_id


def test_speech_form_at_a_bare_level_standing_committee_in_brackets() -> None:
    raw = (
        "法治政府建设情况报告\n（2022年3月25日在市十七届人大常委会第五次会议上）\n市人民政府副市长  王强\n"
        "现将有关情况报告如下。\n一、主要成效\n绍兴市推进依法行政，绍兴市柯桥区学法8次。"
    )
    m = _meta(raw)
    assert m.title == "法治政府建设情况报告"
    assert m.organization == "绍兴市人民政府"
    assert (m.admin_level, m.report_year, m.publish_date) == ("city", 2021, "2022-03-25")


def test_self_reference_of_a_department_does_not_become_its_city() -> None:
    m = _meta("一年来，我局坚持依法行政，服务我市绍兴市发展大局。\n一、主要举措\n学法8次。")
    assert m.organization is None
    street = _meta("一年来，本街道坚持依法行政，西安市雁塔区小寨路街道学法8次。\n一、主要举措\n正文。")
    assert street.organization == "小寨路街道办事处"


def test_party_committee_run_into_the_government_in_a_title() -> None:
    m = _meta("中共杨柳青镇委员会 杨柳青镇人民政府关于2023年度法治政府建设情况的报告\n2023年，杨柳青镇坚持依法行政。")
    assert m.organization == "杨柳青镇人民政府"
    assert (m.district, m.township, m.admin_level) == ("西青区", "杨柳青镇", "street")


def test_party_committee_and_government_of_one_town_named_once() -> None:
    m = _meta("2022年，沱江镇党委、政府高度重视法治政府建设。\n一、主要举措\n凤凰县沱江镇学法6次。")
    assert m.organization == "沱江镇人民政府"
    assert (m.city, m.district, m.township) == ("湘西土家族苗族自治州", "凤凰县", "沱江镇")
    street = _meta("2022年，小寨路街道党工委、办事处坚持依法行政。\n一、主要举措\n雁塔区学法6次。")
    assert street.organization == "小寨路街道办事处"
