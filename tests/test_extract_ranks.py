"""Ranks, armed forces and unit titles: military and police people and the bodies they serve.

Invented officers and forces; each test is one shape of news sentence.
"""

import pytest
from extraction import extract_named, names

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


run = extract_named


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Rear Admiral Tobias Wren said the patrol had ended.", "Tobias Wren"),
        ("Commodore Ama Serwaa declined to comment.", "Ama Serwaa"),
        ("Komisaris Besar Darmawan Saleh mengatakan penyidikan berlanjut.", "Darmawan Saleh"),
        ("Lieutenant Colonel Petra Novak led the convoy.", "Petra Novak"),
    ],
)
def test_a_rank_is_a_title_not_part_of_the_name(ex, text, person):
    ents, _ = run(ex, text)
    assert names(ents, "Person") == {person}


def test_a_demonym_and_a_force_are_one_organisation(ex):
    ents, rels = run(ex, "The Peruvian Navy said on Friday it had seized a trawler. Kenyan Army units left.")
    assert {"Peruvian Navy", "Kenyan Army"} <= names(ents, "Organization")
    ents, rels = run(ex, "Rear Admiral Jonas Veld, commander of the Ghanaian Navy, met the envoy.")
    assert names(ents, "Organization") == {"Ghanaian Navy"}
    assert ("Jonas Veld", "LEADS", "Ghanaian Navy") in rels


def test_a_title_of_an_undesignated_unit_then_the_person_in_commas(ex):
    ents, rels = run(
        ex,
        "The Chief of the Defence Staff, General Amara Konte, ordered Colonel Idris Fofana to withdraw.",
    )
    assert names(ents, "Person") == {"Amara Konte", "Idris Fofana"}
    assert not names(ents, "Organization")  # "Defence Staff" is part of the title
    assert ("Amara Konte", "INSTRUCTED", "Idris Fofana") in rels


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Separately, Ruvia Customs was ordered by the Federal Board of Revenue to halt clearance.",
            "Ruvia Customs",
        ),
        ("The Philippine Senate voted on Monday.", "Philippine Senate"),
        ("The minister directed the Frontier Corps to keep the gate sealed.", "Frontier Corps"),
        ("A Chinese Coast Guard vessel rammed the boat.", "Chinese Coast Guard"),
    ],
)
def test_forces_customs_and_chambers_are_bodies(ex, text, body):
    ents, _ = run(ex, text)
    assert body in names(ents, "Organization")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Harbour Wire reported on Monday that the talks had failed.", "Harbour Wire"),
        ("Portal berita teknologi Kabar Sinyal melaporkan bahwa lelang ditunda.", "Kabar Sinyal"),
        ("Operator Seluler Raya Telco menolak tudingan itu.", "Seluler Raya Telco"),
    ],
)
def test_outlets_and_telcos(ex, text, org):
    ents, _ = run(ex, text)
    assert org in names(ents, "Organization")
