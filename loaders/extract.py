"""Extractor: one `SourceDocument` in, one `Extraction` (entities + evidenced relations) out.

Stages, each its own module: `text` (sentences and tokens with offsets) ->
`language` -> `mentions` -> `resolve` (entities and keys) -> `relations`.
The Extractor is pure and deterministic (same text and configuration give the
same output), makes no network access, and is picklable: heavy resources
(ontology tables, country gazetteer, stemmer cache) are built lazily in each
process, never pickled.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.model import Extraction, SourceDocument
from loaders.language import detect_language
from loaders.mentions import (
    Lexicon,
    Mention,
    MentionFinder,
    PhraseTable,
    common_acronyms,
    is_titlecase,
    vessel_names,
)
from loaders.ontology import OntologyError, load_ontology
from loaders.relations import RelationFinder
from loaders.resolutions import Resolutions, load_resolutions
from loaders.resolve import Resolver
from loaders.text import Sentence, split_sentences

__all__ = ["Extractor", "OntologyError"]


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """PySastrawi's cached stemmer, wrapped in a per-word cache (one per process)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stem = StemmerFactory().create_stemmer()
    return lru_cache(maxsize=200_000)(stem.stem)


def _bare_names(body: list[list[Mention]]) -> frozenset[str]:
    """Words the document uses alone as a name, lower-cased."""
    return frozenset(m.name.lower() for ms in body for m in ms if m.kind == "bare")


_PUBLISH_VERBS = frozenset(["reported", "melaporkan", "memberitakan"])
_REPORT_CONTENT = frozenset(["that", "bahwa"])
_CITING = frozenset(["citing", "quoting", "mengutip"])


def _outlets_by_report(sentences: list[Sentence], body: list[list[Mention]]) -> None:
    """An untitled name that "reported that ..." or "reported, citing ..." is an outlet ("Asia FinWire
    reported, citing two people familiar with the matter, that ..."), unless the document titles a
    person so."""
    titled = {m.name.lower() for ms in body for m in ms if m.type == "Person" and m.title}
    for s, ms in zip(sentences, body, strict=True):
        words = list(s.words) if s.words else [t.lower for t in s.tokens]
        for m in ms:
            e = m.end
            if (
                m.kind == "name"
                and m.type == "Person"
                and not m.title
                and e + 1 < len(words)
                and words[e] in _PUBLISH_VERBS
                and (
                    words[e + 1] in _REPORT_CONTENT
                    or (words[e + 1] == "," and e + 2 < len(words) and words[e + 2] in _CITING)
                )
                and m.name.lower() not in titled
            ):
                m.type = "Organization"


def _place_words(sentences: list[Sentence], lex: Lexicon) -> frozenset[tuple[str, ...]]:
    """One- and two-word names the document gives places: after a settlement head ("Kabupaten Wanaraja",
    "Kota Tebing Tinggi") or a place preposition ("di Wanaraja")."""
    out: set[tuple[str, ...]] = set()
    for s in sentences:
        toks = s.tokens
        for k, t in enumerate(toks[:-1]):
            if t.lower in lex.settlement_heads or t.lower in lex.place_preps:
                if toks[k + 1].is_cap and toks[k + 1].is_word:
                    out.add((toks[k + 1].lower,))
                    if k + 2 < len(toks) and toks[k + 2].is_cap and toks[k + 2].is_word:
                        out.add((toks[k + 1].lower, toks[k + 2].lower))
    return frozenset(out)


def _has_phrase(table: PhraseTable, s: Sentence) -> bool:
    words = list(s.words) if s.words else [t.lower for t in s.tokens]
    if table.by_first.keys().isdisjoint(words):
        return False  # no word opens a phrase: the common case, one set test
    return any(w in table.by_first and table.match(words, k) for k, w in enumerate(words))


