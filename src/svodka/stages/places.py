"""Places: offline geocoding of LOC entities against the shipped gazetteer.

Each LOC entity gets ``geo`` (lat, lon, ISO country, precision) or stays ``None``. Rules:

- Candidates come from the entity's name, its mentions' base forms and surfaces and its English
  name, looked up in the gazetteer (GeoNames places of 500+ people, ISO countries and regions, the
  reviewed alias table). Generic words ("город", "г.", "city of") are dropped for the look-up, and a
  name that the normaliser left in an oblique case is put in the nominative (plural words kept plural
  too: "Набережных Челнах"). When nothing is found, a name is *guessed*: an unknown case ending, an э/е
  variant, the name without an Arabic article ("Эр-Ракка") or an English kind word ("Taipei City"), then a
  foreign town by the sound of its name (``Gazetteer.sounds_like``, spelt alike too), then the first town of
  a double name declined alike ("в Урбане-Шампейне"); a town found by a guess needs evidence from the
  document unless it is big or the document also uses its adjective ("в Канне" beside "Каннского фестиваля"),
  and, for a sound or double-name guess, in a country the document is about. A
  name joined to the next or previous one by "и" that together make a country or region is that place
  ("Тринидад" + "и Тобаго").
- A candidate's score: its kind (a country before a region before a town of the same name), the
  log of its population, then evidence from the same document: another place mentioned there lies in
  the candidate's country or region, or the candidate region or country contains a town mentioned
  there, or lies within 150 km of the candidate; a state adjective right before the name ("в мексиканском Канкуне")
  is local evidence for that country. A national capital outranks a namesake town that has
  only country-level support ("Вашингтон" in a British story), never a country or region of its name (the land
  that holds it and bears its name, Berlin, is no such region); a town with a namesake at least 5 times bigger
  abroad ("Женева") needs local evidence, not its country alone;
  a town needs local evidence (its region, a place near it) to outrank a country of its name. A small
  town abroad (in a country the document otherwise never mentions) needs such evidence. "Paris" alone
  is Paris, France; "Paris, Texas" is in Texas; "Georgia" is the country unless the text places it among US towns.
  A city district of the reviewed feature table ("Центральный район", "ЗАО") needs local evidence (its region, a
  place near it), never its country alone; "остров" before a name reads it as an island ("острове Кенгуру").
  A town found by sound or as part of a double name lies in a country the document is most about, or has local
  evidence; a small one (under 20,000 people) also not where the document names other towns of its country, all
  far from it ("Бенрат" in a Düsseldorf story is not Bubenreuth). A first-level region is found by sound only
  where the text says it is a region ("провинции Миссионес") and nothing is spelt more alike.
  Nearness counts to mentioned towns only, never to a region's middle point; "right beside" its region
  means only separators or a kind word between ("Вильямсбург, штат Вирджиния"). Small towns a Russian name finds
  bring in their namesakes by their own Latin name (GeoNames names only some Williamsburgs in Russian).
- A rural district the gazetteer lacks ("Воложинский район") is its seat, the town its adjective names ("Назрановский":
  Назрань, "Красночикойский": Красный Чикой, "Шалинский": Шали, "Подольский": Подольск, "Кущёвский": Кущёвская,
  "Урус-Мартановский": Урус-Мартан), at precision ``region`` with the seat's point, given local support; never the
  region's point.
- Precision is honest: a region is a region (its point is the middle of its settlements, or null
  when the gazetteer has none); a country's point is a conventional reference point, labelled
  ``country``; a name with no good candidate stays unresolved (``geo=None``), never at a country.
- A site (subtype ``site``: "площадь Революции") lies in the town (or first-level region) its own name begins with
  ("Казань Арена", a town of 100,000+), else in a town resolved in the same sentence (the closest one mentioned
  before it, else after it), else in the last town of the sentence before, else in the document's only town when
  that lies in the country the document is most about: precision ``site``, that town's country and region,
  coordinates null (the gazetteer has no streets). None of these: unresolved.
- A small town abroad far (500+ km) from every first-level region of its country that the document names, with no
  local evidence, is not taken ("шерифа округа Харрис" in a Texas story is not Harris, Minnesota).
- Names the alias table marks as not places ("ЕС", "НАТО") are never geocoded.
- Where the text calls a place a region ("штате Сулия", "мухафаза Бухейра") and neither name nor sound key finds one,
  a first-level region spelt alike (its Latin name, without an Arabic article) is a sound guess; "Донецкий край"
  is tried as "Донецкая область". "округ X" is first read as one name ("округ Колумбия"); an undeclined name after
  "округ" in a story that names US states or towns is a county of those states spelt alike ("округа Харрис").
- A city district of the feature table is supported by its city's adjective too ("Харьковском театре"); a rural
  district read from a seat ranks below a table district of the same name ("Приморский район" of St Petersburg).
- Region adjectives listed before one plural head are each that region ("в Архангельской, Рязанской и Калининградской
  областях"). A town whose region or country the text gives as its address ("в селе Солнцеве Липецкой области", "в
  Астриде в Руанде") lies there: when no candidate does, it is a town the gazetteer lacks, with that country and region
  and no point. A town's adjective right before a name ("в лондонском Гайд-парке") puts it within 150 km of that town.
- A settlement no candidate places, named after its kind word ("в деревне Шоршелы"), lies in the country the document
  clearly is about (twice the weight of any other): that country, no region, no point.
- A town a state adjective introduces ("в голландском городке Вейк-ан-Зее", "в канадском Кэнморе") lies in that country:
  namesakes elsewhere are not taken, and with none there it is a town the gazetteer lacks, that country and no point
  (only for a name whose candidates are towns, or after a settlement word: not "в китайской Суперлиге").
- Landmarks that news name bare ("на Лубянке", "Воробьёвых гор") are rows of the feature table with
  a town's weight, so a namesake village abroad does not take them.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache

from svodka import lexicon, models
from svodka.analysis import Analysis
from svodka.gazetteer import Gazetteer, Place, gazetteer, km
from svodka.names import transliterate
from svodka.record import Entity, Geo, Mention

#: Base score by kind: a country or region outranks a town of the same name unless evidence says otherwise.
_KIND_SCORE = {"country": 60.0, "region": 45.0}
#: Points per decimal order of magnitude of a town's population.
_POP_WEIGHT = 8.0
#: Another resolved town or region of the document lies in the candidate's country.
_SAME_COUNTRY = 12.0
_SAME_COUNTRY_MAX = 2
#: A place mentioned in the document is the candidate's region, or the candidate contains it.
_CONTAINS = 15.0
#: The candidate's region is mentioned right beside it ("Paris, Texas"); elsewhere in the text it counts
#: as ``_CONTAINS``.
_REGION_MENTIONED = 40.0
_ADJACENT = 40
#: What may stand between a town and its region for them to be "right beside" each other: separators and a kind
#: word ("Вильямсбург, штат Вирджиния", "Paris (Texas)"), not other words ("Неваде. В Нью-Йорке и Огайо").
_BESIDE = re.compile(r"[\s,()–—-]*(?:(?:штат|штата|штате|провинци[яиюей]|област[ьи]|кра[йяе]|state of|state|"
                     r"province|county)\s+)?[\s,()–—-]*", re.IGNORECASE)
#: The text names the kind right before the name ("штата Вермонт", "города Флорида"): a region, or a
#: town, of that name is the likelier reading.
_KIND_NAMED = 40.0
_KIND_WORDS = {
    "region": frozenset({"штат", "провинция", "область", "край", "регион", "земля", "префектура",
                         "воеводство", "губерния", "мухафаза", "фюльке", "эмират", "остров", "state", "province",
                         "region", "county", "prefecture",
                         "island"}),
    "city": frozenset({"город", "село", "деревня", "посёлок", "поселок", "станица", "city", "town", "village"}),
}
#: A town this small is accepted only with evidence from the document.
_MIN_POP_ALONE = 1000
#: A town this small in a country the document otherwise never mentions needs evidence too.
_MIN_POP_ABROAD = 20000
#: A town found only by a guess (case ending, sound key, part of the name) needs evidence below this size.
_MIN_POP_GUESS = 200000
#: A national capital is the usual reading of a name it shares with a town of a country the document is
#: about ("Вашингтон" in a British story is Washington, D.C., not Washington, Tyne and Wear); only for
#: capitals big enough (not Victoria, Seychelles), and never over a country or region of the same name.
_CAPITAL = 20.0
_CAPITAL_MIN_POP = 100000
#: A town this big may take a first-level region's name as its own reading ("Нью-Йорк" is the city).
_REGION_TOWN_MIN_POP = 1000000
#: Another place of the document lies this close (km): a town near the others is the likelier reading.
_NEAR_KM = 150.0
_NEAR = 10.0
#: A small town this far (km) from every region of its country that the document names is not taken on country-level
#: evidence alone.
_FAR_KM = 500.0
#: Countries whose small places Russian news names without their region (the reader knows them: "Барвиха" in a story
#: set in Yekaterinburg is still Barvikha): the far-town rule above does not apply to them.
_HOME_COUNTRIES = frozenset({"RU", "BY", "UA", "KZ"})
#: A town abroad this many times bigger than a namesake is the usual reading ("Женева" is Geneva, Switzerland, in a
#: story that also names New York): the small namesake needs local evidence (its region, a place near it), not its
#: country alone. Only for true namesakes (the same own name: not Casablanca for "White House") of a town of at least
#: ``_CAPITAL_MIN_POP`` people.
_OVERSHADOW = 5.0
#: A state adjective right before a name says the place's country ("в мексиканском Канкуне", "корейском
#: Пхёнчхане", "в американском городе Мескит"): as strong as its region right beside it.
_STATE_ADJECTIVE = re.compile(r"([А-ЯЁа-яё-]{4,}(?:ом|ой|ого|ому|ем|ей|им|ую|ий|ая|ое))\s+(?:(?:город|городе|города|"
                              r"городок|городке|городка|курорт|курорте|курорта|столице|столицы|штате|штата|"
                              r"провинции|районе|района|деревне|деревни|селе|села)\s+)?$", re.IGNORECASE)
#: State adjectives the events' table leaves out as ambiguous, which still narrow a place to two countries.
_SHARED_ADJECTIVES = {"корейский": ("KR", "KP"), "конголезский": ("CD", "CG")}

_GENERIC_PREFIX = re.compile(
    r"^(?:(?:г|гор|пос|п)\.\s*|(?:город|городе|города|село|селе|села|посёлок|поселок|посёлке|поселке|деревня|"
    r"деревне|станица|станице|штат|штата|штате|штату|city of|town of|state of|the)\s+)",
    re.IGNORECASE,
)
_OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")
#: A dash with spaces inside a name ("Северный Рейн - Вестфалия", "Ханты-Мансийский автономный округ — Югра").
_SPACED_DASH = re.compile(r"(?<=\w)\s+[-–—]\s+(?=\w)")
#: An abbreviation grouped with a full name ("ЦФО"): looked up only when the full names find nothing.
_ABBREVIATION = re.compile(r"[A-ZА-ЯЁ]{2,5}")
#: An English kind word after a name ("Taipei City", "Colorado State", "Sichuan Province"): tried without it
#: when the whole name is unknown ("Mexico City" is known whole). Not "County": counties have no points, and
#: without the word a namesake town would be found ("Charles County").
_KIND_SUFFIX = re.compile(r"\s+(?:City|State|Province|Prefecture)$")
#: The Arabic article as Russian writes it before a name ("Эр-Ракка", "Эль-Фашер", "Аль-Кут"); GeoNames
#: may have the name without it or with another spelling of it ("Ракка", "Ар-Ракка").
_ARTICLE = re.compile(r"^(?:[ЭэАа][льрсшдзтн]|[Ээ]ль|[Аа]ль|[Аа]н|[Ээ]н)-(?=[А-ЯЁ])")
#: A name joined to the next or previous word by "и"/"and" may be one country or region ("Тринидад и
#: Тобаго", "Босния и Герцеговина") that the recogniser split in two.
_JOINED_AFTER = re.compile(r"\s+(?:и|and|&)\s+([А-ЯЁA-Z][\w-]*)")
_JOINED_BEFORE = re.compile(r"([А-ЯЁA-Z][\w-]*)\s+(?:и|and|&)\s+$")
#: Region adjectives listed before one plural head ("в Архангельской, Рязанской и Калининградской областях",
#: "Краснодарском и Ставропольском краях"): the words after a listed adjective up to the head, and the head's gender.
_SHARED_HEAD = re.compile(r"(?:(?:\s*,\s*(?:и\s+)?|\s+и\s+)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)*\s+"
                          r"(област|кра|республик)(?:ях|ей|ям|ями|и|ов|ах|ев)\b")
_HEADS = {"област": ("область", "femn"), "кра": ("край", "masc"), "республик": ("республика", "femn")}
#: A state named by its adjective and "государство" ("Украинское государство", "польского государства").
_STATE_BY_ADJECTIVE = re.compile(r"([А-ЯЁа-яё-]+)\s+государств\w*")
#: "на острове Кенгуру": the recogniser leaves the word out of the name, the feature table has the island as
#: "остров Кенгуру" (the bare name is a common word or a namesake town).
_ISLAND_BEFORE = re.compile(r"\bостров(?:а|е|у|ом)?\s+$", re.IGNORECASE)


def _after_word(word: re.Pattern[str], text: str, m: Mention, reach: int = 12) -> bool:
    """The mention stands right after a kind word ("острова Пасхи", "округа Харрис") within ``reach`` characters."""
    return bool(word.search(text[max(0, m.start - reach):m.start]))


@dataclass
class _Loc:
    entity: Entity
    candidates: list[Place]
    first: int  # offset of the first mention
    best: Place | None = None
    kind_hint: str | None = None  # "region" after "штат", "провинция"...; "city" after "город"...
    guess: str | None = None  # candidates only from a guess: "form", "adjective", "sound"... (see _candidates)
    named_countries: frozenset[str] = field(default_factory=frozenset)  # "в мексиканском Канкуне": MX
    town_regions: frozenset[str] = frozenset()  # regions of big towns the text names by adjective ("Харьковском")
    adjective_town: Place | None = None  # "в лондонском Гайд-парке": the big town whose adjective stands before it
    spelt: frozenset[str] | None = None  # the entity's names as written, transliterated (set once by _choose)
    own_pop: int = -1  # population of the biggest candidate city whose own name that is (set with ``spelt``)


def _variants(e: Entity) -> list[str]:
    names = [e.name, *(m.normal for m in e.mentions), *(m.text for m in e.mentions)]
    if e.name_en:
        names.append(e.name_en)
    out: list[str] = []
    for n in names:
        n = _SPACED_DASH.sub("-", n)  # "Северного Рейна - Вестфалии": one hyphenated name
        for v in (n, _GENERIC_PREFIX.sub("", n)):
            v = v.strip()
            if v and v not in out:
                out.append(v)
    return out


def _nominative(name: str, plural: bool = False) -> str | None:
    """A Cyrillic name with its words in the nominative ("Кызылординской области" ->
    "Кызылординская область", "Вашингтоне" -> "Вашингтон"); None when nothing changes. With ``plural``, a
    plural word stays plural ("Набережных Челнах" -> "Набережные Челны", "Соединённых Штатах")."""
    words = name.split()
    if not words or not re.search(r"[а-яё]", name, re.IGNORECASE):
        return None
    morph = models.morph()
    head = None
    head_at = len(words)
    for i, w in enumerate(words):
        parses = [p for p in morph.parse(w.lower()) if "NOUN" in p.tag]
        if parses:
            head, head_at = parses[0], i
            break
    agree = {"sing"}
    if head is not None and head.tag.gender:
        agree.add(str(head.tag.gender))
    out = []
    kept = False  # the words right after the head that name what it belongs to stay in the genitive
    for i, w in enumerate(words):
        parses = morph.parse(w.lower())
        parse = next((p for p in parses if any(c in p.tag for c in _OBLIQUE)), None)
        if i > head_at and w[:1].isupper() and (kept or i == head_at + 1) \
                and any("gent" in p.tag and "NOUN" in p.tag for p in parses):
            # "округа Москвы" -> "округ Москвы", "Штатах Америки" -> "Штаты Америки"; an adjective after the head
            # agrees with it instead ("Республики Сербской" -> "Республика Сербская")
            out.append(w)
            kept = True
            continue
        kept = False
        if parse is None:
            out.append(w)
            continue
        if plural and "plur" in parse.tag:
            grammemes = {"nomn", "plur"}
        else:
            grammemes = {"nomn", *agree} if "ADJF" in parse.tag else {"nomn", "sing"}
        form = parse.inflect(grammemes) or parse.inflect({"nomn"})
        word = form.word if form else w
        out.append(word[:1].upper() + word[1:] if w[:1].isupper() else word)
    result = " ".join(out)
    return result if result.lower() != name.lower() else None


#: Case endings of a declined foreign name pymorphy does not know, and the nominative endings they may
#: stand for ("Портапике" -> "Портапик", "Дувра" -> "Дувр", "Урбане" -> "Урбана", "Припяти" -> "Припять",
#: "Новоселова" -> "Новоселово": the genitive of a neuter village name pymorphy reads as a surname; "Тайбэя" ->
#: "Тайбэй": a name in -й).
_ENDINGS = (("ой", ("а", "ая")), ("ом", ("",)), ("ем", ("ь", "", "й")), ("е", ("", "а", "я", "ь", "й")),
            ("и", ("ь", "а", "я")), ("у", ("а", "")), ("ю", ("ь", "я", "й")), ("ы", ("а",)), ("а", ("", "о")),
            ("я", ("ь", "й")))


#: Found towns all smaller than this bring in their namesakes by their own (Latin) name.
_NAMESAKES_BELOW = 100000
_OBLIQUE_ENDINGS = frozenset({"е", "и", "у", "ом", "ой", "ем"})
#: A city this big outranks the smaller towns that bear its name only as another name of theirs.
_OWN_NAME_MIN_POP = 300000
#: ... and is spelt almost as the name transliterated ("Манчестер": Manchester; "Кале" is not Kalemyo).
_OWN_SPELT = 0.85
#: A town found by sound must also be spelt much like the transliterated name (difflib ratio).
_SPELT_ALIKE = 0.6
#: How alike (difflib ratio) a Russian name's transliteration and a region's Latin name must be (region by spelling).
_REGION_SPELT_ALIKE = 0.72
#: An Arabic article before a Latin region name ("Al Buḩayrah", "Ash Sharqīyah").
_LATIN_ARTICLE = re.compile(r"^(?:[AaEe][dlnrstz]|[Aa]sh)[ -](?=[A-Z])")
#: "Донецкий край": the land of a region named by its adjective (tried as "Донецкая область" when no krai is called so).
_LAND = re.compile(r"([А-ЯЁ][а-яё]+[сц]к)(?:ий|ого|ому|им|ом|ой) кра(?:й|я|ю|ем|е)", re.IGNORECASE)


def _latin(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in text if ch.isascii() and ch.isalpha())


def _stems(name: str) -> list[str]:
    """Nominative guesses for a one-word (or hyphenated) Cyrillic name by its ending; every hyphenated
    part with the same ending is changed alike ("Урбане-Шампейне" -> "Урбана-Шампейна")."""
    if " " in name or not re.fullmatch(r"[А-ЯЁа-яё-]{4,}", name):
        return []
    parts = name.split("-")
    out = []
    for end, repls in _ENDINGS:
        if not parts[-1].endswith(end):
            continue
        for r in repls:
            if r == "й" and not re.search(r"[эеёоуи]$", parts[-1][: -len(end)]):
                continue  # "Тайбэя" -> "Тайбэй"; not "Луганская" -> "Луганскай"
            out.append("-".join(p[: -len(end)] + r if p.endswith(end) and len(p) > len(end) + 2 else p
                                for p in parts))
        break
    if len(parts) == 2 and len(parts[0]) > 4:  # only the first part declined: "Витории-Гастейс"
        for end, repls in _ENDINGS:
            if parts[0].endswith(end):
                out += [f"{parts[0][: -len(end)] + r}-{parts[1]}" for r in repls]
                break
    return [o for i, o in enumerate(out) if o not in out[:i]]


#: A rural district of Russia, Belarus, Ukraine or Kazakhstan named by an adjective of its seat ("Воложинский
#: район", "в Бондарском районе"), and the endings the seat's name may have ("Воложин", "Бондари", "Гавриловка").
_DISTRICT = re.compile(r"([А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]{2,})?)ск(?:ий|ого|ому|им|ом)\s+район(?:а|е|у|ом)?",
                       re.IGNORECASE)
#: "Чердынский": Чердынь, "Лабинский": Лабинск, "Кущёвский": станица Кущёвская.
_SEAT_ENDINGS = ("", "и", "а", "о", "ы", "ка", "ь", "ск", "ская")
_DISTRICT_COUNTRIES = frozenset({"RU", "BY", "UA", "KZ"})
#: The first part of a district adjective made from a seat of two words, and the forms that word takes in the seat's
#: name ("Красно-" of "Красночикойский": "Красный Чикой"; "Старо-": "Старый Оскол", "Новая Усмань").
_SEAT_ADJECTIVES = {
    "Красно": ("Красный", "Красная", "Красное"), "Ново": ("Новый", "Новая", "Новое"),
    "Старо": ("Старый", "Старая", "Старое"), "Верхне": ("Верхний", "Верхняя", "Верхнее"),
    "Нижне": ("Нижний", "Нижняя", "Нижнее"), "Больше": ("Большой", "Большая", "Большое"),
    "Мало": ("Малый", "Малая", "Малое"),
}


def _districts(g: Gazetteer, name: str) -> list[Place]:
    """A rural district the gazetteer lacks, as its seat (the town whose adjective names it): kind region,
    named "<seat> District", at the seat's point, which lies in the district or at its edge (the district of a
    regional centre surrounds it). Never the region's point: a district is not its region."""
    m = _DISTRICT.fullmatch(name.strip())
    if m is None:
        return []
    stem = m.group(1)[:1].upper() + m.group(1)[1:]
    names = [stem + end for end in _SEAT_ENDINGS]
    if stem.endswith(("ов", "ев")):  # "Назрановский" -> "Назрань", "Кизилюртовский" -> "Кизилюрт",
        names += [stem[:-2] + "ь", stem[:-2], stem[:-2] + "й"]  # "Курчалоевский" -> "Курчалой"
    if stem.endswith(("ин", "ын")):  # "-ин-" added to a seat in a vowel: "Шалинский" -> "Шали", "Истринский" -> "Истра"
        names += [stem[:-2] + end for end in ("и", "а", "ы")]
    lead = next((w for w in _SEAT_ADJECTIVES if stem.startswith(w) and len(stem) > len(w) + 2), None)
    if lead:  # a seat of two words: "Красночикойский" -> "Красный Чикой", "Новоусманский" -> "Новая Усмань"
        rest = stem[len(lead)].upper() + stem[len(lead) + 1:].removesuffix("ь")  # "Старооскольский": "Оскол"
        names += [f"{adj} {rest}{end}" for adj in _SEAT_ADJECTIVES[lead] for end in (*_SEAT_ENDINGS, "ь")]
    seats = [p for n in names for p in g.candidates(n)
             if p.kind == "city" and not p.feature and p.country in _DISTRICT_COUNTRIES]
    return [Place("region", f"district:{p.id}", f"{p.name_en} District", p.country, p.region, p.lat, p.lon, 0,
                  feature=True) for p in dict.fromkeys(seats)]


