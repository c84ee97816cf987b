"""Readers: turn files and folders into `SourceDocument`s.

Formats: `.txt`, `.md`, `.html`/`.htm` (main text only), `.jsonl` and `.csv`
(field names configurable through `ReaderOptions`). Bytes are decoded as UTF-8
or a detected encoding (charset-normalizer) and normalised to Unicode NFC.
Boilerplate that is not article text ("BACA JUGA", "Komentar (0)", "Kategori :",
bylines "Reporter :", "Editor :", "Sumber:", "Foto:", datelines such as
"KONTAN.CO.ID - MOSKOW -", contributor credits) is removed from every format
(patterns in `boilerplate.yaml`). Each problem with an input (missing, empty,
binary, truncated, mis-encoded, too large) is reported through
`on_error(file, reason)` and that input is skipped; a bad line of a .jsonl or
.csv file is reported as `file:line` and the rest of the file goes on.

A document's date comes from its metadata (a .jsonl/.csv date field, an HTML meta tag,
Markdown front matter) when there is one; otherwise from a date stated in the header of its
text ("Minggu 27 Oct 2024 - 21:58 WIB", "Jakarta, Kamis (14/8/2025)"), read by
`loaders.dates.date_from_text` before boilerplate removal blanks datelines and bylines.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

from graph.model import SourceDocument
from loaders.dates import date_from_text

SUPPORTED = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
ErrorHandler = Callable[[str, str], None]
BOILERPLATE = Path(__file__).with_name("boilerplate.yaml")


class ReadError(Exception):
    """An input that cannot be read; str() is the reason."""


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Which fields of .jsonl/.csv records hold what (first present wins), and the size limit."""

    text_fields: tuple[str, ...] = ("text", "content", "body", "article", "isi")
    title_fields: tuple[str, ...] = ("title", "headline", "judul")
    date_fields: tuple[str, ...] = ("date", "published", "published_at", "tanggal", "datetime")
    id_fields: tuple[str, ...] = ("id", "url", "link", "uid")
    url_fields: tuple[str, ...] = ("url", "link")
    source_fields: tuple[str, ...] = ("source", "publisher", "media", "sumber")
    max_bytes: int = 50 * 1024 * 1024
    # One article is at most a few hundred KB; a longer "document" is a dump to split, not to extract.
    max_document_chars: int = 2_000_000
    strip_boilerplate: bool = True


# --- boilerplate ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = yaml.safe_load(BOILERPLATE.read_text(encoding="utf-8"))
    lines = re.compile("|".join(f"(?:{p})" for p in data["drop_lines"]), re.IGNORECASE)
    tails = re.compile("|".join(f"(?:{p})" for p in data["cut_from"]), re.IGNORECASE)
    heads = re.compile("|".join(f"(?:{p})" for p in data["strip_prefix"]))
    return lines, tails, heads


def strip_boilerplate(text: str, keep_offsets: bool = True) -> str:
    """The text with boilerplate lines, trailing credits and datelines blanked out.

    Removed characters become spaces, so every offset into the returned text is also an offset
    into the file as read: evidence offsets point at the original article text.
    """
    lines_re, tails_re, heads_re = _boilerplate()
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s and lines_re.match(s):
            out.append(" " * len(line))
            continue
        m = tails_re.search(line)
        if m:
            line = line[: m.start()] + " " * (len(line) - m.start())
        h = heads_re.search(line)
        if h and h.start() == 0:
            line = " " * h.end() + line[h.end() :]
        out.append(line)
    if not keep_offsets:  # text that is not a file's own (HTML, Markdown, records): drop the blanks
        return "\n".join(ln.strip() for ln in out if ln.strip())
    return "\n".join(out)


