import logging

import jieba
import pytest

from ingestion.chinese.tokens import USER_DICT, token_columns, tokenize

# Dictionary words (出庭应诉率, 枫桥经验, 一网通办, 放管服), figures, Latin letters, full-width
# and ASCII punctuation, spaces and a line break: every way a segment can start or end.
PARAGRAPH = (
    "全区出庭应诉率达到100%，行政机关负责人出庭应诉，坚持和发展新时代“枫桥经验”，"
    "推行“一网通办”和放管服改革；调解成功率99.82%，新增注册资本245.88亿元。\n"
    "建成 App 与 12345 热线，Ｒ＆Ｄ投入3.5万元"
)


@pytest.fixture(scope="module")
def reference_jieba() -> jieba.Tokenizer:
    """Pure-Python jieba with the same dictionary: the segmentation the project promises."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def test_same_words_and_offsets_as_jieba_without_hmm(reference_jieba):
    expected = [(w, s) for w, s, _ in reference_jieba.tokenize(PARAGRAPH, HMM=False)
                if any(ch.isalnum() for ch in w)]
    starts, terms = token_columns(PARAGRAPH)
    assert list(zip(terms, starts)) == expected
    assert {"出庭应诉率", "枫桥经验", "一网通办", "放管服"} <= set(terms)


def test_tokens_carry_offsets_and_drop_punctuation():
    text = "依法行政，扎实推进。"
    tokens = tokenize(text)
    assert [t.term for t in tokens] == ["依法行政", "扎实", "推进"]
    assert all(text[t.start:t.end] == t.term for t in tokens)
    assert [t.position for t in tokens] == list(range(len(tokens)))


def test_columns_and_tokens_agree():
    starts, terms = token_columns(PARAGRAPH)
    assert [(t.start, t.term) for t in tokenize(PARAGRAPH)] == list(zip(starts, terms))
    assert all(PARAGRAPH[s:s + len(t)] == t for s, t in zip(starts, terms))


def test_empty_text_has_no_tokens():
    assert token_columns("") == ([], [])
    assert tokenize("。 \n") == ()
