"""Products: named technology found by a model number or a product appositive, not by a list.

Invented products and companies.
"""

import pytest

from graph.model import SourceDocument
from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def typed(ex, text, lang="en"):
    out = ex.extract(SourceDocument(id="t", text=text, lang=lang))
    return {(e.name, e.type) for e in out.entities}


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Operators cut the link to Quellix 7, a control system built by Tarvo.", "Quellix 7"),
        ("Tender itu disusun agar hanya cocok dengan mesin Vantor 256 buatan Jerman.", "Vantor 256"),
    ],
)
def test_a_name_and_its_model_number(ex, text, product):
    assert (product, "Technology") in typed(ex, text, lang="")


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed on Nov 21 for Rp 38 miliar.",
        "Expo 2030 will open in the capital.",
    ],
)
def test_dates_amounts_and_years_are_no_model_numbers(ex, text):
    assert not {e for e in typed(ex, text) if e[1] == "Technology"}


def test_a_product_appositive(ex):
    found = typed(ex, "Harbor Bank's PayLoop, the country's second-largest instalment service, grew fast.")
    assert ("PayLoop", "Technology") in found
    assert ("Harbor Bank", "Organization") in found


def test_a_company_described_as_a_platform_stays_a_company(ex):
    found = typed(ex, "Regulators fined Zorvex, the country's largest crypto trading platform, on Monday.")
    assert ("Zorvex", "Technology") not in found


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Audit itu memeriksa KreditScore, sistem penilaian kredit otomatis milik Datalaut.", "KreditScore"),
        ("Orbitalis will launch the satellite on its Halcyon rocket.", "Halcyon"),
        ("The shipbuilder says its Seagrip welding system is safe.", "Seagrip"),
        ("Fishermen must log catches in the FangstLog electronic logbook system.", "FangstLog"),
    ],
)
def test_a_brand_or_owned_name_before_a_product_noun_is_a_product(ex, text: str, product: str) -> None:
    assert (product, "Technology") in typed(ex, text)


def test_an_owned_name_without_a_product_noun_is_no_product(ex) -> None:
    assert not any(
        t == "Technology" for _, t in typed(ex, "The company said its Jakarta office would close.")
    )


def test_a_long_possessive_appositive_still_names_a_product(ex) -> None:
    text = "Cloned seals blinded PortWatch, the authority's electronic cargo-tracking system."
    assert ("PortWatch", "Technology") in typed(ex, text)


def test_a_brand_described_as_a_maker_of_the_product_is_no_product(ex) -> None:
    text = "Selain itu, OrbitX juga merupakan satu-satunya penyedia roket di negara itu."
    assert not any(t == "Technology" for _, t in typed(ex, text, "id"))


def test_a_product_named_before_its_kind_in_ordinary_words():
    from extraction import extract_named, names

    from loaders.extract import Extractor

    ents, _ = extract_named(Extractor(), "The outage hit its Simba Pay mobile money service for three days.")
    assert names(ents, "Technology") == {"Simba Pay"}
    ents, _ = extract_named(Extractor(), "Kilima Foods said its service would resume on Monday.")
    assert "Kilima Foods" in names(ents, "Organization")
    assert not names(ents, "Technology")


@pytest.mark.parametrize(
    ("text", "lang", "product"),
    [
        (
            "The board caught him with DopeTrace, the board's new long-term sample analysis system.",
            "en",
            "DopeTrace",
        ),
        ("Penyidik memakai sistem pelacakan KAPALNET milik kementerian itu.", "id", "KAPALNET"),
        (
            "Maskapai itu menghentikan penjualan tiket lewat aplikasi miliknya, TerbangKu, sejak Senin.",
            "id",
            "TerbangKu",
        ),
    ],
)
def test_products_named_after_a_possessor_or_an_affixed_kind(ex, text, lang, product):
    assert (product, "Technology") in typed(ex, text, lang)


def test_an_affixed_kind_before_a_plain_name_is_no_product(ex):
    assert not any(
        t == "Technology" for _, t in typed(ex, "Warga mengeluhkan sistem pemerintahan Hartono.", "id")
    )
