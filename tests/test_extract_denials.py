"""Denials without a denial verb, the age after a denier's name, questioning as contact, requests that
are no contacts, and a country's body named by its head noun. Invented names."""

import pytest
from extraction import extract_named

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


@pytest.mark.parametrize(
    "text",
    [
        "The Daily Ledger reported that Orca Mining bribed officials. Orca Mining said the report was false.",
        "Harian Suara Timur melaporkan suap itu. Teluk Mining menyebut laporan itu tidak benar.",
    ],
)
def test_calling_a_report_false_denies_it(ex, text: str) -> None:
    _, rels = extract_named(ex, text)
    assert any(typ == "DENIED" for _, typ, _ in rels)


def test_a_report_said_not_to_be_false_is_not_denied(ex) -> None:
    _, rels = extract_named(
        ex, "The Daily Ledger reported the deal. Rina Wati said the report was not false."
    )
    assert not any(typ == "DENIED" for _, typ, _ in rels)


def test_a_denier_with_an_age_after_the_name(ex) -> None:
    _, rels = extract_named(
        ex, "Direktur Medika Jaya, Yanto Effendi (52), membantah tudingan Haris Munandar."
    )
    assert ("Yanto Effendi", "DENIED", "Haris Munandar") in rels


def test_a_summons_is_a_meeting(ex) -> None:
    _, rels = extract_named(ex, "BPOM telah memanggil jajaran direksi Sinar Husada Farma ke kantor BPOM.")
    assert ("BPOM", "CONTACTED", "Sinar Husada Farma") in rels


def test_a_summons_asked_for_is_no_contact(ex) -> None:
    _, rels = extract_named(
        ex, "Ketua Komisi III DPR, Ratna Sari, meminta KPK segera memanggil Harun Basyarah."
    )
    assert not any(typ == "CONTACTED" for _, typ, _ in rels)


def test_a_countrys_body_named_by_its_head_noun(ex) -> None:
    _, rels = extract_named(
        ex,
        "China's Ministry of Commerce said the duties stay. Australian Trade Minister Tom Hale said he"
        " called Beijing. The Chinese ministry denied the call with Hale.",
    )
    assert ("Ministry of Commerce", "DENIED", "Tom Hale") in rels
    assert not any(src == "China" and typ == "DENIED" for src, typ, _ in rels)


def test_a_double_negation_of_falsity_is_no_denial():
    from extraction import extract_named

    from loaders.extract import Extractor

    _, rels = extract_named(
        Extractor(),
        "Harian Suara Barat melaporkan suap itu. Teluk Mining menyebut laporan itu bukan tidak benar.",
    )
    assert not any(t == "DENIED" for _, t, _ in rels)


def test_the_person_in_apposition_after_a_body_is_the_denier():
    from extraction import extract_named

    from loaders.extract import Extractor

    _, rels = extract_named(
        Extractor(),
        "The daily Diario Norte reported the meeting. A spokeswoman for Peru's Trade Ministry, Lucia Ramos, "
        "denied the report.",
    )
    assert ("Lucia Ramos", "DENIED", "Diario Norte") in rels
    assert not any(s != "Lucia Ramos" and t == "DENIED" for s, t, _ in rels)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Tim Sukses Budi menuding Rina Wati bertemu Joko Susilo. "
            "Tudingan itu dibantah keras oleh Rina Wati.",
            "Tim Sukses Budi",
        ),
        (
            "Laporan Majalah Telisik soal pertemuan itu dibantah oleh Hendra Kusuma pada Senin.",
            "Majalah Telisik",
        ),
        ("The report by the Daily Courier was flatly denied by Hendra Kusuma on Monday.", "Daily Courier"),
    ],
)
def test_a_passive_denial_names_the_denier_after_its_agent_word(ex, text: str, target: str) -> None:
    ents, rels = extract_named(ex, text)
    denier = "Rina Wati" if "Rina" in text else "Hendra Kusuma"
    assert any(s == denier and t == "DENIED" and target.endswith(o) for s, t, o in rels), rels


@pytest.mark.parametrize(
    "text",
    [
        "Komisi Antikorupsi Nasional (KAN) memeriksa Direktur Utama PT Sinar Baru, Agus Haliman, "
        "selama enam jam.",
        "Menurut Rina Wati, pihaknya sudah bertemu Ketua KAN, Agus Haliman, pada Selasa.",
    ],
)
def test_questioning_and_the_speakers_side_are_contacts(ex, text: str) -> None:
    _, rels = extract_named(ex, text)
    assert any(t == "CONTACTED" and "Agus Haliman" in (s, o) for s, t, o in rels), rels
