"""Regional branches, syllable acronyms, appositive sub-unit heads and bodies no designator names.

Indonesian bodies are often named with their acronym and then the province of their branch
("Kejaksaan Tinggi (Kejati) Jawa Barat"), Malay and Indonesian acronyms take syllables, not only
initials, and a sub-unit's head is often introduced after the name, in apposition. Invented names.
"""

import pytest
from extraction import extract_named, names

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def test_a_regional_branch_is_keyed_by_its_whole_name(ex) -> None:
    ents, rels = extract_named(
        ex, "Kepala Kejaksaan Tinggi (Kejati) Jawa Barat, Rudi Hermawan, mengatakan berkas sudah lengkap."
    )
    assert names(ents, "Organization") == {"Kejaksaan Tinggi Jawa Barat"}
    assert ("Rudi Hermawan", "LEADS", "Kejaksaan Tinggi Jawa Barat") in rels


def test_a_syllable_acronym_keeps_the_country_in_the_name(ex) -> None:
    ents, _ = extract_named(ex, "Petugas Lembaga Pelabuhan Diraja Malaysia (LPDRM) memeriksa kapal itu.")
    assert "Lembaga Pelabuhan Diraja Malaysia" in names(ents, "Organization")


@pytest.mark.parametrize("portfolio", ["Koperasi", "Sosial", "Pertanian"])
def test_a_portfolio_word_that_opens_body_names_stays_the_ministers(ex, portfolio: str) -> None:
    ents, _ = extract_named(ex, f"Menteri {portfolio} Rina Pakpahan meninjau gudang beras di Medan.")
    assert names(ents, "Person") == {"Rina Pakpahan"}
    assert not any("Rina" in name for name in names(ents, "Organization"))


def test_a_sub_unit_head_in_apposition_is_a_member_of_the_closing_body(ex) -> None:
    ents, rels = extract_named(
        ex,
        "Ia memerintahkan Anton Sihombing, Direktur Jenderal Perikanan Tangkap dan Budidaya (PTB)"
        " Kementerian Kelautan, untuk menghentikan izin itu.",
    )
    assert names(ents, "Person") == {"Anton Sihombing"}
    assert ("Anton Sihombing", "MEMBER_OF", "Kementerian Kelautan") in rels


def test_a_short_body_name_closes_the_sub_unit(ex) -> None:
    ents, rels = extract_named(ex, "Deputi Bidang Penindakan Kemenkeu, Sari Lubis, mengatakan itu.")
    assert ("Sari Lubis", "MEMBER_OF", "Kemenkeu") in rels


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Koalisi masyarakat sipil Suara Pesisir menolak rencana reklamasi itu.", "Suara Pesisir"),
        ("A civil society group, Arus Bening, filed the complaint.", "Arus Bening"),
        ("Workers at Kestrel Shipbuilders walked out on Monday.", "Kestrel Shipbuilders"),
        ("Orbion Dynamics would appeal, the statement said.", "Orbion Dynamics"),
        ("Analysts said Tamsin Metals would cut output.", "Tamsin Metals"),
    ],
)
def test_bodies_named_by_a_cue_or_their_trade(ex, text: str, org: str) -> None:
    ents, _ = extract_named(ex, text)
    assert org in names(ents, "Organization")
    assert org not in names(ents, "Person")


def test_a_plural_possessive_stays_inside_a_body_name(ex) -> None:
    ents, _ = extract_named(ex, "Members of the Tanjong Dockers' Union voted to strike.")
    assert "Tanjong Dockers' Union" in names(ents, "Organization")


def test_a_name_with_a_glued_model_number_is_a_product(ex) -> None:
    ents, _ = extract_named(ex, "The agency will launch its Kirana-3 earth-observation satellite next year.")
    assert names(ents, "Technology") == {"Kirana-3"}
    assert not names(ents, "Person")


