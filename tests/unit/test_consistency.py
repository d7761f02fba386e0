"""Total / part / rate links."""
from __future__ import annotations

import pytest

from ingestion.parser.consistency import link_rates
from ingestion.parser.indicators import extract_mentions


def _links(text: str) -> list[tuple[str, str, str]]:
    mentions = extract_mentions(text, ())
    return [
        (mentions[link.total_index].text, mentions[link.part_index].text, mentions[link.rate_index].text)
        for link in link_rates(mentions, text)
    ]


def test_total_part_rate_in_one_sentence() -> None:
    text = "全年受理投诉案件560件，办结548件，办结率97.86%。"
    assert _links(text) == [("560件", "548件", "97.86%")]


def test_part_introduced_by_qizhong() -> None:
    text = "审查合同120份，其中通过审查114份，通过比例为95%。"
    assert _links(text) == [("120份", "114份", "95%")]


def test_link_kept_when_the_arithmetic_disagrees() -> None:
    # The link is made on the wording so that a wrong rate can be flagged later.
    text = "调处纠纷300件，调处成功250件，调处成功率99%。"
    assert _links(text) == [("300件", "250件", "99%")]


@pytest.mark.parametrize(
    "text",
    [
        "受理案件40件，结案36件。结案率100%。",  # across sentences
        "举办培训8场，参训人员420人，参训率98%。",  # units differ
        "处理案件20件，处理完毕25件，处理完毕率100%。",  # part exceeds total
        "受理复议申请90件，审结84件，纠错率8%。",  # the rate names another thing
    ],
)
def test_no_link(text: str) -> None:
    assert _links(text) == []


def test_no_link_with_a_single_count() -> None:
    assert _links("共调处纠纷75件，调处成功率100%。") == []