#: The adjective of a name ("Канн" -> "Каннского", "Дувр" -> "дуврский"), any case and gender.
_ADJECTIVE_ENDINGS = r"ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)\b"


def _adjective_in(text: str, name: str) -> bool:
    """The text also uses the adjective of a name guessed from a case ending ("в Канне" beside "Каннского
    фестиваля"): the guess is then the document's own word for the place, not a chance likeness."""
    stem = re.sub(r"[аеёиоуыьэюяй]$", "", name)
    if len(stem) < 4 or not re.fullmatch(r"[А-ЯЁа-яё-]+", stem):
        return False
    return re.search(rf"(?<![\w-]){re.escape(stem)}{_ADJECTIVE_ENDINGS}", text, re.IGNORECASE) is not None


def _joined(text: str, e: Entity) -> list[str]:
    """The names a mention makes with the word joined to it by "и"/"and" ("Тринидад" + "и Тобаго")."""
    out = []
    for m in e.mentions:
        after = _JOINED_AFTER.match(text, m.end)
        if after:
            out.append(f"{m.text} и {after.group(1)}")
        before = _JOINED_BEFORE.search(text[max(0, m.start - 40):m.start])
        if before:
            out.append(f"{before.group(1)} и {m.text}")
    return out


def _shared_head(text: str, e: Entity) -> list[str]:
    """The regions a listed adjective names with the plural head after the list ("Архангельской" of "в
    Архангельской, Рязанской и Калининградской областях" -> "Архангельская область"); none when another mention
    of the entity is not such an adjective (the city "Москвы" grouped with "Московской" of a list)."""
    out = []
    morph = models.morph()
    for m in e.mentions:
        word = m.text.strip()
        head = _SHARED_HEAD.match(text, m.end)
        if head is None or not re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ой|ом|ого|ому|ую|ая|ий|им|ых|их)",
                                            word):
            return []
        noun, gender = _HEADS[head.group(1)]
        for parse in morph.parse(word.lower()):
            form = parse.inflect({"nomn", "sing", gender}) if "ADJF" in parse.tag else None
            if form is not None:
                out.append(f"{form.word[:1].upper()}{form.word[1:]} {noun}")
                break
    return out


