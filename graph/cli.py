"""The `ergraph` command line: a thin layer over graph/ and loaders/.

Each command opens the store, calls one library function and formats the
result. Errors the user can act on print one line and exit non-zero:
1 for bad input, 2 for a rejected query, 3 for an unreachable store.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.export import build_graph, export_json, write_atomically
from graph.output import FORMATS, parse_params, write_rows
from graph.redact import redact
from graph.store import Store, StoreError, open_store, store_spec

app = typer.Typer(
    help="Turn news articles into a graph of who contacted, denied or instructed whom — with the sentence "
    "that says so.\n\nQuick start:  ergraph load seeds/  &&  ergraph viz -o graph.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        envvar="ERGRAPH_STORE",
        show_default=".ergraph/store",
        help="Embedded store directory, or a bolt:// / neo4j:// / neo4j+s:// URI for Neo4j "
        "(credentials from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE or .env).",
    ),
]
ResolutionsOption = Annotated[
    Path, typer.Option("--resolutions", help="Curator decisions file, applied on every load; keep it in git.")
]
ParamOption = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="key=value (JSON values allowed), repeatable.")
]
TimeoutOption = Annotated[float, typer.Option(help="Seconds before the query is stopped.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or csv.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {redact(message)}", err=True)
    return typer.Exit(code)


def shown_store(store: str | None) -> str:
    """The store's location as printed: a password in its URI shows as ***."""
    return redact(store_spec(store))


@contextmanager
def opened(store: str | None, *, read_only: bool = False):
    """Open the store or exit with its one-line message."""
    try:
        handle: Store = open_store(store, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc), exc.exit_code) from None
    for message in handle.notes:
        typer.echo(f"note: {message}", err=True)
    try:
        yield handle
    except StoreError as exc:
        raise fail(str(exc), exc.exit_code) from None
    finally:
        handle.close()


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .md, .html, .jsonl, .csv).")],
    store: StoreOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Extraction processes; 0 = one per core.")
    ] = 0,
    batch_size: Annotated[int, typer.Option(help="Documents written per transaction.")] = 250,
    force: Annotated[
        bool, typer.Option(help="Re-extract documents even when their content is unchanged.")
    ] = False,
    ontology: Annotated[Path | None, typer.Option(help="Relation ontology YAML (default: built in).")] = None,
    resolutions: ResolutionsOption = Path("resolutions.yaml"),
    bulk: Annotated[
        bool,
        typer.Option(
            help="First load into an empty embedded store: stage the rows on disk and import them with"
            " LadybugDB's COPY FROM at the end (several times faster, the same graph). All or nothing,"
            " no per-batch transactions: an interrupted bulk load is cleared on the next open, run it"
            " again. A store that already holds documents is loaded normally (with a note); a Bolt/Neo4j"
            " store always uses its normal batched UNWIND writes. Archives of ~100k articles can exceed"
            " LadybugDB's buffer pool in one relation type and are undone: load those normally."
        ),
    ] = False,
) -> None:
    """Read articles, extract entities and relations, and store them.

    Loading is idempotent: a document whose content has not changed is skipped,
    a changed one replaces what it contributed. Bad files are reported and
    skipped; the exit code is 1 only if nothing could be loaded.

    Example:  ergraph load seeds/ more-articles.jsonl --workers 2
    """
    from graph.load import LoadOptions, load_paths

    options = LoadOptions(
        batch_size=batch_size,
        workers=workers,
        force=force,
        ontology=ontology,
        resolutions=resolutions,
        bulk=bulk,
    )
    try:
        _check_config(options)
    except Exception as exc:  # noqa: BLE001 - a malformed ontology/resolutions file stops before any write
        raise fail(str(exc)) from None
    interactive = sys.stderr.isatty()
    with opened(store) as handle:
        with Progress(
            TextColumn("loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
            console=_stderr_console(),
            disable=not interactive,
        ) as bar:
            task = bar.add_task("load", total=None)
            done = 0
            notes: list[str] = []  # e.g. that --bulk fell back to a transactional load

            def note(message: str) -> None:
                notes.append(message)
                typer.echo(f"note: {message}", err=True)

            def progress(n: int) -> None:
                # a terminal gets the bar; a log file gets one line per committed batch
                nonlocal done
                done += n
                bar.advance(task, n)
                if not interactive:
                    typer.echo(f"loading: {done} documents done", err=True)

            try:
                summary = load_paths(
                    handle,
                    paths,
                    options,
                    on_error=lambda file, reason: typer.echo(f"skipped {file}: {reason}", err=True),
                    on_progress=progress,
                    on_note=note,
                )
            except StoreError as exc:
                # a server lost mid-load: say what is safe, so the user simply runs the command again
                if bulk and not notes:  # a bulk import stores nothing until its end, and was undone
                    stored = "nothing of this run was stored (a bulk import is all or nothing)"
                else:
                    stored = (
                        f"{done} document{'s' if done != 1 else ''} of this run were stored before the"
                        " failure and the rest were not"
                    )
                again = "run the same command again to load them (stored documents are skipped)"
                raise type(exc)(f"{exc}; {stored}: {again}") from None
    typer.echo(
        f"loaded {summary.documents} document{'s' if summary.documents != 1 else ''}"
        f" ({summary.unchanged} unchanged), {summary.entities} entities, {summary.relations} relations,"
        f" {len(summary.skipped)} skipped → {shown_store(store)}"
    )
    if summary.documents == 0 and summary.unchanged == 0:
        raise typer.Exit(1)


def _check_config(options) -> None:
    from loaders.extract import Extractor

    Extractor(ontology=options.ontology, resolutions=options.resolutions)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="A Cypher query; pass data as $parameters, not in the text.")],
    param: ParamOption = None,
    fmt: FormatOption = "table",
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the graph.")] = False,
    timeout: TimeoutOption = 60.0,
    store: StoreOption = None,
) -> None:
    """Run Cypher against the store (read-only unless --write).

    The embedded store speaks LadybugDB's Cypher (label(n), -[* SHORTEST 1..6]-);
    Neo4j speaks Neo4j 5 Cypher. Named, tested queries for both: ergraph queries list.

    Example:  ergraph query "MATCH (a)-[:CONTACTED]->(b) WHERE a.name = $name RETURN b.name" -p name="Ana Lee"
    """
    check_format(fmt)
    try:
        params = parse_params(param or [])
    except ValueError as exc:
        raise fail(str(exc)) from None
    from graph.explore import run_query

    with opened(store, read_only=not write) as handle:
        result = run_query(handle, cypher, params, write=write, timeout=timeout)
        write_rows(result.columns, result.rows, fmt, sys.stdout)


