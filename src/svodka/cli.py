"""The ``svodka`` command line."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from svodka import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="svodka: sourced chronicles from Russian and English news (who did what to whom, where, "
    "when, how many, according to whom).",
)
err = Console(stderr=True)
#: Failed documents named on stderr as they happen; all of them are in the output anyway.
MAX_ERRORS_SHOWN = 20


def _version(value: bool) -> None:
    if value:
        typer.echo(f"svodka {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """svodka command line."""


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl, Telegram result.json, .csv/.tsv/.parquet "
                                                "files, or folders (searched recursively).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSON Lines file (default: stdout).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64,
                                         help="Local worker processes, each loading models once.")] = 1,
    layers: Annotated[str | None, typer.Option("--layers", help="Comma-separated layers to compute "
                                               "(default: all available).")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1000,
                                           help="Refuse documents longer than this (characters).")] = 5_000_000,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Show a progress bar on stderr.")] = True,
    resume: Annotated[bool, typer.Option("--resume", help="Append to -o, skipping documents already in it "
                                         "(after an interrupted run).")] = False,
) -> None:
    """Extract one document record per article, as JSON Lines, in input order.

    Exit code 0 when every document was processed, 1 when some failed (their records carry
    an "error"), 2 on a usage error.
    """
    from svodka import pipeline, read

    layer_list = [x.strip() for x in layers.split(",") if x.strip()] if layers else None
    try:
        pipeline.plan(layer_list or pipeline.available_layers())
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    done: set[str] = set()
    if resume:
        if output is None:
            err.print("[red]error:[/red] --resume needs -o FILE")
            raise typer.Exit(2)
        done = _finished_ids(output)
        err.print(f"resuming: {len(done)} documents already in {output}")
    out: BinaryIO = output.open("ab" if resume else "wb") if output else sys.stdout.buffer
    failed = total = 0
    started = time.monotonic()
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("{task.fields[failed]} failed"),
               TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not progress, transient=False) as bar:
        task = bar.add_task("extract", total=None, rate=0.0, failed=0)
        docs = (d for d in read.iter_documents(paths, exclude=[output] if output else []) if d.id not in done)
        try:
            for line, error in pipeline.run(docs, layer_list, workers=workers, max_chars=max_chars):
                out.write(line + b"\n")
                total += 1
                if error is not None:
                    failed += 1
                    if failed <= MAX_ERRORS_SHOWN:
                        bar.console.print(f"[yellow]skipped[/yellow] {escape(error)}", highlight=False)
                rate = total / max(time.monotonic() - started, 1e-9)
                bar.update(task, advance=1, rate=rate, failed=failed)
        finally:
            out.flush()
            if output:
                out.close()
    elapsed = time.monotonic() - started
    if failed > MAX_ERRORS_SHOWN:
        err.print(f"... and {failed - MAX_ERRORS_SHOWN} more; every failed document has an \"error\" in its record")
    err.print(f"{total} documents, {failed} failed, {elapsed:.1f} s"
              + (f" -> {output}" if output else ""))
    if failed:
        raise typer.Exit(1)


def _finished_ids(path: Path) -> set[str]:
    """Ids of the complete records in an output file; a last line cut by a kill is removed."""
    import msgspec

    class _Id(msgspec.Struct):
        id: str

    if not path.exists():
        return set()
    ids: set[str] = set()
    good = 0
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(msgspec.json.decode(line, type=_Id).id)
            except msgspec.DecodeError:
                break
            good += len(line)
    if good < path.stat().st_size:
        os.truncate(path, good)
    return ids


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Documents (.txt, .jsonl, .json, .csv, .tsv, "
                                                ".parquet, folders), or svodka records "
                                                "with --records.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Local worker processes.")] = 1,
    records: Annotated[bool, typer.Option("--records", help="Inputs are records from `svodka extract`, "
                                          "not documents: store them without extracting again.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=100_000,
                                            help="Documents per transaction.")] = 200,
) -> None:
    """Extract documents and store them in the chronicle. Re-ingesting an unchanged document changes
    nothing; a changed one replaces its old rows in one transaction."""
    from svodka import pipeline, read
    from svodka.chronicle.store import Store
    from svodka.record import loads

    def stream():  # type: ignore[no-untyped-def]
        if records:
            for path in paths:
                with path.open("rb") as f:
                    for n, line in enumerate(f, 1):
                        if line.strip():
                            try:
                                yield loads(line)
                            except Exception as exc:  # a broken line is reported, the rest goes on
                                err.print(f"[yellow]skipped[/yellow] {escape(str(path))}:{n}: {escape(str(exc))}")
        else:
            for line, error in pipeline.run(read.iter_documents(paths), workers=workers):
                if error is not None:
                    err.print(f"[yellow]skipped[/yellow] {escape(error)}", highlight=False)
                yield loads(line)

    started = time.monotonic()
    with Store(db) as store, Progress(SpinnerColumn(), TextColumn("ingest"), TextColumn("{task.completed} docs"),
                                      TimeElapsedColumn(), console=err, disable=not progress) as bar:
        task = bar.add_task("ingest", total=None)

        def counted():  # type: ignore[no-untyped-def]
            for rec in stream():
                bar.update(task, advance=1)
                yield rec

        stats = store.ingest(counted(), batch_size=batch_size)
        totals = {t: store.count(t) for t in ("documents", "entities", "events")}
    err.print(f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged, {stats.failed} failed "
              f"in {time.monotonic() - started:.1f} s; {db} holds {totals['documents']} documents, "
              f"{totals['entities']} entities, {totals['events']} event reports")
    if stats.failed:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, parquet, csv-acled, csv-plover or geojson.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")] = None,
) -> None:
    """Export the chronicle: records, or one row per event report in the field's formats."""
    from svodka.chronicle import export as exporter
    from svodka.chronicle.store import Store

    if fmt not in exporter.FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(exporter.FORMATS)}")
        raise typer.Exit(2)
    if not db.exists():
        err.print(f"[red]error:[/red] no store at {db}; run `svodka ingest` first")
        raise typer.Exit(2)
    with Store(db, read_only=True) as store:
        if fmt == "parquet":
            if output is None:
                err.print("[red]error:[/red] parquet needs -o FILE.parquet")
                raise typer.Exit(2)
            n = exporter.export(store, fmt, path=output)
        elif output is not None:
            with output.open("w", encoding="utf-8", newline="") as out:
                n = exporter.export(store, fmt, out=out)
        else:
            n = exporter.export(store, fmt, out=sys.stdout)
    err.print(f"{n} rows" + (f" -> {output}" if output else ""))


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless behind a proxy.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    """Serve the read-only HTTP API (OpenAPI docs at /docs) and the dashboard at /."""
    import uvicorn

    from svodka.api import create_app

    try:
        application = create_app(db)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    err.print(f"svodka dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the document record."""
    from svodka.record import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    app()