def _state_by_adjective(g: Gazetteer, name: str) -> list[Place]:
    """The country of a state adjective before "государство" ("Украинское государство" -> Ukraine, "Российского
    государства" -> Russia; not "Исламское государство": no country's adjective)."""
    by_adjective = _STATE_BY_ADJECTIVE.fullmatch(name)
    if by_adjective is None:
        return []
    lemma = models.morph().parse(by_adjective.group(1).lower())[0].normal_form.replace("ё", "е")
    return [p for code in _state_adjectives().get(lemma, ()) if (p := g.get(code)) is not None]


def _city_district(p: Place) -> bool:
    """A city district of the feature table with no weight ("Центральный район"): every big town has one."""
    return p.feature and p.kind == "city" and p.population == 0


#: A town's adjective ("в Харьковском театре", "Киевском музее"): the town is named, for its districts' sake.
_TOWN_ADJECTIVE = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]{3,})ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)\b")


def _adjective_towns(g: Gazetteer, text: str) -> frozenset[str]:
    """The regions of the big towns (100,000+) whose adjective the text uses: support for a district of the town
    ("школ Московского района" in a story whose only word for Kharkiv is "Харьковском театре")."""
    stems = {m.group(1) for m in _TOWN_ADJECTIVE.finditer(text)}
    return frozenset(p.region for stem in stems for p in _big_towns(g, stem) if p.region)


