"""Officials and the names around them: initials, state officers, companies known by their officers,
Romance-language body names, people written to, passive orders to a pronoun. Invented names."""

import pytest
from extraction import extract_named, names

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def test_an_initial_is_part_of_the_name(ex) -> None:
    ents, _ = extract_named(ex, "Kerala Chief Minister R. Thampi flew to Delhi. Thampi said it was unfair.")
    assert "R. Thampi" in names(ents, "Person")


def test_someone_written_to_is_no_destination(ex) -> None:
    ents, rels = extract_named(ex, "Chief Minister R. Thampi wrote to Kavita Menon on Monday night.")
    assert "Kavita Menon" in names(ents, "Person")
    ents, _ = extract_named(ex, "The minister travelled to Puerto Alto on Monday.")
    assert not names(ents, "Person")


def test_a_passive_order_to_the_reporting_speaker(ex) -> None:
    _, rels = extract_named(
        ex, "Pablo Serrano said he had been ordered by President Lucia Ortega to review the tender."
    )
    assert ("Lucia Ortega", "INSTRUCTED", "Pablo Serrano") in rels


def test_romance_articles_inside_a_body_name(ex) -> None:
    ents, rels = extract_named(
        ex,
        "The auditor, Carla Vidal, ordered the state water company Compania de las Aguas del Norte to"
        " suspend the award.",
    )
    assert "Compania de las Aguas del Norte" in names(ents, "Organization")


def test_a_state_officer_does_not_lead_the_country(ex) -> None:
    ents, rels = extract_named(ex, "Peru's Comptroller General, Ana Quispe, ordered the audit.")
    assert "Ana Quispe" in names(ents, "Person")
    assert not any(typ == "LEADS" for _, typ, _ in rels)


def test_a_name_with_a_company_officer_is_a_company(ex) -> None:
    ents, rels = extract_named(ex, "Hualong Tiejian's country manager, Wu Fang, said the bid was fair.")
    assert "Hualong Tiejian" in names(ents, "Organization")
    assert ("Wu Fang", "MEMBER_OF", "Hualong Tiejian") in rels


def test_a_chief_of_staff_is_a_person(ex) -> None:
    ents, _ = extract_named(ex, "Rina Wijaya's chief of staff, Tomas Berg, said it.")
    assert names(ents, "Person") == {"Rina Wijaya", "Tomas Berg"}


def test_a_village_of_a_name_is_a_place(ex) -> None:
    ents, _ = extract_named(ex, "Residents of the village of Vila Nova do Sul reported cracks in the road.")
    assert not names(ents, "Person")


def test_an_office_named_after_its_officer_keeps_its_acronym(ex) -> None:
    ents, rels = extract_named(
        ex, "The Office of the Water Ombudsman (OWO) has ordered Kestrel Utilities to refund customers."
    )
    assert "Office of the Water Ombudsman" in names(ents, "Organization")
    assert ("Office of the Water Ombudsman", "INSTRUCTED", "Kestrel Utilities") in rels


@pytest.mark.parametrize(
    "text",
    [
        "Residents near Larch Ridge complained about the dust.",
        "Banjir melanda desa di sekitar Gunung Sarawu pekan lalu.",
        "Izin tambang di Taman Nasional Bukit Lawang Hijau dicabut.",
        "Trawlers fished the North Atlantic for decades.",
    ],
)
def test_landforms_and_oceans_are_places(ex, text: str) -> None:
    ents, _ = extract_named(ex, text)
    assert not names(ents, "Person") and not names(ents, "Organization")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Kontrak itu diberikan kepada Veltra Asia pekan lalu.", "Veltra Asia"),
        ("Pengiriman ditangani Cahaya Timur Ekspres sejak Mei.", "Cahaya Timur Ekspres"),
        (
            "Ratusan mahasiswa Fakultas Hukum Universitas Lontara berdemo.",
            "Fakultas Hukum Universitas Lontara",
        ),
    ],
)
def test_names_a_company_or_faculty_keeps(ex, text: str, org: str) -> None:
    ents, _ = extract_named(ex, text)
    assert org in names(ents, "Organization")


