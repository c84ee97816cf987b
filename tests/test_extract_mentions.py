"""Mention detection on invented people and organisations (no list knows them)."""

import pytest

from graph.model import SourceDocument
from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def ents(ex, text):
    out = ex.extract(SourceDocument(id="t", text=text))
    return {e.key: e for e in out.entities}


def test_titled_person_with_country_and_organisation(ex):
    e = ents(ex, "Presiden Finlandia Marek Tolvan bertemu Direktur Utama PT Sinar Kencana, Rudi Hartawan.")
    assert "Person:marek tolvan" in e
    assert "Person:rudi hartawan" in e
    assert e["Organization:pt sinar kencana"].type == "Organization"
    assert "Presiden Finlandia Marek Tolvan" in e["Person:marek tolvan"].aliases


def test_countries_merge_across_languages(ex):
    e = ents(
        ex, "Pemerintah Tiongkok dan Cina disebut. China juga. Amerika Serikat dan AS sama. Rusia, Russia."
    )
    assert {"Country:CN", "Country:US", "Country:RU"} <= set(e)
    assert "Pemerintah Tiongkok" in e["Country:CN"].aliases


def test_short_and_titled_forms_join_the_full_name(ex):
    e = ents(ex, "Pengusaha Hendra Kusuma membeli saham. Tn. Kusuma menolak berkomentar. Kusuma pulang.")
    assert list(k for k in e if k.startswith("Person:")) == ["Person:hendra kusuma"]
    assert {"Tn. Kusuma", "Kusuma"} <= set(e["Person:hendra kusuma"].aliases)


def test_designators_and_acronyms(ex):
    e = ents(ex, "Badan Riset Angkasa Nasional (BRAN) bekerja sama dengan Orbitel Group dan Mandalabank.")
    assert "Organization:bran" in e and "BRAN" in e["Organization:bran"].aliases
    assert "Organization:orbitel group" in e
    assert "Organization:mandalabank" in e


def test_metonym_acts_but_place_does_not(ex):
    e = ents(ex, "Kremlin membantah laporan itu. Pertemuan digelar di Washington.")
    assert "Kremlin" in e["Country:RU"].aliases
    assert "Country:US" not in e


def test_events_and_headline_words_are_not_entities(ex):
    e = ents(ex, "Andi Prakoso berbicara di Konferensi Energi Terbarukan (KETA) di Surabaya.")
    assert set(e) == {"Person:andi prakoso"}


def test_ai_rule(ex):
    assert "Technology:artificial intelligence" in ents(
        ex, "Negara itu mendorong pengembangan kecerdasan buatan bersama mitra."
    )
    assert not any(
        k.startswith("Technology") for k in ents(ex, "Ia aktif di bidang energi, AI, dan kesehatan.")
    )


def test_product_cue(ex):
    e = ents(ex, "Warga memakai layanan Kilatnet di desa. Kilatnet cepat.")
    assert e["Technology:kilatnet"].type == "Technology"


def test_portfolio_region_and_possessive_government(ex):
    e = ents(ex, "Menteri Komunikasi dan Digital Ani Lestari bertemu Gubernur Jawa Tengah Budi Susilo.")
    assert {"Person:ani lestari", "Person:budi susilo"} <= set(e)
    e = ents(ex, "South Korea's trade regulator instructed Veltra Semiconductor to halt shipments.")
    assert "South Korea's trade regulator" in e["Country:KR"].aliases
    assert e["Organization:veltra semiconductor"].type == "Organization"


def test_names_made_of_ordinary_words_mid_sentence(ex):
    e = ents(ex, "Kemarin Budi Santoso bertemu dengan Dewi Kusuma dan Ani Wijaya di kantor.")
    assert {"Person:budi santoso", "Person:dewi kusuma", "Person:ani wijaya"} <= set(e)
    e = ents(ex, "Ia memakai topi “Membuat Negeri Hebat Lagi” dan Wakil Presiden datang.")
    assert not any(k.startswith("Person:") for k in e)


def test_organisation_short_name_and_its_head(ex):
    text = "Veltra Semiconductor menambah pabrik. Veltra president Kim Do-hyun met Tamura chairman Kenji Ota."
    out = ex.extract(SourceDocument(id="t", text=text))
    e = {x.key: x for x in out.entities}
    assert "Veltra" in e["Organization:veltra semiconductor"].aliases
    assert "Person:kim do hyun" in e
    rels = {(r.source, r.type, r.target) for r in out.relations}
    assert ("Person:kim do hyun", "LEADS", "Organization:veltra semiconductor") in rels
