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
    typer.Option("--store", "-s", envvar="ERGRAPH_STORE", show_default=".ergraph/store",
                 help="Embedded store directory, or a bolt:// / neo4j:// / neo4j+s:// URI for Neo4j "
                      "(credentials from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE or .env)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table, json or csv.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def opened(store: str | None, *, read_only: bool = False):
    """Open the store or exit with its one-line message."""
    try:
        handle: Store = open_store(store, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc), exc.exit_code) from None
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
    workers: Annotated[int, typer.Option("--workers", "-w", help="Extraction processes; 0 = one per core.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents written per transaction.")] = 100,
    force: Annotated[bool, typer.Option(help="Re-extract documents even when their content is unchanged.")] = False,
    ontology: Annotated[Path | None, typer.Option(help="Relation ontology YAML (default: built in).")] = None,
    resolutions: Annotated[Path | None, typer.Option(help="Curator decisions YAML (default: ./resolutions.yaml).")]
    = None,
) -> None:
    """Read articles, extract entities and relations, and store them.

    Loading is idempotent: a document whose content has not changed is skipped,
    a changed one replaces what it contributed. Bad files are reported and
    skipped; the exit code is 1 only if nothing could be loaded.

    Example:  ergraph load seeds/ more-articles.jsonl --workers 2
    """
    from graph.load import LoadOptions, load_paths

    options = LoadOptions(batch_size=batch_size, workers=workers, force=force, ontology=ontology,
                          resolutions=resolutions)
    try:
        _check_config(options)
    except Exception as exc:  # noqa: BLE001 - a malformed ontology/resolutions file stops before any write
        raise fail(str(exc)) from None
    with opened(store) as handle:
        with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, console=_stderr_console(), disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("load", total=None)
            summary = load_paths(
                handle, paths, options,
                on_error=lambda file, reason: typer.echo(f"skipped {file}: {reason}", err=True),
                on_progress=lambda n: bar.advance(task, n),
            )
    typer.echo(
        f"loaded {summary.documents} document{'s' if summary.documents != 1 else ''}"
        f" ({summary.unchanged} unchanged), {summary.entities} entities, {summary.relations} relations,"
        f" {len(summary.skipped)} skipped → {store_spec(store)}"
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
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value (JSON values allowed).")]
    = None,
    fmt: FormatOption = "table",
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the graph.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 60.0,
    store: StoreOption = None,
) -> None:
    """Run Cypher against the store (read-only unless --write).

    The embedded store speaks LadybugDB's Cypher (label(n), -[* SHORTEST 1..6]-);
    Neo4j speaks Neo4j 5 Cypher. Named, tested queries for both: ergraph queries list.

    Example:  ergraph query "MATCH (a)-[r:CONTACTED]->(b) WHERE a.name = $name RETURN b.name" -p name="Ana Lee"
    """
    check_format(fmt)
    try:
        params = parse_params(param or [])
    except ValueError as exc:
        raise fail(str(exc)) from None
    with opened(store, read_only=not write) as handle:
        result = handle.query(cypher, params, write=write, timeout=timeout)
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
    fmt: Annotated[str, typer.Option("--format", "-f", help="Only json (networkx node-link) for now.")] = "json",
    store: StoreOption = None,
) -> None:
    """Write the whole graph as networkx node-link JSON (edges under "edges").

    Each entity has id, name, type, aliases and docs; each edge source, target,
    type and evidence (list of {doc, sentence, start, end, trigger, rule, confidence}).

    Example:  ergraph export --format json -o graph.json
    """
    if fmt != "json":
        raise fail(f"unknown export format {fmt!r}; use json")
    with opened(store, read_only=True) as handle:
        text = export_json(handle)
    if str(output) == "-":
        sys.stdout.write(text + "\n")
        return
    try:
        write_atomically(output, text + "\n")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}")


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    max_nodes: Annotated[int | None, typer.Option(help="Keep at most this many (most connected) nodes.")]
    = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
    store: StoreOption = None,
) -> None:
    """Write an interactive, self-contained HTML graph (works offline).

    Example:  ergraph viz -o graph.html --open
    """
    from graph.viz import VizError, render_html

    with opened(store, read_only=True) as handle:
        g = build_graph(handle)
    try:
        kwargs = {} if max_nodes is None else {"max_nodes": max_nodes}
        report = render_html(g, output, **kwargs)
    except VizError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"wrote {output}: {report.nodes_drawn} nodes, {report.edges_drawn} edges")
    if report.nodes_dropped:
        typer.echo(f"dropped {report.nodes_dropped} less connected nodes; raise --max-nodes to see them")
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
    where = store_spec(store)
    if not yes and not typer.confirm(f"Delete the whole graph in {where}?"):
        raise typer.Exit(1)
    with opened(store) as handle:
        handle.reset()
    typer.echo(f"reset {where}")


def main() -> None:  # pragma: no cover - console entry
    app()
