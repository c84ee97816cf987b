"""Any text at all: extraction never crashes, stays deterministic, and evidence offsets are exact."""

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import SourceDocument
from loaders.extract import Extractor

EX = Extractor()
WORDS = st.sampled_from(
    [
        "Presiden",
        "Rusia",
        "Budi",
        "Santoso",
        "bertemu",
        "dengan",
        "dan",
        "tidak",
        "membantah",
        "laporan",
        "PT",
        "Maju",
        "Group",
        "Ia",
        ",",
        ".",
        "“",
        "”",
        "\n",
        "menurut",
        "AS",
        "Kremlin",
        "di",
        "yang",
        "X",
        "AI",
        "pengembangan",
        "memerintahkan",
        "untuk",
        "spoke",
        "with",
        "denied",
        "the",
        "report",
        "é",
        "TrumpMusk",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=60), st.text(max_size=40))
def test_any_text(words, noise):
    text = " ".join(words) + noise
    doc = SourceDocument(id="h", text=text)
    a = EX.extract(doc)
    assert a == EX.extract(doc)
    keys = {e.key for e in a.entities}
    for r in a.relations:
        assert r.source in keys and r.target in keys
        for ev in r.evidence:
            assert text[ev.start : ev.end] == ev.sentence