def test_a_ministers_portfolio_then_the_country_then_the_name():
    ents, rels = extract_named(
        Extractor(), "Menteri Perikanan Malaysia Ahmad Razak menelepon Menteri Kelautan Filipina Jose Cruz."
    )
    assert names(ents, "Person") == {"Ahmad Razak", "Jose Cruz"}
    assert ("Ahmad Razak", "CONTACTED", "Jose Cruz") in rels


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        ("On Monday, Veltra CEO Mara Quist met investors in Austin.", "Mara Quist", "Veltra"),
        ("Orvane Managing Director Farida Lim said the bank would comply.", "Farida Lim", "Orvane"),
        (
            "The regulator said that KTRA Director-General Joseph Banda would lead the audit.",
            "Joseph Banda",
            "KTRA",
        ),
    ],
)
def test_a_body_named_before_an_english_title_is_the_holders(text, person, body):
    ents, rels = extract_named(Extractor(), text)
    assert person in names(ents, "Person")
    assert body in names(ents, "Organization")
    assert (person, "LEADS", body) in rels


def test_a_portfolio_before_an_english_title_is_no_body():
    ents, _ = extract_named(
        Extractor(), "Digital Privacy Commissioner Ana Reyes met Fisheries Minister Lena Holt."
    )
    assert names(ents, "Person") == {"Ana Reyes", "Lena Holt"}
    assert not names(ents, "Organization")


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "The Harbour Users Council urged the authority to reopen the quay. "
            "Its chairman, Samuel Kiprono, said 300 boats were idle.",
            "Samuel Kiprono",
            "Harbour Users Council",
        ),
        (
            "The Clean Rivers Agency said it would appeal. "
            "The agency's director-general, Efua Mensah, said so.",
            "Efua Mensah",
            "Clean Rivers Agency",
        ),
        (
            "Ombak Energi Group fined the supplier. "
            "Ombak Energi Group's chief executive, Rina Hartono, said.",
            "Rina Hartono",
            "Ombak Energi Group",
        ),
    ],
)
def test_a_possessive_before_a_title_names_the_holders_body(ex, text, person, body) -> None:
    _, rels = extract_named(ex, text)
    assert (person, "LEADS", body) in rels, rels


def test_its_after_a_sentence_not_opened_by_a_body_names_no_body(ex) -> None:
    _, rels = extract_named(
        ex, "Critics urged the Harbour Users Council to reopen the quay. Its chairman, Samuel Kiprono, spoke."
    )
    assert not any(s == "Samuel Kiprono" and t == "LEADS" for s, t, _ in rels), rels


def test_a_name_followed_by_which_is_no_person(ex) -> None:
    ents, _ = extract_named(ex, "Kijani Wireless, which is backed by foreign investors, urged a review.")
    assert names(ents, "Organization") == {"Kijani Wireless"}
    assert not names(ents, "Person")


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        (
            "Anggota DPRD Jawa Barat dari Partai Karya Rakyat, Ilham Saputra, mendesak bupati.",
            "DPRD Jawa Barat",
            "Ilham Saputra",
        ),
        (
            "Anggota DPRD Sulawesi Tengah Yusuf Lamato hadir dalam rapat itu.",
            "DPRD Sulawesi Tengah",
            "Yusuf Lamato",
        ),
    ],
)
def test_a_parliament_acronym_keeps_its_province(ex, text, body, person) -> None:
    ents, _ = extract_named(ex, text)
    assert body in names(ents, "Organization")
    assert names(ents, "Person") == {person}


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Menurut Pemimpin Redaksi Kabar Timur, Yohanis Latu, ancaman itu datang sejak April.",
            "Yohanis Latu",
            "Kabar Timur",
        ),
        (
            "The Harbour Chronicle ran the story. The Harbour Chronicle's editor, Kofi Mensah, stood by it.",
            "Kofi Mensah",
            "Harbour Chronicle",
        ),
    ],
)
def test_an_editor_leads_the_publication(ex, text, person, body) -> None:
    _, rels = extract_named(ex, text)
    assert (person, "LEADS", body) in rels, rels


def test_a_headline_short_name_joins_the_branch_the_body_spells_out(ex) -> None:
    ents, _ = extract_named(
        ex,
        "Dewan Pers Minta Polda Maluku Usut Intimidasi\n\n"
        "Dewan Pers meminta Kepolisian Daerah (Polda) Maluku mengusut kasus itu. "
        "Warga mendatangi Polda Maluku.",
    )
    assert names(ents, "Organization") == {"Dewan Pers", "Kepolisian Daerah Maluku"}
