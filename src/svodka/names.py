"""Base forms, keys and transliteration of names.

Russian names change their endings with case ("Касым-Жомарта Токаева"); analysts want the
dictionary form ("Касым-Жомарт Токаев"). Person names are inflected word by word; organisation
and place names only in their head noun phrase, so that dependants stay as written
("Организации Договора о коллективной безопасности" -> "Организация Договора о ...").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

from svodka import models
from svodka.analysis import Token

UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_UD_NUMBER = {"Sing": "sing", "Plur": "plur"}
_NAME_TAGS = ("Name", "Surn", "Patr")
#: Foreign names ending like this do not decline in Russian ("Тлеуберди", "Энтони", "Шойгу").
_INDECLINABLE_END = re.compile(r"[иуюоэ]$", re.IGNORECASE)
#: Unknown place names ending in -и are mostly oblique forms of -ия ("Арвении"), so only these stay.
_INDECLINABLE_PLACE_END = re.compile(r"[уюоэ]$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _restore_case(original: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``original`` (part by part for hyphens)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    parts_o, parts_w = original.split("-"), word.split("-")
    if len(parts_o) == len(parts_w):
        return "-".join(_restore_case_simple(o, w) for o, w in zip(parts_o, parts_w, strict=True))
    return _restore_case_simple(original, word)


def _restore_case_simple(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _pick_parse(word: str, token: Token, prefer_name: bool, gender: str | None = None) -> Any:
    """The pymorphy parse that best agrees with the tagger's case and number (and gender)."""
    case = UD_CASE.get(token.feats.get("Case", ""))
    number = _UD_NUMBER.get(token.feats.get("Number", ""))
    parses = models.morph().parse(word)
    if gender:  # a known gender is a constraint, not a hint
        parses = [p for p in parses if p.tag.gender in (gender, None) or "ms-f" in p.tag] or parses
    best, best_score = None, -1.0
    for p in parses:
        tag = p.tag
        score = p.score
        if case and case in tag:
            score += 2
        if number and number in tag:
            score += 0.5
        if prefer_name and any(t in tag for t in _NAME_TAGS):
            score += 3
        if not prefer_name and ("Geox" in tag or "Orgn" in tag):
            score += 0.5  # a place or an organisation, not a person's name: "Ливане" is Ливан, not Ливана
        if gender and gender in tag:
            score += 1
        if token.pos in ("NOUN", "PROPN") and "NOUN" in tag:
            score += 1
        if token.pos == "ADJ" and ("ADJF" in tag or "PRTF" in tag):
            score += 1
        if score > best_score:
            best, best_score = p, score
    return best


#: An abbreviation with a case ending ("МИДа", "ООНом"): the base form is the abbreviation.
_ABBR_INFLECTED = re.compile(r"^([А-ЯЁ]{2,})(?:а|у|ом|е|ов|ам|ами|ах|ы)$")


def _inflect(word: str, token: Token, prefer_name: bool, grammemes: set[str] | None = None,
             gender: str | None = None) -> str:
    abbr = _ABBR_INFLECTED.match(word)
    if abbr:
        return abbr.group(1)
    if not _CYRILLIC.search(word) or (word.isupper() and len(word) > 1) or any(c.isdigit() for c in word):
        return word
    if prefer_name and "-" in word.strip("-"):
        # Compound first names decline in their last part only: "Касым-Жомарта" -> "Касым-Жомарт".
        head, _, last = word.rpartition("-")
        return head + "-" + _inflect(last, token, prefer_name, grammemes, gender)
    parse = _pick_parse(word.lower(), token, prefer_name, gender)
    if parse is None or ("nomn" in parse.tag and (not grammemes or grammemes <= parse.tag.grammemes)):
        return word
    if not parse.is_known and (_INDECLINABLE_END if prefer_name else _INDECLINABLE_PLACE_END).search(word):
        return word
    target = {"nomn"} | (grammemes or set())
    if "plur" not in target and "sing" not in target and "plur" in parse.tag and not prefer_name:
        target.add("plur")
    inflected = parse.inflect(target) or parse.inflect({"nomn"})
    if inflected is None:
        return _adjective_nominative(word, grammemes) if not prefer_name else word
    return _restore_case(word, inflected.word)