def _big_towns(g: Gazetteer, name: str) -> list[Place]:
    """The big towns (100,000+) of a name, not feature-table entries: the towns an adjective of the name may mean."""
    return [p for p in g.candidates(name) if p.kind == "city" and not p.feature and p.population >= _CAPITAL_MIN_POP]


def _spelt_regions(g: Gazetteer, name: str) -> list[Place]:
    """First-level regions whose Latin name (without an Arabic article) is spelt much like the transliteration of a
    Russian name ("Сулия" = Zulia, "Бухейра" = Al Buḩayrah): for names too short or too far from the Latin for a
    sound key. Coarse (Siaya, Kenya, is as alike as Zulia), so only where the text calls the place a region and the
    stage finds its country in the document."""
    spelt = _latin(transliterate(name))
    if len(spelt) < 4:
        return []

    def alike(own: str) -> bool:
        match = difflib.SequenceMatcher(None, spelt, _latin(own))
        return match.real_quick_ratio() >= _REGION_SPELT_ALIKE and match.quick_ratio() >= _REGION_SPELT_ALIKE \
            and match.ratio() >= _REGION_SPELT_ALIKE

    return [r for r in g.regions() if alike(r.name_en) or alike(_LATIN_ARTICLE.sub("", r.name_en))]


#: A county named by its kind: "округа Харрис", "в округе Марикопа", "Harris County".
_COUNTY_BEFORE = re.compile(r"\bокруг(?:а|е|у|ом)?\s+$", re.IGNORECASE)
_COUNTY_WORD = re.compile(r"\s+(?:County|Parish)$")
#: How alike (difflib ratio) a county's name and the transliteration of the text's name must be.
_COUNTY_SPELT_ALIKE = 0.75


def _county(g: Gazetteer, a: Analysis, e: Entity, states: set[str]) -> Place | None:
    """The US county a place named as a county is ("шерифа округа Харрис" in a story that names Texas or Houston):
    the one of the story's states spelt most like it, when no other is as alike. Counties are not in the name
    index (a county is rarely named without its kind word, and "Orange", "Washington" are names of much else)."""
    # a county's name stands beside the word undeclined ("округа Харрис"); a declined one names what the district
    # belongs to ("в центральном округе Атланты", "округа Москвы")
    cued = [m.text for m in e.mentions if _after_word(_COUNTY_BEFORE, a.text, m)
            and m.text.casefold() == m.normal.casefold()]
    cued += [n for n in _variants(e) if _COUNTY_WORD.search(n)]
    if not cued or not states:
        return None
    if any(p.kind != "city" for n in cued for p in g.candidates(f"округ {n}")):
        return None  # "округ Колумбия": the District of Columbia
    spelt = {_latin(transliterate(_COUNTY_WORD.sub("", n))) for n in cued} - {""}
    scored = sorted(((max(difflib.SequenceMatcher(None, s, _latin(_COUNTY_WORD.sub("", c.name_en))).ratio()
                          for s in spelt), c.id, c) for st in sorted(states) for c in g.counties(st)),
                    key=lambda t: (-t[0], t[1]))
    if not scored or scored[0][0] < _COUNTY_SPELT_ALIKE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][2]


def _candidates(g: Gazetteer, e: Entity, text: str = "", region_named: bool = False
                ) -> tuple[list[Place], str | None] | None:
    """The entity's candidate places and whether they are only a guess: ``"form"`` from a case ending, a
    spelling variant or an English kind word left out, ``"sound"`` from a sound key, ``"part"`` from the first
    part of a double name (a guessed town needs evidence from the document; a sound or part guess also when it
    lies in a country the document does not mention); None when a name of it is marked "not a place".
    ``region_named``: the text calls it a region, so a region spelt alike is tried last (not after "остров")."""
    names = _variants(e)
    if any(g.is_blocked(n) for n in names):
        return None
    island = bool(text) and any(_after_word(_ISLAND_BEFORE, text, m) for m in e.mentions)
    if island:
        names = [f"остров {n}" for n in names if not n.lower().startswith("остров")] + names
    found: dict[tuple[str, str], Place] = {}

    def look(ns: list[str], lookup: Callable[[str], list[Place]]) -> None:
        for n in ns:
            for p in lookup(n):
                found.setdefault((p.kind, p.id), p)

    if text and any(_after_word(_COUNTY_BEFORE, text, m) for m in e.mentions):
        # "в округе Колумбия" is the District of Columbia, not Colombia: the kind word and the name make one name
        okrug = {(p.kind, p.id): p for n in names for p in g.candidates(f"округ {n}") if p.kind != "city"}
        if okrug:
            return list(okrug.values()), None
    joined = _joined(text, e) if text else []
    look([*joined, *(nom for n in joined if (nom := _nominative(n)))], g.candidates)
    look(_shared_head(text, e) if text else [], g.candidates)
    found = {k: p for k, p in found.items() if p.kind != "city"}
    if found:  # "Тринидад и Тобаго" is the country, not Trinidad, Bolivia; "Рязанской ... областях" the oblast
        return list(found.values()), None
    # An abbreviation grouped with a full name ("Рязанской областей (ЦФО)": the bracket is read as the name's short
    # form) is looked up only when the full names, in all their forms, find nothing.
    short = [n for n in names if _ABBREVIATION.fullmatch(n)]
    full = [n for n in names if n not in short] or short
    look(full, g.candidates)
    if not found:
        look([nom for n in full if (nom := _nominative(n))], g.candidates)
    if not found:
        look([nom for n in full if (nom := _nominative(n, plural=True))], g.candidates)
    if not found and full is not short:
        look(short, g.candidates)
    if not found:
        look(full, lambda n: _state_by_adjective(g, n))
    if found and all(p.kind == "city" and p.population < _NAMESAKES_BELOW for p in found.values()):
        # GeoNames gives a Russian name to some namesakes only ("Вильямсбург": Florida and Iowa, not Virginia):
        # the towns' own names bring in the others, to be told apart by the document.
        own = {p.name_en for p in found.values()}
        for n in sorted(own):  # by their own name only: "Salisbury" is also Harare's old name
            for p in g.candidates(n):
                if p.kind == "city" and p.name_en in own:
                    found.setdefault((p.kind, p.id), p)
    cyrillic = [n for n in names if re.search("[а-яё]", n, re.IGNORECASE)]
    guesses = [v for n in cyrillic for v in (n.replace("э", "е").replace("Э", "Е"), *_stems(n))]
    if text and all(p.kind == "city" and p.population < _MIN_POP_ALONE for p in found.values()):
        # "в Канне" beside "Каннского фестиваля": the name guessed from the case ending is the document's own,
        # not the form the normaliser chose ("Канна", a hamlet in Italy) nor a chance likeness
        attested = {(p.kind, p.id): p for n in guesses if _adjective_in(text, n) for p in g.candidates(n)}
        if attested:
            return list(attested.values()), "adjective"
    if found and all(_city_district(p) for p in found.values()):
        # a generic city-district name ("Подольский район" of Kyiv) may also be a rural district named after its
        # seat ("Подольский район" of Moscow Oblast): both readings stand, each needing local support
        for d in (d for n in cyrillic for d in _districts(g, n)):
            found.setdefault((d.kind, d.id), d)
    if found:
        return list(found.values()), None
    guesses += [bare for n in cyrillic if (bare := _ARTICLE.sub("", n)) != n]
    # a last word pymorphy does not decline ("Северного Рейна-Вестфалии" -> "Северный Рейн-Вестфалия")
    guesses += [f"{lead} {stem}" for n in cyrillic if " " in (nom := _nominative(n) or n)
                for lead, last in [nom.rsplit(" ", 1)] for stem in _stems(last)]
    # "Донецкого края", "Смоленский край": a land named by its region's adjective, where no krai of that name exists
    guesses += [f"{m.group(1)}ая область" for n in cyrillic if (m := _LAND.fullmatch(n))]
    guesses += [bare for n in names if (bare := _KIND_SUFFIX.sub("", n)) != n]  # "Taipei City", "Lagos State"
    look(guesses, g.candidates)
    if found:
        return list(found.values()), "form"
    districts = [d for n in cyrillic for d in _districts(g, n)]
    if districts:
        return districts, "district"
    alike: dict[tuple[str, str], float] = {}  # how alike the names as written are spelt
    for n in cyrillic + guesses:  # a foreign town or region by the sound of its name, spelt much alike
        spelt = _latin(transliterate(n))
        for p in g.sounds_like(n):
            ratio = difflib.SequenceMatcher(None, spelt, _latin(p.name_en)).ratio()
            if ratio >= _SPELT_ALIKE:
                found.setdefault((p.kind, p.id), p)
                if n in cyrillic:
                    alike[(p.kind, p.id)] = max(ratio, alike.get((p.kind, p.id), 0.0))
    # a region only by a name as written, and when nothing is spelt more alike ("Ямаугути", a misspelt Ямагути,
    # is not Yamagata Prefecture)
    most_alike = max(alike.values(), default=1.0)
    found = {k: p for k, p in found.items() if p.kind != "region" or alike.get(k, 0.0) >= most_alike}
    if found:
        return list(found.values()), "sound"
    if region_named and not island:  # "в штате Сулия", "из мухафаза Бухейра": a region spelt alike (a sound guess)
        look([n for n in cyrillic if not n.lower().startswith("остров")], lambda n: _spelt_regions(g, n))
        if found:
            return list(found.values()), "sound"
    # a double name with both parts declined alike ("в Урбане-Шампейне"): its first town
    for n in cyrillic:
        parts = n.split("-")
        ending = next((end for end, _ in _ENDINGS if parts[0].endswith(end)), None)
        if len(parts) == 2 and len(parts[0]) >= 4 and ending in _OBLIQUE_ENDINGS \
                and parts[1].endswith(ending):
            look(_stems(parts[0]), g.candidates)
    return list(found.values()), "part"


