"""Heads of sub-units: directorates, bureaus and assistants, named in ordinary words before the body.

Indonesian officials are often introduced by a unit of their body ("Direktur Pemasaran PNJ", "Dirjen
Bina Marga"): the unit belongs to the title, the person is a member of the body. Invented names.
"""

import pytest
from extraction import extract_named, names

from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


run = extract_named


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        ("Direktur Pemasaran SLR, Wulan Sasmita, mengatakan stok aman.", "Wulan Sasmita", "SLR"),
        ("Direktur Sumber Daya Manusia BTM, Agus Prasetya, membantah tudingan itu.", "Agus Prasetya", "BTM"),
        (
            "Direktur Reserse Narkoba Polda Sultra, Komisaris Besar Yoga Pratama, menjelaskan kasus itu.",
            "Yoga Pratama",
            "Polda Sultra",
        ),
    ],
)
def test_a_director_of_a_unit_is_a_member_of_the_body(ex, text, person, body):
    ents, rels = run(ex, text)
    assert names(ents, "Person") == {person}
    assert names(ents, "Organization") == {body}
    assert (person, "MEMBER_OF", body) in rels


def test_a_directorate_general_alone_is_part_of_the_title(ex):
    ents, rels = run(
        ex,
        "Menteri itu memerintahkan Direktur Jenderal Cipta Karya, Lukas Wibisono, untuk mengaudit proyek.",
    )
    assert names(ents, "Person") == {"Lukas Wibisono"}
    assert not names(ents, "Organization")


def test_an_assistant_with_an_abbreviated_portfolio(ex):
    ents, rels = run(
        ex,
        "Kepala Kejati Ratna Sari memerintahkan Asisten Intelijen (Asintel) Dimas Haryanto untuk "
        "menyelidiki kasus itu.",
    )
    assert "Dimas Haryanto" in names(ents, "Person")
    assert ("Ratna Sari", "INSTRUCTED", "Dimas Haryanto") in rels


def test_a_director_of_a_named_company_is_not_a_unit(ex):
    ents, _ = run(ex, "Direktur Garuda Nusantara Air, Bayu Setiawan, mengatakan jadwal normal.")
    assert "Bayu Setiawan" in names(ents, "Person")


def test_a_regional_body_named_after_its_acronym_is_one_organisation(ex):
    ents, rels = run(
        ex,
        "Rapat di Dinas Perhubungan (Dishub) Kabupaten Wonomerto ditunda. Bupati Wonomerto, Laras "
        "Wijayanti, mengarahkan Kepala Dishub Kabupaten Wonomerto, Teguh Santosa, untuk mengatur "
        "lalu lintas.",
    )
    assert names(ents, "Organization") == {"Dinas Perhubungan Kabupaten Wonomerto"}
    assert names(ents, "Person") == {"Laras Wijayanti", "Teguh Santosa"}
    assert ("Teguh Santosa", "LEADS", "Dinas Perhubungan Kabupaten Wonomerto") in rels
    assert ("Laras Wijayanti", "INSTRUCTED", "Teguh Santosa") in rels


def test_an_acronym_closes_a_body_before_the_members_name(ex):
    ents, rels = run(ex, "Anggota Komisi VII DPR Yusuf Maulana mengkritik kebijakan itu.")
    assert names(ents, "Person") == {"Yusuf Maulana"}
    assert ("Yusuf Maulana", "MEMBER_OF", "Komisi VII DPR") in rels


def test_a_bodys_city_before_its_heads_name(ex):
    ents, rels = run(ex, "Ketua Badan Pengawas Pemilu (Bawaslu) Kota Tebing Andi Saputra mengatakan hal itu.")
    assert names(ents, "Person") == {"Andi Saputra"}


def test_a_local_government_is_one_organisation_with_its_acronym(ex):
    ents, _ = run(
        ex,
        "Pemerintah Kabupaten (Pemkab) Bukit Pandan menutup tambang itu. Pemkab Bukit Pandan menyatakan "
        "izin dicabut. Pemerintah Kota Tirta juga menolak.",
    )
    assert names(ents, "Organization") == {"Pemerintah Kabupaten Bukit Pandan", "Pemerintah Kota Tirta"}
    regency = next(e for e in ents.values() if e.name == "Pemerintah Kabupaten Bukit Pandan")
    assert "Pemkab Bukit Pandan" in regency.aliases


def test_a_finance_director_is_a_member_a_managing_director_leads(ex):
    ents, rels = run(
        ex,
        "Direktur Pelaksana Lintang, Calvin Teo, membantah. Direktur Keuangan NEP, Bonifasius Tarigan, "
        "hadir.",
    )
    assert ("Calvin Teo", "LEADS", "Lintang") in rels
    assert ("Bonifasius Tarigan", "MEMBER_OF", "NEP") in rels


def test_a_regional_parliament_and_its_head(ex):
    ents, rels = run(ex, "Ketua DPRD Wanasari, Haris Munandar, mengecam perusahaan itu.")
    assert ("Haris Munandar", "LEADS", "DPRD Wanasari") in rels


def test_an_acronym_opens_a_bodys_name(ex):
    ents, _ = run(ex, "Pasien mengeluhkan BPJS Kesehatan yang menahan klaim rumah sakit.")
    assert "BPJS Kesehatan" in names(ents, "Organization")


