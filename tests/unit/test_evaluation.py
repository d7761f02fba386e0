"""The project's own evaluation: the metrics on constructed gold and parses, and a user's own
folder of annotated reports (<name>.json beside <name>.txt)."""
from __future__ import annotations

import json

import pytest

from ingestion.__main__ import main
from ingestion.evaluation.evaluate import evaluate
from ingestion.evaluation.gold import GoldError, load_cases
from ingestion.evaluation.scoring import score_indicators, score_metadata, score_outline, summarize


def _mention(value, metric, kind="count", unit="件", text=None, qualifier=None, section="一"):
    return {"value": value, "metric": metric, "kind": kind, "unit": unit, "text": text or f"{value}{unit}",
            "qualifier": qualifier, "section": section}


def test_metadata_fields_equal_and_a_body_named_with_or_without_its_place():
    gold = {"title": "某县人民政府2022年度法治政府建设情况报告", "organization": "甲省某县人民政府",
            "report_year": 2022, "publish_date": None}
    pred = {"title": "某县人民政府 2022年度法治政府建设情况报告。", "organization": "某县人民政府",
            "report_year": 2021, "publish_date": None}
    scored = score_metadata(gold, pred)
    assert scored["fields"] == 8
    assert scored["equal"] == 7  # title (spaces and a stop aside), organization, and the five equal or empty
    assert scored["wrong"] == {"report_year": [2022, 2021]}


def test_outline_matches_level_marker_and_title_prefix_one_to_one():
    gold = [{"level": 1, "marker": "一、", "title": "主要举措和成效", "part": "measures"},
            {"level": 2, "marker": "（一）", "title": "加强学习"},
            {"level": 1, "marker": "二、", "title": "存在的不足", "part": "shortcomings"}]
    pred = [{"level": 1, "marker": "一、", "title": "主要举措和成效", "part": "measures"},
            {"level": 2, "marker": "(一)", "title": "加强学习，提高本领"},  # width folded, title begins with gold's
            {"level": 2, "marker": "(二)", "title": "多出的标题"},
            {"level": 1, "marker": "二、", "title": "存在的不足", "part": "plans"}]
    scored = score_outline(gold, pred)
    assert (scored["tp"], scored["pred"], scored["gold"]) == (3, 4, 3)
    assert (scored["precision"], scored["recall"]) == (0.75, 1.0)
    assert (scored["part_ok"], scored["part_n"]) == (1, 2)
    assert scored["extra"] == ["(二)多出的标题"]


def test_indicators_match_by_kind_and_value_and_agreement_is_counted():
    gold = [_mention(36, "行政复议案件"), _mention(100, "出庭应诉率", "rate", "%"),
            _mention(5, "培训", unit="次", qualifier="more_than")]
    pred = [_mention(36, "办理行政复议案件"), _mention(100, "出庭应诉率", "count", "%"),
            _mention(5, "组织培训", unit="次"), _mention(7, "多余")]
    scored = score_indicators(gold, pred)
    assert (scored["tp"], scored["pred"], scored["gold"]) == (2, 4, 3)  # a rate read as a count matches nothing
    assert scored["agree"] == {"metric": 2, "unit": 2, "qualifier": 1, "section": 2}
    assert scored["missed"] == ["rate 100 出庭应诉率 «100%»"]
    assert scored["disagree"] == ["qualifier: gold 'more_than' got None «5次»"]


def test_summary_is_micro_averaged_over_reports():
    one = {"metadata": score_metadata({"report_year": 2022}, {"report_year": 2022}),
           "outline": score_outline([], []), "indicators": score_indicators([_mention(1, "a")], [_mention(1, "a")])}
    two = {"metadata": score_metadata({"report_year": 2022}, {}),
           "outline": score_outline([], []), "indicators": score_indicators([_mention(2, "b")] * 3, [])}
    s = summarize([one, two])
    assert s["metadata_accuracy"] == round(15 / 16, 4)
    assert (s["indicators"]["tp"], s["indicators"]["gold"], s["indicators"]["recall"]) == (1, 4, 0.25)
    assert s["on_matched_indicators"]["metric"] == 1.0


REPORT = (
    "某某县人民政府关于2022年度法治政府建设情况的报告\n"
    "一、主要举措和成效\n"
    "全年办理行政复议案件36件，行政机关负责人出庭应诉率100%。\n"
    "二、存在的不足\n"
    "队伍建设仍需加强。\n"
)


def _gold(**overrides) -> dict:
    gold = {
        "metadata": {"title": "某某县人民政府关于2022年度法治政府建设情况的报告", "organization": "某某县人民政府",
                     "province": None, "city": None, "district": None, "admin_level": "district",
                     "report_year": 2022, "publish_date": None},
        "outline": [{"level": 1, "marker": "一、", "title": "主要举措和成效", "part": "measures"},
                    {"level": 1, "marker": "二、", "title": "存在的不足", "part": "shortcomings"}],
        "indicators": [_mention(36, "办理行政复议案件", section="一"),
                       _mention(100, "行政机关负责人出庭应诉率", "rate", "%", section="一")],
    }
    gold.update(overrides)
    return gold


def test_a_users_folder_of_reports_with_their_gold_beside_them(tmp_path, capsys):
    (tmp_path / "county.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "county.json").write_text(json.dumps(_gold(), ensure_ascii=False), encoding="utf-8")
    result = evaluate(tmp_path)
    s = result["summary"]
    assert (s["files"], s["metadata_accuracy"], s["outline"]["f1"], s["indicators"]["f1"]) == (1, 1.0, 1.0, 1.0)
    assert main(["evaluate", "--gold", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("county.txt: metadata 8/8  outline F1 1.000  indicators P 1.000")


def test_a_report_the_parser_refuses_scores_zero_and_says_why(tmp_path):
    (tmp_path / "blank.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "blank.json").write_text(json.dumps(_gold(), ensure_ascii=False), encoding="utf-8")
    scored = evaluate(tmp_path)["files"]["blank.txt"]
    assert scored["error"].startswith("empty: ")
    assert scored["indicators"]["recall"] == 0.0 and scored["outline"]["recall"] == 0.0


def test_a_gold_file_without_its_report_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "lost.json").write_text(json.dumps(_gold()), encoding="utf-8")
    with pytest.raises(GoldError, match="its report is missing"):
        load_cases(tmp_path)
    assert main(["evaluate", "--gold", str(tmp_path)]) == 2
    assert "lost.json: its report is missing" in capsys.readouterr().err
    with pytest.raises(GoldError, match="no <name>.json"):
        load_cases(tmp_path / "nothing")
