"""A report made to a people's congress standing committee.

"——2021年4月29日在茅箭区第十六届人民代表大会常务委员会第三十七次会议上" under the title:
the government of that place reports, on the year before the meeting, dated the meeting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.chinese.numerals import CN_ONE_TO_TEN
from ingestion.chinese.widths import fold_width
from ingestion.parser.metadata.dates import date_in

_STANDING_COMMITTEE = r"(?:人民代表大会常务委员会|人大常务委员会|人大常委会)"
SPEECH_LINE = re.compile(rf"^[—–\-－―]{{1,3}}\s*|^[(（]\s*(?=.{{0,20}}在.{{0,40}}{_STANDING_COMMITTEE})")
_SPEECH_PLACE = re.compile(
    rf"在(?P<place>(?:(?!第)[\u4e00-\u9fff]){{1,30}}?)(?:第?[{CN_ONE_TO_TEN}\d]{{1,4}}届)?{_STANDING_COMMITTEE}"
)
_SPEAKER = re.compile(r"^(?P<gov>[\u4e00-\u9fff]{0,20}人民政府)(?:副)?(?:省|市|区|县|州|旗|盟)长")


@dataclass(frozen=True)
class Speech:
    line: int  # index of the meeting line
    date: str | None
    place: str | None  # 茅箭区: the place whose standing committee heard the report
    speaker_body: str | None  # 茅箭区人民政府 in "茅箭区人民政府副区长  张三"


def find_speech(lines: list[str]) -> Speech | None:
    for i, line in enumerate(lines[:6]):
        folded = fold_width(line).strip()
        if not (SPEECH_LINE.match(folded) and "会议" in folded and re.search(_STANDING_COMMITTEE, folded)):
            continue
        m = _SPEECH_PLACE.search(folded)
        place = m.group("place") if m else None
        speaker = next((m.group("gov") for m in map(_SPEAKER.match, lines[i + 1:i + 3]) if m), None)
        return Speech(i, date_in(folded), place, speaker)
    return None