_ADJ_ENDINGS = {  # oblique adjective ending -> nominative ending, by the head's gender/number
    "masc": (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
             ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
             ("ного", "ный"), ("ному", "ный"), ("ным", "ный"), ("ном", "ный")),
    "femn": (("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"), ("цкую", "цкая"), ("ной", "ная"), ("ную", "ная")),
    "neut": (("ского", "ское"), ("скому", "ское"), ("ским", "ское"), ("ском", "ское"),
             ("ного", "ное"), ("ному", "ное"), ("ным", "ное"), ("ном", "ное")),
    "plur": (("ских", "ские"), ("скими", "ские"), ("ским", "ские"), ("цких", "цкие"), ("ных", "ные"),
             ("ными", "ные"), ("ным", "ные")),
}


def _adjective_nominative(word: str, grammemes: set[str] | None) -> str:
    """Nominative of an adjective the dictionary cannot inflect ("Иллинойсского" -> "Иллинойсский")."""
    g = grammemes or set()
    kind = "plur" if "plur" in g else next((x for x in ("femn", "neut", "masc") if x in g), "")
    for end, rep in _ADJ_ENDINGS.get(kind, ()):
        if word.lower().endswith(end):
            return word[: -len(end)] + rep
    return word


def normal_form(text: str, tokens: Sequence[Token], start: int, etype: str,
                context: Sequence[Token] = ()) -> str:
    """The base form of a Russian mention ``text`` that begins at offset ``start``.

    ``tokens`` are the mention's tokens with absolute offsets, ``context`` the tokens of its
    sentence (verb agreement tells a person's gender). Non-Russian tokens are kept.
    """
    if not tokens or not _CYRILLIC.search(text):
        return text
    words = [tok.text for tok in tokens]
    if etype == "PER":
        gender = _person_gender(tokens, context)
        plural = len(tokens) == 1 and tokens[0].feats.get("Number") == "Plur"
        words = [person_word(tok.text, tok.feats.get("Case", ""), gender, plural) for tok in tokens]
    else:
        words = _normal_phrase(tokens)
    out, pos = [], start
    for tok, word in zip(tokens, words, strict=True):
        out.append(text[pos - start : tok.start - start])
        out.append(word)
        pos = tok.end
    out.append(text[pos - start :])
    return "".join(out)


_VOWEL_CHARS = "аеёиоуыэюя"
#: Particles inside foreign names that never change ("фон дер Ляйен", "уль-Малук", "ибн", "Абу Бакр"); they
#: are neither first names nor surnames (the entity stage groups names without them).
PARTICLES = frozenset({"фон", "дер", "де", "ди", "да", "дель", "ван", "ла", "ле", "эль", "аль", "уль", "бен", "ибн",
                       "бин", "абу", "оглы", "кызы", "zu", "von", "van", "de", "al"})
#: Oblique endings of feminine names and surnames -> nominative ending, tried longest first.
_FEM_RULES = (
    ("ской", "ская"), ("цкой", "цкая"), ("скую", "ская"), ("цкую", "цкая"),
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ("ову", "ова"), ("еву", "ева"), ("ёву", "ёва"), ("ину", "ина"), ("ыну", "ына"),
    ("ии", "ия"), ("ие", "ия"), ("ию", "ия"), ("ией", "ия"),
    ("ьи", "ья"), ("ье", "ья"), ("ью", "ья"), ("ьей", "ья"),
    ("ой", "а"), ("ей", "я"), ("у", "а"), ("ю", "я"), ("ы", "а"), ("и", "а"), ("е", "а"),
)
#: Oblique endings of masculine names and surnames -> nominative ending.
_MASC_RULES = (
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
    ("ым", ""), ("ом", ""), ("ем", "*"), ("ой", "а"),
    ("а", ""), ("я", "*"), ("у", ""), ("ю", "*"), ("е", ""),
)
_OBLIQUE_FOR_SURE = ("ом", "ым", "ому", "ского", "цкого", "скому", "ским", "ову", "еву", "овым", "евым", "иным")


#: The case endings of "младш-"/"старш-" ("-младшего", "-старшей"), the feminine ones apart: shared
#: with :mod:`svodka.stages.entity_groups`, which reads the same words off a whole name.
GENERATION_ENDINGS_FEMN = ("ая", "ей", "ую", "ой")
GENERATION_ENDINGS = ("ий", "его", "ему", "им", "ем", *GENERATION_ENDINGS_FEMN)

