"""Word lists and alias tables shipped in ``svodka/data``, loaded once per process.

They are data, not code: a linguist extends ``aliases.tsv`` or a word list without touching
Python. Country names in Russian and English also come from pycountry's ISO 3166 tables.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from importlib import resources

from svodka.names import key


@dataclass(frozen=True, slots=True)
class Known:
    """A known entity: canonical Russian name, English name, type, subtype, ISO code, and the
    other names the alias table gives it (the full form of an abbreviation among them)."""

    type: str
    subtype: str
    name: str
    name_en: str
    code: str = ""
    aliases: tuple[str, ...] = ()


def lines(filename: str) -> list[str]:
    """The lines of a data file in ``svodka/data``, comments (#) and blank lines skipped."""
    text = resources.files("svodka.data").joinpath(filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def rows(filename: str) -> list[list[str]]:
    """The tab-separated rows of a data file, each cell stripped."""
    return [[cell.strip() for cell in line.split("\t")] for line in lines(filename)]


@cache
def word_list(filename: str) -> frozenset[str]:
    """A one-word-per-line list as a set of lower-cased words (comments and blanks skipped)."""
    return frozenset(line.strip().lower().replace("ё", "е") for line in lines(filename))


@cache
def short_forms() -> dict[str, str]:
    """Key of a body's full name -> key of its short form ("министерствоздравоохранения" ->
    "минздрав"), from ``short_forms.tsv``."""
    out: dict[str, str] = {}
    for row in rows("short_forms.tsv"):
        if len(row) >= 2:
            out[key(row[0])] = key(row[1])
            for other in (row[2].split(";") if len(row) > 2 else []):
                out[key(other)] = key(row[1])  # "Центробанк" -> "цб"
    return out


@cache
def diminutives() -> dict[str, frozenset[str]]:
    """Key of a short first name -> keys of the full first names it can stand for ("лиза" -> {"елизавета"})."""
    out: dict[str, set[str]] = {}
    for row in rows("diminutives.tsv"):
        if len(row) == 2:
            out.setdefault(key(row[0]), set()).add(key(row[1]))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def person_roles() -> dict[str, str]:
    """Role noun lemma -> its group (``person_roles.tsv``): roles of one group stand for one another."""
    return {row[0]: row[1] for row in rows("person_roles.tsv") if len(row) >= 2}


@cache
def short_form_values() -> frozenset[str]:
    return frozenset(short_forms().values())


@cache
def cased_word_list(filename: str) -> frozenset[str]:
    """A one-word-per-line list as written (case kept)."""
    return frozenset(line.strip() for line in lines(filename))


@cache
def not_entities() -> frozenset[str]:
    return frozenset(key(w) for w in word_list("not_entities.txt"))


@cache
def known_entities() -> dict[str, Known]:
    """Folded name -> known entity, from the alias table and from ISO 3166 country names."""
    index: dict[str, Known] = {}
    by_code: dict[str, Known] = {}
    for line in lines("aliases.tsv"):
        cols = line.split("\t")
        cols += [""] * (6 - len(cols))
        etype, subtype, name, name_en, code, aliases = (c.strip() for c in cols[:6])
        entry = Known(etype, subtype, name, name_en, code,
                      tuple(a.strip() for a in aliases.split(";") if a.strip()))
        if code:
            by_code[code] = entry
        for alias in [name, name_en, *aliases.split(";")]:
            if alias.strip():
                index.setdefault(key(alias), entry)
    for alias, entry in _pycountry_names(by_code):
        index.setdefault(key(alias), entry)
    return index


def _pycountry_names(by_code: dict[str, Known]) -> list[tuple[str, Known]]:
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    out: list[tuple[str, Known]] = []
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        english_names = [n for n in english if n]
        russian = [ru.gettext(n) for n in english_names]
        russian = [n for n in russian if n not in english_names]
        entry = by_code.get(country.alpha_2)
        if entry is None:
            short_en = getattr(country, "common_name", None) or country.name
            short_ru = ru.gettext(getattr(country, "common_name", None) or country.name)
            entry = Known("LOC", "country", short_ru.replace("\u0301", ""), short_en, country.alpha_2)
        for alias in english_names + russian:
            out.append((alias.replace("\u0301", ""), entry))
    return out


def lookup(name: str) -> Known | None:
    """The known entity called ``name`` (any case, ё, spacing, quotes), if any."""
    return known_entities().get(key(name))


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A name form seen as an entity in training data or a gazetteer (``entity_names.tsv``)."""

    surface: str
    type: str
    subtype: str
    count: int


@cache
def entity_names() -> dict[str, NameEntry]:
    """Folded name form -> its entity type, from ``entity_names.tsv`` (built by
    ``scripts/build_entity_dictionary.py``)."""
    out: dict[str, NameEntry] = {}
    for line in lines("entity_names.tsv"):
        cols = line.split("\t")
        if len(cols) >= 5 and cols[2] in ("PER", "ORG", "LOC"):
            out[cols[0]] = NameEntry(cols[1], cols[2], cols[3], int(cols[4]))
    return out
