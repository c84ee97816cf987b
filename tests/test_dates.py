"""Dates read from an article's header: date lines, bylines, datelines; never from the body."""

import pytest
from babel.dates import get_day_names, get_month_names

from loaders.dates import HEAD_CHARS, date_from_text

BODY_ID = (
    "Pemerintah daerah menyatakan proyek jalan tol itu akan dilanjutkan tahun depan setelah "
    "pembebasan lahan selesai, kata juru bicara pemerintah provinsi kepada wartawan.\n"
)
BODY_EN = (
    "The regional government said the toll road project would resume next year once land "
    "acquisition is complete, a spokesperson for the provincial administration told reporters.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indonesian date lines and datelines
        ("Banjir rendam tiga desa\n\nMinggu 27 Oct 2024 - 21:58 WIB\nReporter : Tedy\n", "2024-10-27"),
        ("Jakarta, Kamis (14/8/2025) - Gubernur meresmikan pasar baru di Tanah Abang.", "2025-08-14"),
        ("Senin, 3 Maret 2025 | 10:15 WIB\nWarga mengantre minyak goreng.", "2025-03-03"),
        ("Harga beras naik\nDiperbarui 12 Januari 2025, 08:00\nHarga beras medium naik.", "2025-01-12"),
        ("Diterbitkan: 2 Desember 2024\nPemerintah mengumumkan...", "2024-12-02"),
        ("SURABAYA, SABTU (7/9/2024) - Ribuan suporter memadati stadion.", "2024-09-07"),
        ("Jum'at, 3 Nopember 2023 - 19.30 WIB\nHujan deras.", "2023-11-03"),
        ("Selasa, 5 Agt 2025\nRapat dimulai pukul 09.00.", "2025-08-05"),
        ("Sumber: Reuters | Editor: Ani | Rabu, 1 Januari 2025\nTeks berita.", "2025-01-01"),
        # English date lines and bylines
        ("Storm closes ports\nBy Jane Doe | March 3, 2025\nPorts were shut.", "2025-03-03"),
        ("Published: 2025-03-03\nThe minister said...", "2025-03-03"),
        ("Posted 2025-03-03T08:15:00Z\nThe minister said...", "2025-03-03"),
        ("Updated Nov. 4, 2024 7:02 pm ET\nVoters lined up early.", "2024-11-04"),
        ("3 March 2025\nThe minister said...", "2025-03-03"),
        ("Reuters staff · Sept 9, 2024\nMarkets fell.", "2024-09-09"),
        ("Sunday, October 27th, 2024\n\nThe talks ended.", "2024-10-27"),
        ("LONDON, Tuesday 4 March 2025 - Ministers met.", "2025-03-04"),
        # a weekday date in the first sentence is the news day (Indonesian and English style)
        (
            'Bupati membantah laporan itu.\n\n"Tidak benar," kata Asri di kantornya, Kamis (12/6/2025).',
            "2025-06-12",
        ),
        ("The central bank on Monday, March 3, 2025, ordered the lender to freeze accounts.", "2025-03-03"),
        # leading blank lines do not hide the header
        ("\n\n   \n3 Maret 2025\nTeks.", "2025-03-03"),
    ],
)
def test_header_dates(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Tanpa tanggal sama sekali.\nHanya teks berita biasa tentang harga cabai.",
        "JAKARTA, KOMPAS.com - Presiden meninjau lokasi banjir.",  # a dateline without a date
        # a date in running prose is an event date, not the publication date
        "The deal signed on 5 May 2019 collapsed after the election.",
        "Perjanjian yang ditandatangani pada 5 Mei 2019 itu dibatalkan.",
        "Pada tanggal 5 Mei 2019, kedua negara menandatangani perjanjian.",
        "Kontrak itu berakhir 17 Agustus 2024 dan tidak diperpanjang.",
        # impossible dates
        "Jakarta, Senin (31/2/2025) - Teks.",
        "Published: 2025-02-30\nText.",
        "30 Februari 2024\nTeks.",
        "Published: 2025-13-01\nText.",
        # times, a lone year, a month and year, numbers that are not dates
        "Pukul 10:15 WIB\nRapat dimulai pukul 10.15 dan selesai 12.30.",
        "Updated 10:15 am ET\nMarkets opened.",
        "2024\nLaporan tahunan.",
        "Sepanjang 2024 harga naik.\nOktober 2024\nTeks.",
        "Harga Rp 1.250.000 per gram\nTelepon 0812-3456-7890.",
        # years outside 1900..2100
        "Published: 1850-03-03\nText.",
        "3 March 2150\nText.",
        # two-digit years without a weekday to confirm them
        "Jakarta (14/8/25) - Teks.",
    ],
)
def test_no_publication_date(text):
    assert date_from_text(text) == ""


