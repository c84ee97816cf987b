"""Relation extraction: typed, evidenced relations between a document's resolved mentions.

Driven by the ontology: each relation type lists trigger verbs (Indonesian on
PySastrawi stems, English on surface forms), event nouns, and behaviour
(symmetric, factual, authority). Roles come from shallow syntax over tokens:
the subject is the nearest mention left of the trigger in subject position
(skipping relative clauses "yang ...", appositives, prepositional phrases,
and stopping at clause openers and reporting verbs), the object the first
mention right of it, with coordination ("A dan B") expanded on both sides.
Passives ("diperintahkan oleh X") swap roles. Factuality: negated, planned,
hypothetical or denied events are not asserted; reported speech keeps its
source (`reported_by`); a DENIED edge points at the claimant, else at the
entity the claim is about (never the denier's own side), and relations the
document itself disputes are marked `disputed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from graph.model import Evidence, Relation
from loaders.mentions import Lexicon, Mention, PhraseTable, _phrases
from loaders.ontology import Ontology
from loaders.resolve import DocEntities
from loaders.text import Sentence

_PUNCT_STOP = {";", ":", "“", "”", '"', "(", ")", "?", "!", "|"}


@dataclass(slots=True)
class Ref:
    """An argument: an entity key and the token span that names it."""

    key: str
    start: int
    end: int
    type: str


def _words_in(words: Sequence[str], *vocabularies: AbstractSet[str]) -> list[tuple[int, str]]:
    """(index, word) of the words that belong to one of `vocabularies`, in order (most sentences
    have none: one set test each instead of a loop over the words)."""
    present = [voc for voc in vocabularies if not voc.isdisjoint(words)]
    if not present:
        return []
    if len(present) == 1:
        voc = present[0]
        return [(k, w) for k, w in enumerate(words) if w in voc]
    return [(k, w) for k, w in enumerate(words) if any(w in voc for voc in present)]


class SentenceView:
    """One sentence prepared for role finding: words, stems, mentions by token."""

    def __init__(
        self,
        s: Sentence,
        mentions: list[Mention],
        stem: Callable[[str], str],
        use_stems: bool,
        pronoun_key: Callable[[], str],
        lex: Lexicon,
        definite: Callable[[str], str] | None = None,
    ) -> None:
        self.s = s
        self.toks = s.tokens
        self.words = s.words if s.words else [t.lower for t in s.tokens]
        self._stem = stem
        self.use_stems = use_stems
        self.n = len(self.words)
        self.cover: list[int] = [-1] * self.n
        self.refs: list[Ref] = []
        # a role nobody holds by name ("a member of ASEAN") still names its body
        spans = [
            m if m.key else m.of
            for m in mentions
            if not m.modifier
            and (m.key or (m.kind == "role" and m.title_kind == "member" and m.of is not None and m.of.key))
        ]
        for m in sorted(spans, key=lambda m: m.start):  # type: ignore[union-attr]
            if any(self.cover[k] >= 0 for k in range(m.start, m.end)):
                continue
            self.refs.append(Ref(m.key, m.start, m.end, m.type))
            for k in range(m.start, m.end):
                self.cover[k] = len(self.refs) - 1
        # definite descriptions of organisations: "the league", "perusahaan tersebut" -> the most recent
        # organisation of the document named with that head noun
        if definite is not None:
            for k, w in enumerate(self.words):
                if self.cover[k] >= 0 or not w.isalpha():
                    continue
                before = self.words[k - 1] if k > 0 else ""
                after = self.words[k + 1] if k + 1 < self.n else ""
                if before == "the" or after in ("tersebut", "itu"):
                    key = definite(w)
                    if key:
                        lo, hi = (k - 1, k + 1) if before == "the" else (k, k + 2)
                        if all(self.cover[x] < 0 for x in range(lo, hi)):
                            self.refs.append(Ref(key, lo, hi, "Organization"))
                            for x in range(lo, hi):
                                self.cover[x] = len(self.refs) - 1
            # "Indonesia's competition watchdog", "Chinese ministry": a body of the country that the
            # document names elsewhere with that head noun is that body, not the country
            for idx, r in enumerate(list(self.refs)):
                if r.type != "Country":
                    continue
                k = r.end + (1 if r.end < self.n and self.words[r.end] in ("'s", "’s") else 0)
                for h in range(k, min(self.n, k + 3)):
                    w = self.words[h]
                    if self.cover[h] >= 0 or not w.isalpha():
                        break
                    key = definite(w)
                    if key:
                        self.refs[idx] = Ref(key, r.start, h + 1, "Organization")
                        for x in range(r.start, h + 1):
                            self.cover[x] = idx
                        break
        # pronouns: "ia", "dia", "he" stand for the person subject before them (this sentence first)
        for k, w in enumerate(self.words):
            if self.cover[k] < 0 and w in lex.person_pronouns:
                key = ""
                for r in reversed(self.refs):
                    if (
                        r.type == "Person"
                        and r.end <= k
                        and not (r.start > 0 and self.words[r.start - 1] in lex.prepositions)
                    ):
                        key = r.key
                        break
                key = key or pronoun_key()
                if key:
                    self.refs.append(Ref(key, k, k + 1, "Person"))
            elif self.cover[k] < 0 and w in lex.speaker_pronouns:
                # "Menurut Marlina, pihaknya ...": the person or body named before it, a speaker
                for r in reversed(self.refs):
                    if r.type in ("Person", "Organization") and r.end <= k:
                        self.refs.append(Ref(r.key, k, k + 1, r.type))
                        break
            elif self.cover[k] < 0 and w in lex.org_pronouns:
                # "the Department said it had instructed ...": the body named before it
                for r in reversed(self.refs):
                    if r.type in ("Organization", "Country") and r.end <= k:
                        self.refs.append(Ref(r.key, k, k + 1, r.type))
                        break
        self.refs.sort(key=lambda r: r.start)
        self.cover = [-1] * self.n
        for idx, r in enumerate(self.refs):
            for k in range(r.start, r.end):
                self.cover[k] = idx
        self.stems: dict[int, str] = {}
        self.report: frozenset[int] | None = None
        self.spans: list[tuple[int, int]] | None = None
        self.infos: list[tuple[list[tuple[str, str]], bool, bool]] | None = None  # see _word_infos

    def stem(self, k: int) -> str:
        if not self.use_stems:
            return self.words[k]
        st = self.stems.get(k)
        if st is None:
            w = self.words[k]
            st = self._stem(w) if w.isalpha() else w
            self.stems[k] = st
        return st

    def ref_at(self, k: int) -> Ref | None:
        i = self.cover[k] if 0 <= k < self.n else -1
        return self.refs[i] if i >= 0 else None


# "dilaporkan oleh X", "a report by X": words that name the source of a report after them
_REPORT_WORDS = frozenset(["dilaporkan", "reported", "laporan", "report"])
_CLAIM_DETERMINERS = frozenset(
    ["the", "a", "an", "these", "those", "this", "that", "such", "all", "its", "his", "her", "their", "our"]
)

# Counting words before a received person or delegation ("menerima lima perwakilan APDI")
_QUANTIFIERS = frozenset(
    "a an the para sejumlah beberapa dua tiga empat lima enam tujuh delapan sembilan sepuluh puluhan "
    "ratusan".split()
)
_PORTFOLIO_GLUE = frozenset(["of", "for", "the", "dan", "and", "&", "urusan", "bidang"])
# Between a role and its holder: "X, a member of Y", "X is one of the members of Y", "X sebagai ..."
_ROLE_ARTICLES = frozenset("a an the one of all both salah satu seorang sebuah".split())
_ROLE_COPULAS = frozenset(", sebagai as is are was were became merupakan adalah menjadi".split())
# Words that open a reported clause after an object ("told X that ...", "told X it would ...")
_CLAUSE_SUBJECTS = frozenset("that it he she they we i bahwa".split())
_BE = frozenset(["was", "were", "been", "being", "is", "are"])
# Words before an English "-s" trigger that make it a plural noun ("a surge in orders", "the heads").
_NOUN_BEFORE = frozenset(
    "a an the in of for with new more fresh its their his her our your no any these those such".split()
)
# Adverbs between a passive verb and its agent
_PASSIVE_ADVERBS = frozenset(
    [
        "langsung",
        "secara",
        "pula",
        "juga",
        "keras",
        "tegas",
        "directly",
        "personally",
        "also",
        "formally",
        "strongly",
        "flatly",
        "firmly",
    ]
)
# Relations read from how the article describes its actors ("Dirjen X, Suhendra", "satelit milik ESA"),
# not from an event it reports: a denied report does not dispute them
_DESCRIPTIVE_RULES = frozenset(["title", "owner-cue", "owner-noun"])
# Words after a claim noun that state its content, so the claim names its own subject ("the report
# that ...", "laporan bahwa ...", "tudingan soal ...")
_CLAIM_CONTENT = frozenset(
    ["bahwa", "that", "yang", "which", "about", "tentang", "mengenai", "of", "soal", "on"]
)


class RelationFinder:
    """Finds relations in a document's sentences (pure; one instance per process)."""

    def __init__(self, onto: Ontology, lex: Lexicon, stem: Callable[[str], str]) -> None:
        self.onto = onto
        self.lex = lex
        self.stem = stem
        self.types = onto.relations
        f = onto.factuality
        self.negation = frozenset(f.get("negation", []))
        self.hypothetical = frozenset(f.get("hypothetical", []))
        self.modal = frozenset(f.get("modal", []))
        ins = self.types.get("INSTRUCTED")
        self.needs_complement = frozenset(
            str(w).lower()
            for ws in ((ins.extra.get("needs_complement") or {}).values() if ins else [])
            for w in ws
        )
        self.unrealised_after = PhraseTable(_phrases(f.get("unrealised_after", [])))
        self.denial_scope = frozenset(f.get("denial_scope", []))
        r = onto.reporting
        self.report_preps = PhraseTable(_phrases(r.get("source_prepositions", [])))
        self.report_verbs = frozenset(r.get("verbs_id", [])) | frozenset(r.get("verbs_en", []))
        self.report_passive = frozenset(r.get("passive_id", []))
        # verbs that put a claim on record (a later "membantah laporan tersebut" points at its author)
        self.claim_verbs = frozenset(r.get("claim_verbs", []))
        self.claim_nouns = frozenset(r.get("claim_nouns", []))
        denied = self.types.get("DENIED")
        self.falsity = PhraseTable(_phrases(denied.extra.get("falsity_words") if denied else []))
        # trigger index: word or stem -> [(type, role)]
        self.verb_index: dict[str, list[tuple[str, str]]] = {}
        self.nouns: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.stem_index: dict[str, list[tuple[str, str]]] = {}
        for name, rt in self.types.items():
            for lang, words in rt.triggers.items():
                for w in words:
                    self._index(w, name, "verb", lang)
            for _lang, words in rt.nouns.items():
                for w in words:
                    self.nouns.setdefault(tuple(w.split()), []).append((name, "noun"))
            for key, role in (
                ("authority_triggers", "authority"),
                ("claim_object_triggers", "claim_object"),
                ("rebuttal_verbs", "rebuttal"),
                ("reception_triggers", "reception"),
            ):
                for lang, words in (rt.extra.get(key) or {}).items():
                    for w in words:
                        self._index(w, name, role, lang)
            for w in rt.extra.get("owner_after", []) or []:
                self._index(w, name, "owner_after")
            for w in rt.extra.get("owner_before", []) or []:
                self._index(w, name, "owner_before")
        self.noun_table = PhraseTable(self.nouns)
        c = self.types.get("CONTACTED")
        self.light_verbs = frozenset(
            w for ws in ((c.extra.get("light_verbs") or {}).values() if c else []) for w in ws
        )
        self.needs_prep = frozenset(
            w for ws in ((c.extra.get("needs_preposition") or {}).values() if c else []) for w in ws
        )
        self.obj_preps = frozenset(
            w for ws in ((c.extra.get("object_prepositions") or {}).values() if c else []) for w in ws
        )
        self.delegation_nouns = frozenset(
            str(w).lower() for w in (c.extra.get("delegation_nouns") or [] if c else [])
        )
        self.in_person = frozenset(
            w for ws in ((c.extra.get("in_person") or {}).values() if c else []) for w in ws
        )
        self.exclude = frozenset(str(w) for w in (c.extra.get("exclude_surface") or [] if c else []))
        self.exclude_phrases: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.exclude:
            parts = tuple(phrase.lower().split())
            if len(parts) > 1:
                self.exclude_phrases.setdefault(parts[0], []).append(parts)
        agents = (ins.extra.get("passive_agent") or {}) if ins else {}
        self.passive_agents = frozenset(w for ws in agents.values() for w in ws) or frozenset(["oleh", "by"])
        self.definite_heads = lex.definite_heads
        self.anaphor_heads = (
            frozenset(w for p in onto.entities.get("org_anaphors", []) for w in str(p).lower().split())
            & self.definite_heads
        )
        self.ministerial = frozenset(str(w).lower() for w in onto.entities.get("ministerial_title_words", []))
        # words that can make an argument in a sentence without a mention: pronouns, definite heads
        self.ref_words = lex.person_pronouns | lex.speaker_pronouns | self.definite_heads
        self._word_cache: dict[tuple[str, bool], tuple[list[tuple[str, str]], bool, bool]] = {}

    def _index(self, w: str, name: str, role: str, lang: str = "en") -> None:
        """Indonesian roots are matched on the stem of affixed words; other entries on the surface."""
        parts = tuple(str(w).lower().split())
        if len(parts) == 1:
            p = parts[0]
            if lang == "id" and p.isalpha() and self.stem(p) == p:
                self.stem_index.setdefault(p, []).append((name, role))
            else:
                self.verb_index.setdefault(p, []).append((name, role))
        else:
            self.nouns.setdefault(parts, []).append((name, role))

    # --- word classes -----------------------------------------------------
    def _word(self, w: str, use_stems: bool) -> tuple[list[tuple[str, str]], bool, bool]:
        """Per-word facts, cached across documents: (trigger candidates, verb-like, reporting verb)."""
        key = (w, use_stems)
        info = self._word_cache.get(key)
        if info is None:
            cands = [c for c in self.verb_index.get(w, ()) if w not in self.exclude]
            st = self.stem(w) if use_stems and w.isalpha() and len(w) > 3 else w
            if use_stems and st != w and self._verb_form(w) and w not in self.exclude:
                cands += [c for c in self.stem_index.get(st, ()) if c not in cands]
            verblike = w.isalpha() and (
                (use_stems and w.startswith(("me", "di", "ber")) and st != w and len(w) > 4)
                or w in self.verb_index
                or w in self.report_verbs
            )
            report = w in self.report_verbs or (
                use_stems and len(w) > 4 and w.startswith(("me", "ber", "di")) and st in self.report_verbs
            )
            info = (cands, verblike, report)
            if len(self._word_cache) < 500_000:
                self._word_cache[key] = info
        return info

    def _verblike(self, v: SentenceView, k: int) -> bool:
        if v.cover[k] >= 0:
            return False
        return self._word(v.words[k], v.use_stems)[1]

    @staticmethod
    def _verb_form(w: str) -> bool:
        """An affixed Indonesian verb (me-, di-, ber-, mem-per-), not a noun in -an or pe-."""
        base = w[:-3] if w.endswith("nya") else w
        if base.endswith("an") and not base.endswith("kan"):
            return False
        return base.startswith(("me", "di", "ber", "be", "ter"))

    def _word_infos(self, v: SentenceView) -> list[tuple[list[tuple[str, str]], bool, bool]]:
        """`_word` of each word of the sentence, looked up once per sentence."""
        if v.infos is None:
            wc = self._word_cache
            us = v.use_stems
            v.infos = [wc.get((w, us)) or self._word(w, us) for w in v.words]
        return v.infos

    def _is_report_verb(self, v: SentenceView, k: int) -> bool:
        if v.report is None:
            v.report = frozenset([x for x, info in enumerate(self._word_infos(v)) if info[2]])
        return k in v.report

    def _report_verbs(self, v: SentenceView) -> list[int]:
        """The positions of the sentence's reporting verbs, in order."""
        self._is_report_verb(v, 0)  # fills v.report
        return sorted(v.report or ())

    def _opener(self, v: SentenceView, k: int) -> bool:
        w = v.words[k]
        if v.cover[k] >= 0:
            return False  # inside a mention: "the WHO regional director" is not "who"
        return w in self.lex.clause_openers and w != "yang" or w in _PUNCT_STOP

    # --- roles ------------------------------------------------------------
    def _relative_spans(self, v: SentenceView) -> list[tuple[int, int]]:
        if v.spans is not None:
            return v.spans
        spans: list[tuple[int, int]] = []
        v.spans = spans
        for k, w in enumerate(v.words):
            if w in ("yang", "which", "who") and v.cover[k] < 0:
                e = k + 1
                while (
                    e < v.n
                    and v.words[e] not in (",", ";", "–", "—")
                    and not (v.words[e] in ("dan",) and e + 1 < v.n and v.words[e + 1] in ("mengatakan",))
                ):
                    e += 1
                spans.append((k, e))
        return spans

    def subject(self, v: SentenceView, i: int) -> Ref | None:
        """The subject of the verb at token i (see the module docstring)."""
        # "Putin menyebut nama Musk dan mendesak ...": a coordinated verb shares the first verb's subject
        a = i - 1
        while a >= 0 and v.words[a] in ("juga", "kemudian", "lalu", "pun", "also", "then", "later"):
            a -= 1
        if a > 0 and v.words[a] in ("dan", "and", "serta") and v.cover[a] < 0:
            b = a - 1
            while b >= 0 and not self._opener(v, b) and v.words[b] != ",":
                if v.cover[b] < 0 and self._verblike(v, b):
                    return self.subject(v, b)
                b -= 1
        spans = self._relative_spans(v)
        for a, b in spans:
            if a < i < b:
                # inside "X, yang ... <trigger>": the antecedent is the subject
                k = a - 1
                while k >= 0:
                    r = v.ref_at(k)
                    if r:
                        return self._appositive_head(v, r)
                    if self._opener(v, k) or self._is_report_verb(v, k):
                        return None
                    k -= 1
                return None
        k = i - 1
        # "The National Cocoa and Coffee Board (NCCB) was ordered": an acronym after the subject
        while k >= 0 and v.words[k] in self._ADVERBS:
            k -= 1
        if k >= 2 and v.words[k] == ")" and v.words[k - 2] == "(" and v.ref_at(k - 3) is not None:
            return self._appositive_head(v, v.ref_at(k - 3))  # type: ignore[arg-type]
        k = i - 1
        # "Elon Musk, miliarder ... Donald Trump, telah melakukan": the subject precedes the apposition
        a = k
        while a >= 0 and v.words[a] in (
            "telah",
            "sudah",
            "juga",
            "kini",
            "pun",
            "pernah",
            "kemudian",
            "has",
            "had",
            "also",
            "then",
        ):
            a -= 1
        if a > 0 and v.words[a] == "," and v.cover[a] < 0:
            b = a - 1
            while b >= 0 and not (v.words[b] == "," and v.cover[b] < 0) and not self._opener(v, b):
                b -= 1
            if b > 0 and v.words[b] == ",":
                head = v.ref_at(b - 1)
                inner = v.ref_at(b + 1)
                if (
                    head is not None
                    and head.type in ("Organization", "Country")
                    and inner is not None
                    and inner.type == "Person"
                    and inner.end == a
                ):
                    return inner  # "A spokeswoman for Chile's Foreign Ministry, Catalina Rojas, denied"
                if head and not (head.start > 0 and v.words[head.start - 1] in self.lex.prepositions):
                    return head
        while k >= 0:
            jumped = False
            for a, b in spans:
                if a <= k < b and b <= i:
                    k = a - 1
                    jumped = True
                    break
            if jumped:
                continue
            r = v.ref_at(k)
            if r:
                before = r.start - 1
                while before >= 0 and v.words[before] in ("para", "sang", "nama", "the", "pihak"):
                    before -= 1
                if before >= 0 and (
                    v.words[before] in self.lex.prepositions
                    or (self._verblike(v, before) and not self._embedded_subject(v, before, r))
                ):
                    k = r.start - 1
                    continue
                return self._appositive_head(v, r)
            if (
                self._is_report_verb(v, k)
                and v.use_stems
                and v.stem(k) not in self.claim_verbs  # "mengklaim telah bertemu": only a claim
                and all(v.words[x] in self._ADVERBS for x in range(k + 1, i))
            ):
                # "Kedutaan ... menyatakan telah berkomunikasi dengan KLH", "Aulia mengaku telah bertemu X":
                # a reported clause without its own subject has the reporter's
                return self.subject(v, k)
            if self._opener(v, k) or self._is_report_verb(v, k):
                return None
            k -= 1
        return None

    _ADVERBS = frozenset(
        [
            "telah",
            "sudah",
            "juga",
            "pernah",
            "baru",
            "masih",
            "sempat",
            "kini",
            "had",
            "has",
            "have",
            "also",
            "already",
            "then",
            "later",
            "would",
            "did",
            "was",
            "were",
            "been",
            "being",
            "personally",
            "directly",
            "reportedly",
            "allegedly",
            "secretly",
            "privately",
            "previously",
            "langsung",
            "diam-diam",
        ]
    )

    @staticmethod
    def _officer_after(v: SentenceView, body: Ref, any_type: bool = False) -> Ref | None:
        """The mention right after a body, past a possessive and its officer's title: "PhilSA's
        procurement chief, Liza Ocampo", "the Department's chief veterinary officer, Naledi Mokoena"."""
        typed = any_type or body.type in ("Organization", "Country")
        if not (typed and body.end < v.n and v.words[body.end] in ("'s", "’s")):
            return v.ref_at(body.end)
        x = body.end + 1
        while x < v.n and x < body.end + 4 and v.ref_at(x) is None and v.words[x].isalpha():
            x += 1
        if x + 1 < v.n and x > body.end + 1 and v.words[x] == ",":
            x += 1
        return v.ref_at(x) if x < v.n else None

    def _embedded_subject(self, v: SentenceView, verb: int, r: Ref) -> bool:
        """'Ratna mengatakan dirinya telah berbicara ...': after a reporting verb, a mention followed by a
        verb is the subject of the reported clause, not the object of the reporting verb."""
        if not self._is_report_verb(v, verb):
            return False
        k = r.end
        while k < v.n and v.words[k] in self._ADVERBS:
            k += 1
        # "said he had held a video call with": a light verb is the reported clause's verb too
        return k < v.n and (self._verblike(v, k) or (v.words[k] in self.light_verbs and v.words[k] != "in"))

    def _appositive_head(self, v: SentenceView, r: Ref) -> Ref:
        """'Ian Bremmer, pendiri ... Eurasia Group' -> Ian Bremmer."""
        k = r.start - 1
        steps = 0
        while (
            k >= 0
            and steps < 4
            and v.cover[k] < 0
            and v.words[k].isalpha()
            and not self._verblike(v, k)
            and not self._opener(v, k)
            and v.words[k] not in self.lex.conjunctions
            and v.words[k] not in self.lex.prepositions
        ):
            k -= 1
            steps += 1
        if k < 0 or v.words[k] != ",":
            return r
        j = k - 1
        while j >= 0:
            p = v.ref_at(j)
            if p:
                if p.start > 0 and v.words[p.start - 1] in self.lex.prepositions:
                    return r  # "Menurut Zauers, Putin ...": not an apposition
                if p.end < k and not (v.words[p.end] == "(" and v.words[k - 1] == ")"):
                    return r  # "after the Norwegian announcement, the MMO": p only modified a noun
                if p.type == "Person" or r.type != "Person":
                    between = range(p.end, r.start)
                    if all(
                        not self._verblike(v, x)
                        and not self._opener(v, x)
                        and v.words[x] not in self.lex.conjunctions
                        for x in between
                    ):
                        return p
                return r
            if self._verblike(v, j) or self._opener(v, j) or v.words[j] in self.lex.conjunctions:
                return r
            j -= 1
        return r

    def coordinated_left(self, v: SentenceView, r: Ref) -> list[Ref]:
        out = [r]
        k = r.start - 1
        while k >= 0:
            if (
                v.words[k] in self.lex.conjunctions
                or v.words[k] in ("baik", "maupun")
                or (v.words[k] == "," and len(out) >= 2)
            ):
                j = k - 1
                while j >= 0 and v.words[j] in (",", "dan", "and", "baik"):
                    j -= 1
                p = v.ref_at(j)
                if p and p not in out:
                    out.append(p)
                    k = p.start - 1
                    continue
            break
        return out

    def objects(
        self, v: SentenceView, j: int, need_prep: bool, adjacent: bool = False, limit: int = 10
    ) -> list[Ref]:
        k = j
        seen_prep = False
        first: Ref | None = None
        while k < v.n and k < j + limit:
            r = v.ref_at(k)
            if r:
                if need_prep and not seen_prep:
                    return []
                first = r
                break
            w = v.words[k]
            if adjacent and k > j and w not in ("para", "the"):
                return []
            if w in self.obj_preps:
                seen_prep = True
            elif k > j and self._verblike(v, k):
                return []  # "mendesak pemerintah memperketat impor dari Tiongkok": the next verb ends it
            elif w == "," and self._head_noun_apposition(v, j, k):
                pass  # "memerintahkan operator kompetisi, Liga Nusantara (LNP), menunda ...": the name
            elif self._opener(v, k) or self._is_report_verb(v, k) or w in (",",) and not seen_prep:
                return []
            k += 1
        if first is None:
            return []
        nxt = self._officer_after(v, first)
        if first.type in ("Organization", "Country") and nxt is not None and nxt.type == "Person":
            first = nxt  # "met Bluestone Group chairman Maya Pratama": the person, not their organisation
        elif (
            first.type in ("Organization", "Country")
            and first.end + 1 < v.n
            and v.words[first.end] == ","
            and (app := v.ref_at(first.end + 1)) is not None
            and app.type == "Person"
            and (app.end >= v.n or v.words[app.end] in (",", ".", ";"))
        ):
            first = app  # "bertemu dengan pendiri SoftBridge Corp., Hiroshi Tanaka,": the person
        out = [first]
        k = first.end
        while k < v.n:
            gap = 0
            saw_conj = False
            while k < v.n and v.ref_at(k) is None and gap < 6:
                w = v.words[k]
                if w in self.lex.conjunctions:
                    saw_conj = True
                elif w == "," and self._list_continues(v, k):
                    saw_conj = True
                elif (
                    self._opener(v, k)
                    or self._verblike(v, k)
                    or w in self.lex.prepositions
                    and w != "seperti"
                ):
                    return out
                k += 1
                gap += 1
            r = v.ref_at(k)
            if r and saw_conj:
                out.append(r)
                k = r.end
                continue
            break
        return out

    def _head_noun_apposition(self, v: SentenceView, j: int, k: int) -> bool:
        """Tokens j..k are one to three lower-case words naming what the mention after the comma at k
        is ("operator kompetisi, Liga ...", "its subsidiary, Velmar Foods")."""
        return (
            0 < k - j <= 3
            and v.ref_at(k + 1) is not None
            and all(
                v.toks[x].is_word
                and not v.toks[x].is_cap
                and not self._verblike(v, x)
                and not self._opener(v, x)
                and v.words[x] not in self.lex.conjunctions
                and v.words[x] not in self.lex.prepositions
                for x in range(j, k)
            )
        )

    def _list_continues(self, v: SentenceView, k: int) -> bool:
        """A comma inside a list: the next mention is followed by another comma or a conjunction."""
        j = k + 1
        while j < v.n and v.ref_at(j) is None and j < k + 6:
            j += 1
        r = v.ref_at(j)
        return bool(r and r.end < v.n and (v.words[r.end] in self.lex.conjunctions or v.words[r.end] == ","))

    # --- factuality -------------------------------------------------------
    def factual(self, v: SentenceView, lo: int, i: int, check_denial: bool = True) -> bool:
        infos = self._word_infos(v)
        for k in range(max(0, lo), i):
            w = v.words[k]
            if w in self.negation or w.endswith("n't") or w in self.hypothetical or w in self.modal:
                return False
            if v.cover[k] < 0 and any(t == "REQUESTED" or role == "authority" for t, role in infos[k][0]):
                return False  # "meminta KPK segera memanggil Harun": an action asked for, not one done
        if i > 0 and v.words[i - 1] in ("untuk", "to", "agar", "supaya"):
            return False
        if check_denial:
            for k in range(0, i):
                w = v.words[k]
                if (
                    w in self.denial_scope
                    or (v.use_stems and v.stem(k) in ("bantah", "sangkal"))
                    or self.verb_index.get(w)
                    and any(t == "DENIED" for t, _ in self.verb_index[w])
                ):
                    return False
        for k in range(0, i):
            if v.words[k] in self.hypothetical and not any(
                self._opener(v, x) for x in range(k + 1, i) if v.words[x] not in ("bahwa",)
            ):
                return False
        return True

    def _unrealised(self, v: SentenceView, k: int) -> bool:
        """The rest of the sentence from k says the event did not happen ("... ditunda", "was postponed")."""
        return any(self.unrealised_after.match(v.words, x) for x in range(k, v.n))

    def _clause_start(self, v: SentenceView, i: int) -> int:
        k = i - 1
        while k >= 0:
            if self._opener(v, k) or v.words[k] == ",":
                return k + 1
            k -= 1
        return 0

    # --- the document -----------------------------------------------------
    def find(
        self,
        doc_id: str,
        sentences: list[Sentence],
        mentions: list[list[Mention]],
        ents: DocEntities,
        use_stems: bool,
    ) -> list[Relation]:
        rels: dict[tuple[str, str, str], Relation] = {}
        claimants: list[tuple[str, bool]] = []  # (key, made a claim rather than just spoke)
        state = {"last_person": "", "last_subject": "", "last_org": ""}

        def pronoun_key() -> str:
            return state["last_subject"] or state["last_person"]

        org_heads: dict[str, str] = {}  # head noun -> most recent organisation key named with it
        denied_topics: dict[tuple[str, str], set[str]] = {}  # (denier, target) -> relation types denied

        def definite(word: str) -> str:
            # only a definite head names an organisation (a sentence without one skips the lookups)
            return org_heads.get(word, "") if word in self.definite_heads else ""

        def side(key: str) -> set[str]:
            s = {key} | ents.affiliations.get(key, set())
            for k2, aff in ents.affiliations.items():
                if aff & s:
                    s.add(k2)
            return s

        ministries = self._ministries(ents)
        for si, s in enumerate(sentences):
            if not mentions[si] and self.ref_words.isdisjoint(s.words or [t.lower for t in s.tokens]):
                continue  # nothing here can be an argument: no mention, pronoun or definite description
            # a sentence without a definite head noun holds no definite description to resolve
            heads = (
                None if self.definite_heads.isdisjoint(s.words or [t.lower for t in s.tokens]) else definite
            )
            v = SentenceView(s, mentions[si], self.stem, use_stems, pronoun_key, self.lex, heads)
            found: list[
                tuple[str, Ref, Ref, int, str, str, float]
            ] = []  # type, src, tgt, trig idx, trig, rule, conf
            if not v.refs:
                continue
            sentence_claimant, speech_only = self._sentence_claimant(v)

            def add(
                typ: str,
                a: Ref,
                b: Ref,
                k: int,
                rule: str,
                conf: float,
                *,
                _f: list = found,
                _v: SentenceView = v,
            ) -> None:
                if a.key == b.key:
                    return
                rt = self.types.get(typ)
                if rt is None or a.type not in rt.source or b.type not in rt.target:
                    return
                _f.append((typ, a, b, k, _v.toks[k].text, rule, conf))

            if (
                len({r.key for r in v.refs}) >= 2
                or any(m.of is not None for m in mentions[si])
                or self._may_deny(v)
            ):
                self._verbs(v, add, side, claimants)
                self._falsity(v, add, side, claimants)
                self._nouns(v, add)
            self._titles(v, mentions[si], add, ministries, state["last_org"])
            if any(f[0] == "DENIED" for f in found):
                topics = self._topics(v)
                for f in found:
                    if f[0] == "DENIED":
                        denied_topics.setdefault((f[1].key, f[2].key), set()).update(topics)
            for typ, a, b, _k, trig, rule, conf in found:
                rt = self.types[typ]
                src, tgt = a.key, b.key
                if rt.symmetric and tgt < src:
                    src, tgt = tgt, src
                ev = Evidence(
                    doc=doc_id,
                    sentence=s.text,
                    start=s.start,
                    end=s.end,
                    trigger=trig,
                    rule=rule,
                    confidence=conf,
                )
                rel = rels.get((src, typ, tgt))
                if rel is None:
                    rep = (
                        sentence_claimant
                        if sentence_claimant not in ("", a.key, b.key) and rt.factual
                        else ""
                    )
                    rel = Relation(source=src, target=tgt, type=typ, evidence=[], reported_by=rep)
                    rels[(src, typ, tgt)] = rel
                if not any(e.start == ev.start for e in rel.evidence):
                    rel.evidence.append(ev)
            # state for pronouns, claimants and definite descriptions
            for m in mentions[si]:
                for mm in (m, m.of):
                    if mm is not None and mm.type == "Organization" and mm.key:
                        for w in mm.surface.lower().split():
                            if w in self.definite_heads:
                                org_heads[w] = mm.key
                        if mm.org_hint:  # "Lintasjaya ... Perusahaan tersebut": a company named alone
                            for w in self.anaphor_heads:
                                org_heads[w] = mm.key
            for r in v.refs:
                if r.type == "Person" and v.words[r.start] not in self.lex.person_pronouns:
                    state["last_person"] = r.key
            subj = self._first_subject(v)
            if subj:
                state["last_subject"] = subj
            state["last_org"] = self._opening_org(v)  # "Its chief executive, X" in the next sentence
            claimants.extend(self._claimants(v, sentence_claimant, speech_only))
        out = list(rels.values())
        self._mark_disputed(out, side, denied_topics)
        # a request by one with authority already recorded as an instruction is not also a request
        instructed = {(r.source, r.target) for r in out if r.type == "INSTRUCTED"}
        return [r for r in out if not (r.type == "REQUESTED" and (r.source, r.target) in instructed)]

    def _may_deny(self, v: SentenceView) -> bool:
        """A denial verb in the sentence (its target may come from an earlier sentence's claimant)."""
        infos = self._word_infos(v)
        for k, w in enumerate(v.words):
            cands = infos[k][0]
            if cands and any(t == "DENIED" for t, _ in cands):
                return True
            if w in self.falsity.by_first and self.falsity.match(v.words, k):
                return True  # "the report was false"
        return False

    def _opening_org(self, v: SentenceView) -> str:
        """The organisation that opens the sentence as its subject ("The Minority Investors Forum (MIF)
        urged ..."), or "" when the sentence opens with anything else."""
        if not v.refs or v.refs[0].type != "Organization" or v.refs[0].start > 4:
            return ""
        r = v.refs[0]
        if any(v.words[k] == "," or self._verblike(v, k) for k in range(r.start)):
            return ""
        return r.key

    def _first_subject(self, v: SentenceView) -> str:
        for r in v.refs:
            if r.type != "Person":
                continue
            before = r.start - 1
            if before >= 0 and (v.words[before] in self.lex.prepositions or self._verblike(v, before)):
                continue
            return r.key
        return ""

    def _sentence_claimant(self, v: SentenceView) -> tuple[str, bool]:
        """The source a sentence reports, and whether a reporting preposition ("kata X", "menurut X")
        only attributes speech to it."""
        firsts = self.report_preps.by_first
        for k, _ in _words_in(v.words, firsts.keys()):
            if v.words[k] not in firsts:
                continue
            m = self.report_preps.match(v.words, k)
            if m:
                j = m[0]
                while j < v.n and v.words[j] in ("laporan", "the", "report", "by"):
                    j += 1
                r = v.ref_at(j)
                if r and r.type in ("Organization", "Person", "Country"):
                    return r.key, True
        words = v.words
        for k, _ in _words_in(words, _REPORT_WORDS):
            w = words[k]
            if w not in _REPORT_WORDS:
                continue
            if v.words[k] in ("dilaporkan", "reported") and k + 2 < v.n and v.words[k + 1] in ("oleh", "by"):
                r = v.ref_at(k + 2)
                if r:
                    return r.key, False
            if v.words[k] in ("laporan", "report"):
                j = k + 1
                while j < v.n and j <= k + 2 and v.words[j] in ("by", "oleh", "dari"):
                    j += 1  # "a report by The Courier said ..."
                r = v.ref_at(j)
                if r:
                    return r.key, False
        for k in self._report_verbs(v):
            if v.words[k] not in ("mengatakan", "said", "says", "kata"):
                r = self.subject(v, k)
                if r and r.type == "Organization":
                    return r.key, False
        return "", False

    def _claimants(self, v: SentenceView, c: str, speech: bool) -> list[tuple[str, bool]]:
        """Who put a claim on record in this sentence: (key, strong). A reporting preposition ("kata X",
        "menurut X") only attributes speech (weak); a claim verb or a report's source is strong."""
        out: list[tuple[str, bool]] = []
        if c:
            out.append((c, not speech))
        for k in self._report_verbs(v):
            w = v.words[k]
            if w in self.claim_verbs or (v.use_stems and v.stem(k) in self.claim_verbs):
                r = self.subject(v, k)
                if r is None and k + 1 < v.n and k > 0 and v.words[k - 1] in ("”", '"', ","):
                    r = v.ref_at(k + 1)  # "...," kata Peskov
                if r is not None:
                    out.append((r.key, True))
                elif k + 2 < v.n and v.words[k + 1] in ("oleh", "by") and v.ref_at(k + 2):
                    out.append((v.ref_at(k + 2).key, True))  # type: ignore[union-attr]
        return out

    def _verbs(
        self,
        v: SentenceView,
        add: Callable[..., None],
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
    ) -> None:
        infos = self._word_infos(v)
        for i in range(v.n):
            if v.cover[i] >= 0:
                continue
            w = v.words[i]
            cands = infos[i][0]
            if not cands:
                continue
            if any(tuple(v.words[i : i + len(p)]) == p for p in self.exclude_phrases.get(w, ())):
                continue  # "called on Lumora to ...": an appeal, not a call
            # "a surge in orders", "the heads of state": the noun, not the verb (talks and meetings are
            # contacts either way)
            noun = not v.use_stems and w.endswith("s") and i > 0 and v.words[i - 1] in _NOUN_BEFORE
            passive = (
                w.startswith("di")
                and v.use_stems
                or (i > 0 and v.words[i - 1] in _BE)
                or (i > 1 and v.words[i - 1] in _PASSIVE_ADVERBS and v.words[i - 2] in _BE)
            )
            for typ, role in cands:
                if noun and typ != "CONTACTED":
                    continue
                rt = self.types[typ]
                if role == "owner_after":
                    self._owner_after(v, i, add, typ)
                    continue
                if role == "owner_before":
                    owner = self.subject(v, i)
                    objs = self.objects(v, i + 1, False, adjacent=True)
                    for o in objs:
                        if owner:
                            add(typ, owner, o, i, "owner-noun", 0.8)
                    continue
                if role == "rebuttal":
                    self._rebuttal(v, i, add, side, claimants)
                    continue
                if role == "reception":
                    subj = None if passive else self.subject(v, i)
                    guest = self._received(v, i + 1) if subj is not None else None
                    if guest is not None and self.factual(v, subj.end, i):  # type: ignore[union-attr]
                        add(typ, subj, guest, i, "reception", 0.8)
                        add("MET", subj, guest, i, "reception", 0.8)
                    continue
                if role == "claim_object":
                    k = i + 1
                    while k < v.n and k <= i + 2 and v.words[k] in _CLAIM_DETERMINERS:
                        k += 1  # "dismissed the claims", "rejected these allegations"
                    r = v.ref_at(k)
                    if r is not None and r.end + 1 < v.n and v.words[r.end] in ("'s", "’s"):
                        k = r.end + 1  # "rejected Kuala Lumpur's assertion"
                    if k < v.n and v.words[k] in self.claim_nouns:
                        self._denial(v, i, add, side, claimants, typ)
                    continue
                if typ == "DENIED":
                    if not (passive and self._passive_denial(v, i, add, side, claimants, typ)):
                        self._denial(v, i, add, side, claimants, typ)
                    continue
                subj = self.subject(v, i)
                need_prep = typ == "CONTACTED" and (w in self.needs_prep or v.stem(i) in self.needs_prep)
                adjacent = bool(rt.extra.get("object_adjacent"))
                if passive and typ in ("INSTRUCTED",):
                    # "Zauers diperintahkan oleh Putin": agent after oleh, patient is the subject
                    b, a = self._passive_agent(v, i)
                    if a >= 0 and subj:
                        agent = v.ref_at(a)
                        owner = agent
                        if owner is None:  # a place no entity names: "by Bavaria's commissioner, X"
                            e = a
                            while e < v.n and e < a + 4 and v.toks[e].is_cap:
                                e += 1
                            owner = Ref("", a, e, "") if e > a else None
                        if owner is not None and owner.end < v.n and v.words[owner.end] in ("'s", "’s"):
                            # "was ordered by North Rhine-Westphalia's data protection commissioner, X"
                            officer = self._officer_after(v, owner, any_type=True)
                            agent = officer if officer is not None and officer.type == "Person" else agent
                        if agent and self.factual(v, subj.end, i):
                            add(typ, agent, subj, i, "passive-agent", 0.8)
                    elif subj and v.use_stems and v.words[i].startswith("di") and b < v.n:
                        # "Yohanes diinstruksikan Hasanuddin untuk ...": an Indonesian agent needs no "oleh"
                        agent = v.ref_at(b)
                        if (
                            agent
                            and agent.start == b
                            and agent.key != subj.key
                            and self.factual(v, subj.end, i)
                        ):
                            add(typ, agent, subj, i, "passive-agent", 0.8)
                    continue
                objs = self.objects(v, i + 1, need_prep, adjacent=adjacent)
                if subj is None:
                    continue
                if objs and (w in self.needs_complement or v.stem(i) in self.needs_complement):
                    # "told Sky News" / "mengarahkan wartawan ke kantor": an order only with what to do
                    # ("told X to ...", "mengarahkan X untuk ...")
                    # a list of objects shares the complement after its last member
                    if not self._complement_after(v, objs[-1].end):
                        objs = [o for o in objs if self._complement_after(v, o.end)]
                if rt.factual and not self.factual(v, subj.end, i):
                    continue
                subjects = self.coordinated_left(v, subj)
                if not objs and rt.symmetric and len(subjects) >= 2:
                    for a_i in range(len(subjects)):
                        for b_i in range(a_i + 1, len(subjects)):
                            add(typ, subjects[a_i], subjects[b_i], i, "coordinated-subjects", 0.8)
                            if typ == "CONTACTED" and (w in self.in_person or v.stem(i) in self.in_person):
                                add("MET", subjects[a_i], subjects[b_i], i, "coordinated-subjects", 0.8)
                    continue
                for a in subjects:
                    for o in objs:
                        t2 = typ
                        if role == "authority":
                            t2 = "INSTRUCTED" if self._authority(a.key, o.key, side) else "REQUESTED"
                        add(t2, a, o, i, f"verb-{role}", 0.9 if role == "verb" else 0.7)
                        if typ == "CONTACTED" and (w in self.in_person or v.stem(i) in self.in_person):
                            add("MET", a, o, i, "verb", 0.8)

    def _received(self, v: SentenceView, k: int) -> Ref | None:
        """Whom a reception verb received: a person, or a delegation's leader ("perwakilan APDI yang dipimpin
        Rahmat", "a delegation from X led by Y"), or the delegation's body."""
        while k < v.n and (v.words[k] in _QUANTIFIERS or v.words[k].isdigit()):
            k += 1
        direct = v.ref_at(k)
        if direct is not None:
            return direct if direct.type == "Person" else None
        if k >= v.n or v.words[k] not in self.delegation_nouns:
            return None
        k += 1
        while k < v.n and v.words[k] in ("dari", "of", "from", "the"):
            k += 1
        body = v.ref_at(k)
        if body is None:
            return None
        x = body.end
        if x < v.n and v.words[x] == "yang":
            x += 1
        if x + 1 < v.n and v.words[x] in ("dipimpin", "led", "headed"):
            x += 1
            if x < v.n and v.words[x] in ("oleh", "by"):
                x += 1
            leader = v.ref_at(x)
            if leader is not None and leader.type == "Person":
                return leader
        return body

    def _complement_after(self, v: SentenceView, k: int) -> bool:
        """An infinitive or purpose clause soon after the object: "to suspend", "untuk menuntaskan"."""
        for x in range(k, min(v.n - 1, k + 8)):
            w = v.words[x]
            if w in ("untuk", "agar", "supaya"):
                return True
            if x == k and v.use_stems and w.startswith("me") and self._verb_form(w) and v.cover[x] < 0:
                return True  # "mengarahkan PLN menyiapkan pasokan": a verb right after the object
            if (
                w == "to"
                and v.words[x + 1].isalpha()
                and v.words[x + 1] not in ("the", "a", "an", "his", "her", "its", "their")
                and not v.toks[x + 1].is_cap
            ):
                return True
            if w in (".", ";") or (v.cover[x] >= 0 and x > k + 3):
                return False
            if w in _CLAUSE_SUBJECTS:
                return False  # "told Thalassa it might refuse to pay": a reported clause, no order
        return False

    def _authority(self, a: str, o: str, side: Callable[[str], set[str]]) -> bool:
        return o in side(a) and a != o

    def _owner_after(self, v: SentenceView, i: int, add: Callable[..., None], typ: str) -> None:
        """'SpaceX milik Musk', 'SpaceX, yang dimiliki Musk', 'platform milik Musk, X'."""
        owner = v.ref_at(i + 1) or (v.ref_at(i + 2) if i + 2 < v.n else None)
        if owner is None:
            return
        k = i - 1
        while k >= 0 and v.words[k] in (",", "yang", "which", "is", "was"):
            k -= 1
        owned = v.ref_at(k) if k >= 0 else None
        if owned is None and owner.end + 1 < v.n and v.words[owner.end] == ",":
            owned = v.ref_at(owner.end + 1)
        if owned is not None and owned.type in ("Organization", "Technology"):
            add(typ, owner, owned, i, "owner-cue", 0.85)

    def _denial(
        self,
        v: SentenceView,
        i: int,
        add: Callable[..., None],
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
        typ: str,
    ) -> None:
        if i > 1 and v.words[i - 1] == "," and v.words[i].endswith("ing"):
            # "X said it never met them, rejecting claims by Y": the participle's subject is the main
            # clause's, and a negation inside the main clause is not the denial's
            subj = self._main_subject(v, i - 1)
            if subj is None:
                return
        else:
            subj = self.subject(v, i)
            if subj is None:
                return
            for k in range(subj.end, i):
                if v.words[k] in self.negation or v.words[k] in self.modal or v.words[k] in self.hypothetical:
                    return
        for a in self.coordinated_left(v, subj):
            tgt = self._claim_target(v, i, a, side, claimants, subj)
            if tgt is not None:
                add(typ, a, tgt, i, "denial-verb", 0.85)

    def _passive_denial(
        self,
        v: SentenceView,
        i: int,
        add: Callable[..., None],
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
        typ: str,
    ) -> bool:
        """A passive denial ("Tudingan itu dibantah keras oleh Marlina", "The report was denied by X"):
        the agent denies, and the claim before the verb names its claimant ("Laporan Tempo dibantah
        ...") or takes up the recent one. The verb at i is passive; False when no agent word follows."""
        a = self._passive_agent(v, i)[1]
        if a < 0:
            return False
        agent = v.ref_at(a)
        if agent is None or not self.factual(v, 0, i):
            return True
        own = side(agent.key)
        claim = next((k for k in range(i) if v.words[k] in self.claim_nouns), -1)
        if claim < 0:
            return True
        tgt = next(
            (r for x in range(claim + 1, i) if (r := v.ref_at(x)) is not None and r.key not in own), None
        ) or self._recent_claimant(claimants, own)
        if tgt is not None:
            add(typ, agent, tgt, i, "passive-denial", 0.8)
        return True

    def _passive_agent(self, v: SentenceView, i: int) -> tuple[int, int]:
        """After a passive verb at i: where its adverbs end ("diperintahkan langsung oleh", "was flatly
        denied by") and where the agent after "oleh"/"by" (and "the") starts, or -1 when no agent word
        follows."""
        b = i + 1
        while b < v.n and b < i + 3 and v.words[b] in _PASSIVE_ADVERBS:
            b += 1
        if b >= v.n or v.words[b] not in self.passive_agents:
            return b, -1
        return b, (b + 2 if b + 1 < v.n and v.words[b + 1] == "the" else b + 1)  # "by the CAAT"

    def _main_subject(self, v: SentenceView, end: int) -> Ref | None:
        """The subject of the sentence's main clause before token `end`: its first entity that is not
        the object of a preposition or verb."""
        for r in v.refs:
            if r.end > end:
                break
            if r.type == "Technology":
                continue
            before = r.start - 1
            while before >= 0 and v.words[before] in ("the", "a", "an", "para", "sang", "pihak"):
                before -= 1
            if before >= 0 and (v.words[before] in self.lex.prepositions or self._verblike(v, before)):
                continue
            return self._appositive_head(v, r)
        return None

    def _claim_target(
        self,
        v: SentenceView,
        i: int,
        subj: Ref,
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
        head: Ref | None = None,
    ) -> Ref | None:
        """Whom a denial by `subj` points at: the named claimant, else the claim's subject, else a recent
        claimant; never the denier's own side. `head` is the subject the coordination was found from."""
        own = side(subj.key)
        head = head or subj
        # about-entity in the claim itself wins when the claim names no claimant and no claim noun
        k = i + 1
        while k < v.n and k <= i + 4:
            r = v.ref_at(k)
            if r:
                nxt = v.ref_at(r.end)
                if r.type in ("Organization", "Country") and nxt is not None and nxt.type == "Person":
                    r = nxt  # "a report by Harbor Bank director Olivia Wibowo": the person made the claim
                if r.key != subj.key and r.type != "Technology":
                    return r  # a named claimant, even a colleague
                break
            if v.words[k] not in self.claim_nouns and v.words[k] not in (
                "the",
                "a",
                "an",
                "by",
                "oleh",
                "dari",
            ):
                break
            k += 1
        # "rejected the report as false, adding that no officer met Okoro": a claim taken up by its noun
        # alone is the recent claimant's, whoever the rest of the sentence names
        if (
            any(v.words[x] in self.claim_nouns for x in range(i + 1, k))
            and (k >= v.n or (v.words[k] not in _CLAIM_CONTENT and not v.toks[k].is_cap))
            and (
                (k < v.n and v.words[k] in ("tersebut", "itu", "ini"))
                or any(v.words[x] in ("the", "this", "these", "those", "such") for x in range(i + 1, k))
            )
        ):
            recent = self._recent_claimant(claimants, own)
            if recent is not None and recent.type == "Organization":  # an outlet or body's report
                return recent
        # "membantah klaim bahwa dirinya pro-Rusia": an entity inside the denied claim; "denied that its
        # minister, Wang Deming, had spoken with X": the denier's own people are no claim's subject
        tail = [
            r
            for r in v.refs
            if r.start > i and r.key not in own and r.type != "Technology" and not self._own_person(v, r)
        ]
        if tail:
            # "with Australian Trade Minister Claire Donnelly": the titled person, not her country
            first = tail[0]
            j = first.end
            while (
                first.type in ("Organization", "Country")
                and j < min(v.n, first.end + 3)
                and v.ref_at(j) is None
                and v.toks[j].is_cap
            ):
                j += 1
            nxt = v.ref_at(j) if first.type in ("Organization", "Country") else None
            return nxt if nxt is not None and nxt.type == "Person" else first
        # an anaphoric claim ("laporan tersebut", "the report", "membantah bahwa ..."): its recent claimant
        after = v.words[k] if k < v.n else ""
        if k < v.n and v.toks[k].is_cap and after not in ("bahwa", "that"):
            return None  # the claim names someone we could not resolve: do not guess
        window = v.words[i + 1 : i + 9]
        anaphoric = any(
            w in ("tersebut", "itu", "ini", "the", "this", "that", "these", "those", "such", "keduanya")
            for w in window
        ) or (i + 1 < v.n and self._verblike(v, i + 1))
        if not anaphoric:
            return None  # "menepis tudingan adanya keterlambatan": a claim nobody in the text made
        recent = self._recent_claimant(claimants, own)
        if recent is not None:
            return recent
        coordinated = {c.key for c in self.coordinated_left(v, head)}
        for r in v.refs:
            if (
                r.end <= subj.start
                and r.key not in own
                and r.key not in coordinated
                and r.type != "Technology"
            ):
                if r.start > 0 and v.words[r.start - 1] in ("menurut", "according"):
                    return r
        return None

    def _own_person(self, v: SentenceView, r: Ref) -> bool:
        """`r` is introduced as one of the subject's own: "its minister, X", "their chief executive X"."""
        k = r.start - 1
        if k >= 0 and v.words[k] == ",":
            k -= 1
        for x in range(max(0, k - 3), k + 1):
            if v.words[x] in ("its", "their", "nya") and self.lex.titles.match(v.words, x + 1):
                return True
        return False

    @staticmethod
    def _recent_claimant(claimants: list[tuple[str, bool]], own: set[str]) -> Ref | None:
        """The latest of the last six claimants outside the denier's side, one who made a claim first."""
        recent = claimants[-6:]
        for strong_only in (True, False):
            for c, strong in reversed(recent):
                if c not in own and (strong or not strong_only):
                    return Ref(c, -1, -1, c.split(":", 1)[0])
        return None

    def _rebuttal(
        self,
        v: SentenceView,
        i: int,
        add: Callable[..., None],
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
    ) -> None:
        """'X menegaskan bahwa tidak ada ...': an explicit rebuttal without a denial verb."""
        if i + 1 >= v.n or v.words[i + 1] not in ("bahwa", "that"):
            return
        if not any(v.words[k] in ("tidak", "tak", "bukan", "not", "no", "never") for k in range(i + 2, v.n)):
            return
        subj = self.subject(v, i)
        if subj is None or subj.type == "Technology":
            return
        own = side(subj.key)
        tail = [r for r in v.refs if r.start > i + 1 and r.key not in own and r.type != "Technology"]
        if tail:
            add(
                "DENIED",
                subj,
                tail[-1] if len(tail) > 1 and tail[0].type == "Person" and tail[0].key in own else tail[0],
                i,
                "rebuttal",
                0.6,
            )

    def _falsity(
        self,
        v: SentenceView,
        add: Callable[..., None],
        side: Callable[[str], set[str]],
        claimants: list[tuple[str, bool]],
    ) -> None:
        """'X said the report was "entirely false"', 'X menyebut tudingan itu tidak benar': calling a claim
        false denies it, without a denial verb."""
        for k, _ in _words_in(v.words, self.claim_nouns):
            if v.cover[k] >= 0 or v.words[k] not in self.claim_nouns:
                continue
            for x in range(k + 1, min(v.n, k + 7)):
                hit = self.falsity.match(v.words, x)
                if hit is None:
                    continue
                if any(v.words[y] in self.negation for y in range(k + 1, x)):
                    return  # "was not false", "bukan tidak benar"
                subj = self._main_subject(v, k)
                if subj is None or subj.type == "Technology":
                    return
                at = k - 1
                while at > 0 and v.words[at] in _CLAIM_DETERMINERS:
                    at -= 1  # read the claim from its determiner: "said the report was false"
                tgt = self._claim_target(v, at, subj, side, claimants)
                if tgt is not None:
                    add("DENIED", subj, tgt, x, "falsity", 0.7)
                return

    def _nouns(self, v: SentenceView, add: Callable[..., None]) -> None:
        firsts = self.noun_table.by_first
        for i, _ in _words_in(v.words, firsts.keys()):
            if v.cover[i] >= 0 or v.words[i] not in firsts:
                continue
            m = self.noun_table.match(v.words, i)
            if not m:
                continue
            end, cands = m
            for typ, role in cands:
                if role not in ("noun",):
                    continue
                rt = self.types[typ]
                # "antara A dan B"
                k = end
                while (
                    k < v.n
                    and k < end + 4
                    and v.words[k] not in ("antara", "between")
                    and v.cover[k] < 0
                    and not self._opener(v, k)
                ):
                    k += 1
                if k < v.n and v.words[k] in ("antara", "between"):
                    a = v.ref_at(k + 1)
                    if a:
                        j = a.end
                        if j < v.n and v.words[j] in self.lex.conjunctions:
                            b = v.ref_at(j + 1)
                            if b and (
                                not rt.factual
                                or (
                                    self.factual(v, self._clause_start(v, i), i)
                                    and not self._unrealised(v, b.end)
                                )
                            ):
                                add(typ, a, b, i, "noun-between", 0.8)
                                if typ == "CONTACTED" and v.words[i] in (
                                    "wawancara",
                                    "pertemuan",
                                    "meeting",
                                    "interview",
                                ):
                                    add("MET", a, b, i, "noun-between", 0.7)
                    continue
                # "pembicaraan Musk dengan Putin"
                a = v.ref_at(end)
                if a and a.end + 1 < v.n and v.words[a.end] in self.obj_preps:
                    b = v.ref_at(a.end + 1)
                    if b and typ in ("CONTACTED", "COOPERATES_WITH"):
                        if not rt.factual or self.factual(v, self._clause_start(v, i), i):
                            add(typ, a, b, i, "noun-possessor", 0.7)
                        continue
                # light verb: "melakukan panggilan telepon dengan Putin"
                lv = i - 1
                while (
                    lv >= 0
                    and lv >= i - 3
                    and (
                        v.words[lv]
                        in ("beberapa", "sebuah", "“", '"', "a", "an", "the", "several", "regular")
                        or v.words[lv].isdigit()
                    )
                ):
                    lv -= 1
                subj_idx = lv if lv >= 0 and v.words[lv] in self.light_verbs else -1
                if subj_idx < 0 and typ in ("CONTACTED",):
                    continue
                if subj_idx < 0:
                    subj_idx = i
                subj = self.subject(v, subj_idx)
                if subj is None:
                    continue
                if rt.factual and not self.factual(v, subj.end, subj_idx):
                    continue
                if typ in ("SUPPORTS",):
                    objs = self.objects(v, end, False, limit=5)
                elif typ == "MEMBER_OF":
                    continue
                else:
                    objs = self.objects(v, end, True, limit=8)
                subjects = self.coordinated_left(v, subj)
                if not objs and rt.symmetric and len(subjects) >= 2:
                    add(typ, subjects[0], subjects[1], i, "light-verb-coordinated", 0.75)
                    continue
                for a2 in subjects:
                    for o in objs:
                        add(typ, a2, o, i, "light-verb" if subj_idx != i else "noun", 0.75)
            # MEMBER_OF: "anggota BRICS lainnya seperti India dan Brasil"
            if v.words[i] in ("anggota", "member", "members") and "MEMBER_OF" in self.types:
                org = v.ref_at(i + 1)
                if org and org.type == "Organization":
                    k = org.end
                    while (
                        k < v.n
                        and k < org.end + 3
                        and v.words[k] not in ("seperti", "termasuk", "yaitu", "including", "such")
                    ):
                        k += 1
                    if k < v.n and v.words[k] in ("seperti", "termasuk", "yaitu", "including", "such"):
                        for o in self.objects(v, k + 1, False, limit=3):
                            add("MEMBER_OF", o, org, i, "member-list", 0.8)
                    else:
                        subj = self.subject(v, i)
                        if subj:
                            add("MEMBER_OF", subj, org, i, "member-noun", 0.7)

    def _ministries(self, ents: DocEntities) -> dict[frozenset[str], str]:
        """The document's ministries by their portfolio words: {"pertanian"} for "Kementerian Pertanian",
        {"environment"} for "Indonesia's Ministry of Environment" or "the Environment Ministry" (a
        ministry's sub-unit, "Inspektorat Jenderal Kementerian Sosial", is not the ministry)."""
        out: dict[frozenset[str], str] = {}
        countries = self.lex.countries.names
        for e in ents.entities.values():
            if e.type != "Organization":
                continue
            for form in [e.name, *e.aliases]:
                ws = [w for w in form.lower().replace("’", "'").split() if w != "the"]
                while ws and (ws[0].endswith("'s") or (ws[0],) in countries):
                    ws = ws[1:]  # "Indonesia's", "Chinese"
                if len(ws) >= 2 and ws[0] in ("kementerian", "ministry"):
                    rest = ws[1:]
                elif len(ws) >= 2 and ws[-1] == "ministry":
                    rest = ws[:-1]
                else:
                    continue
                words = frozenset(w for w in rest if w not in _PORTFOLIO_GLUE)
                if words:
                    out.setdefault(words, e.key)
        return out

    def _ministry_of(self, m: Mention, ministries: dict[frozenset[str], str]) -> str:
        """The named ministry a minister's portfolio points at ("Menteri Pertanian X" -> Kementerian
        Pertanian, "Environment Minister X" -> the Ministry of Environment), or ""."""
        if not ministries or not self.ministerial.intersection(m.title.split()):
            return ""
        skip = set(m.name.lower().split()) | set(m.title.split())
        words = frozenset(
            w for w in m.surface.lower().split() if w not in skip and w not in _PORTFOLIO_GLUE and w.isalpha()
        )
        return ministries.get(words, "") if words else ""

    def _titles(
        self,
        v: SentenceView,
        mentions: list[Mention],
        add: Callable[..., None],
        ministries: dict[frozenset[str], str],
        last_org: str = "",
    ) -> None:
        """LEADS / MEMBER_OF from titles: 'Presiden Rusia Vladimir Putin', 'CEO Sberbank, German Gref',
        "the agency's director-general, X"; a minister leads the ministry of the portfolio when the text
        names it."""
        for m in mentions:
            if m.of is None and m.key and not m.former and m.kind == "name" and m.title:
                body = self._possessor(v, m.start - 1, last_org)
                if body is not None and m.title_kind in ("leads", "member"):
                    typ = "LEADS" if m.title_kind == "leads" else "MEMBER_OF"
                    add(typ, Ref(m.key, m.start, m.end, "Person"), body, m.start, "title", 0.85)
                    continue
            if m.of is None and m.key and not m.former and m.kind == "name":
                ministry = self._ministry_of(m, ministries)
                if ministry and ministry != m.key:
                    add(
                        "LEADS",
                        Ref(m.key, m.start, m.end, "Person"),
                        Ref(ministry, -1, -1, "Organization"),
                        m.start,
                        "title",
                        0.85,
                    )
            if m.of is None or not m.of.key or m.former:
                continue
            typ = ""
            if m.of_via in ("dari", "of") and m.of.type == "Organization" and m.title_kind != "leads":
                typ = "MEMBER_OF"  # "calon presiden dari Partai Republik Donald Trump"
            elif m.title_kind == "leads":
                typ = "LEADS"
            elif m.title_kind == "member":
                typ = "MEMBER_OF"
            if not typ:
                continue
            if m.of.type == "Country" and self.ministerial.intersection(m.title.split()):
                continue  # a minister leads a ministry (when it is named), not the country
            b = Ref(m.of.key, m.of.start, m.of.end, m.of.type)
            if m.kind == "role" and not m.key:
                # "Sergei Kiriyenko, Wakil Kepala Staf ...", "Donald Trump sebagai presiden AS", "Both
                # Malaysia and Indonesia are members of ASEAN", "SBGTP merupakan anggota KBM"
                k = m.start - 1
                while k >= 0 and v.words[k] in _ROLE_ARTICLES:
                    k -= 1
                holder = None
                e = (
                    m.end + 3
                    if m.end + 2 < v.n and v.words[m.end] == "(" and v.words[m.end + 2] == ")"
                    else m.end
                )
                opens = k < 0 or v.words[k] in ("sebagai", "as")  # "Sebagai anggota AFC, FSBN wajib ..."
                if opens and e + 1 < v.n and v.words[e] == ",":
                    holder = v.ref_at(e + 1)  # the holder follows the role
                if holder is None and k >= 0 and v.words[k] in _ROLE_COPULAS:
                    holder = v.ref_at(k - 1)
                if holder is not None and (holder.type == "Person" or typ == "MEMBER_OF"):
                    for h in self.coordinated_left(v, holder):
                        if h.key != b.key:
                            add(typ, h, b, m.start, "title", 0.9)
                continue
            if not m.key or m.key == m.of.key:
                continue
            add(typ, Ref(m.key, m.start, m.end, "Person"), b, m.start, "title", 0.9)

    @staticmethod
    def _possessor(v: SentenceView, k: int, last_org: str) -> Ref | None:
        """The organisation a possessive ending at k names: "Halcyon's", "the agency's" (a definite
        description), or "Its" / "Their" opening the sentence (the organisation the text was last
        about), or None."""
        if k < 0:
            return None
        w = v.words[k]
        if w in ("its", "their") and k == 0 and last_org:
            return Ref(last_org, k, k + 1, "Organization")
        if w in ("'s", "’s") and k > 0:
            r = v.ref_at(k - 1)
            if r is not None and r.type == "Organization" and r.end == k:
                return r
        return None

    def _topics(self, v: SentenceView) -> set[str]:
        """Relation types a sentence talks about: its trigger verbs and event nouns ("denied the call")."""
        us = v.use_stems
        out = {t for w in v.words for t, _ in (self._word_cache.get((w, us)) or self._word(w, us))[0]}
        for i in range(v.n):
            m = self.noun_table.match(v.words, i)
            if m:
                out.update(t for t, _ in m[1])
        return out

    def _mark_disputed(
        self,
        rels: list[Relation],
        side: Callable[[str], set[str]],
        denied_topics: dict[tuple[str, str], set[str]],
    ) -> None:
        """A claim is disputed when one of its parties' side denies it: the report it came from
        ("Menurut WSJ, A menelepon B" ... A membantah laporan WSJ), or an event of its type with the
        other party ("B denied holding talks with A"). Denying something else (being "pro-Russia")
        disputes nothing, and a claim the article states again after the denial ("Meski demikian,
        laporan WSJ menunjukkan ...") stands: reported, then denied, with nothing after it."""
        denials = [r for r in rels if r.type == "DENIED"]
        # the latest sentence of the report a denial answers ("X reported that A met B ... C denied the
        # report"): what it claims is disputed, whoever denies it
        answered: dict[int, int] = {}
        for n, d in enumerate(denials):
            at = min(e.start for e in d.evidence)
            starts = [
                e.start for r in rels if r.reported_by == d.target and r.type != "DENIED" for e in r.evidence
            ]
            answered[n] = max((x for x in starts if x < at), default=-1)
        for r in rels:
            if r.type == "DENIED" or not self.types[r.type].factual:
                continue
            if all(e.rule in _DESCRIPTIVE_RULES for e in r.evidence):
                continue  # "..., Dirjen X Kementan, Suhendra, ...": the article's description, no claim
            earlier = self.lex.earlier_markers
            told = [e.start for e in r.evidence if not e.sentence.lower().startswith(earlier)]
            last = max(told, default=-1)
            for n, d in enumerate(denials):
                if max(e.start for e in d.evidence) < last:
                    continue
                if r.reported_by and r.reported_by == d.target and answered[n] == last:
                    r.disputed = True
                    break
                own = side(d.source)
                parties = {r.source, r.target}
                if not parties & own:
                    continue
                if r.reported_by and r.reported_by == d.target:
                    r.disputed = True
                    break
                if r.type not in denied_topics.get((d.source, d.target), ()):
                    continue
                others = parties - own
                about = set().union(*(side(p) for p in others)) if others else set()
                if d.target in parties or d.target in about:
                    r.disputed = True
                    break