#: "-младший"/"-старший" after a surname, in any case ("Буше-младшем").
_GENERATION_WORD = re.compile(rf"(млад|стар)ш({'|'.join(GENERATION_ENDINGS)})")


def surname_gender(word: str) -> Literal["masc", "femn"] | None:
    """The gender the ending of a Russian-type surname shows: "femn" for -ова, -ина, -ская ...,
    "masc" for -ов, -ин, -ский ..., else None."""
    low = word.lower()
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
        return "femn"
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return "masc"
    return None


def person_word(word: str, case: str, gender: str | None, plural: bool = False) -> str:
    """The nominative of one word of a person's name in case ``case`` (UD: Nom, Gen, ...).

    Dictionary names and surnames (pymorphy) decline by the dictionary; unknown and foreign ones
    by the endings of Russian declension for the given gender, which is what an editor does with a
    name they have never seen ("Асии Биби" -> "Асия Биби", "Ричарда Гренелла" -> "Ричард Гренелл").
    A word the tagger reads as nominative stays as written unless its ending is plainly oblique.
    """
    if (not _CYRILLIC.search(word) or (word.isupper() and len(word) > 1) or any(c.isdigit() for c in word)
            or word.lower() in PARTICLES or word[:1].islower() or word.endswith(".") or len(word) < 3):
        return word
    if "-" in word.strip("-"):
        head, _, last = word.rpartition("-")
        if generation := _GENERATION_WORD.fullmatch(last):
            # "Лоуренса-младшего" -> "Лоуренс-младший", "Уильямс-младшей" -> "Уильямс-младшая": the
            # adjective's ending tells the gender
            femn = generation[2] in GENERATION_ENDINGS_FEMN
            nominative = generation[1] + ("шая" if femn else "ший")
            return person_word(head, case, "femn" if femn else "masc", plural) + "-" + nominative
        if last[:1].isupper() or head.lower() in PARTICLES:
            return head + "-" + person_word(last, case, gender, plural)
        return word
    low = word.lower()
    if plural:
        for end, rep in (("овых", "овы"), ("евых", "евы"), ("иных", "ины"), ("ыми", "ы"), ("ых", "ы"), ("ей", "и")):
            if low.endswith(end) and len(low) > len(end) + 2:
                return _restore_case(word, low[: -len(end)] + rep)
        return word
    known = _known_name_nominative(low, case, gender)
    if known is not None:
        return _restore_case(word, known)
    if iya := _oblique_iya(low, case):  # "Асию", "Асией", "Гамсахурдии" -> "Асия", "Гамсахурдия"
        return _restore_case(word, low[: -len(iya)] + "ия")
    if case in ("Nom", "") and not (gender != "femn" and low.endswith(_OBLIQUE_FOR_SURE) and len(low) > 5):
        return word
    rules = _FEM_RULES if gender == "femn" else _MASC_RULES
    for end, rep in rules:
        if not low.endswith(end) or len(low) - len(end) < 2:
            continue
        stem = low[: -len(end)]
        if gender == "femn" and end in ("у", "ю", "ы", "и", "е", "ой", "ей") and stem[-1:] in _VOWEL_CHARS:
            continue
        if gender == "femn" and end == "и" and stem[-1:] not in "гкхжчшщ":
            continue  # "Биби" is not an oblique form: -а names take -ы after other consonants
        if gender == "femn" and ((end in ("е", "ие", "ье") and case not in ("Dat", "Loc"))
                                 or (end in ("у", "ю", "ию", "ью") and case != "Acc")):
            continue
        if gender != "femn" and end in ("а", "у", "е", "ом", "ым") and stem[-1:] in _VOWEL_CHARS + "йь":
            continue
        if gender != "femn" and end == "ой" and case not in ("Ins", ""):
            continue
        if rep == "*":  # soft stem: "Игоря" -> "Игорь", "Андрея" -> "Андрей"
            rep = "й" if stem[-1:] in _VOWEL_CHARS else "ь"
        if gender != "femn" and end == "е" and case not in ("Loc", "Dat"):
            continue
        return _restore_case(word, stem + rep)
    return word


_NAME_GENDERS = {"masc", "femn"}
_IYA_OBLIQUE = re.compile(r"(?:ию|ией|ии|ие)$")


