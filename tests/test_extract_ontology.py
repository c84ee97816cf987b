"""The ontology is data: validated at construction, extendable by users, picklable extractor."""

import pickle

import pytest

from graph.model import SourceDocument
from loaders.extract import Extractor, OntologyError
from loaders.resolutions import load_resolutions, record_merge, record_split


def test_malformed_yaml_names_the_line(tmp_path):
    p = tmp_path / "o.yaml"
    p.write_text("relations:\n  CONTACTED:\n    core: [oops\n")
    with pytest.raises(OntologyError, match=r"o.yaml:\d+"):
        Extractor(ontology=p)


def test_bad_key_names_line_and_key(tmp_path):
    p = tmp_path / "o.yaml"
    p.write_text("relations:\n  PAID:\n    core: yes-please\n    triggers: {id: [bayar], en: [paid]}\n")
    with pytest.raises(OntologyError, match=r"o.yaml:3: key 'PAID.core'"):
        Extractor(ontology=p)
    p.write_text("relatons: {}\n")
    with pytest.raises(OntologyError, match="relatons"):
        Extractor(ontology=p)


def test_user_adds_a_relation_type_without_code(tmp_path):
    p = tmp_path / "o.yaml"
    p.write_text("relations:\n  PAID:\n    core: false\n    triggers: {id: [bayar], en: [paid]}\n")
    ex = Extractor(ontology=p)
    out = ex.extract(SourceDocument(id="t", text="Hendra Kusuma membayar Rina Astuti kemarin."))
    assert any(r.type == "PAID" for r in out.relations)


def test_extractor_pickles():
    ex = Extractor()
    ex.extract(SourceDocument(id="t", text="Rina Astuti bertemu Bambang Wiryo."))
    clone = pickle.loads(pickle.dumps(ex))
    doc = SourceDocument(id="t", text="Rina Astuti bertemu Bambang Wiryo.")
    assert clone.extract(doc) == ex.extract(doc)


def test_curator_merge_and_split(tmp_path):
    res = tmp_path / "resolutions.yaml"
    text = "Hendra Kusuma bertemu Rina Astuti. Kusuma pulang. Orbitel dan Orbitel Group berbeda."
    record_merge("Person:rina astuti", "Person:hendra kusuma", res)
    assert "merge" in res.read_text()
    out = Extractor(resolutions=res).extract(SourceDocument(id="t", text=text))
    keys = {e.key for e in out.entities}
    assert "Person:hendra kusuma" not in keys and "Person:rina astuti" in keys
    res.unlink()
    record_split("Person:hendra kusuma", "Kusuma", res)
    assert load_resolutions(res).splits == [("Person:hendra kusuma", "Kusuma")]
    out = Extractor(resolutions=res).extract(SourceDocument(id="t", text=text))
    keys = {e.key for e in out.entities}
    assert {"Person:hendra kusuma", "Person:kusuma"} <= keys
