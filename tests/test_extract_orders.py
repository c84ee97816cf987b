"""Orders: who instructed whom, in the shapes news gives them (lists, appositions, passives with adverbs).

Invented bodies and officials.
"""

import pytest
from extraction import extract_named

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def rels(ex, text, lang=""):
    return set(extract_named(ex, text, lang)[1])


def test_an_order_to_a_list_reaches_every_member(ex):
    found = rels(
        ex,
        "The Monetary Authority of Ruvia (MAR) has directed Kestrel Bank, Orla Savings Bank and Tamsin Bank "
        "to stop opening new accounts.",
        lang="en",
    )
    assert {
        ("Monetary Authority of Ruvia", "INSTRUCTED", b)
        for b in ("Kestrel Bank", "Orla Savings Bank", "Tamsin Bank")
    } <= found


def test_an_order_to_a_body_named_after_what_it_is(ex):
    found = rels(
        ex,
        "Federasi Bola Basket Nusantara (FBBN) memerintahkan operator kompetisi, Liga Basket Raya (LBR), "
        "menunda dua pertandingan.",
    )
    assert ("Federasi Bola Basket Nusantara", "INSTRUCTED", "Liga Basket Raya") in found


@pytest.mark.parametrize(
    "text",
    [
        "Hendra Saputro menyebut dirinya diperintahkan langsung oleh Gubernur Ratna Sari untuk menuntaskan "
        "persoalan itu.",
        "Hendra Saputro was personally ordered by Governor Ratna Sari to settle the matter.",
    ],
)
def test_an_adverb_between_a_passive_and_its_agent(ex, text):
    found = rels(ex, text)
    assert ("Ratna Sari", "INSTRUCTED", "Hendra Saputro") in found


@pytest.mark.parametrize(
    "text",
    [
        "Hendra Saputro said he was personally ordered by Governor Ratna Sari to settle the matter.",
        "Hendra Saputro said he had privately met Ratna Sari in Lisbon.",
    ],
)
def test_the_pronoun_after_a_reporting_verb_is_the_reported_clause_subject(ex, text):
    found = rels(ex, text, lang="en")
    assert {"Hendra Saputro", "Ratna Sari"} == {x for r in found for x in (r[0], r[2])}


def test_an_acronym_between_the_subject_and_a_passive(ex):
    found = rels(
        ex,
        "Trade Minister Clara Mbeki spoke on Monday. The National Tea and Coffee Board (NTCB) was ordered by "
        "Mbeki to stop issuing new export permits.",
        lang="en",
    )
    assert ("Clara Mbeki", "INSTRUCTED", "National Tea and Coffee Board") in found


def test_an_indonesian_passive_takes_its_agent_without_oleh():
    ents, rels = extract_named(
        Extractor(),
        "Menteri Keuangan Sri Wahyuni hadir. Andi Saputra diperintahkan Sri Wahyuni membekukan kredit itu.",
    )
    assert ("Sri Wahyuni", "INSTRUCTED", "Andi Saputra") in rels
    _, rels = extract_named(Extractor(), "Andi Saputra diperintahkan untuk membekukan kredit itu.")
    assert not any(t == "INSTRUCTED" for _, t, _ in rels)


def test_an_order_to_a_bodys_officer_named_after_a_comma_goes_to_the_officer():
    _, rels = extract_named(
        Extractor(),
        "Trade Minister Rosa Delgado instructed the Customs Bureau's chief risk officer, Tomas Ibarra, to "
        "open the files.",
    )
    assert ("Rosa Delgado", "INSTRUCTED", "Tomas Ibarra") in rels
    assert ("Rosa Delgado", "INSTRUCTED", "Customs Bureau") not in rels


def test_a_passive_agents_officer_named_after_a_comma_is_the_agent():
    _, rels = extract_named(
        Extractor(),
        "Separately, Voltwerk Mobility was ordered by Bavaria's data protection commissioner, Anna Kohl, to "
        "notify every customer.",
    )
    assert ("Anna Kohl", "INSTRUCTED", "Voltwerk Mobility") in rels
    assert not any(t == "INSTRUCTED" and s != "Anna Kohl" for s, t, _ in rels)


def test_told_with_a_reported_clause_is_no_order():
    from extraction import extract_named

    from loaders.extract import Extractor

    _, rels = extract_named(
        Extractor(), "Harbor Mutual Insurance told Okoro Marine Logistics it might refuse to pay the claim."
    )
    assert not any(t == "INSTRUCTED" for _, t, _ in rels), rels


def test_an_indonesian_verb_right_after_the_object_completes_an_order():
    from extraction import extract_named

    from loaders.extract import Extractor

    _, rels = extract_named(
        Extractor(), "Gubernur Arsyad Purnomo mengarahkan PT Listrik Riau menyiapkan pasokan cadangan."
    )
    assert ("Arsyad Purnomo", "INSTRUCTED", "PT Listrik Riau") in rels, rels
    _, rels = extract_named(
        Extractor(), "Manajemen PT Laut Raya mengarahkan wartawan ke kantor pusat PT Samudra Jaya."
    )
    assert not any(t == "INSTRUCTED" for _, t, _ in rels), rels