def test_a_business_daily_is_an_outlet_and_the_denial_answers_it(ex) -> None:
    _, rels = extract_named(
        ex,
        "Danish business daily Kystposten reported on Tuesday that Helen Brenner had held talks with"
        " Havsel. Brenner denied the report.",
    )
    assert ("Helen Brenner", "DENIED", "Kystposten") in rels
    assert not any(typ == "DENIED" and target == "Denmark" for _, typ, target in rels)


def test_orders_after_a_preposition_are_a_noun(ex) -> None:
    _, rels = extract_named(
        ex, "Danish yards have enjoyed a surge in orders as buyers shift away from Chinese builders."
    )
    assert not any(typ == "INSTRUCTED" for _, typ, _ in rels)


def test_a_passive_subject_after_an_opening_phrase_is_not_that_phrase(ex) -> None:
    _, rels = extract_named(
        ex,
        "Environment Secretary Helen Brenner said Oslo had broken the deal. Hours after the Norwegian"
        " announcement, the Coastal Licensing Organisation (CLO) was directed by Brenner to suspend the"
        " licences of 19 Norwegian vessels.",
    )
    assert ("Helen Brenner", "INSTRUCTED", "Coastal Licensing Organisation") in rels
    assert ("Helen Brenner", "INSTRUCTED", "Norway") not in rels


def test_an_order_to_a_bodys_titled_person_goes_to_the_person(ex) -> None:
    _, rels = extract_named(
        ex,
        "PhilSA chief Ramon Reyes said the bid was fair. He said he had instructed PhilSA's procurement"
        " chief, Liza Ocampo, to hand the file to the auditors.",
    )
    assert ("Ramon Reyes", "INSTRUCTED", "Liza Ocampo") in rels
    assert not any(typ == "INSTRUCTED" and target != "Liza Ocampo" for _, typ, target in rels)


def test_a_portfolio_list_with_a_comma_before_its_last_item(ex) -> None:
    ents, rels = extract_named(
        ex,
        "Kementerian Riset, Inovasi, dan Teknologi (Kemenristek) menyatakan akan mengaudit izin itu."
        " Menteri Riset, Inovasi, dan Teknologi, Dewi Anggraini, memerintahkan Joko Susilo untuk"
        " menghentikan izin itu.",
    )
    assert "Kementerian Riset, Inovasi, dan Teknologi" in names(ents, "Organization")
    org = next(e for e in ents.values() if e.name == "Kementerian Riset, Inovasi, dan Teknologi")
    assert "Kemenristek" in org.aliases
    assert ("Dewi Anggraini", "INSTRUCTED", "Joko Susilo") in rels
    assert names(ents, "Person") == {"Dewi Anggraini", "Joko Susilo"}


def test_an_english_ministry_with_a_serial_comma(ex) -> None:
    ents, _ = extract_named(ex, "The Ministry of Science, Technology, and Innovation said it would act.")
    assert names(ents, "Organization") == {"Ministry of Science, Technology, and Innovation"}


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        ("Kepala Kejati Sumut, Robert Sinaga, mengatakan itu.", "Robert Sinaga", "Kejati Sumut"),
        ("Ketua Bawaslu Kaltara, Maria Siregar, mendesak KPU bertindak.", "Maria Siregar", "Bawaslu Kaltara"),
        (
            "Ia bertemu Rektor Universitas Tanjung, Andi Basri, di Makassar.",
            "Andi Basri",
            "Universitas Tanjung",
        ),
    ],
)
def test_a_head_title_names_a_body_before_the_comma(ex, text: str, person: str, body: str) -> None:
    ents, rels = extract_named(ex, text)
    assert (person, "LEADS", body) in rels
    assert body not in names(ents, "Person")


def test_a_two_word_short_name_in_parentheses_joins_the_body(ex) -> None:
    ents, rels = extract_named(
        ex,
        "Kejaksaan Tinggi Jawa Tengah (Kejati Jateng) menahan dua tersangka. Kepala Kejati Jateng,"
        " Bambang Wijaya, mengatakan itu.",
    )
    assert names(ents, "Organization") == {"Kejaksaan Tinggi Jawa Tengah"}
    assert ("Bambang Wijaya", "LEADS", "Kejaksaan Tinggi Jawa Tengah") in rels
