"""The ``svodka`` command line."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from svodka import __version__
from svodka.read import Format, InputDates

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="svodka: sourced chronicles from Russian and English news (who did what to whom, where, "
    "when, how many, according to whom).",
)
err = Console(stderr=True)
#: Failed documents named on stderr as they happen; all of them are in the output anyway.
MAX_ERRORS_SHOWN = 20

# How to read the inputs: shared by extract and ingest.
FormatOption = Annotated[Format, typer.Option(
    "--format", help="Read every input file (named, or any file in a folder) as this format; auto: by file name.")]
InputDatesOption = Annotated[InputDates, typer.Option(
    "--input-dates", help="The dates the input gives (date header, JSONL/table/Telegram field) are publication "
    "dates, or crawl dates (kept as crawl_date; the text's own dateline is looked for).")]
IdColumnOption = Annotated[str, typer.Option("--id-column", help="Table column of the document id.")]
TextColumnOption = Annotated[str, typer.Option("--text-column", help="Table column of the text.")]
DateColumnOption = Annotated[str, typer.Option("--date-column", help="Table column of the date.")]


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
    paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl, Telegram result.json, .csv/.tsv/.parquet, "
                                                ".html/.htm(.gz), .warc(.gz), .rss/.atom/.xml feeds, or "
                                                "folders (searched recursively).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSON Lines file (default: stdout).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64,
                                         help="Local worker processes, each loading models once.")] = 1,
    layers: Annotated[str | None, typer.Option("--layers", help="Comma-separated layers to compute "
                                               "(default: all available).")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1000,
                                           help="Refuse documents longer than this (characters); "
                                           "documents over 100,000 are analysed in pieces.")] = 60_000_000,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Show a progress bar on stderr.")] = True,
    resume: Annotated[bool, typer.Option("--resume", help="Append to -o, skipping documents already in it "
                                         "(after an interrupted run).")] = False,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Run on a Dask cluster: its "
                                             "scheduler's address (tcp://host:8786), or local[:N] to start N "
                                             "local worker processes.")] = None,
    shards_dir: Annotated[Path | None, typer.Option("--shards-dir", help="Write Parquet shards "
                                                    "(part-NNNNNN.parquet) into this folder instead of JSON "
                                                    "Lines.")] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", min=1, max=1_000_000,
                                            help="Records per Parquet shard.")] = 1000,
    fmt: FormatOption = "auto",
    input_dates: InputDatesOption = "publication",
    id_column: IdColumnOption = "id",
    text_column: TextColumnOption = "text",
    date_column: DateColumnOption = "date",
) -> None:
    """Extract one document record per article, as JSON Lines, in input order.

    Exit code 0 when every document was processed, 1 when some failed (their records carry
    an "error"), 2 on a usage error.
    """
    from svodka import pipeline, read, shards

    layer_list = [x.strip() for x in layers.split(",") if x.strip()] if layers else None
    try:
        pipeline.plan(layer_list or pipeline.available_layers())
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    cluster_errors = _check_dask(dask, workers)
    if output is not None and shards_dir is not None:
        err.print("[red]error:[/red] choose -o FILE or --shards-dir DIR, not both")
        raise typer.Exit(2)
    if shards_dir is not None and any(p.is_dir() and shards_dir.resolve().is_relative_to(p.resolve()) for p in paths):
        # Its shards would be read back as input tables while they are being written.
        err.print("[red]error:[/red] --shards-dir must not be inside an input folder")
        raise typer.Exit(2)
    done: set[str] = set()
    if resume:
        if output is None and shards_dir is None:
            err.print("[red]error:[/red] --resume needs -o FILE or --shards-dir DIR")
            raise typer.Exit(2)
        done = _finished_ids(output) if output else shards.shard_ids(shards_dir or Path())
        err.print(f"resuming: {len(done)} documents already in {output or shards_dir}")
    writer: shards.ShardWriter | None = None
    if shards_dir is not None:
        try:
            writer = shards.ShardWriter(shards_dir, shard_size, resume=resume)
        except OSError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    out: BinaryIO = output.open("ab" if resume else "wb") if output else sys.stdout.buffer
    expected: list[int] = []  # the number of documents, once counted (for the ETA)
    _count_in_background(paths, len(done), expected)
    failed = total = 0
    started = time.monotonic()
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("{task.fields[failed]} failed"),
               TimeElapsedColumn(), TextColumn("{task.fields[eta]}")]
    with Progress(*columns, console=err, disable=not progress, transient=False) as bar:
        task = bar.add_task("extract", total=None, rate=0.0, failed=0, eta="")
        docs = (d for d in read.iter_documents(paths, exclude=[output] if output else [], fmt=fmt,
                                               columns={"id": id_column, "text": text_column, "date": date_column},
                                               input_dates=input_dates) if d.id not in done)
        if dask is not None:
            from svodka import distributed

            stream = distributed.run_at(dask, docs, layer_list, max_chars)
        else:
            stream = pipeline.run(docs, layer_list, workers=workers, max_chars=max_chars)
        try:
            for line, error in stream:
                if writer is not None:
                    writer.write(line)
                else:
                    out.write(line + b"\n")
                total += 1
                if error is not None:
                    failed += 1
                    if failed <= MAX_ERRORS_SHOWN:
                        bar.console.print(f"[yellow]skipped[/yellow] {escape(error)}", highlight=False)
                rate = total / max(time.monotonic() - started, 1e-9)
                eta = _eta(expected[0] - total, rate) if expected else ""
                bar.update(task, advance=1, rate=rate, failed=failed, eta=eta,
                           total=max(expected[0], total) if expected else None)
        except cluster_errors as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}; {total} records written (--resume continues)")
            raise typer.Exit(2) from exc
        finally:
            out.flush()
            if output:
                out.close()
            if writer is not None:
                writer.close()
    elapsed = time.monotonic() - started
    if failed > MAX_ERRORS_SHOWN:
        err.print(f"... and {failed - MAX_ERRORS_SHOWN} more; every failed document has an \"error\" in its record")
    err.print(f"{total} documents, {failed} failed, {elapsed:.1f} s"
              + (f" -> {output}" if output else "")
              + (f" -> {writer.written} shards in {shards_dir}" if writer is not None else ""))
    if failed:
        raise typer.Exit(1)


def _check_dask(dask: str | None, workers: int) -> tuple[type[Exception], ...]:
    """Validate ``--dask``; the exceptions that mean the cluster failed (none without it)."""
    if dask is None:
        return ()
    from svodka import distributed

    try:
        distributed.parse_address(dask)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if workers > 1:
        err.print("[red]error:[/red] choose --workers N or --dask ADDRESS (a cluster has its own workers)")
        raise typer.Exit(2)
    return (distributed.ClusterError,)


def _count_in_background(paths: list[Path], skipped: int, into: list[int]) -> threading.Thread:
    """Count the documents of plain .jsonl/.txt inputs in a thread (a 10 GB file takes seconds
    and the run must not wait); appends the count to ``into``. Folders and tables: no count."""
    def count() -> None:
        n = 0
        for path in paths:
            suffix = path.suffix.lower()
            if not path.is_file() or suffix not in (".jsonl", ".txt"):
                return
            if suffix == ".txt":
                n += 1
                continue
            last = b"\n"
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    n += chunk.count(b"\n")
                    last = chunk[-1:]
            n += last != b"\n"
        into.append(max(n - skipped, 0))

    thread = threading.Thread(target=count, name="svodka-count", daemon=True)
    thread.start()
    return thread


def _eta(remaining: int, rate: float) -> str:
    if rate <= 0:
        return ""
    seconds = int(max(remaining, 0) / rate)
    return f"ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


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
                                                ".parquet, .html, .warc, .rss/.atom/.xml, folders), or "
                                                "svodka records with --records.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Local worker processes.")] = 1,
    records: Annotated[bool, typer.Option("--records", help="Inputs are records from `svodka extract`, "
                                          "not documents: store them without extracting again.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=100_000,
                                            help="Documents per transaction.")] = 200,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Extract on a Dask cluster "
                                             "(scheduler address, or local[:N]); the store is written "
                                             "here.")] = None,
    fmt: FormatOption = "auto",
    input_dates: InputDatesOption = "publication",
    id_column: IdColumnOption = "id",
    text_column: TextColumnOption = "text",
    date_column: DateColumnOption = "date",
) -> None:
    """Extract documents and store them in the chronicle. Re-ingesting an unchanged document changes
    nothing; a changed one replaces its old rows in one transaction. With --records, the inputs are
    JSON Lines records or Parquet shards (files or folders) from `svodka extract`."""
    from svodka import pipeline, read, shards
    from svodka.chronicle.store import Store
    from svodka.record import loads

    cluster_errors = _check_dask(dask, workers)
    if dask is not None and records:
        err.print("[red]error:[/red] --dask extracts documents; records (--records) are stored as they are")
        raise typer.Exit(2)

    def stream():  # type: ignore[no-untyped-def]
        if records:
            for where, line in shards.iter_record_lines(paths):
                if isinstance(line, str):
                    err.print(f"[yellow]skipped[/yellow] {escape(where)}: {escape(line)}")
                    continue
                try:
                    yield loads(line)
                except Exception as exc:  # a broken line is reported, the rest goes on
                    err.print(f"[yellow]skipped[/yellow] {escape(where)}: {escape(str(exc))}")
        else:
            docs = read.iter_documents(paths, fmt=fmt, input_dates=input_dates,
                                       columns={"id": id_column, "text": text_column, "date": date_column})
            if dask is not None:
                from svodka import distributed

                extracted = distributed.run_at(dask, docs)
            else:
                extracted = pipeline.run(docs, workers=workers)
            for line, error in extracted:
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

        try:
            stats = store.ingest(counted(), batch_size=batch_size)
        except cluster_errors as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}; the batches stored so far are kept")
            raise typer.Exit(2) from exc
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


def _iso_date(value: str | None, option: str):  # type: ignore[no-untyped-def]
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
    except ValueError as exc:
        err.print(f"[red]error:[/red] {option} expects a date as YYYY-MM-DD, not {escape(value)!r}")
        raise typer.Exit(2) from exc


@app.command()
def report(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    start: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD); default: a week "
                                              "ending on the latest dated event.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="A place: name, ISO country code or entity id.")]
    = None,
    entity: Annotated[str | None, typer.Option("--entity", help="An entity: name or entity id.")] = None,
    story: Annotated[str | None, typer.Option("--story", help="A story id (s:...).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="ru or en.")] = "ru",
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, pdf or json.")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout; "
                                                "pdf needs one).")] = None,
) -> None:
    """Write the сводка: a situation report over the chronicle in which every sentence names its sources."""
    import duckdb

    from svodka.chronicle.report import Filters, ReportError, build_report
    from svodka.chronicle.report_render import FORMATS, render, to_pdf

    if fmt not in FORMATS or lang not in ("ru", "en"):
        err.print(f"[red]error:[/red] choose --format from {', '.join(FORMATS)} and --lang from ru, en")
        raise typer.Exit(2)
    if fmt == "pdf" and output is None:
        err.print("[red]error:[/red] pdf needs -o FILE.pdf")
        raise typer.Exit(2)
    if not db.exists():
        err.print(f"[red]error:[/red] no store at {db}; run `svodka ingest` first")
        raise typer.Exit(2)
    filters = Filters(_iso_date(start, "--from"), _iso_date(end, "--to"), place, entity, story)
    started = time.monotonic()
    try:
        with duckdb.connect(str(db), read_only=True) as conn:
            made = build_report(conn, filters, lang=lang)  # type: ignore[arg-type]
        if fmt == "pdf":
            assert output is not None
            to_pdf(made, output)
        elif output is not None:
            output.write_text(render(made, fmt), encoding="utf-8")
        else:
            sys.stdout.write(render(made, fmt))
    except ReportError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    sentences = sum(1 for _ in made.sentences())
    err.print(f"{len(made.stories)} stories, {sentences} sourced sentences in {time.monotonic() - started:.1f} s"
              + (f" -> {output}" if output else ""))


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path("svodka.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless behind a proxy.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    ingest_token_file: Annotated[Path | None, typer.Option(
        "--ingest-token-file", exists=True, dir_okay=False,
        help="Enable POST /api/ingest for requests bearing the token in this file (or set "
             "SVODKA_INGEST_TOKEN); never put a token on the command line, where `ps` shows it.")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard at /: read-only, unless given an
    ingest token."""
    import uvicorn

    from svodka.api import create_app

    token = os.environ.get("SVODKA_INGEST_TOKEN") or None
    if ingest_token_file is not None:
        token = ingest_token_file.read_text(encoding="utf-8").strip()
    try:
        application = create_app(db, ingest_token=token)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if token is not None:
        err.print("POST /api/ingest is enabled for requests with `Authorization: Bearer <token>`"
                  + ("" if host in ("127.0.0.1", "localhost", "::1")
                     else "; [yellow]without TLS in front, the token crosses the network in clear[/yellow]"))
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