def test_body_date_after_the_header_not_taken():
    text = "Judul berita\n\n" + BODY_ID * 4 + "Jakarta, Kamis (14/8/2025) - Rapat ditutup.\n3 March 2025\n"
    assert text.index("Kamis") > HEAD_CHARS
    assert date_from_text(text) == ""
    assert date_from_text("Title\n\n" + BODY_EN * 4 + "Published: 2025-03-03\n") == ""


def test_header_date_wins_over_a_weekday_date_in_the_lead():
    text = "Senin, 3 Maret 2025 | 10:15 WIB\nMenteri bertemu gubernur, Minggu (2/3/2025), di Semarang.\n"
    assert date_from_text(text) == "2025-03-03"
    lead = "Menteri bertemu gubernur, Minggu (2/3/2025), di Semarang.\nDiperbarui 3 Maret 2025\n"
    assert date_from_text(lead) == "2025-03-03"


def test_first_header_date_wins_and_an_impossible_one_is_skipped():
    assert date_from_text("Published: 2025-02-31\nUpdated: 2025-03-01\nText.") == "2025-03-01"
    assert date_from_text("Published: 2025-03-01\nUpdated: 2025-03-02\nText.") == "2025-03-01"


def test_numeric_dates_are_day_first_in_indonesian():
    assert date_from_text("Tanggal: 3/4/2025\nTeks.") == "2025-04-03"
    assert date_from_text("Tanggal: 3/4/2025\nTeks.", lang="id") == "2025-04-03"
    assert date_from_text("Tanggal: 03-04-2025\nTeks.", lang="id") == "2025-04-03"
    assert date_from_text("Tanggal: 03.04.2025\nTeks.", lang="id") == "2025-04-03"
    assert date_from_text("Tanggal: 4/14/2025\nTeks.", lang="id") == ""  # no 14th month
    assert date_from_text("Date: 4/14/2025\nText.") == "2025-04-14"  # only month-first is possible


def test_ambiguous_numeric_english_dates_need_a_weekday():
    assert date_from_text("Date: 3/4/2025\nText.", lang="en") == ""
    assert date_from_text("Date: 14/3/2025\nText.", lang="en") == "2025-03-14"
    assert date_from_text("Monday, 3/3/2025\nText.", lang="en") == "2025-03-03"
    # 4 March 2025 is a Tuesday, 3 April 2025 a Thursday: the weekday decides the order
    assert date_from_text("Tuesday 3/4/2025\nText.", lang="en") == "2025-03-04"
    assert date_from_text("Thursday 3/4/2025\nText.", lang="en") == "2025-04-03"


def test_two_digit_years_only_when_the_weekday_confirms_them():
    assert date_from_text("Jakarta, Kamis (14/8/25) - Teks.") == "2025-08-14"
    assert date_from_text("Jakarta, Jumat (14/8/25) - Teks.") == ""  # 14/8/2025 is a Thursday


def test_every_cldr_month_and_weekday_name_is_read():
    for loc in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for num, month in get_month_names(width, locale=loc).items():
                assert date_from_text(f"3 {month} 2025\nTeks.") == f"2025-{num:02d}-03", month
                assert date_from_text(f"{month.upper()} 3, 2025\nText.") == f"2025-{num:02d}-03", month
            for day in get_day_names(width, locale=loc).values():
                assert date_from_text(f"Laporan, {day} (3/3/2025), berlanjut.") == "2025-03-03", day


@pytest.mark.parametrize(("name", "month"), [("Sept", 9), ("Agu", 8), ("Okt", 10), ("Des", 12), ("Nop", 11)])
def test_common_month_variants(name, month):
    assert date_from_text(f"Terbit {name}. 9, 2024\nTeks.") == f"2024-{month:02d}-09"
    assert date_from_text(f"9 {name} 2024 - 10:15 WIB\nTeks.") == f"2024-{month:02d}-09"


def test_lower_case_and_upper_case_names():
    assert date_from_text("minggu 27 oktober 2024\nteks.") == "2024-10-27"
    assert date_from_text("MINGGU 27 OKTOBER 2024\nTEKS.") == "2024-10-27"


def test_names_inside_words_are_not_names():
    # "Mayor" is not "May", "Senat" not "Sen", "Decade" not "Dec"
    assert date_from_text("Mayor 3, 2025\nText.") == ""
    assert date_from_text("3 Decade 2025\nText.") == ""
    assert date_from_text("Senat (3/3/2025), bersidang.") == ""


def test_deterministic_and_total():
    text = "Minggu 27 Oct 2024 - 21:58 WIB\n" + BODY_ID
    assert {date_from_text(text) for _ in range(5)} == {"2024-10-27"}
    for junk in (
        "\x00\x01",
        "((((",
        "1/1/1/1/1/1",
        "9" * 5000,
        "Senin " * 1000,
        "\n" * 3000 + "3 Maret 2025",
    ):
        assert isinstance(date_from_text(junk), str)