@app.command()
def stats(store: StoreOption = None, fmt: FormatOption = "table") -> None:
    """Count documents, entities by type and relations by type.

    Example:  ergraph stats --format json
    """
    from graph.stats import graph_stats

    check_format(fmt)
    with opened(store, read_only=True) as handle:
        rows = graph_stats(handle)
    write_rows(["what", "count"], ([k, v] for k, v in rows.items()), fmt, sys.stdout)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout).")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Only json (networkx node-link) for now.")
    ] = "json",
    include_disputed: Annotated[
        bool,
        typer.Option(help="Keep reported-then-denied claims as edges (marked disputed: true)."),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Write the whole graph as networkx node-link JSON (edges under "edges").

    Each entity has id, name, type, aliases and docs; each edge source, target,
    type and evidence (list of {doc, sentence, start, end, trigger, rule, confidence}).
    A claim that every article stating it also denies ("according to WSJ, A
    called B ... B denied the report") is listed under "disputed_claims" in the
    graph's attributes rather than among the edges, unless --include-disputed.

    Example:  ergraph export --format json -o graph.json
    """
    if fmt != "json":
        raise fail(f"unknown export format {fmt!r}; use json")
    with opened(store, read_only=True) as handle:
        text = export_json(handle, include_disputed=include_disputed)
    if str(output) == "-":
        sys.stdout.write(text + "\n")
        return
    try:
        write_atomically(output, text + "\n")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}")


def _split_csv(values: list[str] | None) -> set[str] | None:
    return {v.strip() for item in values or [] for v in item.split(",") if v.strip()} or None


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    focus: Annotated[
        str | None, typer.Option(help="Only this entity's neighbourhood (name or alias).")
    ] = None,
    depth: Annotated[int, typer.Option(help="Relations away from --focus to include.")] = 2,
    cypher: Annotated[
        str | None, typer.Option("--query", help="Draw the entities (nodes, paths) a Cypher query returns.")
    ] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value for --query.")] = None,
    timeout: TimeoutOption = 60.0,
    types: Annotated[
        list[str] | None, typer.Option("--types", help="Entity types to keep, e.g. Person,Organization.")
    ] = None,
    relations: Annotated[
        list[str] | None, typer.Option("--relations", help="Relation types to keep, e.g. CONTACTED,DENIED.")
    ] = None,
    since: Annotated[
        str, typer.Option(help="Only evidence from documents dated on/after (YYYY[-MM[-DD]]).")
    ] = "",
    until: Annotated[
        str, typer.Option(help="Only evidence from documents dated on/before (YYYY[-MM[-DD]]).")
    ] = "",
    max_nodes: Annotated[
        int | None, typer.Option(help="Keep at most this many (most connected) nodes [default: 2000].")
    ] = None,
    max_edges: Annotated[
        int | None, typer.Option(help="Keep at most this many (best attested) relations [default: 4000].")
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
    store: StoreOption = None,
) -> None:
    """Write an interactive, self-contained HTML graph (works offline, no network requests).

    Hover or click a node or an edge for aliases, evidence sentences and documents;
    filter by type and relation and search names in the page.

    Example:  ergraph viz --focus "Elon Musk" --depth 1 --relations CONTACTED,DENIED -o musk.html
    """
    from graph import views
    from graph.explore import NotFound, find_entity, run_query
    from graph.viz import VizError, render_html

    title = "ergraph"
    with opened(store, read_only=True) as handle:
        g = build_graph(handle)
        if focus:
            try:
                entity = find_entity(handle, focus)
            except NotFound as exc:
                raise fail(str(exc)) from None
            g = views.ego(g, entity.key, depth)
            title = f"ergraph — {entity.name} (depth {depth})"
        if cypher:
            try:
                params = parse_params(param or [])
            except ValueError as exc:
                raise fail(str(exc)) from None
            result = run_query(handle, cypher, params, timeout=timeout)
            keys = views.keys_in((v for row in result.rows for v in row), set(g.nodes))
            if not keys:
                raise fail("the query returned no entities to draw; return nodes, paths or entity keys")
            g = views.induced(g, keys)
            title = "ergraph — query result"
    whole = g.number_of_nodes()
    g = views.filtered(g, types=_split_csv(types), relations=_split_csv(relations), since=since, until=until)
    if whole and not g.number_of_nodes():
        dated = sum(1 for d in g.graph.get("documents", {}).values() if d.get("date"))
        hint = (
            f" ({dated} of {len(g.graph.get('documents', {}))} documents carry a date)"
            if since or until
            else ""
        )
        raise fail(f"nothing left to draw after --types/--relations/--since/--until{hint}")
    limits = {k: v for k, v in (("max_nodes", max_nodes), ("max_edges", max_edges)) if v is not None}
    try:
        report = render_html(g, output, title=title, **limits)
    except VizError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"wrote {output}: {report.nodes_drawn} nodes, {report.edges_drawn} edges")
    if report.nodes_dropped or report.edges_dropped:
        typer.echo(
            f"left out {report.nodes_dropped} less connected nodes and {report.edges_dropped} relations;"
            " raise --max-nodes/--max-edges or narrow with --focus, --types, --relations, --since"
        )
    if open_browser:
        import webbrowser

        if not webbrowser.open(output.resolve().as_uri()):
            typer.echo("no browser found; open the file yourself", err=True)


@app.command()
def reset(
    store: StoreOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete everything ergraph stored in the store.

    Example:  ergraph reset --yes
    """
    where = shown_store(store)
    if not yes and not typer.confirm(f"Delete the whole graph in {where}?"):
        raise typer.Exit(1)
    with opened(store) as handle:
        handle.reset()
    typer.echo(f"reset {where}")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Entity name or alias (case and accents ignored).")],
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """Everything about one entity: its aliases and every relation with its evidence.

    Example:  ergraph show "vladimir putin"
    """
    from graph.explore import NotFound, describe

    check_format(fmt)
    with opened(store, read_only=True) as handle:
        try:
            report = describe(handle, name)
        except NotFound as exc:
            raise fail(str(exc)) from None
    e = report.entity
    if fmt == "table":
        typer.echo(f"{e.name}  [{e.type}]  key={e.key}")
        typer.echo(f"aliases: {'; '.join(e.aliases)}")
        typer.echo(f"documents: {', '.join(e.docs)}")
    rows = [
        [
            e.name,
            edge.type,
            report.names.get(edge.target, edge.target),
            edge.doc,
            " | ".join(ev["sentence"] for ev in edge.evidence),
            edge.disputed,
        ]
        for edge in report.outgoing
    ]
    rows += [
        [
            report.names.get(edge.source, edge.source),
            edge.type,
            e.name,
            edge.doc,
            " | ".join(ev["sentence"] for ev in edge.evidence),
            edge.disputed,
        ]
        for edge in report.incoming
    ]
    write_rows(["source", "relation", "target", "doc", "evidence", "disputed"], rows, fmt, sys.stdout)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="First entity (name or alias).")],
    target: Annotated[str, typer.Argument(help="Second entity (name or alias).")],
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """A shortest chain of relations between two entities (direction ignored).

    Example:  ergraph path "Elon Musk" "Xi Jinping"
    """
    from graph.explore import NotFound, match_entity, shortest_path

    check_format(fmt)
    with opened(store, read_only=True) as handle:
        try:
            everyone = list(handle.entities())
            a, b = match_entity(everyone, source), match_entity(everyone, target)
        except NotFound as exc:
            raise fail(str(exc)) from None
        g = build_graph(handle)
    hops = shortest_path(g, a.key, b.key)
    if not hops:
        raise fail(f"no path between {a.name!r} and {b.name!r}")
    name = lambda k: g.nodes[k]["name"]  # noqa: E731
    rows = [
        [name(s), t, name(o), data["evidence"][0]["sentence"] if data["evidence"] else ""]
        for s, t, o, data in hops
    ]
    write_rows(["from", "relation", "to", "evidence"], rows, fmt, sys.stdout)