def _base(p: Place) -> float:
    if p.kind in _KIND_SCORE:
        return _KIND_SCORE[p.kind]
    return _POP_WEIGHT * math.log10(p.population + 1)


def _beside(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans are right beside each other: close, with only separators or a kind word between them."""
    (_, e1), (s2, _) = sorted((a, b))
    return s2 - e1 <= _ADJACENT and (not text or _BESIDE.fullmatch(text, e1, s2) is not None)


def _country_weights(locs: Iterable[_Loc]) -> Counter[str]:
    """How much a document is about each country: the mentions of the country and of places in it."""
    weight: Counter[str] = Counter()
    for o in locs:
        if o.best is not None and o.best.country:
            weight[o.best.country] += len(o.entity.mentions)
    return weight


def _focus(locs: Iterable[_Loc]) -> set[str]:
    """The countries a document is most about: the most mentions of the country and of places in it."""
    weight = _country_weights(locs)
    top = max(weight.values(), default=0)
    return {c for c, n in weight.items() if n == top}


def _spelt_like(spelt: AbstractSet[str], p: Place, ratio: float = _SPELT_ALIKE) -> bool:
    """A name of the entity, transliterated, is spelt much like the place's own (Latin) name."""
    own = _latin(p.name_en)
    return any(difflib.SequenceMatcher(None, s, own).ratio() >= ratio for s in spelt)


def _choose(loc: _Loc, others: list[_Loc], text: str = "") -> Place | None:
    """The best candidate given the other places of the document (their current readings)."""
    support_country: Counter[str] = Counter()
    mentioned_regions: dict[str, list[tuple[int, int]]] = {}
    mentioned_countries: set[str] = set()
    contained: list[Place] = []
    region_points: dict[str, list[tuple[float, float]]] = {}  # country -> points of its regions the document names
    for o in others:
        if o is loc or o.best is None:
            continue
        b = o.best
        if b.kind == "country":
            mentioned_countries.add(b.country)
        else:
            support_country[b.country] += 1
            contained.append(b)
        if b.kind == "region":
            mentioned_regions.setdefault(b.id, []).extend((m.start, m.end) for m in o.entity.mentions)
            if not b.feature and b.lat is not None and b.lon is not None:
                region_points.setdefault(b.country, []).append((b.lat, b.lon))
    countries_here = mentioned_countries | set(support_country)
    # Only towns are evidence of nearness: a region's point is the middle of a vast area ("Огайо" does not put
    # a village called Nevada, Ohio near the text; the region's containment is counted on its own).
    points = [(c.lat, c.lon) for c in contained if c.kind == "city" and c.lat is not None and c.lon is not None]
    # The countries the document is most about (mentions of the country and of places in it): a town guessed
    # by its sound or as part of a double name lies there, or needs local evidence ("Биране" in a story about
    # Cuba is not Bryan, Texas, though the United States are mentioned once).
    focus = _focus(o for o in others if o is not loc)
    # A town does not outrank a country of its name on country-level evidence alone ("Бразилии" in a story
    # about the US is Brazil, not Brazil, Indiana): it needs its region, or a place near it, mentioned.
    country_named = any(c.kind == "country" for c in loc.candidates)
    # A country or region of the same name keeps its precedence over the capital ("Бразилия", "Алжир"); but a capital
    # keeps its precedence over the region it lies in, a city-state of its name ("Берлин": the land Berlin
    # does not stop the capital outranking Berlin, New Jersey).
    capital_regions = {c.region for c in loc.candidates if c.kind == "city" and c.capital and c.region}
    areas = any(c.kind == "country" or (c.kind == "region" and c.id not in capital_regions) for c in loc.candidates)
    # Nor does a town named after a first-level region plus a word, found by the region's name ("Оклахома" is
    # the state, not Oklahoma City), unless it is a capital or a city of millions ("Нью-Йорк": New York City).
    region_names = {(c.country, c.name_en) for c in loc.candidates if c.kind == "region" and not c.feature}
    # A rural district read from a seat's adjective ranks below a city district of the table with the same name: the
    # seat stands in only where the city district has no support ("Приморский район" in a St Petersburg story is the
    # city's, not Primorsk's).
    city_districts = any(_city_district(c) for c in loc.candidates)
    # A town that bears the name only as a former or foreign one (GeoNames' alternate names: Manchester was a part
    # of Richmond, Virginia, and a nickname of Paterson, New Jersey) yields to a city at least twice as big whose own
    # name it is: "Манчестере" is Manchester, England, whatever the document's country. Only a big city spelt almost as
    # the name is trusted so ("Кале" is Calais, not Kalemyo, whose alternate name Kale it only resembles).
    if loc.spelt is None:  # (the same for every round of choosing: computed once)
        e = loc.entity  # its names as written, not an English name given to it elsewhere
        loc.spelt = frozenset(_latin(transliterate(n)) for n in (e.name, *(m.text for m in e.mentions)))
        loc.own_pop = max((c.population for c in loc.candidates if c.kind == "city"
                           and c.population >= _OWN_NAME_MIN_POP and _spelt_like(loc.spelt, c, _OWN_SPELT)),
                          default=-1)
    spelt, own_pop = loc.spelt, loc.own_pop
    best, best_score = None, -math.inf
    for p in loc.candidates:
        if p.kind == "city" and 2 * p.population <= own_pop and not _spelt_like(spelt, p):
            continue
        score = -1.0 if city_districts and p.id.startswith("district:") else _base(p)
        evidence = 0.0
        local = 0.0  # evidence below the country: its region mentioned, a place near it
        near_place = p.lat is not None and p.lon is not None \
            and any(km(p.lat, p.lon, lat, lon) <= _NEAR_KM for lat, lon in points)
        other_region = p.kind == "city" and not p.capital and p.population < _REGION_TOWN_MIN_POP and any(
            country == p.country and p.name_en.startswith(f"{name} ") for country, name in region_names)
        country_level = 0.0
        if p.kind == "region" or (p.kind == "city" and not country_named and not other_region):
            country_level += _SAME_COUNTRY * min(support_country[p.country], _SAME_COUNTRY_MAX)
            if p.country in mentioned_countries:
                country_level += _SAME_COUNTRY / 2
        if p.country in loc.named_countries:
            local += _REGION_MENTIONED
        elif loc.named_countries and p.kind == "city" and not (
                p.population >= _CAPITAL_MIN_POP and _spelt_like(spelt, p, _OWN_SPELT)):
            # "в голландском городке Вейк-ан-Зее" is in the Netherlands, whatever namesakes lie elsewhere (a big city
            # whose own name it is stays a candidate: "китайского Севастополя" is a figure of speech; "французском
            # Провансе" is not Providence)
            continue
        town = loc.adjective_town
        if p.kind == "city" and town is not None and town.lat is not None and town.lon is not None:
            if p.lat is None or p.lon is None or km(p.lat, p.lon, town.lat, town.lon) > _NEAR_KM:
                continue  # "в лондонском Гайд-парке" is not Hyde Park, Massachusetts
            local += _REGION_MENTIONED
        if p.kind == "city" and p.region and p.region in mentioned_regions:
            near = any(_beside(text, r, (m.start, m.end)) for r in mentioned_regions[p.region]
                       for m in loc.entity.mentions)
            local += _REGION_MENTIONED if near else _CONTAINS
        if p.kind == "region" and any(c.region == p.id for c in contained):
            evidence += _CONTAINS
        if p.kind == "country" and any(c.country == p.id for c in contained):
            evidence += _CONTAINS
        if p.kind == "city" and near_place:
            local += _NEAR
        if _city_district(p) and p.region in loc.town_regions:  # "в Харьковском театре": the district's city
            local += _CONTAINS
        # A town with a much bigger namesake abroad ("Женева") gets no country-level evidence without local evidence.
        overshadowed = not local and p.kind == "city" and any(
            c.kind == "city" and c.country != p.country and c.name_en.casefold() == p.name_en.casefold()
            and c.population >= _CAPITAL_MIN_POP and c.population >= _OVERSHADOW * p.population
            for c in loc.candidates)
        if not overshadowed:
            evidence += country_level
        evidence += local
        # A town guessed by sound or as part of a double name, with no local evidence, lies in a country the document
        # is most about; nor is it a small one where the document names towns of that country, all far from it: the
        # story is located elsewhere in the country, and the likeness is a chance ("Бенрат" in a Düsseldorf story is
        # not Bubenreuth, Bavaria); a town big enough to be named from afar ("Шарм-эш-Шейх" in a story set in Cairo)
        # stays.
        if p.kind == "city" and loc.guess in ("sound", "part") and not local and (
                (focus and p.country not in focus)
                or (p.population < _MIN_POP_ABROAD and any(c.kind == "city" and c.country == p.country
                                                           for c in contained))):
            continue
        # A small town far from every first-level region of its country that the document names (none of them its
        # own), with no local evidence, is a chance namesake: the story is located in those regions ("шерифа округа
        # Харрис" in a Texas story is not Harris, Minnesota, 1,600 km away; the county is not in the gazetteer).
        if p.kind == "city" and not local and not p.feature and p.population < _MIN_POP_ABROAD \
                and p.country not in _HOME_COUNTRIES and p.region not in mentioned_regions \
                and p.lat is not None and p.lon is not None and p.country in region_points \
                and all(km(p.lat, p.lon, lat, lon) > _FAR_KM for lat, lon in region_points[p.country]):
            continue
        # A region found by sound ("провинции Миссионес": ISO's Russian name is "Мисьонес") only where the text says
        # it is one, in a country the document is about.
        if p.kind == "region" and loc.guess == "sound" and (
                loc.kind_hint != "region" or not (p.country in focus or evidence)):
            continue
        # A district of the feature table with no weight ("Центральный район", "ЗАО") needs local support: its
        # region mentioned or a place near it; the country alone is not enough (every big town has one).
        if (_city_district(p) or p.id.startswith("district:")) and not (
                (p.region and (p.region in mentioned_regions or (_city_district(p) and p.region in loc.town_regions)))
                or near_place):
            continue
        if p.kind == "city" and evidence == 0 and (
                (loc.guess and loc.guess != "adjective" and p.population < _MIN_POP_GUESS)
                or p.population < _MIN_POP_ALONE
                or (p.population < _MIN_POP_ABROAD and countries_here and p.country not in countries_here)):
            continue
        if loc.kind_hint is not None and p.kind == loc.kind_hint:
            evidence += _KIND_NAMED
        if p.capital and p.population >= _CAPITAL_MIN_POP and not areas:
            evidence += _CAPITAL
        score += evidence
        if score > best_score or (score == best_score and best is not None and p.population > best.population):
            best, best_score = p, score
    return best


@cache
def _state_adjectives() -> dict[str, tuple[str, ...]]:
    """State adjective (dictionary form, ё as е) -> the countries it names."""
    table: dict[str, tuple[str, ...]] = {row[0].replace("ё", "е"): (row[1],)
                                         for row in lexicon.rows("nationality_adjectives.tsv")
                                         if len(row) >= 2 and re.fullmatch("[A-Z]{2}", row[1])}
    return {**table, **_SHARED_ADJECTIVES}


def _named_countries(a: Analysis, e: Entity, first_only: bool = False) -> frozenset[str]:
    """The countries a state adjective right before one of the entity's mentions (``first_only``: its first) names
    ("в мексиканском Канкуне", "в американском городе Мескит")."""
    morph = models.morph()
    out: set[str] = set()
    for m in sorted(e.mentions, key=lambda m: m.start)[:1] if first_only else e.mentions:
        before = _STATE_ADJECTIVE.search(a.text, max(0, m.start - 40), m.start)
        if before is None:
            continue
        for parse in morph.parse(before.group(1).lower().replace("ё", "е")):
            if "ADJF" in parse.tag:
                out.update(_state_adjectives().get(parse.normal_form.replace("ё", "е"), ()))
                break
    return frozenset(out)


#: A town's adjective right before a name, lower-case as the adjective of a town is ("в лондонском Гайд-парке",
#: "нью-йоркском аэропорту Кеннеди"; a capitalised one is part of a name: "Курском районе" of Stavropol Krai), with
#: at most a kind word between.
_TOWN_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])([а-яё]{3,}(?:-[а-яё]{3,})?)(?:ском|ской|ского|скому|ский|ская|ское|"
                                    r"скую|ским|ских)\s+(?:(?:аэропорт|парк|район|пригород|квартал|театр|музе|"
                                    r"стадион|собор|двор|площад|улиц|проспект)[а-яё]*\s+)?$")


