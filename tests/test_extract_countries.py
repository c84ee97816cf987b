"""Countries beyond the ontology's lists: capitals (as metonyms) and demonyms from `countryinfo`.

The sentences name capitals and nationalities the ontology does not list by hand; the people and
bodies in them are invented.
"""

import pytest
from extraction import extract_named

from graph.model import SourceDocument
from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


run = extract_named


def by_type(ents, typ):
    return {e.name: set(e.aliases) for e in ents.values() if e.type == typ}


@pytest.mark.parametrize(
    ("text", "country", "alias"),
    [
        ("Canberra protested to the envoy on Monday.", "Australia", "Canberra"),
        ("Nairobi has asked the lender to reconsider the loan.", "Kenya", "Nairobi"),
        ("Pemerintah menyatakan Hanoi menolak usulan itu.", "Vietnam", "Hanoi"),
    ],
)
def test_a_capital_acting_is_its_country(ex, text, country, alias):
    ents, _ = run(ex, text)
    assert alias in by_type(ents, "Country").get(country, set())
    assert not by_type(ents, "Person")


def test_a_capital_after_a_place_preposition_is_a_place(ex):
    ents, _ = run(ex, "Delegasi itu tiba di Nairobi pada Senin dan bertemu pejabat setempat.")
    assert not ents


def test_a_capital_opening_a_name_is_part_of_it(ex):
    ents, rels = run(ex, "Kwame Boateng, who owns Lusaka Rovers, said the club would appeal.")
    assert "Lusaka Rovers" in by_type(ents, "Organization")
    assert "Zambia" not in by_type(ents, "Country")
    assert ("Kwame Boateng", "OWNS", "Lusaka Rovers") in rels


@pytest.mark.parametrize(
    ("text", "country", "alias"),
    [
        ("Norwegian officials said the talks had ended.", "Norway", "Norwegian"),
        ("The Filipino delegation walked out.", "Philippines", "Filipino"),
        ("A Cameroonian court froze the accounts.", "Cameroon", "Cameroonian"),
    ],
)
def test_demonyms_of_every_country(ex, text, country, alias):
    ents, _ = run(ex, text)
    assert alias in by_type(ents, "Country").get(country, set())


def test_a_capital_that_is_also_a_first_name_is_not_a_country(ex):
    ents, _ = run(ex, "Sofia Marquez, a lawyer for the families, said the ruling was unfair.")
    assert by_type(ents, "Person") == {"Sofia Marquez": {"Sofia Marquez"}}
    assert not by_type(ents, "Country")


def test_a_name_its_acronym_spells_out_keeps_its_country_word(ex):
    out = ex.extract(
        SourceDocument(id="t", text="Relawan Bulan Sabit Merah Indonesia (BSMI) membantu warga.", lang="id")
    )
    assert {(e.name, e.type) for e in out.entities} == {("Bulan Sabit Merah Indonesia", "Organization")}


def test_a_country_of_several_words_opening_a_body(ex):
    ents, _ = run(ex, "The South Africa Police Service said it had arrested two men.")
    assert "South Africa Police Service" in by_type(ents, "Organization")


@pytest.mark.parametrize("designator", ["Berhad", "Pte", "Pty", "NV", "ASA"])
def test_company_designators_of_other_jurisdictions(ex, designator):
    ents, _ = run(ex, f"Lintang Maju {designator} said on Monday it would appeal the ruling.")
    assert f"Lintang Maju {designator}" in by_type(ents, "Organization")


@pytest.mark.parametrize(
    "text",
    [
        "Patrols in the Gulf of Guinea rose sharply this year.",
        "Ships crossing the South China Sea slowed.",
        "Kapal itu berlayar di Teluk Thailand.",
    ],
)
def test_a_sea_named_after_a_country_is_a_place(ex, text):
    ents, _ = run(ex, text)
    assert not ents


def test_a_ship_is_no_entity(ex):
    ents, _ = run(ex, "The vessel, MT Ocean Pride, belongs to Okoro Marine Logistics.")
    assert set(by_type(ents, "Organization")) == {"Okoro Marine Logistics"}
    assert not by_type(ents, "Person")


@pytest.mark.parametrize(
    "text", ["The Clear Water Coalition Kenya criticised the government.", "Open Budget Institute Peru said."]
)
def test_a_designated_body_keeps_its_chapters_country(ex, text):
    ents, _ = run(ex, text)
    orgs = set(by_type(ents, "Organization"))
    assert len(orgs) == 1 and next(iter(orgs)).split()[-1] in ("Kenya", "Peru")


@pytest.mark.parametrize("modifier", ["owned", "backed", "controlled"])
def test_a_country_in_an_ownership_modifier_is_no_argument(modifier):
    from extraction import extract_named

    from loaders.extract import Extractor

    ents, rels = extract_named(
        Extractor(), f"Mexico's heritage agency has ordered a Spanish-{modifier} developer to stop building."
    )
    assert "Country:ES" in ents  # still named
    assert not any(t == "INSTRUCTED" for _, t, _ in rels)


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan investors met Amina Odhiambo in Mombasa on Tuesday.",
        "The Greek owner called Rafael Moreno on Friday.",
    ],
)
def test_a_demonym_before_an_ordinary_noun_is_no_argument(ex, text):
    ents, rels = run(ex, text)
    assert {"Country:KE", "Country:GR"} & set(ents)  # still named
    assert not any(s in ("Kenya", "Greece") for s, _, _ in rels)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kenyan officials met Amina Odhiambo in Mombasa on Tuesday.", "Kenya"),
        ("The Chinese delegation met Rafael Moreno on Friday.", "China"),
        ("Russian President Pavel Orlov called Rafael Moreno on Friday.", "Pavel Orlov"),
    ],
)
def test_a_demonym_before_a_government_word_or_title_stands_for_the_country(ex, text, country):
    _, rels = run(ex, text)
    assert any(s == country and t in ("MET", "CONTACTED") for s, t, _ in rels), rels


def test_a_capital_before_based_is_a_place_and_the_name_after_it_a_company(ex):
    ents, _ = run(
        ex, "The tanker is owned by Nairobi-based Tembo Maritime, which insured it with a Lisbon-based fund."
    )
    assert "Tembo Maritime" in {e.name for e in ents.values() if e.type == "Organization"}
    assert not {"Country:KE", "Country:PT"} & set(ents)


def test_a_vessel_named_anywhere_in_the_document_is_no_entity(ex):
    ents, _ = run(
        ex,
        "The tanker Ocean Maiden collided with the container ship Sea Breeze Star off the coast. "
        "The Ocean Maiden, which lost fuel, was towed by Okoro Marine Logistics.",
    )
    assert {e.name for e in ents.values()} == {"Okoro Marine Logistics"}
