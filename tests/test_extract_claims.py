"""Claims and their denials across sentences: who made the claim, who denies it, what stays asserted.

Invented outlets, officials and companies; each test is one shape of news prose.
"""

import pytest

from graph.model import SourceDocument
from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def run(ex, text):
    out = ex.extract(SourceDocument(id="t", text=text))
    ents = {e.key: e for e in out.entities}
    rels = {(ents[r.source].name, r.type, ents[r.target].name): r for r in out.relations}
    return ents, rels


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