def test_a_ministry_of_two_portfolios(ex):
    ents, rels = run(
        ex, "Mines and Energy Minister Otavio Rezende said the Ministry of Mines and Energy would act."
    )
    assert ("Otavio Rezende", "LEADS", "Ministry of Mines and Energy") in rels


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        # "Kepala Divisi/Departemen": the head of a unit inside the body, with or without the comma
        (
            "Kepala Divisi Pemasaran Sarinusa Pangan, Sekar Ayuningtyas, mengatakan stok aman.",
            "Sekar Ayuningtyas",
            "Sarinusa Pangan",
        ),
        (
            "Kepala Departemen Statistik BRN, Tomi Hartawan, mengatakan data itu benar.",
            "Tomi Hartawan",
            "BRN",
        ),
        (
            "Kepala Divisi Operasi Jaringan PGK Hendra Wijaya mengatakan pipa itu bocor.",
            "Hendra Wijaya",
            "PGK",
        ),
        (
            "Kepala Departemen Riset Bank Narwa Dimas Saputra mengatakan suku bunga naik.",
            "Dimas Saputra",
            "Bank Narwa",
        ),
    ],
)
def test_the_head_of_a_division_is_a_member_of_the_body(ex, text, person, body):
    ents, rels = run(ex, text)
    assert names(ents, "Person") == {person}
    assert names(ents, "Organization") == {body}
    assert (person, "MEMBER_OF", body) in rels
    assert (person, "LEADS", body) not in rels


def test_after_a_rank_one_word_is_the_unit_heads_name(ex):
    # "Budiman" is an ordinary word too; after the rank "Kombes" it is the director's name
    ents, rels = run(
        ex,
        "Kapolda Riau Irjen Bima Sakti memerintahkan Direktur Reserse Narkoba Polda Riau, Kombes Budiman, "
        "menangkap bandar itu.",
    )
    assert names(ents, "Person") == {"Bima Sakti", "Budiman"}
    assert ("Bima Sakti", "INSTRUCTED", "Budiman") in rels
    assert ("Budiman", "MEMBER_OF", "Polda Riau") in rels


def test_a_rank_after_the_body_is_not_part_of_its_name(ex):
    ents, rels = run(ex, "Kepala Polres Garut AKBP Yoga Pratama mengatakan polisi memeriksa tujuh saksi.")
    assert names(ents, "Organization") == {"Polres Garut"}
    assert ("Yoga Pratama", "LEADS", "Polres Garut") in rels


def test_a_bodys_region_before_the_comma_belongs_to_the_body(ex):
    ents, rels = run(ex, '"Jalur itu sudah dipetakan," kata Kepala Dinas Perhubungan Jawa Tengah, Yusuf.')
    assert names(ents, "Person") == {"Yusuf"}
    assert ("Yusuf", "LEADS", "Dinas Perhubungan Jawa Tengah") in rels
    assert "Jawa Tengah" not in names(ents, "Person")


def test_a_province_alone_closing_a_unit_takes_the_word_before(ex):
    ents, rels = run(ex, "Ia memerintahkan Asisten Intelijen Kejati Riau, Wibisono, memanggil para saksi.")
    assert ("Wibisono", "MEMBER_OF", "Kejati Riau") in rels
    assert "Riau" not in names(ents, "Organization")


def test_a_short_name_of_several_words_is_the_body_under_a_title(ex):
    ents, rels = extract_named(
        ex,
        "Kantor Wilayah Pajak Jawa Tengah (Kanwil Pajak Jateng) membuka penyidikan. "
        "Kepala Kanwil Pajak Jateng, Arif Setiadi, mengatakan penyidik bekerja. "
        "Menteri Keuangan Bambang Satrio menginstruksikan Kanwil Pajak Jateng melaporkan perkembangan.",
    )
    assert names(ents, "Organization") == {"Kantor Wilayah Pajak Jawa Tengah"}
    assert ("Arif Setiadi", "LEADS", "Kantor Wilayah Pajak Jawa Tengah") in rels
    assert ("Bambang Satrio", "INSTRUCTED", "Kantor Wilayah Pajak Jawa Tengah") in rels


def test_a_committee_named_on_after_its_acronym(ex):
    ents, _ = extract_named(
        ex,
        "KPU menginstruksikan Panitia Pemilihan Kecamatan (PPK) Sungai Raya, salah satu kecamatan, "
        "untuk menghitung.",
    )
    assert "Panitia Pemilihan Kecamatan Sungai Raya" in names(ents, "Organization")


def test_a_province_short_name_after_a_units_body_is_no_body(ex):
    _, rels = extract_named(
        ex,
        "Asisten Pidana Khusus Kejati Sulteng, Ratna Lubis, memanggil mantan direksi PT Gula Wangi "
        "pekan lalu.",
    )
    assert not any(o == "Sulteng" for _, _, o in rels), rels


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Gubernur memerintahkan Kepala Dinas Perikanan dan Kelautan (Diskanla) Sultra Hendrik Lumentut "
            "untuk mendata kapal.",
            "Hendrik Lumentut",
            "Dinas Perikanan dan Kelautan Sultra",
        ),
        (
            "Gubernur menerima Kepala Kantor Wilayah Kementerian Sosial (Kanwil Kemensos) Jabar, "
            "Syamsul Arif, "
            "di kantornya.",
            "Syamsul Arif",
            "Kantor Wilayah Kementerian Sosial Jabar",
        ),
    ],
)
def test_a_province_short_name_after_a_bodys_short_name_closes_the_branch(ex, text, person, body):
    ents, rels = extract_named(ex, text)
    assert names(ents, "Person") == {person}
    assert (person, "LEADS", body) in rels, rels


def test_a_title_before_a_cue_noun_holds_the_name_after_the_comma(ex):
    ents, _ = extract_named(ex, "Koordinator koalisi, Rizal Hakim, meminta perusahaan itu membuka data.")
    assert "Rizal Hakim" in names(ents, "Person")
    assert "Rizal Hakim" not in names(ents, "Organization")