def _adjective_town(g: Gazetteer, a: Analysis, e: Entity) -> Place | None:
    """The big town (100,000+) whose adjective stands right before one of the entity's mentions ("в лондонском
    Гайд-парке" -> London): the place is in or near it."""
    for m in e.mentions:
        before = _TOWN_ADJECTIVE_BEFORE.search(a.text, max(0, m.start - 40), m.start)
        if before is None:
            continue
        stem = "-".join(part[:1].upper() + part[1:] for part in before.group(1).split("-"))
        towns = _big_towns(g, stem)
        if towns:
            return max(towns, key=lambda p: p.population)
    return None


def _kind_hint(a: Analysis, e: Entity) -> str | None:
    """The kind a word right before one of the entity's mentions names ("сенатор от штата Вермонт"), or an
    English kind word that ends it ("Colorado State")."""
    morph = models.morph()
    for m in e.mentions:
        first = m.text.split(None, 1)[0].lower() if " " in m.text.strip() else ""
        if first in ("штат", "штата", "штате", "штату"):  # the span names its kind ("штат Вирджиния")
            return "region"
        last = m.text.rsplit(None, 1)[-1] if " " in m.text.strip() else ""
        if last[:1].isupper() and _KIND_SUFFIX.search(m.text.strip()):
            return "city" if last == "City" else "region"
        before = re.search(r"([^\W\d_]+)\s+$", a.text[max(0, m.start - 30):m.start])
        if before is None:
            continue
        word = before.group(1).lower()
        lemma = morph.parse(word)[0].normal_form if re.search("[а-яё]", word) else word
        for kind, words in _KIND_WORDS.items():
            if lemma in words:
                return kind
    return None


def _geo(p: Place, g: Gazetteer) -> Geo:
    region = p.id if p.kind == "region" and not p.feature else (p.region or None)
    return Geo(lat=p.lat, lon=p.lon, country=p.country or None, precision=p.kind,
               geonames_id=p.geonames_id, admin1=region, name=p.name_en)


def _sentence_of(a: Analysis, offset: int) -> tuple[int, int]:
    for sent in a.sentences:
        if sent.start <= offset < sent.end:
            return sent.start, sent.end
    return offset, offset + 1


def _site_town(a: Analysis, site: Entity, towns: list[tuple[int, Place]]) -> Place | None:
    """The town a site lies in: a resolved town mentioned in the same sentence as one of the site's
    mentions (the closest one before it, else after it); None when no sentence names one."""
    for m in sorted(site.mentions, key=lambda m: m.start):
        lo, hi = _sentence_of(a, m.start)
        here = [t for t in towns if lo <= t[0] < hi]
        before = [t for t in here if t[0] < m.start]
        if before:
            return max(before, key=lambda t: t[0])[1]
        if here:
            return min(here, key=lambda t: t[0])[1]
    return None


#: A town whose name begins a site's name ("Казань Арена", "Ростов Арене", "Минск-Арена") is the site's town when it
#: is at least this big (a small namesake is a chance: "Репино" of "дача Репина") or a first-level region
#: ("Мордовия Арена").
_SITE_NAME_TOWN_MIN_POP = 100000