# --- decoding ---------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to NFC text: UTF-8 (with or without BOM), else a detected encoding."""
    if not data.strip():
        raise ReadError("empty file")
    head = data[:8192]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ReadError("truncated or mis-encoded UTF-16 text") from None
    if b"\x00" in head:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and len(data) > 16:
            raise ReadError("truncated UTF-8 (file ends inside a character)") from None
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ReadError("cannot detect the text encoding") from None
        text = str(best)
    ctrl = sum(1 for c in text[:4096] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if ctrl > max(8, len(text[:4096]) // 50):
        raise ReadError("binary file (control characters)")
    if text.count("\ufffd") > max(4, len(text) // 200):
        raise ReadError("mis-encoded text (many replacement characters)")
    return unicodedata.normalize("NFC", text)


# --- HTML -------------------------------------------------------------------------------------


class _MainText(HTMLParser):
    """Collects paragraph text outside navigation, scripts, asides, headers and footers."""

    SKIP = {
        "script",
        "style",
        "nav",
        "aside",
        "footer",
        "header",
        "form",
        "noscript",
        "iframe",
        "svg",
        "button",
        "figcaption",
        "select",
        "template",
    }
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "tr",
        "blockquote",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        cls = (a.get("class", "") + " " + a.get("id", "")).lower()
        if tag in self.SKIP or re.search(
            r"\b(baca-?juga|related|komentar|comment|share|social|advert|iklan|"
            r"breadcrumb|tags?|menu|sidebar|footer|byline|author)\b",
            cls,
        ):
            if tag not in ("br", "img", "meta", "link", "input", "hr"):
                self.skip += 1
            return
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            name = (a.get("property") or a.get("name") or "").lower()
            if name and a.get("content"):
                self.meta[name] = a["content"]
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip and (tag in self.SKIP or tag in ("div", "section", "p", "span", "ul", "a", "li")):
            self.skip -= 1
            return
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page and its metadata (title, date, url, source)."""
    p = _MainText()
    try:
        p.feed(html)
        p.close()
    except Exception as exc:  # html.parser is lenient; this is truly broken input
        raise ReadError(f"cannot parse HTML: {exc}") from None
    raw = "".join(p.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in raw.splitlines()]
    text = "\n".join(ln for ln in lines if ln)
    meta = {
        "title": p.meta.get("og:title") or p.title.strip(),
        "date": p.meta.get("article:published_time") or p.meta.get("date") or p.meta.get("pubdate") or "",
        "url": p.meta.get("og:url", ""),
        "source": p.meta.get("og:site_name", ""),
    }
    return text, meta


# --- Markdown ---------------------------------------------------------------------------------

_MD_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|`)")
_MD_HEAD = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))", re.MULTILINE)


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Plain text of a Markdown article (links keep their text) and its front-matter metadata."""
    meta = {"title": "", "date": "", "url": "", "source": ""}
    m = _MD_FRONT.match(md)
    if m:
        try:
            front = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError:
            front = {}
        if isinstance(front, dict):
            for k in meta:
                if front.get(k):
                    meta[k] = str(front[k])
        md = md[m.end() :]
    text = _MD_HEAD.sub("", _MD_MARK.sub("", _MD_LINK.sub(r"\1", md)))
    return text, meta


# --- records (.jsonl, .csv) -------------------------------------------------------------------


def _pick(rec: dict, fields: tuple[str, ...]) -> str:
    lower = {str(k).lower(): v for k, v in rec.items()}
    for f in fields:
        v = lower.get(f.lower())
        if v not in (None, ""):
            return str(v)
    return ""


def _iso_date(s: str) -> str:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", s or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else ""


def _doc_date(meta_date: str, text: str) -> str:
    """The metadata's date (ISO, or a form `date_from_text` reads), else the one in the text's header."""
    return _iso_date(meta_date) or date_from_text(meta_date) or date_from_text(text)


def _record_doc(rec: dict, path: Path, line: int, opts: ReaderOptions) -> SourceDocument:
    text = _pick(rec, opts.text_fields)
    if not text.strip():
        raise ReadError(f"no text (looked for {', '.join(opts.text_fields)})")
    text = unicodedata.normalize("NFC", text)
    doc_date = _doc_date(_pick(rec, opts.date_fields), text)
    if opts.strip_boilerplate:
        text = strip_boilerplate(text, keep_offsets=False)
    doc_id = _pick(rec, opts.id_fields) or f"{path.stem}:{line}"
    return SourceDocument(
        id=doc_id,
        text=text,
        path=f"{path}:{line}",
        title=unicodedata.normalize("NFC", _pick(rec, opts.title_fields)),
        date=doc_date,
        url=_pick(rec, opts.url_fields),
        source=_pick(rec, opts.source_fields),
    )


def _read_jsonl(
    path: Path, text: str, opts: ReaderOptions, on_error: ErrorHandler
) -> Iterator[SourceDocument]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ReadError("a line must be a JSON object")
            yield _record_doc(rec, path, n, opts)
        except json.JSONDecodeError as exc:
            on_error(f"{path}:{n}", f"invalid JSON: {exc.msg}")
        except ReadError as exc:
            on_error(f"{path}:{n}", str(exc))


def _read_csv(path: Path, text: str, opts: ReaderOptions, on_error: ErrorHandler) -> Iterator[SourceDocument]:
    csv.field_size_limit(max(opts.max_bytes, 1 << 20))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        for rec in reader:
            n = reader.line_num
            if None in rec:
                on_error(f"{path}:{n}", "row has more fields than the header")
                continue
            try:
                yield _record_doc(rec, path, n, opts)
            except ReadError as exc:
                on_error(f"{path}:{n}", str(exc))
    except csv.Error as exc:
        on_error(f"{path}:{reader.line_num}", f"malformed CSV: {exc}")


# --- files ------------------------------------------------------------------------------------


def expand_paths(paths: Iterable[Path], on_error: ErrorHandler) -> Iterator[Path]:
    """Files as given, folders walked recursively (sorted) for supported files."""
    for p in paths:
        p = Path(p)
        if not p.exists():
            on_error(str(p), "no such file or directory")
        elif p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            if not found:
                on_error(str(p), f"folder has no {'/'.join(SUPPORTED)} files")
            yield from found
        else:
            yield p


def read_text_file(path: Path, opts: ReaderOptions | None = None) -> SourceDocument:
    """One .txt/.md/.html file as a document (id = file name without extension)."""
    opts = opts or ReaderOptions()
    text = decode(path.read_bytes())
    meta = {"title": "", "date": "", "url": "", "source": ""}
    if path.suffix.lower() in (".html", ".htm"):
        text, meta = html_to_text(text)
    elif path.suffix.lower() == ".md":
        text, meta = markdown_to_text(text)
    doc_date = _doc_date(meta["date"], text)
    if opts.strip_boilerplate:
        text = strip_boilerplate(text, keep_offsets=path.suffix.lower() in (".txt",))
    if not text.strip():
        raise ReadError("no article text (empty after removing markup and boilerplate)")
    return SourceDocument(
        id=path.stem,
        text=text,
        path=str(path),
        title=meta["title"],
        date=doc_date,
        url=meta["url"],
        source=meta["source"],
    )


def read_documents(
    paths: Iterable[Path], on_error: ErrorHandler, options: ReaderOptions | None = None
) -> Iterator[SourceDocument]:
    """Every readable document under `paths`, in a stable order."""
    opts = options or ReaderOptions()
    for f in expand_paths(paths, on_error):
        suffix = f.suffix.lower()
        if suffix not in SUPPORTED:
            on_error(str(f), f"unsupported file type {f.suffix or '(none)'}; use {', '.join(SUPPORTED)}")
            continue
        try:
            size = f.stat().st_size
            if size > opts.max_bytes:
                on_error(
                    str(f), f"file too large ({size / 1e6:.1f} MB > {opts.max_bytes / 1e6:.0f} MB limit)"
                )
                continue
            if suffix in (".jsonl", ".csv"):
                text = decode(f.read_bytes())
                reader = _read_jsonl if suffix == ".jsonl" else _read_csv
                docs: Iterable[SourceDocument] = reader(f, text, opts, on_error)
            else:
                docs = [read_text_file(f, opts)]
            for doc in docs:
                if len(doc.text) > opts.max_document_chars:
                    on_error(
                        doc.path or str(f),
                        f"document {doc.id!r} too long ({len(doc.text) / 1e6:.1f} M characters >"
                        f" {opts.max_document_chars / 1e6:g} M per document); split it into articles",
                    )
                    continue
                yield doc
        except (OSError, ReadError) as exc:
            on_error(str(f), str(exc) if isinstance(exc, ReadError) else (exc.strerror or str(exc)))
