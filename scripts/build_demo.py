"""Re-check the bundled demo corpus (demo/wikinews-ru.jsonl).

Checks that every line is a JSON object with the expected fields, that ids are unique,
that the title is the first line of the text, that dates are ISO (YYYY, YYYY-MM or
YYYY-MM-DD) or null, and -- when the NEREL text files are available -- that each text
equals its source file with trailing whitespace stripped.

    python scripts/build_demo.py [--nerel PATH] [--corpus PATH]

Exits with status 1 if any check fails. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / "demo" / "wikinews-ru.jsonl"
DEFAULT_NEREL = REPO_ROOT / ".." / "shared" / "data" / "nerel"
EXAMPLES_DIR = REPO_ROOT / "demo" / "examples"

FIELDS = {"id", "title", "text", "date", "date_note", "source", "url", "licence"}
ID_RE = re.compile(r"^wikinews-(\w+)$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EXAMPLE_HEAD_RE = re.compile(r"^ date \d{4}-\d{2}(-\d{2})? \S")
URL_PREFIX = "https://ru.wikinews.org/wiki/"


def find_source(nerel: Path, number: str) -> Path | None:
    """Return the NEREL .txt file for a file number (train/ or dev/, with or without `_text`)."""
    for split in ("train", "dev", "test"):
        for name in (f"{number}_text.txt", f"{number}.txt"):
            path = nerel / split / name
            if path.is_file():
                return path
    return None


def valid_date(value: str) -> bool:
    if not DATE_RE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def check_record(rec: object, lineno: int, nerel: Path | None, seen: set[str]) -> list[str]:
    where = f"line {lineno}"
    if not isinstance(rec, dict):
        return [f"{where}: not a JSON object"]
    errors: list[str] = []
    missing = FIELDS - rec.keys()
    extra = rec.keys() - FIELDS
    if missing:
        errors.append(f"{where}: missing fields {sorted(missing)}")
    if extra:
        errors.append(f"{where}: unexpected fields {sorted(extra)}")
    if missing:
        return errors

    rid, title, text, date = rec["id"], rec["title"], rec["text"], rec["date"]
    where = f"line {lineno} ({rid})"
    match = ID_RE.match(rid) if isinstance(rid, str) else None
    if match is None:
        errors.append(f"{where}: bad id")
    elif rid in seen:
        errors.append(f"{where}: duplicate id")
    else:
        seen.add(rid)
    if not isinstance(text, str) or not isinstance(title, str):
        return [*errors, f"{where}: title/text must be strings"]

    if text != text.rstrip():
        errors.append(f"{where}: text has trailing whitespace")
    if not title or title != text.split("\n", 1)[0]:
        errors.append(f"{where}: title is not the first line of the text")
    if rec["url"] != URL_PREFIX + title.replace(" ", "_"):
        errors.append(f"{where}: url does not match title")
    if rec["source"] != "Викиновости" or rec["licence"] != "CC BY 2.5":
        errors.append(f"{where}: unexpected source/licence")
    if date is not None and not (isinstance(date, str) and valid_date(date)):
        errors.append(f"{where}: bad date {date!r}")
    if not isinstance(rec["date_note"], str) or not rec["date_note"].strip():
        errors.append(f"{where}: empty date_note")

    if nerel is not None and match is not None:
        source = find_source(nerel, match.group(1))
        if source is None:
            errors.append(f"{where}: no NEREL source file for {match.group(1)}")
        elif source.read_text(encoding="utf-8").rstrip() != text:
            errors.append(f"{where}: text differs from {source}")
    return errors


def check_examples(directory: Path) -> tuple[int, list[str]]:
    errors: list[str] = []
    files = sorted(directory.glob("*.txt")) if directory.is_dir() else []
    for path in files:
        if not EXAMPLE_HEAD_RE.match(path.read_text(encoding="utf-8")):
            errors.append(f"{path.name}: does not start with ' date YYYY-MM[-DD] <text>'")
    return len(files), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--nerel", type=Path, default=DEFAULT_NEREL, help="NEREL directory with train/ and dev/"
    )
    args = parser.parse_args(argv)

    nerel_dir: Path = args.nerel.resolve()
    nerel: Path | None = nerel_dir
    if not (nerel_dir / "train").is_dir():
        print(f"note: NEREL not found at {nerel_dir}; skipping source comparison")
        nerel = None

    errors: list[str] = []
    seen: set[str] = set()
    dated = {"day": 0, "month": 0, "year": 0, "null": 0}
    count = 0
    with args.corpus.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: empty line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: invalid JSON ({exc})")
                continue
            count += 1
            errors.extend(check_record(rec, lineno, nerel, seen))
            date = rec.get("date") if isinstance(rec, dict) else None
            key = "null" if not isinstance(date, str) else ("year", "month", "day")[date.count("-")]
            dated[key] += 1

    n_examples, example_errors = check_examples(EXAMPLES_DIR)
    errors.extend(example_errors)

    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    compared = "compared with NEREL" if nerel is not None else "not compared with NEREL"
    print(
        f"{count} articles ({compared}); dates: {dated['day']} day, {dated['month']} month, "
        f"{dated['year']} year, {dated['null']} null; {n_examples} example files"
    )
    if errors:
        print(f"FAILED: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
