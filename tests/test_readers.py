"""Readers: formats, metadata, boilerplate and every kind of bad input reported and skipped."""

import json

import pytest

from loaders.readers import ReaderOptions, read_documents


def read(paths, **kw):
    errors = []
    docs = list(read_documents(paths, lambda f, r: errors.append((f, r)), **kw))
    return docs, errors


def test_txt_boilerplate_removed(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Judul Berita\nReporter : Budi\nEditor : Ani\nKORANKITA.COM - JAKARTA - Rina Astuti berbicara.\n"
        "BACA JUGA: Hal lain\nFoto kedua. Foto: Antara |\nKomentar (0)\nKategori :\nSumber: Reuters\n"
    )
    (doc,), errors = read([f])
    assert not errors
    assert "Reporter" not in doc.text and "BACA" not in doc.text and "Komentar" not in doc.text
    assert "Rina Astuti berbicara." in doc.text and "KORANKITA" not in doc.text and "Antara" not in doc.text


def test_english_credit_lines_removed_and_the_byline_date_kept(tmp_path):
    f = tmp_path / "en.txt"
    f.write_text(
        "Ministry orders audit\n\nBy Jane Okoro | March 3, 2025\n\n"
        "By the end of the year, the ministry said, the audit would be done.\n"
        "Reporting by Jane Okoro; Additional reporting by Wei Tan in Shanghai; Editing by Sam Reed\n"
    )
    (doc,), errors = read([f])
    assert not errors and doc.date == "2025-03-03"
    assert "Okoro" not in doc.text and "Wei Tan" not in doc.text and "Sam Reed" not in doc.text
    assert "By the end of the year" in doc.text