def _headline_end(text: str) -> int:
    """Where a headline line ends: a first line without a sentence's final punctuation, followed by
    more lines; 0 when the text does not open with one."""
    first = text.lstrip()
    if "\n" not in first:
        return 0
    end = len(text) - len(first) + first.index("\n")
    return 0 if text[:end].rstrip().endswith((".", "!", "?", '"', "”")) else end


class Extractor:
    """Extracts entities and relations from documents with a YAML ontology and curator resolutions."""

    def __init__(self, ontology: Path | None = None, resolutions: Path | None = None) -> None:
        self.ontology_path = Path(ontology) if ontology is not None else None
        self.resolutions_path = Path(resolutions) if resolutions is not None else None
        self._onto = load_ontology(self.ontology_path)  # validates now: OntologyError at construction
        self._res: Resolutions = (
            load_resolutions(self.resolutions_path) if self.resolutions_path else Resolutions()
        )
        self._state: dict[str, Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"ontology_path": self.ontology_path, "resolutions_path": self.resolutions_path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ontology_path"], state["resolutions_path"])  # type: ignore[misc]

    def _ready(self) -> dict[str, Any]:
        if self._state is None:
            stem = _stemmer()
            lex = Lexicon(self._onto.entities, stem)
            self._state = {
                "lex": lex,
                "finder": MentionFinder(lex),
                "resolver": Resolver(lex),
                "relations": RelationFinder(self._onto, lex, stem),
            }
        return self._state

    def extract(self, doc: SourceDocument) -> Extraction:
        st = self._ready()
        text = doc.text
        lang = doc.lang or detect_language(text)
        sentences = split_sentences(text)
        finder: MentionFinder = st["finder"]
        st["lex"].indonesian = lang != "en"
        finder.common_acronyms = common_acronyms(text)
        finder.vessel_names = vessel_names(sentences, st["lex"])
        body: list[list[Mention]] = []
        headline: list[int] = []
        for si, s in enumerate(sentences):
            if is_titlecase(s):
                headline.append(si)
                body.append([])
            else:
                body.append(finder.find(s, si))
        # a word used alone as a name ("Kusuma menepis ...") ends a name glued to an organisation
        # ("PT Sinar Nusantara Dewi Kusuma"): re-read the sentences where that matters
        surnames = _bare_names(body)
        if surnames:
            for si, ms in enumerate(body):
                if any(
                    m.type == "Organization" and m.name.split()[-1].lower() in surnames
                    for mm in ms
                    for m in (mm, mm.of)
                    if m is not None
                ):
                    body[si] = finder.find(sentences[si], si, surnames=surnames)
        # an organisation's name or short name of several words ("Kantor Wilayah Pajak Kalimantan Timur
        # (Kanwil Pajak Kaltim)", "anak usaha Lintas Kayu Nusantara") is that organisation wherever a title
        # stands before it ("Kepala Kanwil Pajak Kaltim, X", "Juru bicara Lintas Kayu Nusantara, X"):
        # re-read the sentences that took it for a person's name
        shorts = frozenset(
            tuple(form.lower().split())
            for ms in body
            for mm in ms
            for m in (mm, mm.of)
            if m is not None and m.type == "Organization"
            for form in (m.acronym, m.name)
            if " " in form
        )
        if shorts:
            finder.short_names = shorts
            for si, ms in enumerate(body):
                if any(
                    m.type == "Person" and m.title and tuple(m.name.lower().split()) in shorts for m in ms
                ):
                    body[si] = finder.find(sentences[si], si, surnames=surnames)
            finder.short_names = frozenset()
        # a company anaphor ("the company", "perusahaan itu") takes up a one-word subject of its own or
        # the previous sentence
        anaphoric = [_has_phrase(st["lex"].org_anaphors, s) for s in sentences] + [False]
        lex = st["lex"]
        for si, ms in enumerate(body):
            # the sentence's first name, past an ordinary word that opens it ("Sponsor utama liga, X, ...")
            first = next(
                (
                    m
                    for m in ms
                    if not (m.kind == "bare" and m.sentence_initial and lex.in_dictionary(m.name))
                ),
                None,
            )
            if (
                first is not None
                and first.kind == "bare"
                and first.type == ""
                and (anaphoric[si] or anaphoric[si + 1])
            ):
                first.org_hint = True
            elif (
                first is not None
                and first.kind == "name"
                and first.type == "Person"
                and not first.title
                and anaphoric[si + 1]
                and lex.person_pronouns.isdisjoint(sentences[si + 1].words)
            ):
                # "Andaman Wings grounded ... The airline said ...": an untitled name taken up by a
                # company anaphor in the next sentence (resolution retypes its other mentions)
                first.type = "Organization"
        _outlets_by_report(sentences, body)
        # a sentence opened by a first or last name that looks like an affixed word ("Dimas" = di+mas)
        person_words = frozenset(
            w
            for ms in body
            for m in ms
            if m.type == "Person" and m.kind == "name"
            for ws in [m.name.lower().split()]
            if len(ws) >= 2
            for w in (ws[0], ws[-1])
        )
        if person_words:
            for si, s in enumerate(sentences):
                first = next((t for t in s.tokens if t.is_word), None)
                if (
                    first is not None
                    and first.lower in person_words
                    and si not in headline
                    and not any(m.start == s.tokens.index(first) for m in body[si])
                ):
                    body[si] = finder.find(s, si, surnames=surnames, person_words=person_words)
        # "Bupati Tanah Merapu Markus Dapa Loka" ... "Markus membantah": a titled name holding a word
        # the document uses alone as a name starts at that word (the words before are a place)
        alone = _bare_names(body)  # again: the re-reads above may have changed the mentions
        places = _place_words(sentences, lex)
        for ms in body:
            for m in ms:
                if m.type == "Person" and m.kind == "name" and m.title:
                    parts = m.name.split()
                    cut = next((k for k in range(1, len(parts) - 1) if parts[k].lower() in alone), 0)
                    if (
                        not cut
                        and len(parts) >= 3
                        and lex.regional_titles.intersection(
                            tuple(m.title.split()[k:]) for k in range(len(m.title.split()))
                        )
                    ):
                        # "Bupati Wanaraja Dodi Saputra" where the text also says "Kabupaten Wanaraja"
                        cut = next(
                            (
                                k
                                for k in (2, 1)
                                if len(parts) - k >= 2 and tuple(w.lower() for w in parts[:k]) in places
                            ),
                            0,
                        )
                    if cut:
                        m.name = " ".join(parts[cut:])
        # headlines: only names the body already uses
        known: dict[tuple[str, ...], str] = {}
        for ms in body:
            for m in ms:
                if m.type in ("Person", "Organization", "Technology") and m.kind in ("name", "acronym"):
                    known[tuple(w.lower() for w in m.name.split())] = m.type
                    parts = m.name.split()
                    if m.type == "Person" and len(parts) >= 2:
                        known.setdefault((parts[-1].lower(),), "Person")
        for si in headline:
            body[si] = finder.find(sentences[si], si, titlecase=True, known=known)
        flat = [m for ms in body for m in ms]
        ents = st["resolver"].resolve(flat)
        self._res.apply(flat, ents)
        relations = st["relations"].find(doc.id, sentences, body, ents, use_stems=(lang != "en"))
        keys = set(ents.entities)
        relations = [r for r in relations if r.source in keys and r.target in keys]
        head_end = _headline_end(text)
        if head_end:
            # a headline's telegraphic grammar ("Zambia regulator orders audit of X"): its relations
            # count only when the body states them too
            relations = [r for r in relations if any(e.start >= head_end for e in r.evidence)]
        entities = sorted(ents.entities.values(), key=lambda e: e.key)
        if not doc.lang:
            doc = replace(doc, lang=lang)  # the detected language travels with the document
        return Extraction(document=doc, entities=entities, relations=relations)
