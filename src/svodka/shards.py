"""Parquet record shards: the output of a large run, one file per N records.

A JSON Lines file of millions of records is awkward to split, re-read in parallel or query;
a folder of Parquet shards is what DuckDB, pandas and Spark read natively. The shard keeps a
few columns to filter on (``seq``, ``id``, ``date``, ...) and the whole record as its exact
JSON line (``record``), so nothing is lost and ``record`` ordered by ``seq`` is byte for byte
the JSON Lines output of the same run:

    SELECT record FROM read_parquet('shards/*.parquet') ORDER BY seq

Shards are written to a hidden temporary name and renamed when complete, so a killed run leaves
only whole shards behind and ``--resume`` continues after them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import msgspec

#: File names of shards; the number is the shard's position in the run (input order).
SHARD_PATTERN = re.compile(r"part-(\d+)\.parquet")
DEFAULT_SHARD_SIZE = 1000
#: Columns besides ``record``; all strings except ``seq`` (the record's position in the input).
HEAD_FIELDS = ("id", "date", "date_precision", "title", "source", "url", "error")
RECORD_SUFFIXES = (".jsonl", ".parquet")


class _Head(msgspec.Struct, forbid_unknown_fields=False):
    """The record fields copied into their own columns; decoding skips everything else."""

    id: str
    date: str | None = None
    date_precision: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    error: str | None = None


_head = msgspec.json.Decoder(_Head)


def _schema():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return pa.schema([pa.field("seq", pa.int64(), nullable=False),
                      *(pa.field(name, pa.string()) for name in HEAD_FIELDS),
                      pa.field("record", pa.string(), nullable=False)],
                     metadata={b"svodka": b"record shard 1"})


def _numbered(directory: Path) -> list[tuple[int, Path]]:
    found = []
    for path in directory.iterdir() if directory.is_dir() else ():
        match = SHARD_PATTERN.fullmatch(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def shard_files(directory: Path) -> list[Path]:
    """The complete shards in ``directory``, in run order."""
    return [path for _, path in _numbered(directory)]


def shard_ids(directory: Path) -> set[str]:
    """Ids of the records already in the shards of ``directory`` (for ``--resume``)."""
    import pyarrow.parquet as pq

    ids: set[str] = set()
    for path in shard_files(directory):
        ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
    return ids


class ShardWriter:
    """Writes record lines (as ``svodka.record.dumps`` makes them) into ``part-NNNNNN.parquet``
    files of ``size`` records each. With ``resume``, numbering continues after the shards
    already in the folder; without it, a folder that already holds shards is refused rather
    than mixed with a new run."""

    def __init__(self, directory: Path, size: int = DEFAULT_SHARD_SIZE, resume: bool = False) -> None:
        import pyarrow.parquet as pq

        if size < 1:
            raise ValueError("shard size must be at least 1")
        directory.mkdir(parents=True, exist_ok=True)
        numbered = _numbered(directory)
        existing = [path for _, path in numbered]
        if existing and not resume:
            raise FileExistsError(f"{directory} already holds {len(existing)} shards; "
                                  "use an empty folder, or --resume to continue that run")
        self.directory = directory
        self.size = size
        self.index = numbered[-1][0] + 1 if numbered else 0
        self.seq = sum(pq.read_metadata(path).num_rows for path in existing)
        self.written = 0
        self._lines: list[bytes] = []

    def write(self, line: bytes) -> None:
        self._lines.append(line)
        if len(self._lines) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records as one shard (nothing when the buffer is empty)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._lines:
            return
        heads = [_head.decode(line) for line in self._lines]
        columns: dict[str, list[Any]] = {"seq": list(range(self.seq, self.seq + len(self._lines)))}
        for name in HEAD_FIELDS:
            columns[name] = [getattr(h, name) for h in heads]
        columns["record"] = [line.decode("utf-8") for line in self._lines]
        table = pa.Table.from_pydict(columns, schema=_schema())
        final = self.directory / f"part-{self.index:06d}.parquet"
        partial = final.with_name(f".{final.name}.tmp")  # hidden: globs and dataset readers skip it
        pq.write_table(table, partial, compression="zstd")
        os.replace(partial, final)
        self.index += 1
        self.seq += len(self._lines)
        self.written += 1
        self._lines = []

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


# --------------------------------------------------------------------------- reading records back


def _record_files(path: Path) -> list[Path]:
    """A folder's record files (JSON Lines and shards), depth first in name order, shards in run order."""
    if not path.is_dir():
        return [path]
    out: list[Path] = []
    entries = sorted((p for p in path.iterdir() if not p.name.startswith(".")),
                     key=lambda p: (int(m.group(1)), "") if (m := SHARD_PATTERN.fullmatch(p.name)) else (-1, p.name))
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            out += _record_files(entry)
        elif entry.is_file() and entry.suffix.lower() in RECORD_SUFFIXES:
            out.append(entry)
    return out


def iter_record_lines(paths: Sequence[str | os.PathLike[str]]) -> Iterator[tuple[str, bytes | str]]:
    """``(where, line)`` for every record in JSON Lines files, Parquet shards and folders of
    them, in order; ``(where, message)`` with a ``str`` for a file that cannot be read, so that
    one bad file is reported and the others are still read."""
    for given in paths:
        for path in _record_files(Path(given)):
            if path.suffix.lower() == ".parquet":
                yield from _shard_lines(path)
            else:
                yield from _jsonl_lines(path)


def _jsonl_lines(path: Path) -> Iterator[tuple[str, bytes | str]]:
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield str(path), f"cannot read: {exc.strerror or exc}"
        return
    with stream:
        for n, line in enumerate(stream, 1):
            if line.strip():
                yield f"{path}:{n}", line.rstrip(b"\r\n")


def _shard_lines(path: Path) -> Iterator[tuple[str, bytes | str]]:
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(path)
        if "record" not in shard.schema_arrow.names:
            yield str(path), "not a svodka record shard (no 'record' column)"
            return
        row = 0
        for batch in shard.iter_batches(batch_size=1024, columns=["record"]):
            for value in batch.column(0).to_pylist():
                row += 1
                if value is None:
                    yield f"{path}#{row}", "empty record"
                else:
                    yield f"{path}#{row}", value.encode("utf-8")
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a broken file
        yield str(path), f"cannot read Parquet shard: {exc}"
