"""Tokens and sentences: regex splitting that keeps character offsets into the document.

A `Token` remembers its span in the document text, so every later stage can
point back at the exact characters (evidence offsets). Words glued together by
a lost line break ("tersebutJuru", "TrumpMusk") are split again, and sentence
boundaries are placed there too. Pure regex: no model, thousands of docs/s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_ABBREV = frozenset(
    ["tn", "ny", "nn", "dr", "mr", "ms", "mrs", "prof", "sdr", "st", "jr", "sr", "inc", "corp", "ltd", "co"]
)
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
# lower->Upper glue: "tersebutJuru" always; "TrumpMusk" when both halves occur alone in the document
_GLUE_LOWER = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")
_GLUE_CAMEL = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{2,})$")


class Token:
    """One token: its text and its [start, end) span in the document (with cached word classes)."""

    __slots__ = ("text", "start", "end", "lower", "is_cap", "is_word")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()
        c = text[:1]
        self.is_cap = c.isupper()
        self.is_word = c.isalnum()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (
            other.text,
            other.start,
            other.end,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text, its span in the document and its tokens."""

    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]
    words: tuple[str, ...] = ()  # lower-cased token texts


_GLUE_ANY = re.compile(r"[a-z][A-Z]")
_CAMEL_ANY = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}")


def tokenize(text: str, standalone: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens of `text` with offsets; `standalone` = words seen alone in the document (for camel glue)."""
    out: list[Token] = []
    append = out.append
    glue = [g.start() for g in _GLUE_ANY.finditer(text)]
    gi = 0
    ng = len(glue)
    skip_to = -1
    n_text = len(text)
    next_glue = glue[0] if glue else n_text  # glue[gi], or past the text (no word reaches it)
    for m in _WORD_RE.finditer(text):
        st, end = m.span()
        if st < skip_to:
            continue
        w = m.group()
        if end < n_text and len(w) <= 4 and text[end] == ".":
            if w.lower() in _ABBREV:  # "Tn.", "Inc."
                append(Token(w + ".", st, end + 1))
                skip_to = end + 1
                continue
            if len(w) == 1 and w.isupper():  # "U.S."
                d = _DOTTED.match(text, st)
                if d:
                    append(Token(d.group(), st, d.end()))
                    skip_to = d.end()
                    continue
        if next_glue < end - 1:  # a glue point before the word's last character: skip passed ones
            while gi < ng and glue[gi] < st:
                gi += 1
            next_glue = glue[gi] if gi < ng else n_text
        if next_glue < end - 1:
            c = _GLUE_CAMEL.match(w)
            if c and c.group(1) in standalone and c.group(2) in standalone:
                k = len(c.group(1))
                append(Token(w[:k], st, st + k))
                append(Token(w[k:], st + k, end))
                continue
            cut = _GLUE_LOWER.search(w) if w[:1].islower() else None
            if cut:
                k = cut.start()
                append(Token(w[:k], st, st + k))
                append(Token(w[k:], st + k, end))
                continue
        if len(w) > 3 and w[-2] in "'’" and w[-1] in "sS":  # "Korea's" -> "Korea", "'s"
            append(Token(w[:-2], st, end - 2))
            append(Token(w[-2:], end - 2, end))
            continue
        append(Token(w, st, end))
    return out


def _word_tokens(text: str) -> list[str]:
    return _CAP_WORD.findall(text)


_CAP_WORD = re.compile(r"\b[A-Z]\w*")
MAX_SENTENCE_TOKENS = 250
_SENT_END = {".", "!", "?"}
_CLOSERS = {'"', "”", "’", "'", ")", "»"}


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`: end at . ! ? (not after abbreviations or initials), at line breaks and glue."""
    camel = _CAMEL_ANY.search(text)
    standalone = frozenset(w for w in _word_tokens(text) if w[:1].isupper()) if camel else frozenset()
    tokens = tokenize(text, standalone)
    sentences: list[Sentence] = []
    cur: list[Token] = []

    def flush() -> None:
        if cur:
            s, e = cur[0].start, cur[-1].end
            sentences.append(Sentence(text[s:e], s, e, tuple(cur), tuple([t.lower for t in cur])))
            cur.clear()

    n = len(tokens)
    prev_end = -1
    prev: Token | None = None
    for i, t in enumerate(tokens):
        if prev is not None:
            st = t.start
            if st == prev_end:
                # glue: "tersebutJuru", "nasional?Hubungan" is handled by the sentence-end rule
                if (
                    t.is_cap
                    and prev_end - prev.start > 1
                    and prev.text[-1:].islower()
                    and prev.text[:1].isalpha()
                ):
                    flush()
            elif st - prev_end > 1 or text[prev_end] != " ":
                if text.find("\n", prev_end, st) >= 0:
                    flush()
        cur.append(t)
        prev = t
        prev_end = t.end
        tx = t.text
        if len(cur) >= MAX_SENTENCE_TOKENS and (tx in (",", ";") or len(cur) >= 2 * MAX_SENTENCE_TOKENS):
            flush()  # a run-on "sentence" (a table, a list, text without punctuation): keep work linear
            prev = None
            continue
        if tx in _SENT_END:
            # absorb closing quotes/brackets
            j = i + 1
            if j < n and tokens[j].text in _CLOSERS and tokens[j].start == t.end:
                continue
            if _is_boundary(tokens, i, text):
                flush()
                prev = None
        elif tx in _CLOSERS and len(cur) >= 2 and cur[-2].text in _SENT_END and cur[-2].end == t.start:
            if _is_boundary(tokens, i, text):
                flush()
                prev = None
    flush()
    return sentences


def _is_boundary(tokens: list[Token], i: int, text: str) -> bool:
    t = tokens[i]
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    if t.text == "." and i > 0:
        prev = tokens[i - 1]
        # initials ("J. Smith") and decimals ("1.8")
        if len(prev.text) == 1 and prev.text.isupper():
            return False
        if prev.text.isdigit() and nxt.text.isdigit() and nxt.start == t.end:
            return False
    if t.text == "." and nxt.start == t.end and nxt.text[:1].isalpha():
        return False  # "situs.com", "KOMPAS.COM", "e.g."
    return nxt.text[:1].isupper() or nxt.text[:1] in "\"“‘'([" or nxt.text[:1].isdigit() or nxt.text in "-–—•"