def _site_name_town(g: Gazetteer, site: Entity) -> Place | None:
    """The town or region a site's own name begins with ("Екатеринбург Арена" -> Yekaterinburg), the longest name
    first; None when the name has no further word (a bare "Калининград" is the town itself) or none is found."""
    found: list[Place] = []
    for text in dict.fromkeys([site.name, *(m.text for m in site.mentions)]):
        words = re.split(r"[\s-]+", text.strip(" «»\"'“”„"))
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            if not head[:1].isupper():
                break
            here = [p for p in g.candidates(head)
                    if (p.kind == "city" and p.population >= _SITE_NAME_TOWN_MIN_POP)
                    or (p.kind == "region" and not p.feature)]
            if here:
                found += here
                break
    return max(found, key=lambda p: (p.kind == "city", p.population), default=None)


def _previous_town(a: Analysis, site: Entity, towns: list[tuple[int, Place]]) -> Place | None:
    """The last town mentioned in the sentence before a site's first mention ("... в Санкт-Петербурге. У канала
    Грибоедова ..."): a site named right after its town, in the next sentence."""
    first = min(m.start for m in site.mentions)
    lo, _ = _sentence_of(a, first)
    before = [s for s in a.sentences if s.end <= lo]
    if not before:
        return None
    prev = max(before, key=lambda s: s.end)
    here = [t for t in towns if prev.start <= t[0] < prev.end]
    return max(here, key=lambda t: t[0])[1] if here else None


def _only_town(towns: list[tuple[int, Place]], focus: set[str]) -> Place | None:
    """The document's only town, when it lies in the country the document is most about: a site of the story is in
    it (not Versailles in a story whose only town is Moscow but which is about India)."""
    # not a village placed by its kind word nor a district placed in its town
    distinct = {p.id: p for _, p in towns if not p.id.startswith((_FOCUS_TOWN, _DISTRICT_IN))}
    if len(distinct) > 1:  # a district or landmark of the feature table lies in a town named beside it ("Чистые пруды")
        distinct = {k: p for k, p in distinct.items() if not p.feature} or distinct
    if len(distinct) != 1:
        return None
    town = next(iter(distinct.values()))
    return town if town.country in focus else None


#: What stands between a town and the region or country named right after it as its address. Strong: nothing (a
#: region in the genitive: "в селе Солнцеве Липецкой области"), a comma and a kind word ("Вильямсбург, штат
#: Вирджиния", "в городе Гваделупе, округ Техас"), an English bare comma ("Dartmouth, Massachusetts"). Weak: "в" and
#: the locative ("в школе в Астриде в Руанде"), a bracket ("Глендейла (Калифорния, США)"). A Russian bare comma is a
#: list ("в Москве, Липецкой области"); nothing crosses a sentence's end.
_KIND_COMMA = re.compile(r"\s*,\s*(?:штат|штата|штате|провинция|провинции|округ|state of)\s+", re.IGNORECASE)
_WEAK_GAP = re.compile(r"[ \t]*(?:\(|во?\s)[ \t]*", re.IGNORECASE)
#: A settlement word right before a name: a place no candidate has is a town of its address only after one.
_SETTLEMENT_BEFORE = re.compile(r"(?:\bсел[оаеу]|\bдеревн[яиюе]|\bпос[её]л(?:ок|к[аеу])|\bгород(?:ок|к[аеу]|[аеу])?|"
                                r"\bстаниц[аеуы]|\bхутор[аеу]?|\bаул[аеу]?|\bкишлак[аеу]?|\bvillage(?: of)?|"
                                r"\btown(?: of)?)\s+$", re.IGNORECASE)
_TOWN_WORD = re.compile(r"\bгород(?:а|е|у|ом)?\s+$", re.IGNORECASE)


def _address_after(a: Analysis, m: Mention, areas: list[tuple[Mention, Place]], big: bool
                   ) -> tuple[Place, bool] | None:
    """The first-level region or country the text names right after a town's mention as its address, and whether
    the address is a strong one (see ``_KIND_COMMA``). ``big``: the name is a big city's (100,000+), whose "в" is not
    an address ("посол Москвы в Германии")."""
    for r, area in areas:
        gap = a.text[m.end:r.start]
        if r.start < m.end or len(gap) > 20 or re.search(r"[\n.!?;:]", gap):
            continue
        latin = not re.search("[а-яё]", m.text + r.text, re.IGNORECASE)
        genitive = area.kind == "region" and _genitive(r)
        if (not gap.strip() and genitive) or _KIND_COMMA.fullmatch(gap) or (latin and re.fullmatch(r"\s*,\s*", gap)):
            return area, True
        # after "в" the locative ("в Руанде", "в Нидерландах"), not a move's accusative ("из Москвы в Белоруссию")
        locative = r.text.casefold() != r.normal.casefold() and re.search(r"(?:[еи]|[ая]х)$", r.text.strip())
        if _WEAK_GAP.fullmatch(gap) and not big and (gap.strip() == "(" or locative):
            return area, False
    return None


def _genitive(m: Mention) -> bool:
    """The mention is inflected and its last word reads as a genitive ("Киевской области", "Самары"): an address
    written right after a place."""
    last = m.text.split()[-1].lower() if m.text.split() else ""
    return m.text.casefold() != m.normal.casefold() and any("gent" in p.tag for p in models.morph().parse(last))


def _function_word(name: str) -> bool:
    """A word the recogniser took for a name at a sentence's opening ("Из Чечни отбыл ...", "Жителю Гуандуна")."""
    parses = models.morph().parse(name.lower())
    person_word = bool(parses) and parses[0].is_known and parses[0].tag.POS == "NOUN" \
        and "anim" in parses[0].tag and not {"Name", "Surn", "Geox"} & set(parses[0].tag.grammemes)
    return len(name) < 3 or person_word or any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO", "ADVB")
                                               and p.score >= 0.3 for p in parses)


def _in_area(p: Place, area: Place) -> bool:
    """The place lies in the region or country, or may (a town of the region's country with no region known)."""
    if area.kind == "country":
        return p.country == area.country
    return p.region == area.id or p.id == area.id or (p.country == area.country and not p.region)


def _town_name(e: Entity) -> bool:
    """A place entity whose name is a name (capitalised words, not a word taken for one at a sentence's opening)."""
    return e.subtype != "site" and all(w[:1].isupper() for w in e.name.split()) and not _function_word(e.name)


def _place_town(e: Entity, loc: _Loc | None, places: list[_Loc], town: Place) -> None:
    """Read the entity as ``town``, a town the gazetteer lacks, adding its reading to ``places`` if it has none."""
    if loc is None:
        places.append(_Loc(e, [town], min(m.start for m in e.mentions), best=town))
    else:
        loc.best = town


def _towns_by_address(a: Analysis, locs: list[Entity], places: list[_Loc]) -> None:
    """A town whose region or country the text names right after it lies there. When no candidate does, the
    candidates are namesakes elsewhere ("в селе Солнцеве Липецкой области" is not Moscow's Solntsevo, "в Астриде в
    Руанде" not Easterwood, USA) and the town one the gazetteer lacks: it gets that country and region, with no point.
    A name with no candidate at all only after a settlement word and with a strong address ("в селе Печески
    Хмельницкой области"). Only for names that are names (capitalised words, not a district's "Хлевенском районе") read
    as a town, or as a country or region where the text says "город" ("в городе Гваделупе, округ Техас")."""
    areas = [(m, loc.best) for loc in places if loc.best is not None and loc.best.kind in ("region", "country")
             and not loc.best.feature for m in loc.entity.mentions]
    if not areas:
        return
    by_entity = {id(loc.entity): loc for loc in places}
    for e in locs:
        loc = by_entity.get(id(e))
        if not _town_name(e):
            continue
        read = loc.best if loc is not None else None
        if read is not None and read.feature:
            continue
        candidates = loc.candidates if loc is not None else []
        big = any(c.kind == "city" and c.population >= _CAPITAL_MIN_POP for c in candidates)
        found = next(((m, r) for m in e.mentions if (r := _address_after(a, m, areas, big)) is not None), None)
        if found is None:
            continue
        m, (area, strong) = found
        if read is area:
            continue
        if read is not None and read.kind != "city" and not _after_word(_TOWN_WORD, a.text, m, 20):
            continue  # a country or region stays one unless the text says "город" ("в городе Гваделупе")
        if not candidates and not (strong and _after_word(_SETTLEMENT_BEFORE, a.text, m, 20)):
            continue  # no candidate: only "в селе X Y-ской области", not "в Хибинах в Мурманской области"
        if any(c.kind == "city" and _in_area(c, area) for c in candidates):
            if loc is not None and read is not None and read.kind != "city":  # "в городе X": the town there
                loc.best = max((c for c in candidates if c.kind == "city" and _in_area(c, area)),
                               key=lambda c: c.population)
            continue
        region = area.id if area.kind == "region" else ""
        _place_town(e, loc, places, Place("city", f"in:{area.id}", transliterate(e.name), area.country, region,
                                          None, None, 0, feature=True))


