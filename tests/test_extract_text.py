"""Sentence splitting and tokenisation keep exact offsets into the document."""

from loaders.text import split_sentences, tokenize


def test_offsets_point_back_into_the_text():
    text = "Budi Santoso bertemu Tn. Hartono. Dia pulang ke Jakarta!\nBaris baru tanpa titik"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Budi Santoso bertemu Tn. Hartono.",
        "Dia pulang ke Jakarta!",
        "Baris baru tanpa titik",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
        for t in s.tokens:
            assert text[t.start : t.end] == t.text


def test_glued_words_split_and_start_a_sentence():
    text = "Kementerian membenarkan kabar tersebutJuru bicara Ani Wijaya menolak."
    sents = split_sentences(text)
    assert sents[1].text.startswith("Juru bicara Ani Wijaya")


def test_domain_is_not_a_sentence_end():
    assert len(split_sentences("KORANKITA.COM – Sejak 2022 semuanya berubah.")) == 1


def test_abbreviation_title_is_one_token():
    assert [t.text for t in tokenize("Tn. Wirawan dan Dr. Lestari")][:2] == ["Tn.", "Wirawan"]
