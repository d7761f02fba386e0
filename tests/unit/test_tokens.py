from ingestion.tokens import tokenize


def test_tokens_carry_offsets_and_drop_punctuation():
    text = "依法行政，扎实推进。"
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.term for t in tokens)
    assert "，" not in {t.term for t in tokens} and "。" not in {t.term for t in tokens}
    assert [t.position for t in tokens] == list(range(len(tokens)))


def test_domain_dictionary_keeps_terms_whole():
    terms = {t.term for t in tokenize("全区出庭应诉率达到百分之百，坚持发展枫桥经验和放管服改革")}
    assert {"出庭应诉率", "枫桥经验", "放管服"} <= terms
