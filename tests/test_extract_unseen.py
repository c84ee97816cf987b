"""Extraction on articles the rules were not written for (tests/data/articles, gold in articles_gold.json).

NOTE TO THE EXTRACTION ENGINEER (from the lead, who cannot message you otherwise):
the seed score is high, but on these six new articles (3 English, 3 Indonesian,
invented actors) entity F1 is ~0.66 and core relation F1 ~0.30. Please fix the
*general* causes below, not these sentences (the lead keeps a further held-out set):

1. Evidence offsets: `doc.text[ev.start:ev.end]` must equal `ev.sentence` for the
   SourceDocument.text the reader produced (test_cli checks it on the seeds; it fails
   today on 002: the offsets seem to be of the preceding sentence / a cleaned text).
   Some edges also carry the wrong sentence (e.g. a MET edge whose evidence is the
   previous sentence).
2. Entity typing: a capitalised span with no title is typed Person by default
   ("Kestrel Logistics", "Accra Lions", "Daily Sentinel", "Ports Authority",
   "Veltra Semiconductor"). Use organisation head nouns as data (Logistics, Capital,
   Semiconductor, Electronics, Research, Authority, League, Daily, Watch, Times, ...)
   and person evidence (titles, honorifics, said/kata + pronoun ia/he/she, a later
   surname-only mention) before choosing Person.
3. Titles with a portfolio or a region: "Menteri Sosial Ratna Widjaja" → "Ratna
   Widjaja" (not "Sosial Ratna Widjaja"); "Menteri Komunikasi dan Digital Meutya
   Rahman"; "Gubernur Jawa Tengah Bambang Susilo"; "Mauritius Transport Minister
   Alan Ferrier" (→ Alan Ferrier, and Mauritius as Country).
4. Datelines ("JAKARTA -", "SEOUL -", "PORT LOUIS (Reuters) -") are places, not
   country aliases; "wartawan di Makassar" is a place, not a Person.
5. Hyphenated given names: "Kim Do-hyun" is one name.
6. Appositive "ORG role PERSON" ("Kestrel Logistics chief executive Maria Delgado",
   "FIFA president Lars Engström"): the relation argument is the PERSON; the
   ORG gets LEADS from the person.
7. Reported-then-denied contacts ("majalah Tempo melaporkan bahwa Yohanes bertemu
   dengan ..." followed by a denial) are not asserted: disputed, or no CONTACTED.
8. "X's trade regulator instructed ..." (unnamed authority) maps to the country X.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from bench.evaluate import GoldSet, score_set, scorer
from graph.model import SourceDocument
from loaders.extract import Extractor
from loaders.readers import read_documents

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def test_evidence_offsets_point_at_the_sentence_in_the_document_text() -> None:
    extractor = Extractor()
    docs: list[SourceDocument] = list(read_documents([ROOT / "seeds", DATA / "articles"], lambda f, r: None))
    assert len(docs) == 11
    for doc in docs:
        for rel in extractor.extract(doc).relations:
            for ev in rel.evidence:
                assert doc.text[ev.start : ev.end] == ev.sentence, (doc.id, rel.type, ev.sentence[:60])


@pytest.mark.skipif(scorer() is None, reason="../shared/eval/score.py is not beside the repository")
def test_unseen_articles_score(tmp_path: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        report = score_set(GoldSet("unseen", DATA / "articles", DATA / "articles_gold.json"), tmp_path)
    print(json.dumps(report))
    # Floors the extractor must keep; the bar is entity F1 >= 0.90 and core F1 >= 0.80.
    assert report["entities"]["f1"] >= 0.80, report["entities"]
    assert report["core"]["f1"] >= 0.60, report["core"]