def test_wire_datelines_and_parenthesised_credits_removed(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text(
        "Ban on exports\n\nDOUALA, Nov 20 – Arvania will halt exports.\n"
        "(Reporting by Jane Okoro; Editing by Sam Reed)\n"
    )
    (doc,), errors = read([f])
    assert not errors and "DOUALA" not in doc.text and "Okoro" not in doc.text
    assert "Arvania will halt exports." in doc.text


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "b.html"
    f.write_text(
        "<html><head><title>Judul</title><meta property='article:published_time' "
        "content='2024-10-27T10:00:00'><meta property='og:url' content='https://x.test/a'></head>"
        "<body><nav>Menu Berita</nav><article><p>Rina Astuti bertemu Bambang Wiryo.</p>"
        "<div class='baca-juga'>Baca juga: lain</div><p>Baca Juga: Berita lain</p></article>"
        "<footer>Hak cipta</footer><script>var x=1;</script></body></html>",
        encoding="utf-8",
    )
    (doc,), errors = read([f])
    assert doc.text == "Rina Astuti bertemu Bambang Wiryo."
    assert doc.title == "Judul" and doc.date == "2024-10-27" and doc.url == "https://x.test/a"


def test_jsonl_with_a_bad_line(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(
        json.dumps({"id": "d1", "content": "Teks satu.", "title": "T", "published": "2024-01-02"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "d3", "body": "Teks tiga."})
        + "\n"
    )
    docs, errors = read([f])
    assert [d.id for d in docs] == ["d1", "d3"] and docs[0].date == "2024-01-02"
    assert errors == [(f"{f}:2", errors[0][1])]


def test_csv_configurable_fields(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("kode,isi_berita,judul\nk1,Teks satu.,J1\nk2,,J2\n", encoding="utf-8")
    opts = ReaderOptions(text_fields=("isi_berita",), id_fields=("kode",), title_fields=("judul",))
    docs, errors = read([f], options=opts)
    assert [(d.id, d.title) for d in docs] == [("k1", "J1")]
    assert len(errors) == 1 and errors[0][0].endswith(":3")


def test_bad_inputs_reported_one_line_each(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (tmp_path / "trunc.txt").write_bytes("Kalimat utuh dan panjang sekali é".encode()[:-1])
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 di Bandung ramai sekali hari ini.".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    docs, errors = read([tmp_path, tmp_path / "missing.txt"], options=ReaderOptions(max_bytes=1000))
    reasons = {f.rsplit("/", 1)[-1]: r for f, r in errors}
    assert set(reasons) == {"empty.txt", "bin.txt", "trunc.txt", "big.txt", "missing.txt"}
    assert all("\n" not in r for r in reasons.values())
    (doc,) = docs
    assert doc.text.startswith("Café")


def test_markdown_front_matter_and_markup(tmp_path):
    f = tmp_path / "e.md"
    f.write_text(
        "---\ntitle: Judul\ndate: 2024-05-06\n---\n# Berita\n\n**Rina Astuti** bertemu [Bambang Wiryo](http://x).\n"
    )
    (doc,), errors = read([f])
    assert not errors and doc.title == "Judul" and doc.date == "2024-05-06"
    assert (
        "Rina Astuti bertemu Bambang Wiryo." in doc.text and "**" not in doc.text and "http" not in doc.text
    )


def test_txt_date_from_its_header(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text(
        "Elon Musk berkomunikasi dengan Putin\n\nMinggu 27 Oct 2024 - 21:58 WIB\nReporter : Tedy\n\n"
        "KORANKITA.COM - Rina Astuti bertemu Bambang Wiryo, yang menandatangani kontrak pada 5 Mei 2019.\n",
        encoding="utf-8",
    )
    g = tmp_path / "g.txt"
    g.write_text("Rina Astuti bertemu Bambang Wiryo pada 5 Mei 2019 di Bandung.\n", encoding="utf-8")
    h = tmp_path / "h.txt"  # the date line is boilerplate, removed from the text, but still read
    h.write_text("Sumber: Reuters | Senin, 3 Maret 2025\nRina Astuti bertemu Bambang Wiryo.\n")
    (df, dg, dh), errors = read([f, g, h])
    assert not errors
    assert (df.date, dg.date, dh.date) == ("2024-10-27", "", "2025-03-03")
    assert "Rina Astuti bertemu" in df.text and "Sumber" not in dh.text


def test_metadata_date_wins_over_the_text(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text(
        json.dumps({"id": "m", "text": "Jakarta, Kamis (14/8/2025) - Teks.", "date": "2025-08-15"})
        + "\n"
        + json.dumps({"id": "t", "text": "Jakarta, Kamis (14/8/2025) - Teks."})
        + "\n"
        + json.dumps({"id": "w", "text": "Teks.", "tanggal": "Jumat, 15 Agustus 2025"})
        + "\n",
        encoding="utf-8",
    )
    c = tmp_path / "r.csv"
    c.write_text('id,text\nc1,"By Jane Doe | March 3, 2025\nThe minister said."\n', encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><meta name='date' content='2024-10-27'></head><body>"
        "<p>Senin, 3 Maret 2025 | 10:15 WIB</p><p>Teks.</p></body></html>",
        encoding="utf-8",
    )
    md = tmp_path / "note.md"
    md.write_text("# Judul\n\n*Senin, 3 Maret 2025*\n\nTeks.\n", encoding="utf-8")
    docs, errors = read([f, c, html, md])
    assert not errors
    assert [(d.id, d.date) for d in docs] == [
        ("m", "2025-08-15"),  # the field's date, not the dateline's
        ("t", "2025-08-14"),  # no date field: the dateline's
        ("w", "2025-08-15"),  # a date field in words
        ("c1", "2025-03-03"),
        ("page", "2024-10-27"),  # the meta tag's date
        ("note", "2025-03-03"),
    ]


def test_a_wire_dateline_with_the_wires_credit_is_boilerplate():
    from loaders.readers import strip_boilerplate

    out = strip_boilerplate("CONAKRY, Nov 18 (Westcoast Business Wire) – Guinea's miner signed the deal.")
    assert out.strip() == "Guinea's miner signed the deal."
    assert len(out) == len("CONAKRY, Nov 18 (Westcoast Business Wire) – Guinea's miner signed the deal.")


@pytest.mark.parametrize("line", ["LAGOS, Nigeria, November 21, 2025", "LONDON, 3 March 2025"])
def test_a_dateline_alone_on_its_line_is_boilerplate(line):
    from loaders.readers import strip_boilerplate

    out = strip_boilerplate(f"{line}\nThe navy said it had seized a tanker.")
    assert out.split("\n")[0].strip() == ""
    assert strip_boilerplate("Lagos, Nigeria, is a big city.") == "Lagos, Nigeria, is a big city."


def test_a_wire_dateline_with_the_country_is_not_text() -> None:
    from loaders.readers import strip_boilerplate

    text = "GEOJE, South Korea, April 2 - Workers stayed out.\nTROMSO, Norway - Fishermen protested."
    out = strip_boilerplate(text)
    assert len(out) == len(text)
    assert out.split() == ["Workers", "stayed", "out.", "Fishermen", "protested."]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "MATARAM, TEMPO — Jaringan rumah sakit itu berhenti melayani.",
            "Jaringan rumah sakit itu berhenti melayani.",
        ),
        (
            "SAN JOSE, Nov 18 (Pacific Wire) - Costa Rica summoned the envoy.",
            "Costa Rica summoned the envoy.",
        ),
        ("LA PAZ, Nov 18 - Bolivia summoned the envoy.", "Bolivia summoned the envoy."),
    ],
)
def test_a_dateline_naming_the_publishing_outlet_is_boilerplate(text, body):
    from loaders.readers import strip_boilerplate

    out = strip_boilerplate(text)
    assert out.strip() == body
    assert len(out) == len(text)  # offsets still point into the file
    assert strip_boilerplate("US, UK - talks resume.") == "US, UK - talks resume."