def _oblique_iya(low: str, case: str) -> str:
    """The oblique ending of a name in -ия that no dictionary knows ("Асию", "Асией", "Гамсахурдии"), else "":
    masculine names in -ий ("Дмитрию", "Юрии") are dictionary names, so an unknown name in -ию/-ией
    is an -ия name in any case the tagger reads, and one in -ии/-ие when it is not read as nominative."""
    match = _IYA_OBLIQUE.search(low)
    if match is None or len(low) < 4 or any(p.is_known for p in models.morph().parse(low)):
        return ""
    return match[0] if match[0] in ("ию", "ией") or case not in ("Nom", "") else ""


def _known_name_nominative(low: str, case: str, gender: str | None) -> str | None:
    """The nominative of a dictionary first name, surname or patronymic, else None."""
    ud = UD_CASE.get(case)
    best, best_score = None, -1.0
    for p in models.morph().parse(low):
        tag = p.tag
        if not p.is_known or not any(t in tag for t in _NAME_TAGS) or "plur" in tag:
            continue
        if gender in _NAME_GENDERS and tag.gender not in (gender, None) and "ms-f" not in tag:
            continue
        score = p.score + (2 if ud and ud in tag else 0)
        if score > best_score:
            best, best_score = p, score
    if best is None:
        return None
    if "nomn" in best.tag:
        return low
    grammemes = {"nomn", "sing"}
    if gender in _NAME_GENDERS and "Surn" in best.tag:
        grammemes.add(gender)
    inflected = best.inflect(grammemes) or best.inflect({"nomn"})
    return inflected.word if inflected is not None else None


def _person_gender(tokens: Sequence[Token], context: Sequence[Token] = ()) -> str | None:
    """A person's grammatical gender: from a dictionary first name if any, else from the
    past-tense verbs of the sentence when they agree ("заявила глава ... Гульшара
    Абдыкаликова"), else from the tagger (which guesses masculine for unknown names)."""
    for tok in tokens:
        case = UD_CASE.get(tok.feats.get("Case", ""))
        for p in models.morph().parse(tok.text.split("-", 1)[0].lower()):
            if p.is_known and "Name" in p.tag and p.tag.gender in ("masc", "femn") and p.score >= 0.3 \
                    and (case is None or case in p.tag or (case == "accs" and "gent" in p.tag)):
                return str(p.tag.gender)
    first = tokens[0].text.lower()
    first_case = tokens[0].feats.get("Case")
    if len(first) > 3 and _CYRILLIC.search(first) and (
            (first_case == "Acc" and first.endswith(("у", "ю")))
            or (first_case == "Ins" and first.endswith(("ой", "ей")))
            or (first_case != "Loc" and first.endswith("ии"))):
        return "femn"  # only feminine names end so in these cases ("Асию", "Асией", "Асии": "Дмитрия")
    if len(tokens) > 1:
        verbs = {t.feats.get("Gender") for t in context if t.pos in ("VERB", "AUX") and t.feats.get("Tense") == "Past"}
        verbs.discard(None)
        if verbs == {"Fem"}:
            return "femn"
    tagged = {tok.feats["Gender"] for tok in tokens if "Gender" in tok.feats}
    return {"Masc": "masc", "Fem": "femn"}.get(tagged.pop()) if len(tagged) == 1 else None


def _normal_phrase(tokens: Sequence[Token]) -> list[str]:
    """Inflect the head noun phrase (adjectives + first noun) to the nominative, keep the rest."""
    words = [tok.text for tok in tokens]
    head = next((i for i, tok in enumerate(tokens) if tok.pos in ("NOUN", "PROPN")), None)
    if head is None:
        return words
    head_tok = tokens[head]
    if head_tok.feats.get("Case") == "Nom" or head_tok.text.isupper():
        return words
    # Stop before quotes: «Хабар 24» stays as written.
    if any(tok.text in "«\"„“" for tok in tokens[:head]):
        return words
    head_word = _inflect(head_tok.text, head_tok, prefer_name=False)
    words[head] = head_word
    parse = models.morph().parse(head_word.lower())
    # the head now stands in the nominative, so its nominative reading tells the number
    # ("Курильские острова": "острова" reads first as a genitive singular)
    parse = [p for p in parse if "nomn" in p.tag] or parse
    agree: set[str] = set()
    if parse:
        tag = parse[0].tag
        if "plur" in tag:
            agree = {"plur"}
        elif tag.gender:
            agree = {tag.gender, "sing"}
    for i in range(head):
        if tokens[i].pos in ("ADJ", "DET", "NUM") or tokens[i].text.endswith(("ой", "ого", "ому", "ом", "ых")):
            words[i] = _inflect(tokens[i].text, tokens[i], prefer_name=False, grammemes=agree)
    return words


