"""Claims and their denials across sentences: who made the claim, who denies it, what stays asserted.

Invented outlets, officials and companies; each test is one shape of news prose.
"""

import pytest
from extraction import extract_named

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


run = extract_named


def test_a_one_word_titled_name_denies_the_earlier_report(ex):
    ents, rels = run(
        ex,
        "Majalah Suara Tani melaporkan bahwa Hasyim Rahardjo sempat bertemu Direktur Jenderal "
        "Perkebunan Kementerian Pertanian, Wiratno, di Bogor. Wiratno membantah laporan tersebut.",
    )
    assert ("Wiratno", "DENIED", "Suara Tani") in rels
    assert rels[("Hasyim Rahardjo", "CONTACTED", "Wiratno")].disputed
    # the title in the reported sentence is the article's own description, not the denied claim
    member = rels[("Wiratno", "MEMBER_OF", "Kementerian Pertanian")]
    assert not member.disputed


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (
            "Portal berita lokal Kabar Lembah melaporkan bahwa Rudi Hartawan bertemu Sinta Maharani.",
            "Kabar Lembah",
        ),
        ("The local newspaper Kisumu Star reported that Otieno Kamau met Grace Wanjiru.", "Kisumu Star"),
        (
            "Meridian Wire reported, citing two officials, that Otieno Kamau met Grace Wanjiru.",
            "Meridian Wire",
        ),
        ("Harbour Ledger reported that Otieno Kamau had spoken with Grace Wanjiru.", "Harbour Ledger"),
    ],
)
def test_the_outlet_that_reported_is_an_organisation(ex, text, outlet):
    ents, rels = run(ex, text)
    assert outlet in {e.name for e in ents.values() if e.type == "Organization"}
    assert outlet not in {e.name for e in ents.values() if e.type == "Person"}


def test_a_denial_of_the_report_points_at_the_outlet_not_at_whom_the_rebuttal_names(ex):
    ents, rels = run(
        ex,
        "The Delta Courier reported that Chidi Okeke had met Tunde Balogun in Warri. Police spokesperson "
        "Ngozi Eze rejected the report as false, adding that no officer had met Mr Okeke.",
    )
    assert ("Ngozi Eze", "DENIED", "Delta Courier") in rels
    assert ("Ngozi Eze", "DENIED", "Chidi Okeke") not in rels


def test_an_unmade_claim_is_denied_at_nobody(ex):
    _, rels = run(
        ex, "Direktur Utama PT Sarana Lintas Raya Bima Prakoso menepis tudingan adanya keterlambatan."
    )
    assert not [k for k in rels if k[1] == "DENIED"]


def test_rejecting_a_possessed_claim_denies_its_owner(ex):
    _, rels = run(ex, "Canberra rejected Wellington's assertion that the quota had been exceeded.")
    assert ("Australia", "DENIED", "New Zealand") in rels
    _, rels = run(ex, "Canberra rejected Wellington's proposal to raise the quota.")
    assert not [k for k in rels if k[1] == "DENIED"]  # a proposal is not a claim


def test_a_denied_report_disputes_what_it_claimed_whoever_denies_it(ex):
    ents, rels = run(
        ex,
        "Menteri Perindustrian Bayu Aditama menerima pengusaha di kantornya pada Senin. Media daring "
        "Warta Kota melaporkan bahwa Bayu telah bertemu CEO Lintang Motor, Sinta Dewi, secara tertutup. "
        "Juru bicara Kementerian Perindustrian, Rudi Hartono, membantah laporan tersebut.",
    )
    assert ("Rudi Hartono", "DENIED", "Warta Kota") in rels
    assert rels[("Bayu Aditama", "CONTACTED", "Sinta Dewi")].disputed
    assert not rels[("Sinta Dewi", "LEADS", "Lintang Motor")].disputed  # the article's own description


def test_a_denial_answers_the_latest_report_only(ex):
    _, rels = run(
        ex,
        "The Harbour Ledger reported on Monday that Aldo Ferri had phoned Mira Santos. Two days later the "
        "Harbour Ledger reported that Jonas Berg had met Mira Santos in Lisbon. The Ministry of Health "
        "denied the report.",
    )
    assert not rels[("Aldo Ferri", "CONTACTED", "Mira Santos")].disputed
    assert rels[("Jonas Berg", "CONTACTED", "Mira Santos")].disputed


def test_an_outlet_keeps_its_capitalised_article(ex):
    ents, _ = run(ex, "The merger was first reported by The Coral Ledger on Monday.")
    outlet = next(e for e in ents.values() if e.type == "Organization")
    assert outlet.name == "Coral Ledger"
    assert "The Coral Ledger" in outlet.aliases


def test_a_denial_points_at_the_counterpart_not_at_the_deniers_own_minister(ex):
    _, rels = run(
        ex,
        "Ruvia's Ministry of Trade on Thursday denied that its minister, Tomas Lind, had spoken by phone "
        "with Peruvian Trade Minister Ana Costa.",
    )
    denied = {k for k in rels if k[1] == "DENIED"}
    assert denied == {("Ministry of Trade", "DENIED", "Ana Costa")}