def _towns_by_state_adjective(a: Analysis, locs: list[Entity], places: list[_Loc]) -> None:
    """A town a state adjective introduces ("в голландском городке Вейк-ан-Зее", "в британском городе Солсбери") lies
    in that country: when no candidate does (``_choose`` takes none elsewhere), it is a town the gazetteer lacks, with
    that country and no point, as for an address. Only for one country named, and for a name that is a town's: its
    candidates are towns elsewhere ("в канадском Кэнморе": Kenmore, USA), or a settlement word stands before it (not
    "российского Северного Кавказа", "в китайской Суперлиге")."""
    by_entity = {id(loc.entity): loc for loc in places}
    for e in locs:
        loc = by_entity.get(id(e))
        if not _town_name(e) or (loc is not None and loc.best is not None):
            continue
        named = _named_countries(a, e, first_only=True)  # an introduction: not "Китайская Евразия" at a 5th mention
        town = loc is not None and bool(loc.candidates) and all(c.kind == "city" for c in loc.candidates)
        if len(named) != 1 or not (town or any(_after_word(_SETTLEMENT_BEFORE, a.text, m, 20) for m in e.mentions)):
            continue
        country = next(iter(named))
        _place_town(e, loc, places, Place("city", f"in:{country}", transliterate(e.name), country, "",
                                          None, None, 0, feature=True))


#: The id prefix of a settlement placed in the document's country by ``_settlements_in_focus``.
_FOCUS_TOWN = "focus:"


def _settlements_in_focus(a: Analysis, locs: list[Entity], places: list[_Loc]) -> None:
    """A settlement the gazetteer cannot place, named after its kind ("в деревне Шоршелы", "посёлка Укурей"), lies in
    the country the document is about, when that one clearly dominates (twice the mentions of its places of any
    other): that country, no region and no point. Villages are local news; a village abroad comes with its country
    or region, which ``_towns_by_address`` reads first, or in a story that names its country too (Landstuhl in a story
    about Afghanistan that names Germany is not Afghan)."""
    ranked = _country_weights(places).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return
    country = ranked[0][0]
    by_entity = {id(loc.entity): loc for loc in places}
    for e in locs:
        loc = by_entity.get(id(e))
        if (loc is not None and loc.best is not None) or not _town_name(e) \
                or not any(_after_word(_SETTLEMENT_BEFORE, a.text, m, 20) for m in e.mentions):
            continue
        _place_town(e, loc, places, Place("city", f"{_FOCUS_TOWN}{country}", transliterate(e.name), country, "",
                                          None, None, 0, feature=True))


#: The id prefix of a district placed in its town or region by ``_districts_by_address``.
_DISTRICT_IN = "within:"
#: A district's name as written: a capitalised adjective and the district word ("Кировском районе", "Центрального
#: административного округа", "Сулейман-Стальском районе"; the plural of a list's last one, "Ленинского округов").
_DISTRICT_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:ий|ый|ого|ому|ом|ым|ой)\s+"
                            r"(?:(?:административн|муниципальн|городск)\w+\s+)?(?:район|округ)(?:а|е|у|ом|ы|ов|ах)?")


def _districts_by_address(a: Analysis, locs: list[Entity], places: list[_Loc]) -> None:
    """A district the gazetteer cannot place, named right before its town or region in the genitive, lies there
    ("в Кировском районе Самары", "Центрального округа Москвы": the town's point, precision city; "в Таращанском
    районе Киевской области", "Хашурского района Грузии": that region or country, no point). Districts were left out
    of ``_towns_by_address``: their names are not names of towns."""
    by_entity = {id(loc.entity): loc for loc in places}
    districts = [(e, read) for e in locs if e.subtype != "site"
                 and ((read := by_entity.get(id(e))) is None or read.best is None)
                 and any(_DISTRICT_NAME.fullmatch(m.text.strip()) for m in e.mentions)]
    if not districts:  # most documents: no morphology to read
        return
    after = {m.start: p for loc in places if (p := loc.best) is not None
             and not (p.feature or (p.kind == "city" and p.lat is None))
             for m in loc.entity.mentions if _genitive(m)}  # where a resolved place's genitive mention starts
    for e, read in districts:
        for m in e.mentions:
            gap = re.match(r"[ \t]+", a.text[m.end:m.end + 3])
            area = after.get(m.end + len(gap.group(0))) if gap else None
            if area is None or not _DISTRICT_NAME.fullmatch(m.text.strip()):
                continue
            if area.kind == "city":
                place = Place("city", f"{_DISTRICT_IN}{area.id}", transliterate(e.name), area.country, area.region,
                              area.lat, area.lon, 0, feature=True)
            else:
                place = Place("region", f"{_DISTRICT_IN}{area.id}", transliterate(e.name), area.country,
                              area.id if area.kind == "region" else "", None, None, 0, feature=True)
            _place_town(e, read, places, place)
            break


#: A bare name two countries share ("Конго"): the gazetteer gives it to the first (ISO's Russian name of the Republic of
#: the Congo); it is the second's where the document places something there and nothing in the first (Kinshasa,
#: Bukavu, "ДРК" named apart): Russian news mostly mean DR Congo by it.
_SHARED_NAMES: dict[str, tuple[str, str]] = {"конго": ("CG", "CD")}


def _shared_names(g: Gazetteer, places: list[_Loc]) -> None:
    """Give a bare shared country name to the other country its document is about (see ``_SHARED_NAMES``)."""
    for loc in places:
        p = loc.best
        names = {m.text.casefold() for m in loc.entity.mentions}
        if p is None or p.kind != "country" or len(names) != 1:
            continue
        first, second = _SHARED_NAMES.get(names.pop(), ("", ""))
        if p.id != first:
            continue
        there = {o.best.country for o in places if o is not loc and o.best is not None}
        other = g.get(second)
        if second in there and first not in there and other is not None:
            loc.best = other


def geocode(a: Analysis) -> None:
    """Fill ``Entity.geo`` (and ``subtype``, ``name_en``) of the LOC entities in ``a.entities``."""
    locs = [e for e in a.entities if e.type == "LOC"]
    if not locs:
        return
    g = gazetteer()
    places: list[_Loc] = []
    sites: list[Entity] = []
    for e in locs:
        if e.subtype == "site":
            sites.append(e)
            continue
        hint = _kind_hint(a, e)
        found = _candidates(g, e, a.text, region_named=hint == "region")
        if found and found[0]:
            places.append(_Loc(e, found[0], min(m.start for m in e.mentions), kind_hint=hint,
                               guess=found[1], named_countries=_named_countries(a, e),
                               adjective_town=_adjective_town(g, a, e)))
    if any(_city_district(p) for loc in places for p in loc.candidates):
        town_regions = _adjective_towns(g, a.text)
        for loc in places:
            loc.town_regions = town_regions
    # Unambiguous places first (one candidate, or all candidates in one country and of one kind), then
    # two rounds over all, each reading the others' current best.
    for loc in places:
        if len(loc.candidates) == 1:
            loc.best = _choose(loc, [])
    for _ in range(2):
        for loc in places:
            loc.best = _choose(loc, places, a.text)
    # A place named as a county ("округа Харрис") in a story that names US states or towns: a county of those states
    # spelt alike, unless it already reads as a country, a region or a big town.
    us_states = [(loc.entity, loc.best.id if loc.best.kind == "region" else loc.best.region) for loc in places
                 if loc.best is not None and loc.best.country == "US" and not loc.best.feature]
    if any(state for _, state in us_states):
        by_entity = {id(loc.entity): loc for loc in places}
        for e in locs:
            states = {state for other, state in us_states if other is not e and state}  # not its own reading's
            read = by_entity.get(id(e))
            if e.subtype == "site" or (read is not None and read.best is not None and (
                    read.best.kind != "city" or read.best.population >= _REGION_TOWN_MIN_POP)):
                continue
            county = _county(g, a, e, states)
            if county is None:
                continue
            if read is None:
                read = _Loc(e, [county], min(m.start for m in e.mentions))
                places.append(read)
            read.best = county
    _shared_names(g, places)
    _towns_by_address(a, locs, places)
    _towns_by_state_adjective(a, locs, places)
    _settlements_in_focus(a, locs, places)
    _districts_by_address(a, locs, places)
    for loc in places:
        p = loc.best
        if p is None:
            continue
        e = loc.entity
        e.geo = _geo(p, g)
        e.subtype = p.kind
        e.name_en = p.name_en
    towns = [(m.start, loc.best) for loc in places if loc.best is not None and loc.best.kind == "city"
             for m in loc.entity.mentions]
    focus = _focus(places)
    for e in sites:
        if any(g.is_blocked(n) for n in _variants(e)):
            continue
        town = _site_name_town(g, e) or _adjective_town(g, a, e) or _site_town(a, e, towns) \
            or _previous_town(a, e, towns) or _only_town(towns, focus)
        if town is None:
            continue
        region = town.id if town.kind == "region" else town.region
        e.geo = Geo(lat=None, lon=None, country=town.country or None, precision="site",
                    geonames_id=None, admin1=region or None, name=None)