# --- keys and transliteration --------------------------------------------------------------

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng",
    "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}
_VOWELS = set("аеёиоуыэюяьъ")


def transliterate(text: str) -> str:
    """Russian to Latin in the BGN/PCGN style common in English news ("Токаев" -> "Tokayev")."""
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if low in _TRANSLIT:
            lat = _TRANSLIT[low]
            if low == "е" and (not prev or prev in _VOWELS or not prev.isalpha()):
                lat = "ye"
            if ch.isupper():
                lat = lat.upper() if (len(text) > 1 and text.isupper()) else lat[:1].upper() + lat[1:]
            out.append(lat)
        else:
            out.append(ch)
        prev = low
    return "".join(out)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A comparison key: case, ё, quotes, hyphens and spaces do not matter ("Хабар-24" = "Хабар 24")."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return re.sub(r"[\W_]+", "", text)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A script-independent sound key, to match "Боррель" with "Borrell" and "Токаев" with "Tokayev"."""
    s = transliterate(text.replace("ё", "е")).lower() if _CYRILLIC.search(text) else text.lower()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if c.isalpha() and c.isascii())
    for a, b in (("kh", "h"), ("zh", "j"), ("ph", "f"), ("w", "v"), ("ck", "k"), ("c", "k"),
                 ("q", "k"), ("x", "ks"), ("y", "i"), ("j", "i"), ("ie", "e")):
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


#: Where Russian transcriptions of one foreign name differ, in the order applied to the lowercased
#: word: Spanish "ll" as "ль" or "й" ("Кабельо"/"Кабейо"), English "w" as "у" or "в" before a
#: vowel ("Уэнтуорт"/"Вентворт", "Уильям"/"Вильям"), Japanese "chi" as "ти" or "чи"
#: ("Юитиро"/"Юичиро"), "э" or "е" ("Кэссиди"/"Кессиди"), a soft sign or none ("Вульф"/"Вулф"),
#: "ю" or "у" after a consonant ("Хьюз" as "хуз"), "ё" or "йо", Chinese and Korean "j" as "чж"
#: or "дж" ("Чже Ён"/"Джэён").
_TRANSCRIPTION_FOLDS = (
    (re.compile(r"чж"), "дж"),
    (re.compile(r"ль(?=[аеёиоуэюя])"), "й"),
    (re.compile(r"(?:(?<=^)|(?<=[аеёиоуыэюя]))у(?=[аэеио])"), "в"),
    (re.compile(r"(?<=[бвгдзклмнпрстфхцчшщ])у(?=[аэеио])"), "в"),
    (re.compile(r"ти"), "чи"),
    (re.compile(r"ё"), "йо"),
    (re.compile(r"э"), "е"),
    (re.compile(r"[ьъ]"), ""),
    (re.compile(r"(?<=[бвгдзклмнпрстфхцчшщ])ю"), "у"),
    (re.compile(r"(?<=[бвгдзклмнпрстфхцчшщ])я"), "а"),
)
_FINAL_DEVOICED = str.maketrans("бвгджз", "пфктшс")


@lru_cache(maxsize=65536)
def transcription_key(word: str) -> str:
    """A key under which two Russian transcriptions of one foreign name agree ("Уэнтуорт" =
    "Вентворт", "Хьюз" = "Хьюс", "Кэссиди" = "Кессиди", "Теннесси" = "Тенесси"): the variants above,
    doubled letters as one, a final voiced consonant as voiceless. Only for names no dictionary
    tells apart: Russian names differ in exactly these letters ("Юля"/"Юла")."""
    s = word.lower()
    s = "".join(c for c in s if c.isalpha())
    for pattern, repl in _TRANSCRIPTION_FOLDS:
        s = pattern.sub(repl, s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:-1] + s[-1].translate(_FINAL_DEVOICED) if s else s