@app.command()
def entities(
    entity_type: Annotated[
        str | None, typer.Option("--type", "-t", help="Person, Organization, Country or Technology.")
    ] = None,
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """List entities with their type, aliases and how many documents mention them.

    Example:  ergraph entities --type Person --format csv
    """
    from graph.model import ENTITY_TYPES

    check_format(fmt)
    if entity_type and entity_type not in ENTITY_TYPES:
        raise fail(f"unknown type {entity_type!r}; use one of {', '.join(ENTITY_TYPES)}")
    with opened(store, read_only=True) as handle:
        rows = sorted(
            (
                [e.name, e.type, "; ".join(e.aliases), len(e.docs)]
                for e in handle.entities()
                if entity_type in (None, e.type)
            ),
            key=lambda r: (-r[3], r[0]),
        )
    write_rows(["name", "type", "aliases", "documents"], rows, fmt, sys.stdout)


queries_app = typer.Typer(
    help="The named query library (queries/*.cypher), runnable on either store.", no_args_is_help=True
)
app.add_typer(queries_app, name="queries")


@queries_app.command("list")
def queries_list(fmt: FormatOption = "table") -> None:
    """List the named queries with what they answer and their parameters.

    Example:  ergraph queries list
    """
    from queries import list_queries

    check_format(fmt)
    rows = [
        [
            q.name,
            q.description,
            ", ".join(p.name + ("" if p.required else f"={p.default}") for p in q.params),
            q.example,
        ]
        for q in list_queries()
    ]
    write_rows(["name", "answers", "parameters", "example"], rows, fmt, sys.stdout)


@queries_app.command("run")
def queries_run(
    name: Annotated[str, typer.Argument(help="A name from `ergraph queries list`.")],
    param: ParamOption = None,
    fmt: FormatOption = "table",
    timeout: TimeoutOption = 60.0,
    store: StoreOption = None,
) -> None:
    """Run a named query on the current store (its variant for that store's dialect).

    Example:  ergraph queries run shortest_path -p a="Elon Musk" -p b="Xi Jinping"
    """
    from queries import get_query, load_query

    check_format(fmt)
    try:
        named = get_query(name)
        params = named.bind(parse_params(param or []))
    except (KeyError, ValueError) as exc:
        raise fail(str(exc)) from None
    from graph.explore import run_query

    with opened(store, read_only=True) as handle:
        cypher = load_query(name, handle.dialect)
        result = run_query(handle, cypher, params, timeout=timeout)
        write_rows(result.columns, result.rows, fmt, sys.stdout)


def _report_curation(result) -> None:
    typer.echo(f"recorded: {result.recorded}")
    if result.reloaded is not None:
        typer.echo(f"re-extracted {result.reloaded.documents} document(s) with the decision applied")
    for path in result.missing:
        typer.echo(f"warning: {path} is gone; reload its document to apply the decision", err=True)


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity to keep (name, alias or key).")],
    other: Annotated[str, typer.Argument(help="The entity or surface form that is the same as KEEP.")],
    resolutions: ResolutionsOption = Path("resolutions.yaml"),
    store: StoreOption = None,
) -> None:
    """Record that OTHER is the same entity as KEEP; applied now and on every later load.

    Example:  ergraph merge "Elon Musk" "Tuan Musk"
    """
    from graph.curate import merge as merge_entities

    with opened(store) as handle:
        try:
            result = merge_entities(handle, keep, other, resolutions)
        except ValueError as exc:
            raise fail(str(exc)) from None
    _report_curation(result)


@app.command()
def split(
    entity: Annotated[str, typer.Argument(help="The entity that was merged wrongly (name, alias or key).")],
    alias: Annotated[
        str | None, typer.Option(help="Only this surface form stops merging into ENTITY.")
    ] = None,
    resolutions: ResolutionsOption = Path("resolutions.yaml"),
    store: StoreOption = None,
) -> None:
    """Record that a name must no longer merge into ENTITY; applied now and on every later load.

    Example:  ergraph split "Elon Musk" --alias "Musk"
    """
    from graph.curate import split as split_entity

    with opened(store) as handle:
        try:
            result = split_entity(handle, entity, alias, resolutions)
        except ValueError as exc:
            raise fail(str(exc)) from None
    _report_curation(result)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # python -m graph.cli
    app()
