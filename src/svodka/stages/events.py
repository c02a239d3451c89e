"""Events: PLOVER-typed "who did what to whom, where, when", from trigger words and the parse.

A trigger (a verb or noun from ``data/event_triggers.tsv``) proposes an event type; the
dependency parse of that sentence alone (parsed on demand: most sentences need none) gives the
actor (subject), the recipient (object, "с X" for talks, "в X" for aid) and the place. Only
what the text asserts is kept: negated, hypothetical, planned or merely feared events are not
events (LAYERS.md). One record per real-world event within the document: a later mention of
the same type with the same participants is not a new event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from svodka import lexicon, models
from svodka.analysis import Analysis, Sentence, Token
from svodka.lexicon import person_roles
from svodka.record import Entity, Event, EventDate, Figure, Geo, Trigger
from svodka.stages.annotate import CYRILLIC_LANGS, parse_syntax

#: Heads or dependants that make a trigger not an assertion of fact.
_MODAL = frozenset({
    "мочь", "смочь", "планировать", "планироваться", "намереваться", "собираться", "хотеть", "готовый", "готов",
    "угрожать", "предусматривать", "предусмотреть", "опасаться", "предлагать", "предложить", "обещать",
    "пообещать", "рассчитывать", "надеяться", "возможный", "возможно", "вероятно", "якобы", "если",
    "бы", "должный", "следовать", "нужно", "необходимо", "призвать", "потребовать", "требовать",
    "требование", "призыв", "просьба", "добиваться", "намеренный", "намерение", "намерить",
    "согласиться", "договориться", "готовность", "призывать", "просить", "попросить", "настаивать", "поручить",
    "поручать", "вероятность", "возможность",
    # a recommendation asks for the act ("рекомендовал смягчить санкции"); a preparation plans it
    # ("готовится предъявить обвинение", "готовятся к штурму")
    "рекомендовать", "порекомендовать", "рекомендация", "готовиться",
})
_REQUEST_NOUNS = frozenset({"требование", "призыв", "просьба", "рекомендация"})
#: Modal words that make only what they govern planned, not the trigger that governs them.
_HEAD_ONLY_MODALS = frozenset({"рекомендовать", "порекомендовать"})
#: Heads of mere possibility ("вероятность отставки"); under the trigger they are its object ("отверг возможность").
_POSSIBILITY = frozenset({"вероятность", "возможность"})
#: Modifiers that make a noun trigger planned ("запланированный марш протеста", "предстоящий визит").
_PLANNED = frozenset({"запланировать", "запланированный", "планировать", "планируемый", "предстоящий",
                      "спланировать", "спланированный",
                      "будущий", "наметить", "намеченный", "предполагаемый"})
#: Heads of a PROTEST noun that make it a diplomatic protest, which PLOVER types ACCUSE
#: ("выразило решительный протест против визита").
_DIPLOMATIC_PROTEST = frozenset({"выразить", "заявить", "вручить", "направить", "нота"})
#: Verbs whose subject undergoes the event named by their object ("база подверглась обстрелу").
_UNDERGO = frozenset({"подвергнуться", "подвергаться"})
#: Governors under which an act did not happen: refused, abstained from, avoided ("советует
#: воздерживаться от посещений", "удалось избежать ареста").
_REFUSED = frozenset({"отказаться", "отказываться", "воздержаться", "воздерживаться", "избежать", "избегать",
                      "предотвратить", "предотвращать", "сорвать", "срывать",  # "предотвратили покушение"
                      "воспротивиться", "противиться"})  # "воспротивился проведению саммита"
#: Nouns for the people of an event: the event they name is presupposed, whatever the clause says of
#: them ("не собирается прощать участников протестов", "намерены наказать организаторов беспорядков").
_PARTICIPANT_NOUNS = frozenset({"участник", "зачинщик", "организатор", "исполнитель", "виновник", "инициатор"})
#: Verbs of telling whose refusal is no event ("отказался сообщить, какие вопросы", like "от комментариев").
_TELL = frozenset({"сообщить", "сообщать", "комментировать", "прокомментировать", "назвать", "называть",
                   "уточнить", "уточнять", "раскрыть", "раскрывать", "говорить", "сказать", "ответить",
                   "отвечать", "подтвердить", "подтверждать", "разглашать", "разгласить", "давать", "дать",
                   "обсуждать", "обсудить", "пояснить", "пояснять", "вдаваться"})
#: Datives after "угрожать" that make it "endanger", not a threat ("действия угрожают целостности Украины").
_ENDANGERED = frozenset({"целостность", "безопасность", "жизнь", "здоровье", "стабильность", "суверенитет",
                         "существование", "мир", "будущее", "экономика", "репутация", "независимость"})
#: Subjects of "угрожать" that make it "endanger" ("риск экстремизма, что угрожает Америке").
_ENDANGERING = frozenset({"что", "это", "риск", "опасность", "угроза", "ситуация", "кризис", "рост", "изменение",
                          "эпидемия", "вирус", "болезнь", "пожар", "наводнение", "засуха", "загрязнение"})
#: Genitives of "взрыв" that make it an accident, which is no ASSAULT ("взрыв газа", "взрыв боеприпасов").
_ACCIDENTAL_BLASTS = frozenset({"газ", "боеприпас", "баллон", "котел", "метан", "цистерна", "трансформатор"})
#: Words under "направить" that make sent forces help for another party, not a deployment (AID).
_AID_WORDS = frozenset({"помощь", "гуманитарный", "груз", "миротворец", "специалист", "спасатель", "просьба"})
#: Negated governors under which the act took place ("не помешало сжечь", "не забыла поблагодарить").
_NEGATED_HAPPENED = frozenset({"помешать", "забыть", "преминуть"})
#: Heads that make a planned action a decided one ("принял решение направить").
_DECIDED = frozenset({"решение", "решить", "постановить", "приказать", "распорядиться", "начать", "приступить"})
#: Verbs of judging that accuse when their complement is a verdict of the lexicon's ``needs`` ("назвал
#: это грубейшим нарушением", "расценил как провокацию", "считает такие действия преступлением").
_EVALUATIVE = frozenset({"назвать", "называть", "расценить", "расценивать", "квалифицировать",
                         "охарактеризовать", "характеризовать", "считать"})
#: Reporting verbs whose content clause may accuse or threaten ("заявил, что Киев нарушает
#: перемирие", "предупредил, что Москва ответит"); the lexicon's ``needs`` name the clause's predicates.
_REPORTING = frozenset({"заявить", "заявлять", "сообщить", "подчеркнуть", "подчеркивать", "пояснить", "отметить",
                        "утверждать", "указать", "говориться", "сказать", "добавить", "прокомментировать",
                        "сообщать", "говорить", "заверить", "заверять", "уверять"})
#: Predicates of a reported clause that deny on their own ("заявил, что невиновен", "что это неправда").
_DENIALS = frozenset({"невиновный", "непричастный", "неправда", "бред", "чушь", "ложь", "вымысел", "выдумка",
                      "клевета", "фейк", "абсурд", "необоснованный", "безосновательный", "беспочвенный",
                      "ахинея", "чепуха", "вздор", "дурь", "нонсенс", "вранье"})
#: Verdicts that deny only when said of a claim ("обвинения необоснованны"; "забастовка необоснованна" criticises).
_UNFOUNDED = frozenset({"необоснованный", "безосновательный", "беспочвенный"})
#: Quotation marks around a quote that a reporting verb introduces or follows.
_QUOTE_MARKS = frozenset("\"«»“”„")
#: Predicates of a reported clause that deny when negated: a wrongdoing or a hostile act ("что оружия
#: не применяли", "что не причастен", "что не имеет никакого отношения к", "что мы не нарушаем").
_DENIABLE = frozenset({"нарушать", "нарушить", "вмешиваться", "вмешаться", "причастный", "виновный", "виноватый",
                       "фальсифицировать", "сфальсифицировать", "провоцировать", "спровоцировать", "применять",
                       "применить", "нападать", "напасть", "обстреливать", "обстрелять", "стрелять", "атаковать",
                       "убивать", "убить", "избивать", "избить", "похищать", "похитить", "бомбить", "участвовать"})
#: Words that make a clause's act a wrongdoing ("осуществили незаконный перевод земель").
_ILLEGAL = frozenset({"незаконный", "незаконно", "преступный", "противозаконный", "противоправный"})
#: Clause verbs that carry a predicate word ("является провокацией", "виновником стал X").
_COPULAS = frozenset({"являться", "стать", "быть", "оказаться"})
#: Clause verbs of which "ответственность (за ...)" blames someone ("ответственность лежит на Киеве");
#: not "берет на себя ответственность", a claim of one's own.
_BLAME = frozenset({"нести", "лежать", "возлагать", "возложить", "ложиться", "лечь"})
#: Blame words that accuse only through the verb they hang under ("ответственность лежит на Киеве").
_DUTIES = frozenset({"ответственность", "вина", "вино"})
#: Verbs of a duty lying on someone: with "на" they blame even with no "за ..." ("вина лежит на Киеве").
_LIES_ON = frozenset({"лежать", "ложиться", "лечь", "возлагать", "возложить"})
#: Nouns of a charge that a reporting verb's "о" names as what was said ("заявил о причастности X к ...").
_CHARGE_NOUNS = frozenset({"причастность", "вмешательство", "нарушение", "фальсификация", "провокация", "агрессия",
                           "геноцид", "оккупация"})
#: Predicates of a direct quote that charge someone ("«Это преступление», - заявил он"); a quote's
#: verbs alone ("«Мы нарушаем...»") are too often the speaker's own account to count.
_QUOTED_CHARGES = frozenset({"преступление", "преступный", "агрессия", "агрессор", "агрессивный", "провокация",
                             "провокационный", "оккупация", "оккупант", "геноцид", "терроризм",
                             "террорист", "террористический", "нарушение", "виновный", "виноватый", "виновник",
                             "преступник", "убийца", "захватчик"})
#: Measures that answer someone ("ответные меры", "жесткие меры"), not "меры к оптимизации".
_RETALIATORY = frozenset({"ответный", "жесткий", "жёсткий", "адекватный", "решительный", "зеркальный"})
#: Heads through which a threatened response is reached ("будет вынуждена ответить").
_READY = frozenset({"вынужденный", "вынудить", "готовый", "намеренный", "мочь"})
#: Hostile acts whose absence a statement asserts ("Военного вмешательства ... не будет, заявил Лавров",
#: "никакого вторжения не было"): the charge nouns and a few more.
_HOSTILE_ACTS = frozenset({"вмешательство", "вторжение", "нападение", "обстрел", "агрессия", "провокация",
                           "нарушение", "фальсификация", "пытка", "избиение", "причастность"})
#: Hedges of a clause that make it a judgement, not a denial.
_HEDGES = frozenset({"вероятно", "возможно", "видимо", "скорее", "якобы", "наверное", "по-видимому"})
#: Objects of a verb of judging that are claims: a verdict on them is a denial ("назвал обвинения ложью").
_CLAIMS = frozenset({"обвинение", "сообщение", "заявление", "утверждение", "информация", "слух", "данные",
                     "публикация", "версия", "претензия", "подозрение", "домысел"})
#: Verdicts of falsity.
_FALSE = frozenset({"ложь", "лживый", "клевета", "клеветнический", "абсурд", "абсурдный", "фейк", "вранье",
                    "вымысел", "фальсификация", "безосновательный", "необоснованный", "голословный",
                    "сфабриковать", "беспочвенный", "вброс", "дезинформация", "выдумка", "бред", "чушь",
                    "неправда"})
#: Types whose actor, inside reported speech, is the speaker ("Как заявил МВД, ... ждёт уничтожение").
_SPEECH_ACTS = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "SUPPORT"})
_TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2}
#: Nouns after which a place in the genitive says where ("на окраине Шали", "в центре Багдада").
_PLACE_NOUNS = frozenset({"окраина", "район", "центр", "север", "юг", "запад", "восток", "пригород",
                          "окрестность", "город", "столица", "село", "деревня", "поселок", "посёлок",
                          "провинция", "область", "штат", "улица", "территория", "округ"})
#: Prepositions of a place near which something happened ("близ села", "под Луганском", "у здания").
_NEAR = frozenset({"близ", "около", "возле", "под", "у", "вблизи", "неподалеку", "недалеко"})
#: Trigger verbs whose subject suffers the event.
_SUBJECT_SUFFERS = frozenset({"подорваться", "пострадать"})
#: Governing words through which a trigger's subject is looked for.
_CLIMB = _DECIDED | _UNDERGO | frozenset({"решение", "приказ", "продолжить", "продолжать", "стать", "начинать"})
#: Light verbs whose noun object names the event ("выразило протест", "провели переговоры").
_LIGHT = frozenset({"выразить", "принять", "провести", "совершить", "устроить", "заключить", "вести", "объявить",
                    "ввести", "наложить", "предъявить", "организовать", "выйти", "нанести", "подать"})
#: Nouns of acts whose genitive names the target, not the agent ("штурм Законодательного совета",
#: "похищение журналиста", "задержание активистов"); "нападение боевиков" keeps its agent.
_PATIENT_NOUNS = frozenset({"штурм", "обстрел", "захват", "похищение", "убийство", "задержание", "арест",
                            "разгон", "обыск", "избиение", "расстрел", "бомбардировка", "подрыв", "поджог",
                            "освобождение", "высылка", "депортация"})
#: Verbs whose "в"-object names the subject's own act ("подал в отставку", "вступили в бой").
_INTO = frozenset({"подать", "подавать", "уйти", "уходить", "вступить", "вступать", "перейти", "отправить"})
#: Types of joint action: "X и Y" as subject are actor and recipient of one event.
_JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Nouns for a state's agents: with a nationality adjective they act for its country (LAYERS.md:
#: "израильские военные", "турецкие власти", "удар турецкой авиации"); bare, they stay unnamed.
_STATE_AGENTS = frozenset({
    "военный", "военнослужащий", "силовик", "власть", "армия", "авиация", "войско", "сила", "полиция",
    "полицейский", "спецслужба", "пограничник", "погранслужба", "дипломат", "правительство", "МИД", "ВВС",
    "ВМС", "ВМФ", "флот", "министерство", "ведомство", "посольство", "дипмиссия", "консульство", "генштаб",
    "спецназ", "спецназовец", "разведка", "прокуратура", "следователь", "таможня", "миротворец", "солдат",
    "офицер", "морпех", "десантник", "руководство", "администрация", "режим", "орган", "кабмин", "суд",
})
#: Nouns for members or units of such an agent, named by its genitive ("сотрудники турецкой полиции",
#: "силами сирийской армии").
_AGENT_MEMBERS = frozenset({"сотрудник", "представитель", "служащий", "чиновник", "подразделение",
                            "командование", "отряд", "боец", "сила"})
#: Types of a state's statements and decisions: a capital as their subject stands for its government
#: ("Москва категорически отрицает", "Пекин выразил протест"); an attack, arrest or protest "in"
#: or "by" a city is a physical act there, not the state's word.
_STATE_ACTS = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                         "ACCUSE", "REJECT", "THREATEN", "SANCTION", "MOBILIZE"})
#: Trigger nouns whose nationality adjective says where or whose people, not which state acted
#: ("иракский теракт", "египетские протесты"); PROTEST nouns are all of this kind.
_NON_STATE_NOUNS = frozenset({"теракт", "взрыв", "поджог", "стрельба", "убийство", "похищение", "резня"})


@dataclass(frozen=True, slots=True)
class _Entry:
    lemmas: tuple[str, ...]
    type: str
    mode: str
    needs: frozenset[str]
    finite: bool  # only as a finite verb, not as a participle ("осудил", not "осужденная")


@cache
def _lexicon() -> dict[str, list[_Entry]]:
    """First lemma -> entries, longest phrases first."""
    index: dict[str, list[_Entry]] = {}
    for line in lexicon.lines("event_triggers.tsv"):
        cols = [c.strip() for c in line.split("\t")] + ["", "", "", ""]
        lemmas = tuple(w if w.isupper() else w.lower().replace("ё", "е") for w in cols[0].split())
        # (abbreviations stay as written, as the lemmas of `_lemma` do: "ОМОН", "ПВО", "СВУ")
        needs = frozenset(w.strip() if w.strip().isupper() else w.strip().lower().replace("ё", "е")
                          for w in cols[3].split(";") if w.strip())
        index.setdefault(lemmas[0], []).append(_Entry(lemmas, cols[1], cols[2], needs, cols[4] == "finite"))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.lemmas))
    return index


@cache
def _nationalities() -> dict[str, str]:
    """Nationality adjective -> its country (ISO code, or a canonical name), from
    ``nationality_adjectives.tsv``."""
    return {row[0].replace("ё", "е"): row[1] for row in lexicon.rows("nationality_adjectives.tsv") if len(row) >= 2}


@cache
def _capitals() -> dict[int, str]:
    """GeoNames id of a capital -> its country, from ``capitals.tsv``."""
    return {int(row[0]): row[1] for row in lexicon.rows("capitals.tsv") if len(row) >= 2}


@cache
def _modes() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Event type -> (mode, cue lemmas) in file order (``event_modes.tsv``)."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for line in lexicon.lines("event_modes.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 3:
            continue
        for cue in cols[2].split(";"):
            if cue.strip():
                words = tuple(w if w.isupper() else w.lower().replace("ё", "е") for w in cue.split())
                out.setdefault(cols[0], []).append((cols[1], words))
    return out


def _own_mode(etype: str, lemmas: list[str], first: int, k: int, end: int) -> str | None:
    """The mode the trigger word itself names ("разгон" restrict, "арестовать" arrest), if any."""
    trigger = tuple(lemmas[k - first:end - first])
    for mode, words in _modes().get(etype, ()):
        if trigger[: len(words)] == words:
            return mode
    return None


def _nearest_mode(etype: str, lemmas: list[str], first: int, k: int) -> str | None:
    """The mode of the cue nearest the trigger (token ``k``) among a sentence's ``lemmas``
    ("взрыв ... бомба" -> explosives); rows listed first win ties; none without a cue."""
    cues = _modes().get(etype, [])
    best: tuple[int, int, str] | None = None
    for rank, (mode, words) in enumerate(cues):
        n = len(words)
        for i in range(len(lemmas) - n + 1):
            if tuple(lemmas[i:i + n]) == words:
                distance = abs(i + first - k)
                if best is None or (distance, rank) < best[:2]:
                    best = (distance, rank, mode)
    return best[2] if best else None


@lru_cache(maxsize=200_000)
def _lemma_of(word: str) -> str:
    parses = models.morph().parse(word.lower())
    if not parses:
        return word.lower().replace("ё", "е")
    # a short form read first as a participle-like adjective ("был избит": "избитый", hackneyed; "запрет
    # снят") is the short participle of a trigger verb when pymorphy also knows that reading ("избить");
    # not a plain adjective ("благодарен" is grateful, not thanked)
    if str(parses[0].tag.POS) == "ADJS" and parses[0].normal_form.endswith(("тый", "той", "нный", "нной")):
        verb = next((p.normal_form.replace("ё", "е") for p in parses[1:] if str(p.tag.POS) == "PRTS"), None)
        if verb is not None and verb in _lexicon():
            return verb
    return parses[0].normal_form.replace("ё", "е")


def _lemma(tok: Token) -> str:
    if tok.text.isupper() and len(tok.text) > 1:  # abbreviations match as written: "КТО" is not "кто"
        return tok.text
    if tok.lang not in CYRILLIC_LANGS:
        return tok.text.lower()
    return _lemma_of(tok.text)


def _children(a: Analysis, first: int, last: int) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for k in range(first, last):
        head = a.tokens[k].head
        if head >= 0:
            kids.setdefault(head, []).append(k)
    return kids


def _subtree(kids: dict[int, list[int]], root: int) -> list[int]:
    """The tokens under ``root``, itself included (the parser's heads may form a cycle: each token
    is visited once)."""
    seen, stack = {root}, [root]
    while stack:
        for c in kids.get(stack.pop(), []):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return sorted(seen)


class _Mentions:
    """Token index -> entity, for the entity mentions of one document."""

    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.by_token: dict[int, Entity] = {}
        for ent in a.entities:
            for m in ent.mentions:
                i, j = a.token_range(m.start, m.end)
                for k in range(i, j):
                    self.by_token[k] = ent

    def best(self, tokens: list[int]) -> Entity | None:
        """The entity a phrase stands for: a person before an organisation before a place."""
        found = [self.by_token[k] for k in tokens if k in self.by_token]
        if not found:
            return None
        people = {e.id for e in found if e.type == "PER"}
        if len(people) > 1:  # "координатора штаба Алексея Навального Олега Степанова": Степанов
            own = [e for e in found if e.type != "PER" or not self._possessor(e, tokens)]
            found = own if any(e.type == "PER" for e in own) else found
        best = min(found, key=lambda e: (_TYPE_ORDER.get(e.type, 3), tokens.index(
            next(k for k in tokens if self.by_token.get(k) is e))))
        return self._parent(best, tokens) if best.type == "ORG" else best

    def country(self, country: str) -> Entity | None:
        """The document's entity of a country, by ISO code or canonical name ("СССР")."""
        for ent in self.a.entities:
            if ent.type == "LOC" and ((ent.geo is not None and ent.geo.precision == "country"
                                       and ent.geo.country == country) or ent.name == country):
                return ent
        return None

    def countries(self, countries: list[str]) -> list[str]:
        """The ids of the document's entities of ``countries``, in order, skipping the ones it
        never names (an actor must be an entity, and an adjective is no mention of one)."""
        ids: list[str] = []
        for country in countries:
            ent = self.country(country)
            if ent is not None and ent.id not in ids:
                ids.append(ent.id)
        return ids

    def government(self, ent: Entity) -> Entity:
        """The country a capital stands for ("Москва отрицает": Russia), when the places layer put
        ``ent`` at a capital and the document names its country; else ``ent`` itself (what the
        text says)."""
        geo = ent.geo
        if ent.type != "LOC" or geo is None or geo.precision != "city" or geo.geonames_id is None:
            return ent
        country = _capitals().get(geo.geonames_id)
        if country is None or country != geo.country:
            return ent
        return self.country(country) or ent

    def _possessor(self, ent: Entity, tokens: list[int]) -> bool:
        """Whether the entity's first mention in the phrase hangs from a genitive modifier
        ("штаба Алексея Навального"), i.e. names whose thing the phrase is, not who it is."""
        inside = set(tokens)
        k = next(j for j in tokens if self.by_token.get(j) is ent)
        for _ in range(8):
            tok = self.a.tokens[k]
            if tok.head < 0 or tok.head not in inside:
                return False
            if tok.rel == "nmod" and tok.feats.get("Case") == "Gen" and self.by_token.get(k) is not ent:
                return True
            k = tok.head
        return False

    def _parent(self, body: Entity, tokens: list[int]) -> Entity:
        """The organisation a body belongs to when the text names it right after, in the genitive
        ("Совет коллективной безопасности Организации Договора ... (ОДКБ)": the ОДКБ acts)."""
        last = max(k for k in tokens if self.by_token.get(k) is body)
        nxt = self.by_token.get(last + 1)
        if nxt is not None and nxt is not body and nxt.type == "ORG" \
                and self.a.tokens[last + 1].sent == self.a.tokens[last].sent \
                and self.a.tokens[last + 1].feats.get("Case") == "Gen":
            return nxt
        return body


def _national_agent(a: Analysis, root: int, kids: dict[int, list[int]], mentions: _Mentions) -> list[str]:
    """The countries whose agents the phrase of ``root`` names ("турецкие военные", "российские и
    турецкие дипломаты", "сотрудники израильской полиции"), as the document's entities of those
    countries. A country the document never names is no entity: then nothing (an actor must be an
    entity, and an adjective is no mention of one)."""
    lemma = _lemma(a.tokens[root])
    if lemma not in _STATE_AGENTS and lemma not in _AGENT_MEMBERS:
        return []
    nouns = [root] if lemma in _STATE_AGENTS else []
    nouns += [c for c in kids.get(root, []) if a.tokens[c].rel == "nmod" and a.tokens[c].feats.get("Case") == "Gen"
              and _lemma(a.tokens[c]) in _STATE_AGENTS]
    countries: list[str] = []
    for noun in nouns:
        countries += [c for c in _adjective_countries(a, noun) if c not in countries]
    return mentions.countries(countries)


def _adjective_countries(a: Analysis, noun: int) -> list[str]:
    """Countries of the nationality adjectives right before ``noun`` that agree with it ("российские
    и турецкие военные", "сирийские правительственные войска"); read from the words, not the parse,
    which often hangs such an adjective on the wrong noun."""
    sent = a.tokens[noun].sent
    found: list[str] = []
    j = noun - 1
    while j >= 0 and a.tokens[j].sent == sent:
        tok = a.tokens[j]
        if tok.pos == "ADJ" and all(tok.feats.get(f) == a.tokens[noun].feats.get(f) for f in ("Case", "Number")
                                    if tok.feats.get(f) and a.tokens[noun].feats.get(f)):
            country = _nationalities().get(_lemma(tok))
            if country is not None:
                found.insert(0, country)
        elif not (tok.text in (",", "и") and found):
            break
        j -= 1
    return found


def _match(a: Analysis, lemmas: list[str], k: int, first: int, last: int) -> tuple[_Entry, int] | None:
    """The longest trigger entry starting at token k; returns it and the index after it. A phrase
    may have up to two modifiers between its words ("предъявлены десятки обвинений", "провела ряд
    задержаний", "выразил свою симпатию", "принес пассажирам извинения")."""
    for entry in _lexicon().get(lemmas[k - first], []):
        end = k + 1 if len(entry.lemmas) == 1 else _gapped(a, lemmas, k, first, last, entry.lemmas)
        if end is not None:  # (a phrase with no modifier inside is the gapped match of no gap)
            return entry, end
    return None


@cache
def _inverted_index() -> dict[str, list[_Entry]]:
    """Second lemma -> phrase entries that begin with a verb ("предъявить обвинение"), which news also
    tells noun first ("обвинение предъявлено", "санкции были введены"); not AID: "помощь была оказана"
    is nearly always care given to the hurt."""
    index: dict[str, list[_Entry]] = {}
    for entries in _lexicon().values():
        for entry in entries:
            if len(entry.lemmas) > 1 and entry.type != "AID" and not entry.lemmas[0].isupper() and any(
                    p.tag.POS == "INFN" for p in models.morph().parse(entry.lemmas[0])[:1]):
                index.setdefault(entry.lemmas[1], []).append(entry)
    return index


#: Parts of speech that may stand between a phrase's noun told first and its verb: the noun's own
#: dependants and the clause's subject ("Против принятия закона выступили", "Дело в отношении Удальцова
#: было возбуждено", "Извинения парламентарий принесла"); a comma, a conjunction, another verb or a
#: negation ends the clause's reach.
_INVERTED_GAP = frozenset({"ADP", "NOUN", "PROPN", "ADJ", "DET", "PRON", "NUM", "AUX", "ADV"})


def _inverted(a: Analysis, lemmas: list[str], k: int, first: int, last: int) -> tuple[_Entry, int] | None:
    """A verb-first phrase told noun first from token k: its other words, then at most two auxiliaries
    or adverbs ("было", "уже"), or up to five words of the noun's dependants and the subject, then the
    verb. Returns the entry and the verb's index. Not a noun inside another phrase's preposition ("УЕФА
    в сотрудничестве с FARE начнет расследование")."""
    for entry in _inverted_index().get(lemmas[k - first], []):
        rest = entry.lemmas[1:]
        j = k + len(rest)
        if j >= last or tuple(lemmas[k - first:j - first]) != rest:
            continue
        start = j
        while j < last and j - start < 5 and lemmas[j - first] != entry.lemmas[0] \
                and a.tokens[j].pos in _INVERTED_GAP and lemmas[j - first] != "не":
            j += 1
        if j >= last or lemmas[j - first] != entry.lemmas[0] or a.tokens[j].pos != "VERB":
            continue
        short = j - start <= 2 and all(a.tokens[g].pos in ("AUX", "ADV") for g in range(start, j))
        if short or not (k > first and a.tokens[k - 1].pos == "ADP" and a.tokens[k].pos != "ADP"):
            return entry, j
    return None


#: Quantity and stage words that may stand inside a phrase trigger ("ряд задержаний", "десятки обвинений",
#: "первый раунд переговоров"; the tagger's lemma of "десятки" is "десятка").
_GAP_WORDS = frozenset({"ряд", "десяток", "десятка", "сотня", "несколько", "множество", "серия", "весь",
                        "раунд", "тур", "волна", "череда"})
#: Modifiers that turn aid into something else: care given to the hurt is no AID ("оказали
#: медицинскую помощь", "первую помощь").
_GAP_BLOCKERS = frozenset({"медицинский", "медико-санитарный", "доврачебный", "квалифицированный", "первичный",
                           "первый", "психологический", "неотложный", "экстренный", "юридический", "правовой",
                           "необходимый"})


def _gapped(a: Analysis, lemmas: list[str], k: int, first: int, last: int, words: tuple[str, ...]) -> int | None:
    """The index after ``words`` matched from token k with at most two gaps between them; a gap is a
    modifier token (an adjective, determiner, number, quantity word, a dative addressee) or one of the
    units of `_gap_unit` ("взявших в воскресенье в заложники"); None if they do not match."""
    return _fit(a, lemmas, k + 1, first, last, words, 1, 0)


def _fit(a: Analysis, lemmas: list[str], j: int, first: int, last: int, words: tuple[str, ...], i: int,
         gaps: int) -> int | None:
    """Words ``i``.. matched from token j; a phrase word is tried before a gap, and a gap again when the
    rest fails ("в" of "в воскресенье" is not the "в" of "в заложники")."""
    if i == len(words):
        return j
    if j >= last:
        return None
    if lemmas[j - first] == words[i]:
        end = _fit(a, lemmas, j + 1, first, last, words, i + 1, gaps)
        if end is not None:
            return end
    if gaps == 2 or ("помощь" in words and lemmas[j - first] in _GAP_BLOCKERS):  # ("первую помощь")
        return None
    tok = a.tokens[j]
    if tok.pos in ("ADJ", "DET", "NUM") or lemmas[j - first] in _GAP_WORDS or (
            tok.pos in ("NOUN", "PRON") and tok.feats.get("Case") == "Dat"):
        return _fit(a, lemmas, j + 1, first, last, words, i, gaps + 1)
    after = _gap_unit(a, j, last)
    return None if after is None else _fit(a, lemmas, after, first, last, words, i, gaps + 1)


def _gap_unit(a: Analysis, j: int, last: int) -> int | None:
    """The index after a unit at token j that may stand inside a phrase without changing what it tells:
    an adverb ("выступает категорически против"), a time expression ("вышли во вторник вечером на
    улицы"), a name ("заключить Жирова под стражу"), or a preposition with a name or pronoun ("выдвинул
    против Данилова обвинение"). None for anything else (a noun of its own starts another phrase)."""
    tok = a.tokens[j]
    if tok.pos == "ADV":
        return j + 1
    span = _span_at(a, tok.start)
    if span is None and tok.pos == "ADP" and j + 1 < last:
        nxt = a.tokens[j + 1]
        if nxt.pos == "PRON":
            return j + 2
        span = _span_at(a, nxt.start)
    if span is None:
        return None
    while j < last and a.tokens[j].start < span:
        j += 1
    return j


def _span_at(a: Analysis, start: int) -> int | None:
    """The end of the time expression or entity mention that covers character ``start``, if any."""
    for t in a.timexes:
        if t.start <= start < t.end:
            return t.end
    for ent in a.entities:
        for m in ent.mentions:
            if m.start <= start < m.end:
                return m.end
    return None


def _may_need(entry: _Entry, lemmas: list[str]) -> bool:
    """False when every entry of these words needs a word the sentence lacks: no syntax is parsed
    for it ("заявил" is in most sentences, an accusing "заявил, что ... нарушает" in few)."""
    present = set(lemmas)
    return any(not e.needs or e.needs & present for e in _lexicon()[entry.lemmas[0]] if e.lemmas == entry.lemmas)


def _asserted(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
              negative: bool = False, statement: bool = False) -> bool:
    """False for negated, hypothetical, planned or future-only triggers (``negative``: the
    trigger itself contains the negation, as "не признать"; ``statement``: the trigger is a reporting
    verb that a clause before it makes a denial or threat, and that clause's negation is the content's
    own: "Военного вмешательства ... не будет, заявил Лавров" is said)."""
    tok = a.tokens[k]
    if not negative and k > first and lemmas[k - 1 - first] in ("не", "ни"):
        return False
    if any(lemmas[c - first] in ("не", "бы", "чтобы") or (
            _future_aux(a.tokens[c].text)) for c in kids.get(k, [])):
        return False  # negated, hypothetical, or a purpose ("летит в Вашингтон, чтобы встретиться")
    v = _negated_verb(a, lemmas, first, k) if negative else k
    verb = a.tokens[v]
    if verb.feats.get("Tense") == "Fut" or verb.feats.get("Mood") in ("Cnd", "Imp") or _imperative(verb.text):
        return False  # future, conditional, or a command ("отведите войска", said in a call; "поддержите полицию",
        # which the tagger reads as imperative where the first dictionary reading is a future)
    if tok.pos == "NOUN" and any(lemmas[c - first] in _PLANNED for c in kids.get(k, [])):
        return False
    if tok.pos == "NOUN" and _case_marker(a, kids, k) == "без":
        return False  # "обошлось без арестов", "без применения силы"
    if tok.pos == "NOUN" and any(lemmas[c - first] == "никакой" for c in kids.get(k, [])):
        return False  # "никаких возражений", "Никакого вторжения ... не было": none took place
    if tok.pos == "NOUN" and _called_for(a, lemmas, first, k):
        return False  # what a call asks for ("призывают к расправе над ...") has not taken place
    managed = tok.head >= 0 and lemmas[tok.head - first] in _MANAGED
    if tok.feats.get("VerbForm") == "Inf" and not managed and (tok.rel == "csubj" or (
            (tok.head < 0 or a.tokens[tok.head].pos not in ("VERB", "AUX"))
            and (tok.head < 0 or lemmas[tok.head - first] not in _DECIDED | _CLIMB))):
        return False  # no verb governs it: it names an act, not one that took place ("Ввести санкции — не путь")
    # the walk starts above the verb a leading negation belongs to ("не согласилась" is no modal "согласиться")
    head, depth, node = verb.head, 0, v
    if tok.rel == "parataxis" and lemmas[k - first] in _REPORTING and first <= head < k and (
            _quoted(a, first, head, k) or statement):
        head = -1  # "«... не соответствуют действительности», - отметил он": the quote's "не" is the quote's own
        # (and the told clause's: "Военного вмешательства ... не будет, заявил Лавров")
    described = False  # the walk passed a participle or relative clause that describes someone
    while head >= 0 and depth < 3:
        if depth == 0 and tok.rel == "acl:relcl" and tok.feats.get("Mood") == "Ind" \
                and a.tokens[head].pos not in ("PRON", "DET"):
            # "готова к санкциям, которыми грозит России": the relative clause tells its own fact
            # ("помиловать тех, кто ранил": whoever did, no one act)
            break
        lemma = lemmas[head - first]
        if lemma in _DECIDED:
            # "призвали стороны начать переговоры": what a call or a modal asks to begin has not begun
            above = a.tokens[head].head
            return not (above >= first and lemmas[above - first] in _MODAL
                        and a.tokens[head].feats.get("VerbForm") == "Inf")
        if lemma in _CONTENT_HEADS and a.tokens[node].pos == "NOUN" and a.tokens[node].rel.startswith("nmod") \
                and _case_marker(a, kids, node) in (("на",) if lemma == "заявка" else ("", "о", "об", "обо")) \
                and (node == k or _case_marker(a, kids, k) in ("", "о", "об", "обо")) \
                and lemmas[k - first] not in _AGREEMENTS:  # (not "условия соглашения, подписанного ...", nor
            # "на переговорах" read as hanging from "к соглашению о проведении")
            return False  # "Договоренность об отводе войск", "условия прекращения огня": agreed or asked, not done
        if lemma in _NEGATED_HAPPENED and any(lemmas[c - first] == "не" for c in kids.get(head, [])):
            return True  # "это не помешало зачинщикам сжечь клуб", "не забыла поблагодарить": it happened
        if lemma == "цель" or (a.tokens[node].pos == "NOUN" and _case_marker(a, kids, node) == "для"
                               and not described and not (lemma in _EMPLOYED
                                                          and a.tokens[head].feats.get("Tense") == "Past")):
            # a purpose: "с целью их задержания", "для розыска и задержания", "для проведения терактов";
            # not "для христианки, которой грозят", "для противодействия исламистам, протестующим ...";
            # means used for it tell that it took place ("применила газ для разгона", "для разгона были привлечены")
            return False
        if depth == 0 and tok.pos == "NOUN" and (lemma in _PARTICIPANT_NOUNS
                                                 or _case_marker(a, kids, k) in ("из-за", "вследствие")):
            return True  # "участников протестов", "из-за ударов по сектору Газа": they took place
        if lemma in _MODAL or (lemma in ("не", "нет") and depth == 0) or (  # "Задержаний пока нет"
                _future_aux(a.tokens[head].text)):
            return False
        if any(lemmas[c - first] in ("не", "бы") for c in kids.get(head, []) if c < k):
            return False
        if lemma not in _PRESUPPOSING and any(lemmas[c - first] == "чтобы" for c in kids.get(head, []) if c < k):
            return False  # a purpose ("чтобы оправдать переброску войск"), unless it presupposes the act
        if lemma in _PLANNED or (depth == 0 and tok.pos == "NOUN" and lemma in _THREAT_WORDS):
            return False  # "запланировали переброску войск", "угрозы расправы над арбитром"
        if any(_future_aux(a.tokens[c].text) for c in kids.get(head, [])):
            return False  # "акция протеста будет проходить"
        if lemma in _REFUSED:
            return False  # "отказался подписывать соглашение"
        if depth == 0 and a.tokens[head].feats.get("Tense") == "Fut" and not _aside(a, lemma, head):
            return False  # "саммит пройдёт в мае", "начнёт штурмовать"
        if depth == 0 and a.tokens[head].pos == "NOUN" and any(
                lemmas[c - first] in _PLANNED for c in kids.get(head, [])):
            return False  # "запланированный марш протеста"
        described = described or a.tokens[node].rel in ("acl", "acl:relcl")
        node, head, depth = head, a.tokens[head].head, depth + 1
    # (a request noun under the trigger is its content: "обратился с просьбой"; a clause of its own
    # under it tells another act: "обвинила Асада ..., настаивая на отставке", "обвинил ... и призвал")
    # (what a request asks is its content, not its modality: "попросил порекомендовать", "рекомендуют готовиться";
    # a preparation under a noun plans it: "о готовящемся теракте")
    return not any(lemmas[c - first] in _MODAL - _REQUEST_NOUNS - _POSSIBILITY - _HEAD_ONLY_MODALS
                   and a.tokens[c].rel not in _OWN_CLAUSES
                   and not (lemmas[c - first] == "готовиться" and a.tokens[c].rel not in ("amod", "acl"))
                   and not _evidential(a, lemmas, first, c, kids) for c in kids.get(k, []))


def _evidential(a: Analysis, lemmas: list[str], first: int, c: int, kids: dict[int, list[int]]) -> bool:
    """A source aside ("Как следует из письма, Дэвис обвинил ..."): says where the fact comes from, no modality."""
    return a.tokens[c].rel == "parataxis" and any(lemmas[g - first] == "как" for g in kids.get(c, []))


#: Dependency relations of a clause that tells its own act, not a modality of its head's.
_OWN_CLAUSES = frozenset({"conj", "advcl", "acl", "acl:relcl"})


#: Verbs of success under which an infinitive took place ("договориться ... удалось еще в марте",
#: "удалось задержать", "успели сжечь"); negated or future, the walk over them still says no.
_MANAGED = frozenset({"удаться", "удаваться", "суметь", "успеть", "получиться"})
#: Verbs of means put to use, whose past "для X" purpose took place ("применила газ для разгона демонстрантов",
#: "для разгона были привлечены полицейские"); present or future, it is a use that may not come ("применяется для").
_EMPLOYED = frozenset({"применить", "применять", "использовать", "привлечь", "привлекать", "задействовать"})
#: Verbs of a purpose clause whose object took place ("чтобы прекратить протесты", "судить за убийства").
_PRESUPPOSING = frozenset({"прекратить", "прекращать", "остановить", "пресечь", "подавить", "судить", "наказать",
                           "расследовать", "осудить", "отомстить", "ответить", "разогнать"})
#: Nouns and verbs of threat or danger, whose complement did not happen ("угроза теракта").
_THREAT_WORDS = frozenset({"угроза", "угрожать", "грозить", "пригрозить", "опасность", "риск"})
_CALLS = frozenset({"призвать", "призывать", "призыв", "призывающий", "призвавший"})


def _called_for(a: Analysis, lemmas: list[str], first: int, k: int) -> bool:
    """A noun told as the object of a call, read from the surface because the parse often hangs
    "к X" on another verb: "призвали к (немедленному) прекращению огня", "призывают к расправе"."""
    j = k - 1
    while j > first and a.tokens[j].pos in ("ADJ", "DET") and k - j <= 2:
        j -= 1
    return j > first and lemmas[j - first] == "к" and lemmas[j - 1 - first] in _CALLS


def _in_course_of(a: Analysis, k: int, kids: dict[int, list[int]], triggers: set[int]) -> bool:
    """An attack verb told in the course of an attack noun ("в ходе перестрелки убиты", "в результате
    обстрела ранены", "при штурме убиты"): part of that act, as the guide counts the killings of a
    firefight. (Arrests during a dispersal or a rally stay acts of their own.)"""
    for c in kids.get(k, []):
        if c not in triggers or a.tokens[c].rel != "obl":
            continue
        marks = [g for g in kids.get(c, []) if a.tokens[g].rel == "case"]
        words = {a.tokens[g].text.lower() for g in marks} | {
            a.tokens[f].text.lower() for g in marks for f in kids.get(g, []) if a.tokens[f].rel == "fixed"}
        if words & {"ходе", "результате", "время", "при"}:
            return True
    return False


#: Verbs of the writer's asides, whose first person plural is a present act of writing, not a future
#: ("Напомним, что ... Линшиц объявлен в розыск", "Отметим, что ... задержаны").
_ASIDES = frozenset({"напомнить", "отметить", "заметить", "добавить", "подчеркнуть", "уточнить", "указать",
                     "оговориться", "пояснить"})


def _aside(a: Analysis, lemma: str, i: int) -> bool:
    """Token ``i`` (of ``lemma``) is the writer's aside ("Напомним", "Отметим"), tagged future by its form."""
    feats = a.tokens[i].feats
    return lemma in _ASIDES and feats.get("Person") == "1" and feats.get("Number") == "Plur"


def _negated_verb(a: Analysis, lemmas: list[str], first: int, k: int) -> int:
    """The verb a trigger's leading "не" belongs to ("не согласилась"), else the trigger ``k`` itself."""
    return k + 1 if lemmas[k - first] == "не" and a.tokens[k].head == k + 1 else k


def _word_pos(word: str) -> str | None:
    """The part of speech of a word by its form, also when the parser erred: a participle taken for a
    noun ("обвиняемого" PRTF), a short participle ("обвинен" PRTS), a gerund ("обвинив" GRND)."""
    parses = models.morph().parse(word.lower())
    return parses[0].tag.POS if parses else None


def _imperative(word: str) -> bool:
    """A command ("отведите", "Захвати"), also when the parser mistakes it for another part of speech."""
    parses = models.morph().parse(word.lower())
    return bool(parses) and parses[0].tag.mood == "impr"


def _future_aux(word: str) -> bool:
    """A future form of "быть" ("будет проходить")."""
    return word.lower() in ("буду", "будешь", "будет", "будем", "будете", "будут")


def _needs_met(entry: _Entry, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
               a: Analysis | None = None) -> bool:
    if not entry.needs:
        return True
    if a is not None and entry.type == "CONCEDE" and lemmas[k - first] in _RELEASES \
            and _released_detainee(a, lemmas, first, k, kids):
        return True
    if a is not None and lemmas[k - first] in _REPORTING and entry.type in ("ACCUSE", "THREATEN", "REJECT"):
        return _told_clause(a, lemmas, first, k, kids, entry) is not None
    if a is not None and lemmas[k - first] in _EVALUATIVE:
        # a verdict is the verb's own complement ("назвал это нарушением"), not a word of a clause it
        # introduces ("считает, что ... нарушение" is told by the clause, if at all)
        return any(lemmas[c - first] in entry.needs for c in _judged(a, kids, k))
    if a is not None and _describes_need(a, lemmas, first, k, entry):
        return True  # "санкций, введенных против нее США и ЕС": the participle describes what it needs
    # (the words under the verb of "не согласиться с"; "машины скорой помощи" are ambulances, not aid)
    root = _negated_verb(a, lemmas, first, k) if a is not None else k
    under = [c for c in _subtree(kids, root) if c != root] + (_shared_needs(a, first, root, kids, entry) if a else [])
    return any(lemmas[c - first] in entry.needs and not (lemmas[c - first] == "помощь" and c > first
                                                         and lemmas[c - 1 - first] == "скорый")
               for c in under)


#: Relations by which a verb's first conjunct holds what the second verb also acts on
#: ("задержали активистов, но потом отпустили").
_SHARED_ARGS = frozenset({"obj", "nsubj:pass", "iobj"})


def _shared_needs(a: Analysis, first: int, root: int, kids: dict[int, list[int]], entry: _Entry) -> list[int]:
    """Tokens outside the trigger's subtree that still tell what it acts on: the antecedent of its
    relative clause ("санкции, которые были введены": the clause's "которые" names no noun), and a
    told verb's coordinated verb with its own objects ("его задержали силовики, но потом отпустили").
    Not when that verb is a trigger of the same type, which tells the same act ("подписано и
    ратифицировано соглашение"), nor for infinitives, which list demands or duties ("оказывать помощь,
    предоставлять адвоката")."""
    tok = a.tokens[root]
    if tok.head < first or tok.head == root:
        return []
    if tok.rel == "acl:relcl":
        return [tok.head]
    head = a.tokens[tok.head]
    told = tok.feats.get("VerbForm") == "Fin" or tok.feats.get("Variant") == "Short"
    if tok.rel == "conj" and told and head.pos == "VERB" and not any(
            e.type == entry.type for e in _lexicon().get(_lemma(head), [])):
        return [tok.head] + [c for c in kids.get(tok.head, []) if a.tokens[c].rel in _SHARED_ARGS]
    return []


def _describes_need(a: Analysis, lemmas: list[str], first: int, k: int, entry: _Entry) -> bool:
    """Whether trigger ``k`` is a participle describing the very noun its entry needs ("санкций,
    введенных США", "соглашения, подписанного в 1994 году"): it tells that act, not who undergoes one."""
    tok = a.tokens[k]
    return entry.type in _DESCRIBED_NEEDS and tok.feats.get("VerbForm") == "Part" and tok.rel in ("acl", "amod") \
        and tok.head >= first and lemmas[tok.head - first] in entry.needs


#: Types whose participle tells the act of the noun it describes (not "средства, выделенные на проект":
#: a budget, nor "заблокированного сайта": a kind of site).
_DESCRIBED_NEEDS = frozenset({"SANCTION", "AGREE"})
#: Objects of "применять" that are force ("что оружия не применяли").
_FORCE = frozenset({"оружие", "сила", "насилие", "газ", "дубинка", "пытка", "спецсредство", "химоружие", "удар"})
#: Verbs of letting someone go, a release (CONCEDE) when the document has told an arrest before.
_RELEASES = frozenset({"отпустить", "освободить"})


def _released_detainee(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A person let go after an arrest the document told before ("задержан ... Спустя несколько часов
    его отпустили", "После допроса она была отпущена"): the verb's object or passive subject is a person
    or a personal pronoun; not "освободить от должности", "отпустить на каникулы"."""
    if not any(ev.type == "COERCE" and ev.mode == "arrest" for ev in a.events):
        return False
    if any(_case_marker(a, kids, c) in ("от", "на") for c in kids.get(k, [])
           if a.tokens[c].rel.startswith("obl")):
        return False
    return any(a.tokens[c].rel in ("obj", "nsubj:pass") and (
        lemmas[c - first] in ("он", "она", "они") or a.tokens[c].feats.get("Animacy") == "Anim")
        for c in kids.get(k, []))


def _told_clause(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
                 entry: _Entry) -> int | None:
    """The head of a reporting verb's content clause that accuses (ACCUSE: "заявил, что Киев нарушает
    перемирие", "что ответственность лежит на Киеве") or threatens (THREATEN: "что Москва ответит",
    "примет меры", "не оставит без ответа"), or None. Only the clause's predicate counts, not a word
    somewhere in it ("что выборы прошли без нарушений"); a negated, asked, conditional or first-person
    wrongdoing ("что мы не нарушаем", "нарушает ли") accuses no one."""
    def negated(i: int) -> bool:
        return any(lemmas[c - first] in ("не", "ни", "ли", "бы", "нет") for c in kids.get(i, []))

    def subject(i: int) -> str:
        return next((lemmas[c - first] for c in kids.get(i, []) if a.tokens[c].rel in ("nsubj", "nsubj:pass")), "")

    def arguments(i: int) -> dict[str, int]:
        """The lemmas of predicate ``i``'s object, adjunct, subject and complement words, to their tokens."""
        return {lemmas[g - first]: g for g in kids.get(i, [])
                if a.tokens[g].rel.split(":")[0] in ("obj", "obl", "nsubj", "xcomp")}

    def quotes() -> list[int]:
        """The predicates of direct quotes tied to the verb by parataxis ("заявил: «...»", "«...», -
        заявил он"); the quote after a colon wherever the parser hung it ("прокомментировал обвинения
        ... Ирану: «ахинея»" has the quote under "Ирану")."""
        tok = a.tokens[k]
        linked = [c for c in _subtree(kids, k) if a.tokens[c].rel == "parataxis" and c > k and (
            c in kids.get(k, []) or ":" in a.text[a.tokens[k].end:a.tokens[c].start])]
        if tok.rel == "parataxis" and first <= tok.head < k:
            linked.append(tok.head)
        return [c for c in linked if _quoted(a, first, c, k)]

    def inverted() -> list[int]:
        """The predicate of an indirect statement told before its reporting verb, with no quote marks
        ("Военного вмешательства ... не будет, заявил глава МИД", "упреки ... не имеют к нему никакого
        отношения, также заверил Песков"): the verb hangs on it by parataxis right after a comma or dash
        and introduces no clause of its own."""
        tok = a.tokens[k]
        if tok.rel == "parataxis" and first <= tok.head < k:
            head = tok.head
        elif not first <= tok.head < first + len(lemmas):  # the parser made the verb a second root
            head = next((c for c in range(first, k) if not first <= a.tokens[c].head < first + len(lemmas)
                         and a.tokens[c].pos in ("VERB", "AUX", "ADJ", "NOUN")), -1)
        else:
            return []
        if head < 0 or any(a.tokens[c].rel == "ccomp" for c in kids.get(k, [])) or any(
                lemmas[c - first] in _HEDGES for c in _subtree(kids, head) if a.tokens[c].head == head):
            return []  # (a hedged clause is a judgement: "скорее всего, не причастна к организации взрыва")
        j = k - 1
        while j > head and a.tokens[j].head == k and a.tokens[j].pos in ("ADV", "PART", "CCONJ"):
            j -= 1  # "..., также заверил"
        return [head] if a.tokens[j].text in (",", "-", "–", "—") and not _quoted(a, first, head, k) else []

    def absent(c: int) -> bool:
        """A hostile act said not to have happened or not to come: "что вмешательства извне ... не было",
        "Военного вмешательства ... не будет" (a forecast of other things is none: "изменений не будет")."""
        return lemmas[c - first] == "быть" and any(lemmas[g - first] in ("не", "ни") for g in kids.get(c, [])) \
            and not any(lemmas[g - first] in ("ли", "бы", "если") for g in kids.get(c, [])) \
            and any(a.tokens[g].rel.startswith("nsubj") and lemmas[g - first] in _HOSTILE_ACTS for g in kids.get(c, []))

    def threatens(c: int) -> bool:
        """The clause or quote of predicate ``c`` threatens: a response to come ("что Москва ответит",
        "будет вынуждена ответить", "примет ответные меры", "не оставит без ответа", "«Они заплатят
        цену», - заявил"); not an answer to a question ("он ответит, почему ракеты не взорвались")."""
        lemma, feats = lemmas[c - first], a.tokens[c].feats
        if lemma in _READY:  # "будет вынуждена ответить", "готов принять меры"; not "была вынуждена"
            coming = feats.get("Tense") != "Past" or any(_future_aux(a.tokens[g].text) for g in kids.get(c, []))
            c = next((g for g in kids.get(c, []) if a.tokens[g].rel == "xcomp"), c)
            lemma, feats = lemmas[c - first], a.tokens[c].feats
        else:
            coming = feats.get("Tense") == "Fut" or any(_future_aux(a.tokens[g].text) for g in kids.get(c, []))
        under = arguments(c)
        if lemma in ("оставить", "оставлять") and negated(c) and "ответ" in under:
            return True  # "не оставит это без ответа"
        if not coming or negated(c):
            return False
        if lemma in ("ответить", "отвечать") and (any(
                a.tokens[g].rel == "ccomp" or lemmas[g - first] in ("вопрос", "почему")
                for g in kids.get(c, []))):
            return False
        measure = under.get("мера")
        return lemma in ("ответить", "отвечать", "заплатить", "поплатиться", "расплатиться") or (
            lemma in ("принять", "предпринять") and measure is not None and feats.get("Voice") != "Pass"
            and any(lemmas[g - first] in _RETALIATORY for g in kids.get(measure, []))) \
            or (lemma == "последовать" and bool(under.keys() & {"ответ", "мера"}))

    def quoted_denial() -> int | None:
        """A direct quote whose predicate denies: "заявил: «Это абсурд и чушь»", "«Это ахинея и бред», -
        заявил он", "заявил: «Никакого вторжения не было»", "«Все слухи ... не соответствуют
        действительности», - отметил министр"."""
        for c in quotes():
            if untrue(c):
                return c
            if lemmas[c - first] in _DENIALS and not negated(c) and (lemmas[c - first] not in _UNFOUNDED or any(
                    a.tokens[g].rel.startswith("nsubj") and lemmas[g - first] in _CLAIMS for g in kids.get(c, []))):
                return c  # "unfounded" denies a claim ("эти сообщения беспочвенны"), not a strike or a demand
            if lemmas[c - first] == "быть" and negated(c) and not _future_aux(a.tokens[c].text) and any(
                    # "никакого вторжения не было"; not a forecast ("никаких изменений не будет")
                    lemmas[d - first] == "никакой" for g in kids.get(c, []) if a.tokens[g].rel == "nsubj"
                    for d in kids.get(g, [])):
                return c
        return None

    def denies(c: int) -> bool:
        """A clause that denies by a word of denial ("что невиновен", "что это неправда", "что
        обвинения являются необоснованными") or by a negated wrongdoing ("что оружия не применяли",
        "что не причастен", "не имеет никакого отношения к"); not a future or asked one."""
        lemma, feats = lemmas[c - first], a.tokens[c].feats
        under = arguments(c)
        if feats.get("Tense") == "Fut" or any(_future_aux(a.tokens[g].text) for g in kids.get(c, [])) \
                or any(lemmas[g - first] in ("ли", "бы") for g in kids.get(c, [])):
            return False
        if untrue(c) or (not negated(c) and (lemma in _DENIALS or (lemma in _COPULAS and any(
                w in _DENIALS and not negated(g) for w, g in under.items())))):
            return True
        if lemma in ("применять", "применить") and not under.keys() & _FORCE:
            return False  # "не применяет жестких мер" describes a policy; "оружия не применяли" denies
        return negated(c) and (lemma in _DENIABLE or (lemma == "иметь" and "отношение" in under))

    def untrue(c: int) -> bool:
        """"не соответствует действительности": a claim called untrue."""
        return lemmas[c - first] == "соответствовать" and negated(c) and any(
            lemmas[g - first] == "действительность" for g in kids.get(c, []))

    def accuses(c: int) -> bool:
        """The clause of predicate ``c`` charges someone: a wrongdoing its active subject did ("Киев
        нарушает перемирие", "Запад лжет"), a charge as its predicate ("Киев - агрессор", "действия
        являются преступными"), or blame laid on someone ("ответственность лежит на Киеве", "вина
        лежит на Вашингтоне"); not negated, asked, future or said of the speaker's own side."""
        lemma, feats = lemmas[c - first], a.tokens[c].feats
        under = arguments(c)
        if negated(c) or feats.get("Person") == "1" or subject(c) in ("я", "мы", "никто") \
                or feats.get("Tense") == "Fut" or any(_future_aux(a.tokens[g].text) for g in kids.get(c, [])) \
                or any(lemmas[g - first] in ("если", "когда", "пока") for g in kids.get(c, [])):
            return False  # (a condition: "Если Ямадаев в чем-то виноват, его должны были судить")
        if lemma in ("стоять", "стоить") and not any(lemmas[g - first] == "за" for g in _subtree(kids, c)):
            return False  # "за преступлением стоят Израиль и его союзники" blames; "стоит отметить" does not
        if lemma in entry.needs and lemma not in _DUTIES and (a.tokens[c].pos != "VERB" or _agentive(
                a, lemmas, first, kids, c)):
            return True
        if a.tokens[c].pos == "VERB" and _agentive(a, lemmas, first, kids, c) and any(
                lemmas[g - first] in _ILLEGAL for d in kids.get(c, []) for g in [d, *kids.get(d, [])]):
            return True  # "администрации осуществили незаконный перевод лесов"
        if lemma in _COPULAS and any(w in entry.needs and w not in _DUTIES and not negated(g)
                                     for w, g in under.items()):
            return True
        # (the first parse of "вина" is "вино")
        duty = under.get("ответственность", under.get("вина", under.get("вино")))
        # "ответственность за ... несет Киев"; with no "за" only a duty that lies on someone
        # ("вся ответственность лежит на Киеве"), not "будет нести ответственность"
        return lemma in _BLAME and duty is not None and (any(
            lemmas[g - first] == "за" for g in _subtree(kids, duty)) or (lemma in _LIES_ON and any(
                _case_marker(a, kids, g) == "на" for g in kids.get(c, []) if a.tokens[g].rel == "obl")))

    if entry.type == "REJECT" and (found := quoted_denial()) is not None:
        return found
    if entry.type == "REJECT":
        found = next((c for c in quotes() if absent(c)), None)
        if found is None:
            found = next((c for c in inverted() if absent(c) or denies(c)), None)
        if found is not None:
            return found
    if entry.type == "THREATEN":
        found = next((c for c in quotes() + inverted() if threatens(c)), None)
        if found is not None:
            return found
    if entry.type == "ACCUSE":
        # a quote that charges someone: "«Это преступление против мирных жителей», - заявил он"
        found = next((c for c in quotes() if lemmas[c - first] in _QUOTED_CHARGES and accuses(c)), None)
        if found is not None:
            return found
        # a charge named as what was said: "в докладе говорилось о ... причастности России к конфликту",
        # "заявил о вмешательстве Запада"; not "об отсутствии нарушений" (the charge is not the topic's head)
        for c in kids.get(k, []):
            if a.tokens[c].rel == "obl" and _case_marker(a, kids, c) in ("о", "об") and not negated(c):
                topics = [c] + [g for g in kids.get(c, []) if a.tokens[g].rel == "conj"]
                found = next((g for g in topics if lemmas[g - first] in _CHARGE_NOUNS), None)
                if found is not None:
                    return found

    for c in kids.get(k, []):
        if a.tokens[c].rel != "ccomp" or c < k:
            continue
        if entry.type == "REJECT":
            if absent(c) or denies(c):
                return c
        elif entry.type == "ACCUSE":
            if accuses(c):
                return c
        elif threatens(c):
            return c
    return None


def _quoted(a: Analysis, first: int, c: int, k: int) -> bool:
    """Whether predicate ``c`` and reporting verb ``k`` are a quote and its author's words: a quote mark
    between them ("«...», - заявил", "заявил: «...»"), or a quote the author's words break ("«Все слухи
    ... не соответствуют действительности, - отметил министр. - Я читал ...»")."""
    between = a.text[a.tokens[min(k, c)].end:a.tokens[max(k, c)].start]
    if _QUOTE_MARKS & set(between):
        return True
    return c < k and between.rstrip().endswith(("-", "–", "—")) \
        and bool(_QUOTE_MARKS & set(a.text[a.tokens[first].start:a.tokens[c].start]))


def _agentive(a: Analysis, lemmas: list[str], first: int, kids: dict[int, list[int]], c: int) -> bool:
    """The clause verb has an active subject that can do wrong: a pronoun, a person, or a state's
    agent ("что те нарушили", "что суд нарушил"), not a process ("горение нарушило целостность")."""
    subj = next((g for g in kids.get(c, []) if a.tokens[g].rel == "nsubj"), None)
    if subj is None:
        return False
    tok = a.tokens[subj]
    return tok.pos in ("PRON", "PROPN") or tok.feats.get("Animacy") == "Anim" or lemmas[subj - first] in _STATE_AGENTS


def _accused(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]], entry: _Entry,
             mentions: _Mentions) -> list[str]:
    """Whom a reported clause accuses: its active subject ("что Киев нарушает"), or the one on whom
    the responsibility lies ("лежит на Киеве")."""
    c = _told_clause(a, lemmas, first, k, kids, entry)
    if c is None:
        return []
    for g in kids.get(c, []):
        rel = a.tokens[g].rel
        if (rel == "nsubj" and lemmas[g - first] not in _DUTIES) or (
                rel == "obl" and lemmas[c - first] in _BLAME and _case_marker(a, kids, g) == "на"):
            ent = mentions.best(_phrase(a, kids, g))
            return [mentions.government(ent).id] if ent is not None else []
    return []


def _judged(a: Analysis, kids: dict[int, list[int]], k: int) -> list[int]:
    """The verdict words of a verb of judging: its complement and that complement's dependants
    ("назвал это грубейшим нарушением", "достойным сожаления"), not the thing judged (the object or
    subject: "назвал нарушение правил причиной") nor a clause under the verb."""
    found: list[int] = []
    for c in kids.get(k, []):
        if a.tokens[c].rel.split(":")[0] in ("obj", "nsubj", "csubj", "ccomp", "advcl", "parataxis", "conj",
                                             "acl", "iobj"):
            continue
        found.append(c)
        # under an adjective its own words ("достойным сожаления"); under a noun only its adjectives
        # ("назвал это шагом, ..."): "мотивом преступления назвал" names a motive, not a verdict
        found.extend(g for g in kids.get(c, []) if a.tokens[g].rel.split(":")[0] not in ("conj", "acl", "parataxis")
                     and (a.tokens[c].pos == "ADJ" or a.tokens[g].rel == "amod"))
    return found


def _verdict_on_claim(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A verdict of falsity on someone's claim ("назвал обвинения ложью", "заявление Киева абсурдом")
    rejects the claim: REJECT; calling a statement "безответственным" criticises it (ACCUSE)."""
    return any(lemmas[c - first] in _CLAIMS and a.tokens[c].rel in ("obj", "nsubj:pass")
               for c in kids.get(k, [])) and any(lemmas[c - first] in _FALSE for c in _judged(a, kids, k))


def _phrase(a: Analysis, kids: dict[int, list[int]], root: int) -> list[int]:
    """The noun phrase of ``root`` without its prepositional modifiers: "шесть спортсменов из
    США" stands for the athletes, not for the USA; genitives stay ("база полка УВД Чечни")."""
    seen, stack = {root}, [root]
    while stack:
        for c in kids.get(stack.pop(), []):
            if c in seen or (a.tokens[c].rel in ("nmod", "obl", "acl", "acl:relcl", "conj", "parataxis")
                             and _case_marker(a, kids, c)) or a.tokens[c].rel in ("acl", "acl:relcl", "parataxis"):
                continue
            seen.add(c)
            stack.append(c)
    return sorted(seen)


@lru_cache(maxsize=50_000)
def _lemmas_of(word: str) -> frozenset[str]:
    """Every dictionary form a word may have: "начала" is "начать" as well as "начало", and the
    parser, not the first morphological guess, knows which one the sentence uses."""
    return frozenset(p.normal_form.replace("ё", "е") for p in models.morph().parse(word.lower()))


def _left_subject(a: Analysis, k: int, first: int, mentions: _Mentions) -> Entity | None:
    """The person or organisation named in the nominative nearest before a finite verb whose
    subject the parser did not attach, within the verb's clause (no other finite verb, conjunction
    or relative word between them)."""
    for j in range(k - 1, first - 1, -1):
        tok = a.tokens[j]
        ent = mentions.by_token.get(j)
        if ent is not None:
            if ent.type in ("PER", "ORG") and tok.feats.get("Case", "Nom") == "Nom":
                return ent
            continue
        if (tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Fin") or tok.pos == "SCONJ" \
                or _lemma(tok) in ("который", "что", "где", "когда", "а", "но") or tok.text in (";", ":"):
            return None
    return None


def _indefinite_agent(a: Analysis, k: int, kids: dict[int, list[int]], mentions: _Mentions
                      ) -> tuple[list[str], set[str]]:
    """The body that speaks or decides in an impersonal plural ("В МИД Сирии заявили", "в
    прокуратуре отвергли", "в Берлине возмутились"): an organisation, or a capital standing for
    its government, heading a "в" phrase under a subjectless third-person plural verb. Only for a
    state's statements and decisions: "в Москве задержали" says where, not who. Returns the actor
    ids and the capital behind one, if any."""
    feats = a.tokens[k].feats
    if feats.get("Number") != "Plur" or feats.get("Person", "3") != "3" or feats.get("Mood") == "Imp":
        return [], set()
    for c in kids.get(k, []):
        if a.tokens[c].rel != "obl" or _case_marker(a, kids, c) not in ("в", "во") or c > k:
            continue
        ent = mentions.by_token.get(c)  # the body itself, not whose part it is ("в пресс-службе РБК")
        if ent is None:
            continue
        if ent.type == "ORG":
            return [ent.id], set()
        government = mentions.government(ent)
        if government is not ent:
            return [government.id], {ent.id}
    return [], set()


def _agree(word: Token, noun: Token) -> bool:
    """Whether a participle agrees with the noun the parser hung it on, in case, number and
    gender where both words mark them ("оппозиции, протестующей" but not "протестующей ... президента")."""
    return all(word.feats.get(f) == noun.feats.get(f) for f in ("Case", "Number", "Gender")
               if word.feats.get(f) and noun.feats.get(f))


def _relative_head(a: Analysis, k: int, first: int) -> int:
    """The noun "который" at token ``k`` refers to: the nearest one before it that agrees in number
    and gender (the parser often hangs the clause on an earlier noun: "Петров, сменивший Кузнецова,
    который ушёл" is about Кузнецов); the pronoun itself when there is none."""
    for j in range(k - 1, max(first, k - 6) - 1, -1):
        tok = a.tokens[j]
        if tok.pos in ("NOUN", "PROPN") and all(
                tok.feats.get(f) == a.tokens[k].feats.get(f) for f in ("Number", "Gender")
                if tok.feats.get(f) and a.tokens[k].feats.get(f)):
            return j
    return k


def _antecedent(a: Analysis, k: int, mentions: _Mentions) -> Entity | None:
    """The person "он"/"она" at token ``k`` stands for: the nearest person of its gender named in the
    nominative earlier in the sentence, else the last one so named in the previous sentence (the
    subject the text goes on about); else, up to three sentences back, the only person so named
    there whose first name pymorphy knows to be of that gender ("Он был арестован" after a
    paragraph about one man)."""
    sent = a.tokens[k].sent
    gender = "Fem" if _lemma(a.tokens[k]) == "она" else "Masc"
    farther: dict[str, Entity] = {}
    for j in range(k - 1, -1, -1):
        if a.tokens[j].sent < sent - 3:
            break
        ent = mentions.by_token.get(j)
        if ent is None or ent.type != "PER" or a.tokens[j].feats.get("Case") != "Nom" \
                or _name_gender(ent.name) not in (None, gender):
            continue
        if a.tokens[j].sent >= sent - 1:
            return ent
        if _name_gender(ent.name) == gender:  # farther back, only a name whose gender is known
            farther[ent.id] = ent
    others = {e.id for j, e in mentions.by_token.items() if e.type == "PER" and e.id not in farther
              and sent - 3 <= a.tokens[j].sent <= sent and j < k and _name_gender(e.name) in (None, gender)}
    return next(iter(farther.values())) if len(farther) == 1 and not others else None


@lru_cache(maxsize=4096)
def _name_gender(name: str) -> str | None:
    """"Masc"/"Fem" for a person's name with a word pymorphy knows as a first name, else None."""
    for word in name.split():
        for parse in models.morph().parse(word.lower()):
            if "Name" in parse.tag:
                return "Fem" if "femn" in parse.tag else "Masc" if "masc" in parse.tag else None
    return None


#: Ministries, whose "глава" is a minister.
_MINISTRY = ("мид", "министерств", "мвд", "минобороны", "минюст", "госдеп", "пентагон", "форин-офис")
#: Words that make a role noun someone other than the person introduced with it ("новый президент").
_OTHER_HOLDER = frozenset({"новый", "другой", "один", "бывший", "прежний", "будущий", "некий", "очередной",
                           "каждый", "любой", "сам", "свой"})


def _role_referent(a: Analysis, k: int, kids: dict[int, list[int]], mentions: _Mentions) -> Entity | None:
    """The person a bare singular role noun at token ``k`` stands for ("Замгенпрокурора напомнил",
    "призвал украинский президент"): the last person named before it in the document right after a
    role of the same group (``person_roles.tsv``: "президент Украины Петр Порошенко"), as news
    introduces a person once by role and name and then by role alone. None for a plural or a role
    marked as another holder ("новый президент")."""
    tok = a.tokens[k]
    roles = person_roles()
    own = {r for r in _lemmas_of(tok.text) if r in roles}
    if tok.pos not in ("NOUN", "PROPN") or tok.feats.get("Number") == "Plur" or not own:
        return None
    if any(_lemma(a.tokens[c]) in _OTHER_HOLDER for c in kids.get(k, [])):
        return None
    groups = {roles[r] for r in own}
    verb = a.tokens[tok.head] if tok.head >= 0 and tok.rel == "nsubj" else None
    gender = verb.feats.get("Gender") if verb is not None and verb.feats.get("Number") == "Sing" else None
    j = k - 1
    while j >= 0:
        ent = mentions.by_token.get(j)
        if ent is None or ent.type != "PER":
            j -= 1
            continue
        first = j
        while first > 0 and mentions.by_token.get(first - 1) is ent:
            first -= 1
        if gender and _name_gender(ent.name) not in (None, gender):  # "Монарх призвал" is not "королева Матильда"
            j = first - 1
            continue
        for i in range(first - 1, max(-1, first - 7), -1):  # the phrase right before the name
            t = a.tokens[i]
            if t.text in (".", ";", ":", "!", "?", ",", "(", ")") or t.sent != a.tokens[first].sent \
                    or (t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin") or t.pos == "CCONJ" \
                    or (mentions.by_token.get(i) is not None and mentions.by_token[i].type == "PER"):
                break
            held = _lemmas_of(t.text)
            if held & {"глава", "руководитель"} and i + 1 < len(a.tokens) \
                    and a.tokens[i + 1].text.lower().startswith(_MINISTRY):
                held = held | {"министр"}  # "глава МИД России Сергей Лавров" ... "министр"
            if t.pos in ("NOUN", "PROPN", "ADJ") and any(roles.get(r) in groups for r in held):
                return ent
        j = first - 1
    return None


#: Impersonal verbs that tell what a document says, and the documents ("В докладе говорится о нарушениях").
_DOCUMENT_SAYS = frozenset({"говориться", "отмечаться", "сообщаться", "указываться", "утверждаться",
                            "подчеркиваться"})
_DOCUMENTS = frozenset({"доклад", "заявление", "сообщение", "документ", "резолюция", "письмо", "отчет",
                        "обращение", "коммюнике", "послание", "меморандум", "декларация", "записка"})


def _document_author(a: Analysis, si: int, k: int, kids: dict[int, list[int]], mentions: _Mentions) -> list[str]:
    """Who says what a document says, for an impersonal "В докладе говорится ...": the person or body the
    document's own phrase names ("В заявлении МВД говорится"), else the speaker of the last quote of the
    two sentences before ("..., - отмечает Amnesty International. В докладе говорится о ..."): news
    quotes a statement, then goes on with what it says. Read on the 52 such sentences of the corpus outside
    the gold files: 23 get an author, 18 of them right (wrong: an outlet or a prosecutor quoted before)."""
    first = a.sentences[si].first_token
    if _lemma(a.tokens[k]) not in _DOCUMENT_SAYS or any(a.tokens[c].rel.startswith("nsubj") for c in kids.get(k, [])):
        return []
    doc = next((c for c in kids.get(k, []) if a.tokens[c].rel == "obl" and _case_marker(a, kids, c) in ("в", "во")
                and _lemma(a.tokens[c]) in _DOCUMENTS), None)
    if doc is None:
        return []
    owner = next((ent for c in kids.get(doc, []) if a.tokens[c].rel == "nmod"
                  for ent in [mentions.best(_phrase(a, kids, c))] if ent is not None and ent.type in ("PER", "ORG")),
                 None)
    if owner is not None:
        return [owner.id]
    since = a.sentences[max(0, si - 2)].start
    speakers = [q.speaker for q in a.quotes if since <= q.start < a.tokens[first].start and q.speaker]
    return speakers[-1:]


def _case_marker(a: Analysis, kids: dict[int, list[int]], k: int) -> str:
    return next((a.tokens[c].text.lower() for c in kids.get(k, []) if a.tokens[c].rel == "case"), "")


def _arguments(a: Analysis, k: int, etype: str, lemmas: list[str], first: int, kids: dict[int, list[int]],
               mentions: _Mentions) -> tuple[list[str], list[str], str | None, set[str], set[str]]:
    """(actor ids, recipient ids, location id, ids of the countries among them known only by an
    adjective, ids of the capitals that stand for an actor) from the trigger's dependants."""
    actor: list[str] = []
    recipient: list[str] = []
    location: str | None = None
    adjectival: set[str] = set()
    capitals: set[str] = set()
    # The subject may sit on a governing verb ("принял решение направить", "начали штурмовать");
    # the subject of "подвергнуться" undergoes the event ("база подверглась обстрелу").
    # Passive and "suffering" verbs: the subject is the target ("колонна обстреляна", "БМП подорвалась").
    suffers = a.tokens[k].feats.get("Voice") == "Pass" or lemmas[k - first] in _SUBJECT_SUFFERS or (
        etype == "CONCEDE" and lemmas[k - first] in ("выйти", "выходить")) or (  # "вышла на свободу": the one released
        etype == "THREATEN" and lemmas[k - first] in _RECEIVE)  # "получала угрозы": the one threatened
    node, depth, found = k, 0, False
    shared = True  # the subject found at ``node`` is the trigger's own, in the trigger's voice
    while depth < 3:
        subj = [c for c in kids.get(node, []) if a.tokens[c].rel in ("nsubj", "nsubj:pass")]
        found = found or bool(subj)
        if not subj and a.tokens[node].feats.get("VerbForm") == "Part" and a.tokens[node].rel in ("acl", "amod") \
                and a.tokens[node].feats.get("Voice") != "Pass" and a.tokens[node].head >= 0 \
                and _agree(a.tokens[node], a.tokens[a.tokens[node].head]):
            subj = [a.tokens[node].head]  # "житель Аризоны, открывший стрельбу"
        if subj and _lemma(a.tokens[subj[0]]) == "который" and a.tokens[node].rel == "acl:relcl":
            subj = [_relative_head(a, subj[0], first)]  # "Проничева, который ушёл в отставку"
        if subj:
            ent = mentions.best(_phrase(a, kids, subj[0]))
            if ent is None and _lemma(a.tokens[subj[0]]) in ("он", "она"):
                ent = _antecedent(a, subj[0], mentions)
            elif ent is None:  # "Замгенпрокурора опроверг": the person introduced with that role
                ent = _role_referent(a, subj[0], kids, mentions)
            if ent is not None and (lemmas[node - first] in _UNDERGO or (shared and suffers)):
                recipient = [ent.id]
            elif ent is None and not (lemmas[node - first] in _UNDERGO or (shared and suffers)):
                # "турецкие военные обстреляли": the country acts; "российские и турецкие
                # дипломаты провели переговоры": both, as the two sides of a joint act
                countries = _national_agent(a, subj[0], kids, mentions)
                actor = countries[:1] if etype in _JOINT else countries
                recipient = countries[1:2] if etype in _JOINT else []
                adjectival = set(countries)
            elif ent is not None:
                state = etype in _STATE_ACTS
                actor = [mentions.government(ent).id if state else ent.id]
                if actor[0] != ent.id:  # "Москва отрицает": Russia acts; Moscow is not where
                    capitals.add(ent.id)
                if etype in _JOINT:  # "Белград и Приштина начали переговоры": one joint event
                    partner = next((p for c in kids.get(subj[0], []) if a.tokens[c].rel == "conj"
                                    for p in [mentions.best(_subtree(kids, c))]
                                    if p is not None and p is not ent), None)
                    if partner is not None:
                        side = mentions.government(partner)
                        if side is not partner:
                            capitals.add(partner.id)
                        recipient = [side.id]
            break
        head = a.tokens[node].head
        # Climb only to a verb that governs the trigger as its own action ("начали штурмовать",
        # "принял решение направить"), not to a reporting verb ("сообщил, что ... задержан") or to
        # the verb of which a noun trigger is the subject ("взрыв прогремел").
        if head < 0:
            break
        head_lemmas = _lemmas_of(a.tokens[head].text) | {lemmas[head - first]}
        marker = _case_marker(a, kids, node) if a.tokens[node].rel == "obl" else ""
        light = a.tokens[node].pos == "NOUN" and (
            (head_lemmas & _LIGHT and (a.tokens[node].rel == "obj" or marker == "на"))
            or (head_lemmas & _INTO and marker in ("в", "во")))  # "подал в отставку", "вступили в бой"
        tok, gov = a.tokens[node], a.tokens[head]
        if tok.rel == "advcl" and tok.feats.get("VerbForm") == "Conv" and gov.pos == "VERB":
            shared = False  # "похитил ребенка, застрелив водителя": the converb's doer is the clause's subject
        elif tok.rel == "conj" and tok.pos == "VERB" and gov.pos == "VERB" and head < node \
                and (tok.feats.get("Voice") == "Pass") == (gov.feats.get("Voice") == "Pass"):
            pass  # "напал на полицейских, отобрал оружие, застрелил их": one subject for the verbs
        elif not (tok.rel == "xcomp" or head_lemmas & _CLIMB or light):
            break
        else:
            shared = False
        node, depth = head, depth + 1
    head = a.tokens[k].head
    if not actor and head >= first and lemmas[head - first] in _MANAGED:
        # "Евросоюзу удалось договориться": the one who managed it, in the dative
        dative = next((c for c in kids.get(head, []) if a.tokens[c].rel in ("obl", "iobj")
                       and a.tokens[c].feats.get("Case") == "Dat" and not _case_marker(a, kids, c)), None)
        ent = mentions.best(_phrase(a, kids, dative)) if dative is not None else None
        if ent is not None:
            actor, found = [mentions.government(ent).id if etype in _STATE_ACTS else ent.id], True
    if not found and not suffers and a.tokens[k].pos == "VERB" and a.tokens[k].feats.get("VerbForm") == "Fin":
        # the parser lost the subject ("и.о. президента Украины Александр Турчинов отменил указ")
        ent = _left_subject(a, k, first, mentions)
        if ent is not None:
            actor = [ent.id]
        elif etype in _STATE_ACTS:
            actor, capital = _indefinite_agent(a, k, kids, mentions)
            capitals |= capital  # "в Берлине возмутились": Germany acts; Berlin is not where
    demand = etype == "REQUEST" and lemmas[k - first] in ("потребовать", "требовать")
    dependants = list(kids.get(k, []))
    # "согласился встретиться с Клинтоном": the partner of the governed verb.
    dependants += [c for x in kids.get(k, []) if a.tokens[x].rel == "xcomp" for c in kids.get(x, [])]
    for c in dependants:
        rel = a.tokens[c].rel
        ent = mentions.best(_phrase(a, kids, c))
        passive_agent = suffers and not actor and rel in ("obl", "obl:agent") and not _case_marker(a, kids, c) \
            and a.tokens[c].feats.get("Case") == "Ins"
        if ent is not None and passive_agent and (ent.type != "LOC" or (
                rel == "obl:agent" and ent.subtype == "country")):
            # the agent of a passive: "оцеплен полицией"; a country when the parser says agent
            # ("подписанное Россией и Китаем"), not a route ("шли Невским проспектом")
            actor = [ent.id] + [p.id for g in kids.get(c, []) if a.tokens[g].rel == "conj"
                                for p in [mentions.best(_phrase(a, kids, g))]
                                if p is not None and p is not ent and p.type == ent.type]
            continue
        if ent is None and passive_agent:  # "задержан турецкой полицией", "силами сирийской армии"
            actor = _national_agent(a, c, kids, mentions)
            if actor:
                adjectival = set(actor)
                continue
        if ent is None or ent.id in actor:
            continue
        case = _case_marker(a, kids, c)
        if demand and rel == "obj":  # "потребовали отставки X": X is what is demanded, not the addressee
            continue
        if (rel in ("obj", "iobj", "nsubj:pass") and not recipient) or (
                rel in ("obl", "nmod") and case in ("с", "со") and etype in _JOINT and not recipient) or (
                rel in ("obl", "nmod") and case == "от" and demand and not recipient) or (
                rel in ("obl", "nmod") and case in ("к", "ко") and etype == "REQUEST" and not recipient):
            recipient = [ent.id]  # (the addressee of an appeal: "обратилась к США ... за помощью")
        elif rel in ("obl", "nmod") and case in ("в", "во", "на") and mentions.by_token.get(c) is ent \
                and ent.type == "LOC":
            # "направить в Казахстан": the country helped; "в Алма-Ате": where it happened.
            if etype in ("AID", "SANCTION", "MOBILIZE") and case in ("в", "во") and not recipient:
                recipient = [ent.id]
            if location is None and a.tokens[c].feats.get("Case") != "Acc":
                location = ent.id
        elif location is None and ent.type == "LOC" and rel in ("obl", "nmod") \
                and a.tokens[c].feats.get("Case") != "Acc" \
                and ((lemmas[c - first] in _PLACE_NOUNS and case in _NEAR | {"в", "во", "на"})
                     or (case in _NEAR and mentions.by_token.get(c) is ent)):
            location = ent.id  # "перестрелка близ села Геджух", "поджоги в центре Лхасы"
    return actor, recipient, location, adjectival, capitals


def extract(a: Analysis) -> None:
    """Fill ``a.events`` (needs entities; uses timexes, figures and quotes when present)."""
    mentions = _Mentions(a)
    candidates: list[tuple[int, int, _Entry, int, int]] = []  # sentence, token, entry, end, span start
    sent_lemmas: dict[int, list[str]] = {}
    for si, sent in enumerate(a.sentences):
        if sent.lang not in CYRILLIC_LANGS or _is_heading(a, si):
            continue
        lemmas = [_lemma(t) for t in a.tokens[sent.first_token:sent.last_token]]
        sent_lemmas[si] = lemmas
        k = sent.first_token
        while k < sent.last_token:
            found = _match(a, lemmas, k, sent.first_token, sent.last_token)
            if found is None:
                flipped = _inverted(a, lemmas, k, sent.first_token, sent.last_token)
                if flipped is not None and _may_need(flipped[0], lemmas):  # "обвинение предъявлено"
                    candidates.append((si, flipped[1], flipped[0], flipped[1] + 1, k))
                    k = flipped[1] + 1
                else:
                    k += 1
                continue
            if _may_need(found[0], lemmas) or (found[0].type == "CONCEDE" and found[0].lemmas[0] in _RELEASES):
                candidates.append((si, k, found[0], found[1], k))
            k = found[1]
    parse_syntax(a, sorted({si for si, *_ in candidates}))
    attack_nouns = {k for _, k, entry, *_ in candidates if entry.type == "ASSAULT" and a.tokens[k].pos == "NOUN"}
    by_sentence: dict[tuple[int, str], Event] = {}
    verbs: dict[int, tuple[str, ...]] = {}  # id(event) -> lemmas of the verb that told it
    before_after: set[int] = set()  # ids of events told as "после/перед X": an act of their own
    geo = {ent.id: ent.geo for ent in a.entities}
    anchors: dict[int, range] = {}  # id(event) -> tokens of its trigger phrase ("Уголовное дело")
    told_in: dict[int, int] = {}  # id(event) -> its sentence
    own_dates: dict[int, EventDate] = {}  # id(event) -> the date its own clause gives it (for re-mentions)
    passives: dict[int, str] = {}  # id(event) -> grammatical number of its passive trigger (its patients')
    for si, k, entry, end, opening in candidates:
        sent = a.sentences[si]
        lemmas = sent_lemmas[si]
        kids = _children(a, sent.first_token, sent.last_token)
        entries = [e for e in _lexicon()[entry.lemmas[0]] if e.lemmas == entry.lemmas]
        # a finite-only entry takes no participle ("осужденная"), but a gerund tells an act of the
        # clause's subject ("разразился заявлением, обвинив их", "скандировали лозунги, призывая к ...");
        # not a wound or a killing, which is the outcome of the act its clause tells ("ракета упала, ранив")
        form, pos = a.tokens[k].feats, _word_pos(a.tokens[k].text)
        participle = form.get("VerbForm") in ("Part", "Conv") or pos in ("PRTF", "PRTS", "GRND")
        # (the word's form decides when the parser takes a participle for one: "потерпевших, просившего о ...")
        gerund = pos == "GRND" or (form.get("VerbForm") == "Conv" and pos not in ("PRTF", "PRTS"))
        # a short passive participle of an accusation is a predicate ("был обвинен в связях", "выдвинуто
        # обвинение"), not a court's conviction ("осужден"); other short forms stay out ("ранен": a casualty)
        short = form.get("Variant") == "Short" or pos == "PRTS"
        described = next((by_sentence[(si, e.type)] for e in entries if (si, e.type) in by_sentence), None)
        if described is not None and participle and not gerund and not short \
                and a.tokens[k].rel in ("acl", "amod") and a.tokens[k].head in anchors[id(described)]:
            # "Соглашение ..., подписанное Россией и Китаем": the participle tells the noun's event;
            # the trigger spans both, and the participle's agents are the event's actors
            described.actor = _arguments(a, k, described.type, lemmas, sent.first_token, kids,
                                         mentions)[0] or described.actor
            lo, hi = min(described.trigger.start, a.tokens[k].start), max(described.trigger.end, a.tokens[k].end)
            described.trigger = Trigger(lo, hi, a.text[lo:hi])
            continue
        chosen = next((e for e in entries if _needs_met(e, lemmas, sent.first_token, k, kids, a)
                       and not (e.finite and participle and not (gerund and e.type != "ASSAULT")
                                and not (short and e.type == "ACCUSE" and e.lemmas[0] not in _SENTENCING))), None)
        if chosen is None or not _asserted(a, lemmas, sent.first_token, k, kids, negative="не" in chosen.lemmas,
                                           statement=chosen.type in ("REJECT", "THREATEN")
                                           and lemmas[k - sent.first_token] in _REPORTING):
            continue
        feats = a.tokens[k].feats
        full_participle = feats.get("VerbForm") == "Part" and feats.get("Variant") != "Short" and "Case" in feats
        if full_participle and len(chosen.lemmas) == 1 and not _told_participle(a, k, kids) \
                and not _describes_need(a, lemmas, sent.first_token, k, chosen):
            continue  # a full participle names people or things ("задержанные", "угрожающие письма")
        if full_participle and len(chosen.lemmas) > 1 and not k < a.tokens[k].head < end \
                and (a.tokens[k].rel in _NOMINAL_RELS or (k > sent.first_token and a.tokens[k - 1].pos == "ADP")) \
                and not (end < sent.last_token and a.tokens[end].pos in ("NOUN", "PROPN", "ADJ")
                         and a.tokens[end].feats.get("Case") == feats.get("Case")):
            continue  # used as a noun (a noun's relation, or right after a preposition), a phrase's participle
            # names people too ("Двое из взятых в плен"); not when a noun of its case follows, which it describes
            # ("вместо ушедшего в отставку Гейтса") or the phrase's own noun it precedes ("о введенных ... санкциях")
        if _not_an_event(a, lemmas, sent.first_token, k, kids) or _bare_proposal(a, lemmas, sent.first_token, k, kids):
            continue
        if chosen.type == "ASSAULT" and _aggregate(a, lemmas, sent.first_token, k, kids, sent):
            continue  # "сто нападений ... с 2014 года", "подозревали в 11 убийствах": a tally, not one act
        if chosen.type == "ASSAULT" and a.tokens[k].pos == "VERB" and _in_course_of(a, k, kids, attack_nouns):
            continue  # "в ходе перестрелки были убиты двое": the killings belong to the firefight's record
        if chosen.type == "ASSAULT" and _counted_dead(a, lemmas, sent, k) and (si, "ASSAULT") not in by_sentence \
                and any(ev.type == "ASSAULT" for ev in a.events):
            continue  # "В итоге 26 человек ... были убиты" after the shelling: its casualties, not another act
            # (in the attack's own sentence the trigger joins it: "выстрелами в голову убиты двое")
        if chosen.lemmas[0] in _TAKEN_AWAY and any(
                ev.type == "COERCE" and ev.mode == "arrest" and si - told_in[id(ev)] <= 1 for ev in a.events):
            continue  # "арестовала участников собрания. ... задержанные были увезены в неизвестном направлении"
        if chosen.type == "ASSAULT" and _quoted_again(a, lemmas, sent.first_token, k, kids):
            continue  # "«... к ночи они появились и избили нашего волонтера», - отметила активистка" after the beating
            # was told: a witness's words re-tell the attack
        if chosen.type == "ASSAULT" and _habitual(a, k, sent):
            continue  # "уже не в первый раз похищают иностранных туристов": a habit, no one act
        if chosen.type == "ASSAULT" and _impact(a, lemmas, sent.first_token, k, kids) \
                and any(ev.type == "ASSAULT" and ev.mode in _FIRE for ev in a.events):
            continue  # "Одна из ракет разорвалась на территории ..." after the rocket fire: where it fell
        if chosen.type in ("COERCE", "CONCEDE", "REJECT") and (_court_act(a, lemmas, sent.first_token, k, kids)
                                                              or _court_refusal(a, lemmas, sent.first_token, k, kids)):
            continue  # a court's ruling ("суд принял решение освободить", "арестован на 30 суток", "суд отказал")
        if chosen.type == "ACCUSE" and lemmas[k - sent.first_token] in _REPORTING \
                and _ruling(a, lemmas, sent.first_token, k, kids):
            continue  # a verdict told ("судья заявил: «Это было тяжкое преступление»") is court procedure
        if _question(a, si) and a.tokens[k].rel not in ("acl:relcl", "acl"):
            continue  # asked, not told ("Где уголовные дела ...?"), unless a relative clause tells it ("кто задержал")
        etype = chosen.type
        if etype == "ACCUSE" and lemmas[k - sent.first_token] in _EVALUATIVE \
                and _verdict_on_claim(a, lemmas, sent.first_token, k, kids):
            etype = "REJECT"
        head = a.tokens[k].head
        if etype == "PROTEST" and head >= 0 and lemmas[head - sent.first_token] in _DIPLOMATIC_PROTEST \
                and lemmas[k - sent.first_token] == "протест":  # not "заявил в ходе митинга", "заявила о бойкоте"
            etype = "ACCUSE"
        walkout = _walkout(a, lemmas, sent.first_token, k, kids) if etype == "REJECT" else None
        if walkout is not None:  # "оппозиционеры отказались участвовать в выборах": a boycott, not a rejection
            etype = "PROTEST"
        if etype == "COERCE" and _seized_property(a, lemmas, sent.first_token, k, kids):
            etype = "SANCTION"  # "СК арестовал имущество экс-министра": an asset arrest, like "наложить арест"
        if etype == "AID" and lemmas[k - sent.first_token] in ("направить", "направлять") \
                and _deployed(a, lemmas, sent.first_token, k, kids):
            etype, deployment = "MOBILIZE", "troops"
        else:
            deployment = None
        policing = chosen.mode == "obstruct" and _police_subject(a, lemmas, sent.first_token, k, kids)
        if policing:  # "Полиция перекрыла движение": the state restricts, protesters obstruct
            etype = "COERCE"
        nominal = a.tokens[k].pos == "NOUN"
        actor, recipient, location, adjectival, capitals = _arguments(a, k, etype, lemmas, sent.first_token, kids,
                                                                      mentions)
        if etype == "ACCUSE" and lemmas[k - sent.first_token] in _REPORTING and not recipient:
            recipient = _accused(a, lemmas, sent.first_token, k, kids, chosen, mentions)
        noun = _trigger_noun(a, k, end)
        if not actor and noun is not None and etype in _ANNOUNCED_ACTS:
            announcer = _announcer(a, lemmas, sent.first_token, noun, kids, mentions)
            if announcer is not None:  # "Путин объявил о начале военной операции"
                actor = [announcer.id]
        if not actor and nominal:
            named = _genitive_agent(a, end, sent.last_token, mentions)
            if lemmas[k - sent.first_token] in _PATIENT_NOUNS:  # "штурм Законодательного совета"
                recipient = recipient or [e for e in named if e not in actor]
            elif named:  # "нападение боевиков РПК"
                actor = named
            else:  # "удар турецкой авиации"
                actor = _genitive_national(a, end, sent.last_token, kids, mentions)
                adjectival = set(actor)
        if not actor and noun is not None and etype != "PROTEST" and _lemma(a.tokens[noun]) not in _NON_STATE_NOUNS:
            # "турецкий обстрел", "американского авиаудара": the adjective of the act names who did it
            countries = mentions.countries(_adjective_countries(a, noun))
            actor = countries[:1] if etype in _JOINT else countries
            recipient = recipient or (countries[1:2] if etype in _JOINT else [])
            adjectival = set(countries)
        quote = _enclosing_quote(a, a.tokens[k].start)
        if not actor and quote is not None and quote.speaker and chosen.type in _SPEECH_ACTS \
                and a.tokens[k].rel not in ("acl:relcl", "acl"):  # "которой исламисты грозят ..., передает ТАСС"
            actor = [quote.speaker]
        if not actor and etype in _SPEECH_ACTS:  # "В докладе говорится о нарушениях"
            actor = _document_author(a, si, k, kids, mentions)
        own_place = location  # named by the trigger's own phrase ("перестрелка близ села Геджух")
        if location is None:  # a country known by an adjective may still be where it acts
            location = _sentence_place(a, si, mentions, (set(actor) | set(recipient)) - adjectival | capitals)
        own = deployment or walkout or ("restrict" if policing else chosen.mode) \
            or _own_mode(etype, lemmas, sent.first_token, k, end)
        same = by_sentence.get((si, etype))
        if same is not None and own and same.mode and own != same.mode:
            same = None  # "разгон ... арестованы": two acts of one type, each named by its trigger
        verbal = a.tokens[k].pos == "VERB"
        linked = same is not None and any(k in (a.tokens[j].head, *kids.get(j, []))
                                          for j in anchors[id(same)])
        if same is not None and (id(same) in before_after or (
                verbal and verbs.get(id(same), entry.lemmas) != entry.lemmas
                and not (linked and a.tokens[k].feats.get("VerbForm") == "Conv"))):
            same = None  # "после подрыва боевики обстреляли", "один взорвал ..., а другой подорвал"
        if same is not None:  # "в телефонном разговоре обсудил с ...": one event, two triggers
            same.actor = same.actor or actor
            same.recipient = same.recipient or recipient
            same.location = same.location or location
            if linked:  # "выстрелами в голову убиты", "соглашение ... подписали": the trigger spans both words
                lo, hi = min(same.trigger.start, a.tokens[k].start), max(same.trigger.end, a.tokens[end - 1].end)
                same.trigger = Trigger(lo, hi, a.text[lo:hi])
            continue
        date = _date(a, sent.start, sent.end)
        counts = {f.value for f in a.figures if sent.start <= f.start < sent.end and f.value is not None}
        head_k = a.tokens[k].head
        recap = _recap(a, lemmas, sent.first_token)
        again = any(lemmas[c - sent.first_token] in _AGAIN and not (recap and lemmas[c - sent.first_token] == "ранее")
                    for c in kids.get(k, []) + (kids.get(head_k, []) if head_k >= 0 else [])) \
            or (a.tokens[k].pos == "VERB" and _later(a, lemmas, sent.first_token, k, kids)) \
            or _another_act(a, lemmas, sent.first_token, k, kids)
        said = (etype in _SPEECH_ACTS and verbal and lemmas[k - sent.first_token] not in _PROCEDURES)
        # "этой забастовки", "забастовка ... продолжается": the noun points back, whatever time its sentence names
        # (also on the noun of a phrase trigger: "данный террористический акт")
        pointed = (nominal or noun is not None) and any(
            lemmas[c - sent.first_token] in _DEMONSTRATIVES for c in kids.get(k, []) + (
                kids.get(noun, []) if noun is not None and noun != k else []))
        anaphoric = pointed or (nominal and _goes_on(a, lemmas, sent.first_token, k)) or (nominal and any(
            lemmas[c - sent.first_token] in _CURRENT for c in kids.get(k, [])))
        # ("нынешний визит российского президента": the visit under way, told before if any was)
        if pointed and not any(ev.type == etype for ev in a.events):
            continue  # "Эта забастовка необоснованна" with no strike told before: a planned or threatened one
        own_date = _own_date(a, sent, k, range(min(opening, k), end), date, lemmas, kids)
        day = date.value if date.resolved and date.value and len(date.value) >= 10 else None
        earlier = None if again or said else _repeats(a.events, etype, actor, recipient, location, nominal, own_date,
                                              counts, a.figures, own, own_place,
                                              told=nominal and a.tokens[k].rel in ("nsubj", "root"),
                                              nonstate=lemmas[k - sent.first_token] in _NON_STATE_NOUNS,
                                              anaphoric=anaphoric, plural=a.tokens[k].feats.get("Number") == "Plur",
                                              search=lemmas[k - sent.first_token] in _SEARCH, geo=geo,
                                              recap=recap, dates=own_dates, day=day)
        if said and not again and not any(lemmas[c - sent.first_token] in ("также", "тоже") for c in kids.get(k, [])) \
                and (actor or any(a.tokens[c].rel.startswith("nsubj") and a.tokens[c].pos == "PRON"
                                  for c in kids.get(k, []))):
            # "Пелоси призвали ... Они призвали членов администрации": one statement retold; "также"
            # adds another, and an unnamed subject that is no pronoun is someone else ("и фракция")
            earlier = _retold(a.events, etype, actor, recipient, si, told_in)
            if earlier is not None and verbs.get(id(earlier)) != entry.lemmas:
                earlier = None  # "выразила благодарность ... не забыла поблагодарить и мужа": told anew
        if earlier is not None and not said and verbal and (id(earlier) in before_after or (
                verbs.get(id(earlier), entry.lemmas) != entry.lemmas and entry.lemmas[0] not in _TAKEN_AWAY
                and (verbs.get(id(earlier), entry.lemmas)[0] != entry.lemmas[0]
                     or _another_told(a, lemmas, sent.first_token, k, kids)))):
            # a verb after another verb of the same type tells another act ("после подрыва боевики
            # обстреляли ..."); the same verb again, or a verb after a noun, re-tells the first (also in
            # another phrase of that verb: "возбуждено уголовное дело" ... "Дело возбуждено"); not "увезли в
            # неизвестном направлении", which ends the kidnapping told before ("был похищен" ... "увезли Чахкиева")
            earlier = None
        if earlier is not None and entry.lemmas[0] in _TAKEN_AWAY and id(earlier) in verbs \
                and verbs[id(earlier)] != entry.lemmas and si - told_in[id(earlier)] > 3:
            earlier = None  # (far from the kidnapping a verb told before, it tells another one: "экстремисты увезли")
        if earlier is not None and not anaphoric and _other_time(a, a.sentences[told_in[id(earlier)]], sent):
            earlier = None  # "в субботу вечером ... и в воскресенье утром" ... "в воскресенье утром выпустили"
        if earlier is not None and nominal and si - told_in[id(earlier)] > 1 \
                and _happened(a, lemmas, sent.first_token, k):
            earlier = None  # "Позже боевики выдвинули ультиматум", "Руф устроил резню 17 июня": told anew
            # (next to the first telling, it details it: "Задержание провели сотрудники ...")
        if earlier is not None and nominal and etype in _JOINT \
                and _dated_apart(a, kids, k, a.sentences[told_in[id(earlier)]]):
            earlier = None  # "отметил важность состоявшейся в марте встречи президентов": another meeting
        if earlier is not None and verbal and etype in _JOINT and _agreed_anew(
                a, lemmas, sent.first_token, k, kids, sent_lemmas.get(told_in[id(earlier)], [])):
            earlier = None  # "пришли к соглашению по продлению ... договорились и дальше поддерживать контакты"
        if earlier is not None and _patients_differ(a.tokens[k], passives.get(id(earlier))):
            earlier = None  # "лидер ... задержан" and later "задержаны 221 член партии": other people
        if earlier is None and not again and participle and not gerund and not short \
                and a.tokens[k].rel in ("acl", "amod") and _described_again(a.events, etype, date, own):
            continue  # names the people or things of an act told before; its roles are read off them, not the act's
        if earlier is None and not again and nominal and _reported_on(a, lemmas, sent.first_token, k, kids) \
                and _described_again(a.events, etype, date, own):
            continue  # "японский МИД распространил информацию о похищении": news of the act told before
        if earlier is None and not again and nominal and _landmark(a, lemmas, sent.first_token, opening, k, kids):
            # "через два дня после стрельбы в Тусоне", "в момент взрыва", "перед началом столкновений": an act
            # told before, named as the time of another (a time of its own makes it another one: "после теракта
            # 11 сентября 2001 года")
            # (its place is no sign of another act, as "на Бессарабке" only names where it was; another date,
            # mode or participants are: "возобновлен 20 января после договоренностей", "после встречи с
            # президентом Франции")
            earlier = _repeats(a.events, etype, actor, recipient, None, nominal, date, counts, a.figures, own,
                               None, plural=a.tokens[k].feats.get("Number") == "Plur", geo=geo)
        if earlier is not None:  # a re-mention: it may name a participant the first one did not
            earlier.actor = earlier.actor or actor
            earlier.recipient = earlier.recipient or recipient
            earlier.location = earlier.location or location
            continue
        if not verbal:  # "возбужденного в отношении него ... уголовного дела": the trigger runs from the verb
            opening = _participle_opening(a, lemmas, sent.first_token, k, end, kids, etype) or opening
        start, stop = a.tokens[opening].start, a.tokens[end - 1].end
        event = Event(
            type=etype,  # type: ignore[arg-type]
            # the trigger itself decides ("голодовка"), else the nearest cue in its sentence, else in the next
            # (a search has no PLOVER mode: "розыск", "обыск" take none from an arrest nearby)
            mode=None if lemmas[k - sent.first_token] in _SEARCH
            else own or _nearest_mode(etype, lemmas, sent.first_token, k)
            or _nearest_mode(etype, sent_lemmas.get(si + 1, []), k, k),
            trigger=Trigger(start, stop, a.text[start:stop]),
            actor=actor, recipient=recipient, location=location,
            date=date,
            figures=[i for i, f in enumerate(a.figures) if sent.start <= f.start < sent.end],
            attribution=([quote.speaker] if quote is not None and quote.speaker else [])
            + (list(quote.via) if quote is not None else []),
        )
        by_sentence[(si, etype)] = event
        anchors[id(event)] = range(k, end)
        told_in[id(event)] = si
        own_dates[id(event)] = own_date
        if a.tokens[k].feats.get("Voice") == "Pass" and "Number" in a.tokens[k].feats:
            passives[id(event)] = a.tokens[k].feats["Number"]
        if verbal:
            verbs[id(event)] = entry.lemmas
        elif k > sent.first_token and lemmas[k - 1 - sent.first_token] in ("после", "перед"):
            before_after.add(id(event))
        a.events.append(event)


#: ACCUSE verbs of legal procedure, which later sentences re-tell ("возбуждено уголовное дело ...
#: начато расследование"); a verb of saying ("обвинил", "попросила", "поблагодарила") tells a statement
#: of its own each time, so speech acts told by other verbs are not merged into earlier records.
_PROCEDURES = frozenset({"возбудить", "возбуждать", "предъявить", "предъявлять", "составить", "завести",
                         "расследовать", "расследоваться", "начать", "начинать", "привлечь", "выдвинуть"})
#: Triggers of a search, a COERCE of no PLOVER mode that an arrest does not re-tell: for culprits
#: ("розыск", "поиск") or of premises, after which an arrest is an act of its own ("обыск").
_SEARCH = frozenset({"розыск", "поиск", "розыскной", "оперативно-розыскной", "обыск", "обыскать", "обыскивать"})
#: "ещё/снова/вновь", "а другой подорвал": the verb tells another occurrence, not a re-mention.
_AGAIN = frozenset({"еще", "ещё", "снова", "вновь", "повторно", "опять", "другой", "ранее", "ответный"})


def _participle_opening(a: Analysis, lemmas: list[str], first: int, k: int, end: int, kids: dict[int, list[int]],
                        etype: str) -> int | None:
    """The participle before a noun trigger that is the verb of a light-verb phrase of the lexicon
    ("возбужденного в отношении него уголовного дела", "введенных против России санкций"): the guide
    runs such a trigger from the verb to its noun."""
    for noun in range(k, end):
        for c in kids.get(noun, []):
            if c >= k or a.tokens[c].feats.get("VerbForm") != "Part" or a.tokens[c].rel not in ("amod", "acl"):
                continue
            if any(e.type == etype and lemmas[noun - first] in (e.lemmas[1:] if len(e.lemmas) > 1 else e.needs)
                   for e in _lexicon().get(lemmas[c - first], [])):
                return c
    return None


#: Verbs that tell that their noun took place ("произошло нападение", "провели спецоперацию", "устроил
#: резню", "стало объектом атаки"): a new telling, not a reference back like "в ходе протестов".
_HAPPENING = frozenset({"провести", "проводить", "устроить", "устраивать", "совершить", "совершать", "организовать",
                        "организовывать", "произвести", "производить", "выдвинуть"})


def _happened(a: Analysis, lemmas: list[str], first: int, k: int) -> bool:
    """A noun trigger that a finite verb of doing has as its object, in a main clause: it tells the
    act anew ("Позже боевики выдвинули ультиматум", "Руф устроил резню 17 июня"); "преступников,
    совершивших теракт" and "силы, которые совершили нападение" describe the doers of one told."""
    head = a.tokens[k].head
    if head < first or a.tokens[k].rel != "obj" or lemmas[head - first] not in _HAPPENING:
        return False
    verb = a.tokens[head]
    return verb.pos == "VERB" and verb.feats.get("VerbForm") == "Fin" and verb.rel not in ("acl", "acl:relcl")


#: Spans of time after which a verb tells a later act ("Через несколько часов стрелок убил", "спустя
#: сутки ... задержали").
_SPANS = frozenset({"минута", "час", "сутки", "день", "неделя", "месяц", "год"})


#: Words by which a clause adds another act of a kind told before ("Также арест был наложен на ...", "Второе
#: уголовное дело возбуждено", "возбуждено два дела").
_ANOTHER = frozenset({"также", "тоже", "второй", "третий", "новый", "два", "три", "несколько",
                      "второе", "третье"})  # (the lemmas given to "Второе дело", "третье")


def _another_told(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a verb, or a word it governs, carries a mark of one more act ("также", an ordinal, a count)."""
    near = kids.get(k, []) + [g for c in kids.get(k, []) for g in kids.get(c, [])]
    return any(lemmas[c - first] in _ANOTHER or a.tokens[c].rel.startswith("nummod") for c in near)


#: Openers by which the writer recalls what was told before ("Напомним, ...", "Как известно, ...", "Как
#: сообщалось ранее, ...", "Как мы писали", "Ранее сообщалось, что ..."), by their word forms: "Как сообщает/сообщил
#: ТАСС" names a source, not a recap.
_RECALLED = frozenset({"известно", "сообщалось", "писали", "сообщали"})


def _recap(a: Analysis, lemmas: list[str], first: int) -> bool:
    """Whether a sentence opens as the writer's recap of what was told before: "Напомним, что ...", "Как
    известно", "Как (уже, ранее) сообщалось", "Как мы писали", "Ранее сообщалось": the acts it names are the
    record's own, re-told with whatever date or detail, not new ones."""
    words = [(w, a.tokens[first + i].text.lower()) for i, w in enumerate(lemmas[:5]) if w.isalpha()]
    if not words:
        return False
    if words[0][0] == "напомнить" and _aside(a, "напомнить", first):
        return True
    if words[0][0] == "как":
        rest = [form for w, form in words[1:] if w not in ("уже", "ранее", "мы", "это")]
        return bool(rest) and rest[0] in _RECALLED
    return words[0][0] == "ранее" and len(words) > 1 and words[1][1] in _RECALLED


def _later(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A verb that tells a later or further act: it happens "через/спустя" a span of time after what
    was told, or its people are "ещё" more ("выстрелил ещё в пятерых", "убив ещё 44 человека")."""
    for c in kids.get(k, []):
        rel = a.tokens[c].rel.split(":")[0]
        if rel == "obl" and lemmas[c - first] in _SPANS and _case_marker(a, kids, c) in ("через", "спустя"):
            return True
        if rel in ("obj", "obl") and any(lemmas[g - first] in ("еще", "ещё") and a.tokens[g].rel == "advmod"
                                         for g in kids.get(c, [])):
            return True
    return False


def _repeats(events: list[Event], etype: str, actor: list[str], recipient: list[str], location: str | None,
             nominal: bool, date: EventDate, counts: set[float], figures: list[Figure],
             mode: str | None = None, own_place: str | None = None, told: bool = False,
             nonstate: bool = False, anaphoric: bool = False, plural: bool = False, search: bool = False,
             *, geo: dict[str, Geo | None], recap: bool = False,
             dates: dict[int, EventDate] | None = None, day: str | None = None) -> Event | None:
    """The earlier event a mention repeats, if any: the latest one of the same type whose participants
    and place do not contradict it. News tells an event first and details it after ("В Минске
    задержаны несколько человек. ... ОМОН задержал от 6 до 8 человек"); separate actors or
    targets doing the same thing, or the same thing in another place, stay separate events. A
    noun ("в ходе протестов") names no new place of the sentence's, so only its participants and a
    place of its own phrase count ("погиб в перестрелке близ села Геджух"). Another date (also
    a date of its own that cannot be the document date another mention fell back to: "Тогда, летом
    2013 года, ... арестовали"; a verb's day after a mention known only by a year-precise document
    date: "29 июля ВВС нанесли"), or a verb with its own count of people after an event that had
    one ("стрелок убил двух человек" after "ранил женщину, ... убил пятерых") or that named its
    people without a count ("задержали волонтера X" ... "задержали более 1300 участников"), is another
    occurrence. A noun that its clause predicates (``told``: "произошло нападение", "Протесты начались")
    with a sentence place other than the earlier event's (not a city within its region, ``geo``: "похищен в
    Назрани" after "освобожден в Ингушетии") is another one too, and an attack noun (``nonstate``: "теракт",
    "взрыв") does not re-tell a strike by a named actor. A noun that points
    back (``anaphoric``: "этой забастовки", "забастовка продолжается") re-tells whatever date it names, and so
    does the writer's recap (``recap``: "Напомним, ...", "Как сообщалось, ...") against a record known only by the
    document date or by a date that holds its own ("в мае" ... "Напомним, 6 мая ...")."""
    for ev in reversed(events):
        if ev.type != etype:
            continue
        # (``dates``: the date each record's own clause gives it, where a date of another act dated it)
        evd = dates.get(id(ev), ev.date) if dates else ev.date
        # "Напомним, Зязиков был похищен 23 марта": a recap dates the act told before ("в мае" ... "6 мая")
        recalled = recap and (not evd.resolved or bool(date.value and evd.value
                                                       and date.value.startswith(evd.value)))
        if not recalled and not anaphoric and date.resolved and date.value and evd.value \
                and date.value != evd.value and (evd.resolved or not _same_time(date.value, evd.value)):
            continue
        if not recalled and not anaphoric and not nominal and day and evd.value and not evd.resolved \
                and day != evd.value and len(evd.value) < 10:
            continue  # a day told (by any clause of the verb's sentence: ``day``) after a mention known only by a
            # year- or month-precise document date
        if nominal and own_place and ev.location and own_place != ev.location:
            continue
        if nominal and own_place and ev.location is None and not anaphoric and not plural:
            continue  # "нападение на село Рошни-Чу", "теракта в городе Суруч" after an act told with no place
            # ("массовые протесты в Исламабаде, Лахоре" sums up what was told)
        if not nominal and own_place and ev.location is None:
            continue  # "выпустила 4 ракеты по академии в Иерихоне" after strikes told with no place: another target
        if nonstate and ev.actor and _lemma_of(ev.trigger.text.split()[0]) not in _NON_STATE_NOUNS:
            continue  # "ВВС нанесли удары ... ответом на теракты": a state's strike does not re-tell an attack on it
        if mode and ev.mode and mode != ev.mode:  # a dispersal and the arrests after it
            continue
        if (mode is not None or search) and bool({_lemma_of(w) for w in ev.trigger.text.split()} & _SEARCH) != search:
            continue  # "идёт поиск виновных" ... "Мурси, которого арестовали": a search is no arrest, nor
            # is a search of premises ("провели обыски ..., в результате которых был арестован"), nor a
            # cordon after it ("провела обыск" ... "район оцеплен"): a search has no mode, each of these has;
            # nor does a search (``search``) re-tell an arrest or an operation ("После задержания главы ... обыски
            # прошли у пятерых членов"), only an earlier search
        if not nominal and counts and ev.figures and counts.isdisjoint(
                {figures[i].value for i in ev.figures if figures[i].value is not None}):
            continue
        if not nominal and counts and not ev.figures and ev.recipient and not recipient:
            continue  # "задержали волонтера Меняйло" ... "задержали более 1300 участников": a count of others
        if actor and ev.actor and not set(actor) & set(ev.actor):
            continue
        if recipient and ev.recipient and not set(recipient) & set(ev.recipient):
            continue
        if (not nominal or told) and location and ev.location and location != ev.location \
                and not _nested(geo.get(location), geo.get(ev.location)):
            continue  # (a place within the other's is no other place: "похищен в Назрани" after "в Ингушетии")
        return ev
    return None


def _described_again(events: list[Event], etype: str, date: EventDate, mode: str | None) -> bool:
    """Whether an attributive participle (or a noun of news about an act) points back to a record told before:
    the latest one of its type and mode, unless the mention's sentence dates it otherwise. Once an act is told,
    a participle describing its people ("показал видеозапись с россиянами, похищенными в Ираке", "информацию о
    задержанном в Испании уроженце") names them by it, and news about it reports on it: neither tells the act
    again, whoever or wherever they add (an own place was tried as a sign of another act: dev lost precision)."""
    for ev in reversed(events):
        if ev.type != etype or (mode and ev.mode and mode != ev.mode):
            continue  # "имущество арестовал ... изъятых в ходе обысков": a seizure, not the arrest
        # not "инженере, захваченном талибами 19 января" after another kidnapping, nor "Договора ..., подписанного
        # 15 мая 1992 года" after a deal of an undated text
        return not (date.resolved and date.value and date.value != ev.date.value and (
            ev.date.resolved or not ev.date.value or not _same_time(date.value, ev.date.value)))
    return False


#: What an arrest of property seizes ("арестовал имущество", "была арестована коллекция картин").
_PROPERTY = frozenset({"имущество", "счет", "счёт", "актив", "средство", "коллекция", "акция", "недвижимость",
                       "деньги", "вклад", "собственность", "земля", "участок", "квартира", "дом", "доля", "картина",
                       "ценность", "имущественный"})
_ARRESTING = frozenset({"арестовать", "арестовывать"})


def _seized_property(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether an arrest verb's object (or passive subject) is property, not a person: the guide's SANCTION
    ("СК арестовал имущество Улюкаева", "по запросу Noga была арестована коллекция картин")."""
    if lemmas[k - first] not in _ARRESTING:
        return False
    return any(a.tokens[c].rel in ("obj", "nsubj:pass") and lemmas[c - first] in _PROPERTY for c in kids.get(k, []))


#: Words that declare, extend or bring in a state of emergency ("ввел в республике чрезвычайное положение").
_DECLARING = frozenset({"ввести", "вводить", "введение", "ввод", "объявить", "объявлять", "объявление", "утвердить",
                        "утверждать", "продлить", "продлевать", "продление"})


def _declared(a: Analysis, lemmas: list[str], first: int, noun: int) -> bool:
    """Whether a state noun ("чрезвычайное положение") is governed, directly or through "режим", by a word of
    declaring it ("объявил чрезвычайное положение", "объявлен режим чрезвычайного положения", "с момента
    введения чрезвычайного положения")."""
    head = a.tokens[noun].head
    if head >= first and lemmas[head - first] == "режим":
        head = a.tokens[head].head
    return head >= first and lemmas[head - first] in _DECLARING


#: Acts whose announcer is their doer: "объявил о начале военной операции", "объявил о включении в санкционный
#: список" (not speech acts or protests: "объявил о забастовке" may be told of others).
_ANNOUNCED_ACTS = frozenset({"SANCTION", "ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "AID"})
_ANNOUNCE = frozenset({"объявить", "объявлять"})
#: Nouns of an act's stage between it and the announcing verb ("о начале операции", "о введении санкций").
_STAGES = frozenset({"начало", "введение", "проведение", "завершение", "окончание", "продление", "расширение"})


def _announcer(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
               mentions: _Mentions) -> Entity | None:
    """The named subject of "объявить о" over an act noun ``k``, directly or through a stage noun ("Путин объявил о
    начале специальной военной операции", "Вашингтон объявил о включении в санкционный список"): who
    announces their own act does it."""
    node = k
    head = a.tokens[node].head
    if head >= first and lemmas[head - first] in _STAGES and a.tokens[node].rel.startswith("nmod"):
        node, head = head, a.tokens[head].head
    if head < first or lemmas[head - first] not in _ANNOUNCE or _case_marker(a, kids, node) not in ("о", "об"):
        return None
    subj = [c for c in kids.get(head, []) if a.tokens[c].rel == "nsubj"]
    return mentions.best(_phrase(a, kids, subj[0])) if subj else None


def _counted_dead(a: Analysis, lemmas: list[str], sent: Sentence, k: int) -> bool:
    """Whether a passive "убит(ы)" reports a count of the dead ("11 палестинцев убиты", "были убиты четыре мирных
    жителя"): casualties, which the guide leaves out on their own (they belong to the attack told before;
    statistics over years are no event either); a named victim ("был убит Казбек Пагиев") is told as an act."""
    tok = a.tokens[k]
    if lemmas[k - sent.first_token] != "убить" or tok.feats.get("Voice") != "Pass":
        return False
    return any(f.kind == "killed" and sent.start <= f.start < sent.end for f in a.figures)


#: Projectiles fired at a target, whose bursting tells where the fire fell, not another attack ("Одна из ракет
#: разорвалась на территории ...", "Ракета взорвалась рано утром в поселке"); the guide: "a second and a third wave
#: of rocket fire are records of their own, rockets falling in towns are not". (Bombs and mines laid in place are
#: the attack itself: "В кафе взорвалась бомба", "взорвалась мина".)
_PROJECTILES = frozenset({"ракета", "снаряд"})
#: Modes of fire whose projectiles burst where they fall.
_FIRE = frozenset({"heavy-weapons", "aerial"})
_BURST = frozenset({"разорваться", "взорваться"})
#: Words that place a told act after another one ("затем").
_THEN = frozenset({"затем", "потом", "позже", "позднее", "впоследствии"})
#: "увезти в неизвестном направлении": the end of a kidnapping or arrest told before, when one was.
_TAKEN_AWAY = frozenset({"увезти"})


def _quoted_again(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether an attack is told in a direct quote after the narrative has told an attack: a witness's or an
    official's words detail the act of the report ("«Сотрудники ЧОП двоих мужчин кинули в канаву, одному нанесли
    удар»", "«Радиоуправляемый фугас сработал в тот момент, когда ...»"), not another one; unless the quote marks
    it as another ("ещё", "снова", "другой") or as one that followed ("«После подрыва боевики обстреляли
    милиционеров»", "затем")."""
    quote = _enclosing_quote(a, a.tokens[k].start)
    if quote is None or quote.kind != "direct":
        return False
    if any(lemmas[c - first] in _AGAIN or lemmas[c - first] in _THEN or _case_marker(a, kids, c) == "после"
           for c in kids.get(k, [])):
        return False
    return any(ev.type == "ASSAULT" and ev.trigger.end <= quote.start for ev in a.events)


def _habitual(a: Analysis, k: int, sent: Sentence) -> bool:
    """Whether an attack verb is in the present tense of an imperfective verb with no date or time in its sentence:
    news tells attacks that took place in the past; the present names habitual, generic or figurative acts ("на
    юго-востоке Ирана уже не в первый раз похищают иностранных туристов", "по мнению президента, армия расстреливает
    города", "газопровод убивает эффект санкций"), which the guide leaves out; a dated present is a chronicle's ("9
    декабря 2003 года смертница взрывает пояс")."""
    tok = a.tokens[k]
    if tok.pos != "VERB" or tok.feats.get("VerbForm") != "Fin":
        return False
    parses = models.morph().parse(tok.text.lower())
    if not parses or parses[0].tag.tense != "pres" or parses[0].tag.aspect != "impf":
        return False
    return not any(sent.start <= t.start < sent.end and t.type in ("DATE", "TIME") for t in a.timexes)


def _impact(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a burst verb's subject is a projectile ("Ракета взорвалась", "один из снарядов разорвался", "в поселке
    разорвалась ракета, выпущенная ...")."""
    if lemmas[k - first] not in _BURST:
        return False
    for c in kids.get(k, []):
        if not a.tokens[c].rel.startswith("nsubj"):
            continue
        if lemmas[c - first] in _PROJECTILES:
            return True
        if lemmas[c - first] == "один" and any(lemmas[g - first] in _PROJECTILES for g in kids.get(c, [])):
            return True
    return False


#: Infinitives under "отказаться" that make the refusal a protest: to take part or vote (a boycott), to work.
_BOYCOTTED = frozenset({"участвовать", "голосовать", "проголосовать"})
_WORKING = frozenset({"работать", "выйти", "выходить", "приступить", "приступать"})


def _walkout(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> str | None:
    """The PROTEST mode of a refusal to take part or to work ("все оппозиционеры отказались в них участвовать",
    "отказались выйти на работу": PLOVER's boycott and strike), else None."""
    if lemmas[k - first] not in ("отказаться", "отказываться"):
        return None
    for c in kids.get(k, []):
        if a.tokens[c].feats.get("VerbForm") != "Inf":
            continue
        if lemmas[c - first] in _BOYCOTTED:
            return "boycott"
        if lemmas[c - first] in _WORKING and (lemmas[c - first] == "работать" or any(
                lemmas[g - first] in ("работа", "смена") for g in kids.get(c, []))):
            return "strike-lim"
    return None


#: Nouns of news or claims about an act ("информацию о похищении", "сообщения о стрельбе", "миф о").
_NEWS = _CLAIMS | frozenset({"сведение", "новость", "известие", "весть", "доклад", "отчет", "отчёт", "миф",
                             "сообщать", "подробность"})


def _reported_on(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether act noun ``k`` is what a noun of news or claims is about ("информацию о похищении молодого
    человека", "относится к заявлениям о его похищении"): told after the act itself, it reports on it."""
    head = a.tokens[k].head
    return head >= first and lemmas[head - first] in _NEWS and _case_marker(a, kids, k) in ("о", "об")


def _nested(one: Geo | None, other: Geo | None) -> bool:
    """Whether one place of the gazetteer lies within the other's region ("Назрань" in "Ингушетия"). A
    city within a country is not counted: news tells unrest in a country, then its acts city by city."""
    if one is None or other is None or not one.country or one.country != other.country:
        return False
    return any(outer.precision == "region" and inner.precision in ("city", "site") and bool(outer.admin1)
               and inner.admin1 == outer.admin1 for inner, outer in ((one, other), (other, one)))


def _retold(events: list[Event], etype: str, actor: list[str], recipient: list[str], si: int,
            told_in: dict[int, int]) -> Event | None:
    """The statement a speech act retells: the latest one of the same type, told in this or the
    previous sentence, by the same actor (or by one the later mention leaves unnamed: "Они призвали")
    and to no other recipient. Further apart, or by someone else, a verb of saying tells a statement
    of its own ("МИД осудил ... Позднее премьер также осудил")."""
    for ev in reversed(events):
        if ev.type != etype:
            continue
        if si - told_in.get(id(ev), -10) > 1 or not ev.actor:
            return None
        if actor and not set(actor) & set(ev.actor):
            return None
        if recipient and ev.recipient and not set(recipient) & set(ev.recipient):
            return None
        return ev
    return None


#: adjectives that set an act apart from the one told before ("после предыдущего задержания",
#: "прошлогодняя акция"; "очередной визит" is as often the one under way; ordinals and "следующий" were
#: tried in session 8 and dropped: on corpus text they count the act just told ("это третий иск") or name
#: a future one ("ждем следующей встречи"))
_OTHER_OF_KIND = frozenset({"предыдущий", "прошлый", "прошлогодний", "прежний", "позапрошлый"})


def _another_act(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a mention says it is another act of its kind, not the earlier one retold: an adjective
    of another time on a singular trigger ("после предыдущего задержания"; "предыдущие раунды" sums up
    several), or "кроме того" on the clause the trigger is the predicate or the subject or adjunct of
    ("Кроме того, произошло нападение на консульство"; not "Кроме того, X указывает, что внесение ..."),
    or "ещё один" (``_one_more``). An additive "также" is no such sign: it as often adds a patient to
    the same act ("был захвачен также её шофёр")."""
    if a.tokens[k].feats.get("Number") != "Plur" and any(
            lemmas[c - first] in _OTHER_OF_KIND and a.tokens[c].feats.get("Number") != "Plur" for c in kids.get(k, [])):
        return True
    head = a.tokens[k].head
    holders = {k} | ({head} if head >= first and a.tokens[k].rel in ("nsubj", "nsubj:pass", "obl") else set())
    return any(lemmas[i - first] == "кроме" and a.tokens[i + 1].text.lower() == "того"
               and (a.tokens[i].head in holders or a.tokens[i + 1].head in holders) for i in range(first, k)) \
        or _one_more(a, lemmas, first, k, kids)


def _one_more(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """"Ещё один/одно" on the trigger noun or on the patient of its verb tells one more act of the kind
    ("Еще одно взрывное устройство было подорвано", "ещё один теракт"), not the last one retold ("Еще одна
    особенность лета - похищают ...": not on the subject of an active verb)."""
    holders = [k] + [c for c in kids.get(k, []) if a.tokens[c].rel in ("nsubj:pass", "obj")]
    return any(lemmas[g - first] == "один" and g > first and lemmas[g - 1 - first] in ("еще", "ещё")
               for x in holders for g in kids.get(x, []))


_DEMONSTRATIVES = frozenset({"этот", "данный", "указанный", "упомянутый", "вышеупомянутый"})
_GOES_ON = frozenset({"продолжаться", "продолжиться"})
#: Modifiers of a noun that name the act under way, which a record told before is ("нынешний визит").
_CURRENT = frozenset({"нынешний", "текущий"})


def _goes_on(a: Analysis, lemmas: list[str], first: int, k: int) -> bool:
    """A noun that refers to an act already told as the subject of "продолжаться" ("забастовка во
    многих регионах продолжается"), as one with a demonstrative does ("в преддверии этой забастовки";
    "такая акция" is another act of the kind)."""
    head = a.tokens[k].head
    return a.tokens[k].rel.startswith("nsubj") and head >= first and lemmas[head - first] in _GOES_ON


def _times(a: Analysis, sent: Sentence) -> list[tuple[str, str | None]]:
    """The dates and times a sentence names, as (lower-cased text, precision), resolved or not."""
    return [(t.text.lower(), t.precision) for t in a.timexes
            if sent.start <= t.start < sent.end and t.type in ("DATE", "TIME")]


def _other_time(a: Analysis, first: Sentence, later: Sentence) -> bool:
    """Whether a later mention names another time than the event's own sentence, also where a
    year-only document date leaves both unresolved: a time of the same precision that the first
    sentence does not name ("в среду" after "в понедельник"), or one of several the first sentence
    counted ("обстрел в субботу вечером и в воскресенье утром" ... "в воскресенье утром выпустили")."""
    if first is later:
        return False
    old = _times(a, first)
    for text, precision in _times(a, later):
        same = [t for t, p in old if p == precision]
        if same and (text not in same or len(set(same)) > 1):
            return True
    return False


def _dated_apart(a: Analysis, kids: dict[int, list[int]], k: int, first: Sentence) -> bool:
    """Whether noun ``k`` is dated by a year of its own that the earlier record's sentence does not name
    ("состоявшейся в марте 2003 года встречи президентов", "Согласно соглашению 1855 года"): talks or a
    deal of another time, not the earlier one retold. The time must hang from the noun or from a
    participle describing it; a day alone ("2 сентября перед встречей") may be the day of the first."""
    holders = {k} | {c for c in kids.get(k, []) if a.tokens[c].rel in ("acl", "amod")}
    old = {text for text, _ in _times(a, first)}
    for t in a.timexes:
        if t.type not in ("DATE", "TIME") or t.text.lower() in old or not re.search(r"\d{4}", t.text):
            continue
        i, j = a.token_range(t.start, t.end)
        if any(a.tokens[x].head in holders for x in range(i, j)):
            return True
    return False


def _agreed_anew(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
                 earlier: list[str]) -> bool:
    """A joint act whose verb names what was agreed or discussed by an infinitive the earlier record's
    sentence does not have ("договорились ... обсудить все факторы" after "пришли к соглашению по
    продлению договора"): another agreement, not the first retold."""
    return any(a.tokens[c].rel == "xcomp" and a.tokens[c].feats.get("VerbForm") == "Inf"
               and lemmas[c - first] not in earlier for c in kids.get(k, []))


def _patients_differ(tok: Token, number: str | None) -> bool:
    """Two passive mentions whose patients differ in number ("был казнен" after "похищены и казнены
    6 граждан", "были арестованы лидеры" after "задержан Мурси") tell acts on other people."""
    return number is not None and tok.feats.get("Voice") == "Pass" and tok.feats.get("Number", number) != number


def _same_time(value: str, document: str) -> bool:
    """Whether a resolved date can be the time of an event whose other mention had only the
    document date: the same at the coarser of the two precisions ("2011-04-02" in "2011"), or a
    day of the ten before a day-precise document date ("в понедельник" in a Wednesday's news)."""
    n = min(len(value), len(document), 10)
    if value[:n] == document[:n]:
        return True
    if n < 10:
        return False
    try:
        gap = (dt.date.fromisoformat(document[:10]) - dt.date.fromisoformat(value[:10])).days
    except ValueError:
        return False
    return -1 <= gap <= 10


def _deployed(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Forces sent to towns or a border of one's own ("направили войска в крупные города"): a
    deployment (MOBILIZE), not help sent to another party, which names that party ("в Казахстан")."""
    if any(lemmas[c - first] in _AID_WORDS for c in _subtree(kids, k) if c != k):
        return False
    places = [c for c in kids.get(k, []) if _case_marker(a, kids, c) in ("в", "на", "к")
              and a.tokens[c].pos in ("NOUN", "PROPN")]
    return bool(places) and all(a.tokens[c].pos == "NOUN" for c in places)


#: Subjects that make blocking a road a restriction by the state, not a protest ("силы правопорядка
#: блокировали подъезды", "ОМОН перекрыл улицу"), besides the state agents above.
_POLICE = _STATE_AGENTS | frozenset({"ОМОН", "ГИБДД", "ДПС", "МВД", "ФСБ", "милиция", "милиционер", "росгвардия",
                                     "нацгвардия", "жандармерия", "правоохранитель", "охрана", "патруль"})


def _police_subject(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether the one who blocks is the police or another state agent: the subject of the trigger,
    of the verb it completes ("пытаются блокировать военнослужащие"), or the agent of a passive
    ("перекрыта полицией"); a named force counts by its head noun ("Полиция Баку")."""
    verbs = [k] + ([a.tokens[k].head] if a.tokens[k].rel in ("xcomp", "csubj") and a.tokens[k].head >= 0 else [])
    for v in verbs:
        for c in kids.get(v, []):
            if a.tokens[c].rel in ("nsubj", "obl:agent") or (
                    a.tokens[c].rel == "obl" and a.tokens[c].feats.get("Case") == "Ins"
                    and a.tokens[k].feats.get("Voice") == "Pass"):
                return lemmas[c - first] in _POLICE
    return False


_COURTS = frozenset({"суд", "судья", "трибунал", "коллегия"})
_SENTENCING = frozenset({"приговорить", "приговаривать", "осудить", "осуждать", "приговор"})


def _court_act(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """An arrest or release that a court decided, which the guide leaves out with court rulings: a
    court is the subject of the trigger or of a verb over it ("суд ... санкционировал арест военных",
    "суд принял решение освободить"), or an arrest is "на N суток" (administrative arrest)."""
    if lemmas[k - first] in ("арестовать", "арест", "арестовывать") and any(
            lemmas[c - first] == "сутки" for c in kids.get(k, [])):
        return True
    head = a.tokens[k].head
    if head >= first and a.tokens[k].rel == "conj":
        head = a.tokens[head].head  # "к штрафу или аресту": the sentence governs the first of the pair
    if head >= first and lemmas[head - first] in _SENTENCING and a.tokens[k].pos == "NOUN":
        return True  # "приговаривают к штрафу или аресту до 15 суток"
    node, depth = k, 0
    while node >= 0 and depth < 3:
        if any(a.tokens[c].rel.startswith("nsubj") and lemmas[c - first] in _COURTS for c in kids.get(node, [])):
            return True
        node, depth = a.tokens[node].head, depth + 1
    return False


#: What only a court or a tribunal is asked for: a refusal of it is a ruling ("отказал в удовлетворении
#: жалобы", "в иске", "в условно-досрочном освобождении").
_PLEAS = frozenset({"удовлетворение", "иск", "жалоба", "ходатайство", "апелляция", "кассация", "освобождение",
                    "пересмотр", "рассмотрение", "отсрочка"})


def _court_refusal(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A refusal ("отказать") of a plea only a court decides, or told in a relative clause or participle of
    a court ("решение суда, который отказал ...", "суда, отказавшего ей в отсрочке"): a ruling, which the
    guide leaves out; an office's refusal ("облизбирком отказал в регистрации", "было отказано в
    предоставлении гражданства") stays REJECT."""
    if lemmas[k - first] not in ("отказать", "отказывать"):
        return False
    tok = a.tokens[k]
    if tok.rel in ("acl:relcl", "acl") and tok.head >= first and lemmas[tok.head - first] in _COURTS:
        return True
    return any(a.tokens[c].rel == "obl" and lemmas[c - first] in _PLEAS for c in kids.get(k, []))


#: Documents of a court that may tell a verdict ("в постановлении суда сказано, что ...").
_RULINGS = frozenset({"постановление", "решение", "приговор", "вердикт", "определение"})


def _ruling(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A reporting verb whose speaker is a court or a judge, or whose source is a ruling ("судья
    заявил", "в постановлении суда сказано"): what it tells is a verdict, which the guide leaves out."""
    return any((a.tokens[c].rel.startswith("nsubj") and lemmas[c - first] in _COURTS)
               or (a.tokens[c].rel == "obl" and lemmas[c - first] in _RULINGS) for c in kids.get(k, []))


def _told_participle(a: Analysis, k: int, kids: dict[int, list[int]]) -> bool:
    """A participle that tells an act of its own: it modifies a noun and says when, where or by whom
    ("заложник, захваченный в Ираке на прошлой неделе", "вертолёт, сбитый боевиками"); a bare one
    names people or things ("задержанные", "похищенный")."""
    if a.tokens[k].rel not in ("acl", "amod"):
        return False
    return any(a.tokens[c].rel in ("obl", "obl:agent") and a.tokens[c].pos in ("NOUN", "PROPN", "PRON")
               for c in kids.get(k, []))


#: Relations of a word that stands as a noun: a participle in them names its people ("из взятых в плен").
_NOMINAL_RELS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "nmod", "obl"})
#: What a "демонстрация" shows when it is no rally ("демонстрация фильмов", "на киноэкранах", "силы").
_SHOWN = frozenset({"фильм", "кинофильм", "кино", "сериал", "программа", "передача", "ролик", "видео", "видеозапись",
                    "запись", "кадр", "экран", "киноэкран", "телевидение", "мощь", "сила", "товар",
                    "коллекция", "мода", "модель", "образец", "возможность", "слайд", "презентация"})
#: Who pleads before a court ("прокурор просил наказать обвиняемых").
_PLEADERS = frozenset({"прокурор", "гособвинитель", "гособвинение", "обвинение", "адвокат", "защитник", "истец"})
#: Courts one turns to with a lawsuit ("обратилась в суд", "в арбитраж", "в ЕСПЧ").
_LAWSUIT_COURTS = frozenset({"суд", "арбитраж", "ЕСПЧ", "трибунал", "Страсбург"})
#: Heads under which an act noun names a charge ("дело о призывах", "по факту призыва", "статья о").
_CHARGES = frozenset({"дело", "факт", "статья", "обвинение", "подозрение"})
#: Words of a visit, and the kinds of site whose visit has no counterpart (the guide: a visit with no one to
#: meet is no CONSULT: "посетил выставку", "в ходе посещения Музея мамонта", "визит на острова").
_VISITS = frozenset({"посетить", "посещать", "посещение", "визит"})
_SITES = frozenset({"выставка", "экспозиция", "музей", "аквапарк", "зоопарк", "завод", "фабрика", "комбинат",
                    "предприятие", "стройка", "стройплощадка", "больница", "госпиталь", "школа", "храм", "собор",
                    "монастырь", "мечеть", "стадион", "поселок", "деревня", "село", "остров",
                    "памятник", "мемориал", "кладбище", "могила", "ферма", "шахта", "ярмарка", "авиасалон",
                    "место", "театр", "кинотеатр",
                    # sites and grounds with no one to meet (courts and prisons one visits as a party or a
                    # guest, not as a counterpart; "скамейку штрафников", a team's bench)
                    "суд", "колония", "тюрьма", "СИЗО", "сизо", "изолятор", "лагерь", "полигон", "аэропорт",
                    "вокзал", "станция", "гостиница", "отель", "клиника", "парк", "магазин",
                    "рынок", "ресторан", "кафе", "библиотека", "галерея", "церковь", "скамейка", "площадка",
                    # events one attends
                    "концерт", "матч", "игра", "спектакль", "фестиваль", "премьера", "шоу", "церемония",
                    "похороны", "праздник", "парад", "турнир", "чемпионат", "соревнование"})
#: What settles a deal as an agreement of parties ("заключили сделку", "сделка ... заключена"); a bare
#: "сделка" is a business transaction ("Сумма сделки", "выгодные сделки", "сделки с золотом").
_DEAL_MADE = frozenset({"заключить", "заключать", "подписать", "подписывать", "достичь", "достигнуть",
                        "согласовать", "согласовывать"})
#: Parties of a plea deal, court procedure ("заключил сделку со следствием").
_PROSECUTION = frozenset({"следствие", "обвинение", "прокуратура", "правосудие", "прокурор"})
#: What a civil suit claims, and courts as a suit's goal: court procedure, not an accusation ("подала иск на
#: взыскание долга", "удовлетворил гражданский иск", "подал в Арбитражный суд иск об истребовании акций").
_CIVIL_CLAIMS = frozenset({"гражданский", "взыскание", "истребование", "компенсация", "возмещение", "выплата"})
_FILE = frozenset({"подать", "подавать", "направить", "направлять", "предъявить", "предъявлять"})
#: Nouns whose content (a noun under them) is agreed, set as a condition or applied for, not done
#: ("Договоренность об отводе войск", "условия прекращения огня", "заявку на проведение акции").
_CONTENT_HEADS = frozenset({"договоренность", "условие", "заявка", "соглашение"})
_AGREEMENTS = _CONTENT_HEADS | frozenset({"договор", "сделка", "контракт", "меморандум", "перемирие"})
#: Verbs whose subject receives the threat ("получала угрозы похищения").
_RECEIVE = frozenset({"получить", "получать"})
#: Words of a call-up to military service ("призван на военную службу", "призыв в армию").
_CALLING_UP = frozenset({"призвать", "призывать", "призыв"})
_SERVICE = frozenset({("на", "служба"), ("на", "сборы"), ("на", "сбор"), ("в", "армия"), ("в", "ряды"),
                      ("в", "войско"), ("в", "флот")})
_DRAFT_SEASONS = frozenset({"весенний", "осенний", "срочный", "призывной", "воинский", "всеобщий"})
#: Services one calls for help, not a party one talks to ("позвонил в полицию", "в службу спасения").
_EMERGENCY = frozenset({"служба", "полиция", "милиция", "скорая", "скорый", "911", "112", "102", "103", "мчс",
                        "МЧС", "дежурный", "часть"})
#: Stems of the verbs that open, pursue or fabricate a criminal case ("возбуждено", "завели", "расследуется",
#: "пытались сфабриковать").
_CASE_OPENING = ("возбу", "завед", "завел", "завест", "завод", "откры", "расслед", "начат", "начал", "начин",
                 "сфабрик", "фабрик")


def _case_opened(a: Analysis, lemmas: list[str], first: int, noun: int, kids: dict[int, list[int]]) -> bool:
    """The noun "дело" is told opened or investigated: its governing verb or a participle on it is one of
    ``_CASE_OPENING`` ("возбуждено уголовное дело", "уголовное дело, возбужденное по статье ..."), not a
    noun ("расследование уголовного дела" names the case again)."""
    head = a.tokens[noun].head
    words = [c for c in kids.get(noun, []) if a.tokens[c].rel.startswith("acl")]
    if head >= first:
        words.append(head)
    return any(a.tokens[w].pos != "NOUN" and (a.tokens[w].text.lower().startswith(_CASE_OPENING)
                                              or lemmas[w - first].startswith(_CASE_OPENING)) for w in words)


def _conscription(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A call-up to military service or a purpose, no call on anyone: "призван на военную службу", "весенний
    призыв", "служить по призыву" (no owner: "по призыву Трампа" is a call), "законопроект призван укрепить"."""
    lemma = lemmas[k - first]
    if lemma not in _CALLING_UP:
        return False
    under = kids.get(k, [])
    if any((_case_marker(a, kids, c), lemmas[c - first]) in _SERVICE for c in under):
        return True
    if lemma == "призыв":
        return any(lemmas[c - first] in _DRAFT_SEASONS for c in under) or (
            _case_marker(a, kids, k) == "по" and not any(a.tokens[c].rel.startswith("nmod") for c in under))
    return lemma == "призвать" and a.tokens[k].feats.get("Variant") == "Short" and any(
        a.tokens[c].feats.get("VerbForm") == "Inf" for c in under)


#: Verbs of proposing, a REQUEST only when they propose that someone act ("предложила всем государствам прервать
#: отношения", "предложил заговорщикам сдаться").
_PROPOSING = frozenset({"предложить", "предлагать"})


def _bare_proposal(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """A verb of proposing that asks no addressee to act: an offer of a thing ("предложил помощь", "предлагает
    новый продукт"), a nomination, or a measure proposed with no one named to take it ("депутаты предложили ввести
    уголовную ответственность", "министр предлагает решать"): a policy proposal, no request. A request has an
    infinitive and an addressee in the dative, and a proposer named by a name or a state body ("Касьянов предложил
    руководству края приостановить"); offers made by the unnamed are mostly private or commercial ("им предложили
    оплатить трансфер", "сотрудники заведения предложили мужчине поужинать")."""
    if lemmas[k - first] not in _PROPOSING:
        return False
    under = kids.get(k, [])
    act = any(a.tokens[c].feats.get("VerbForm") == "Inf" and a.tokens[c].rel in ("xcomp", "ccomp", "obj", "csubj")
              for c in under)
    addressee = any(a.tokens[c].feats.get("Case") == "Dat" and a.tokens[c].rel in ("iobj", "obl", "obj")
                    and not _case_marker(a, kids, c) for c in under)
    named = any(a.tokens[c].rel == "nsubj" and (lemmas[c - first] in _STATE_AGENTS or any(
        a.tokens[g].pos == "PROPN" for g in _subtree(kids, c))) for c in under)
    return not (act and addressee and named)


#: Heads of a charge or an admission over a crime noun ("подозревали в 11 убийствах", "сознался в убийствах").
_CHARGED = frozenset({"подозревать", "подозреваться", "подозрение", "подозреваемый", "обвинять", "обвиняться",
                      "обвинение", "обвиняемый", "сознаться", "признаться", "вина", "причастность", "причастный",
                      "дело", "статья"})
_MONTHS = frozenset({"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                     "ноябрь", "декабрь"})
#: Words of a count of several ("несколько нападений", "десятки убийств").
_SEVERAL = frozenset({"несколько", "множество", "десяток", "сотня", "тысяча", "два", "три", "четыре", "пять",
                      "шесть", "семь", "восемь", "девять", "десять", "сто", "двадцать", "тридцать", "сорок",
                      "пятьдесят", "много"})
#: A span of years or months ("с 2014 года", "в 2004-2005 годах", "между 1988 и 2002 годами", "за последние 10 лет").
_PERIOD = re.compile(r"\bс\s+(?:[а-я]+\s+)?\d{4}\s+г|\d{4}\s*[-–—]\s*\d{4}|между\s+\d{4}|"
                     r"за\s+(?:последние\s+)?(?:\d+|несколько|два|три|пять|десять)\s+(?:лет|год|месяц)|"
                     r"с\s+начала\s+(?:года|\d{4})", re.IGNORECASE)


def _aggregate(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
               sent: Sentence) -> bool:
    """Whether a plural attack noun tallies acts instead of telling one: counted ("сто нападений", "в 11
    убийствах") under a charge or over a span of years ("которые произошли с 2014 года"), or under a charge
    over a span ("обвинение в причастности к убийствам ... в 2004-2005 годах"), or a number of them
    ("число убийств возросло"). The guide: statistics and counted, habitual acts are no events (a count
    followed by its details, "произошли 2 теракта", names no span and no charge and stays)."""
    tok = a.tokens[k]
    if tok.pos != "NOUN" or tok.feats.get("Number") != "Plur":
        return False
    if tok.head >= first and lemmas[tok.head - first] in ("число", "количество"):
        return True
    counted = any(lemmas[c - first] in _SEVERAL or (
        a.tokens[c].rel.startswith("nummod") and a.tokens[c].text.isdigit() and 2 <= int(a.tokens[c].text) < 1000
        and not (c + 1 < len(a.tokens) and _lemma(a.tokens[c + 1]) in _MONTHS)) for c in kids.get(k, []))
    charged, node, depth = False, tok.head, 0
    while node >= first and depth < 3:
        if lemmas[node - first] in _CHARGED:
            charged = True
            break
        node, depth = a.tokens[node].head, depth + 1
    period = bool(_PERIOD.search(a.text[sent.start:sent.end]))
    return (counted and (charged or period)) or (charged and period)


#: Words that name an act as the time of another ("после взрыва", "в момент взрыва", "перед началом столкновений").
_LANDMARKS = frozenset({"после", "перед", "до", "накануне", "момент"})


def _landmark(a: Analysis, lemmas: list[str], first: int, opening: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a noun trigger names its act only as the time of another ("после стрельбы в Тусоне", "в момент
    взрыва", "после начала беспорядков"), with no time of its own under it ("после теракта 11 сентября")."""
    j = opening - 1
    if j >= first and lemmas[j - first] in ("начало", "окончание", "завершение") and a.tokens[k].head == j:
        j -= 1  # "после начала беспорядков", "перед началом столкновений"
    if j < first or lemmas[j - first] not in _LANDMARKS:
        return False
    if lemmas[j - first] == "момент" and not (j > first and lemmas[j - 1 - first] in ("в", "с")):
        return False
    holders = {k} | {c for c in kids.get(k, []) if a.tokens[c].rel in ("acl", "amod", "nmod")}
    for t in a.timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        i, e = a.token_range(t.start, t.end)
        if any(a.tokens[x].head in holders for x in range(i, e)):
            return False
    return True


def _visited_site(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a visit's goal (the object of "посетить", the genitive of "посещение", "в / на" after "визит") is
    a site, not a state, a city or a body one meets ("посетил выставку", "визит на острова")."""
    for c in kids.get(k, []):
        if lemmas[c - first] not in _SITES or a.tokens[c].rel not in ("obj", "nmod", "obl"):
            continue
        marker = _case_marker(a, kids, c)
        if lemmas[k - first] == "визит" and marker not in ("в", "во", "на"):
            continue
        if lemmas[k - first] != "визит" and marker:
            continue
        return True
    return False


def _deal_made(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether a "сделка" is told as concluded by parties: its head or a dependant is a verb of concluding."""
    head = a.tokens[k].head
    return (head >= first and lemmas[head - first] in _DEAL_MADE) or any(
        lemmas[c - first] in _DEAL_MADE for c in kids.get(k, []))


def _civil_suit(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether an "иск" is a civil claim or a suit filed in a court: a "гражданский" suit, one for recovery or
    compensation, or one whose filing verb or noun names a court as its goal."""
    head = a.tokens[k].head
    scope = list(kids.get(k, []))
    if head >= first and lemmas[head - first] in _FILE:
        scope += [c for c in kids.get(head, []) if c != k]
    for c in scope:
        lemma = lemmas[c - first]
        if lemma in _CIVIL_CLAIMS:
            return True
        if _case_marker(a, kids, c) in ("в", "во") and (lemma in _LAWSUIT_COURTS or lemma.lower() in ("багац", "еспч")):
            return True
    return False


def _not_an_event(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Set phrases that contain a trigger word but name no event: "в знак протеста",
    "отказался от комментариев", the legal note "(запрещена в РФ)" after an organisation's name,
    "арест" as the object of "наложить", which tells the event itself, and "под арестом", a state."""
    if k > first and lemmas[k - 1 - first] == "знак" and k > first + 1 and lemmas[k - 2 - first] == "в":
        return True
    if a.tokens[k].pos == "NOUN" and a.tokens[k].head >= first and lemmas[a.tokens[k].head - first] in _PAPERS:
        return True  # "ордер на арест генерала", "закон о митингах": a document, not the act
    if lemmas[k - first] == "арест" and ((a.tokens[k].head >= 0 and lemmas[a.tokens[k].head - first] == "наложить")
                                         or (k > first and lemmas[k - 1 - first] in ("под", "из-под"))):
        return True  # "арест был наложен на счета" (told by "наложить"); "находится под арестом" is a state,
        # "освобожден из-под ареста" a release
    if _conscription(a, lemmas, first, k, kids):
        return True
    if lemmas[k - first] == "демонстрация" and any(
            lemmas[g - first] in _SHOWN for c in kids.get(k, []) if a.tokens[c].rel.startswith(("nmod", "obl"))
            for g in [c, *kids.get(c, [])] if a.tokens[g].rel.startswith(("nmod", "obl"))):
        return True  # "демонстрация фильмов на киноэкранах", "демонстрация силы": a showing, not a rally
    if lemmas[k - first] in ("обратиться", "обращаться") and any(
            _case_marker(a, kids, c) == "в" and lemmas[c - first] in _LAWSUIT_COURTS for c in kids.get(k, [])):
        return True  # "обратилась в суд с требованием": a lawsuit, court procedure
    if lemmas[k - first] in ("просить", "попросить", "требовать", "потребовать") and any(
            (a.tokens[c].rel in ("obj", "iobj") and lemmas[c - first] in _LAWSUIT_COURTS)
            or (a.tokens[c].rel == "nsubj" and lemmas[c - first] in _PLEADERS) for c in kids.get(k, [])):
        # "следователи просили суд заключить его под стражу", "прокурор просил наказать": a plea, court procedure
        return True
    if lemmas[k - first] in _VISITS and _visited_site(a, lemmas, first, k, kids):
        return True  # "посетил выставку", "в ходе посещения Музея": a site, no counterpart to meet
    if lemmas[k - first] == "сделка" and (not _deal_made(a, lemmas, first, k, kids) or any(
            lemmas[c - first] in _PROSECUTION for c in kids.get(k, []))):
        return True  # "Сумма сделки", "выгодные сделки": a transaction, not an agreement told
    if lemmas[k - first] in ("заключить", "заключать") and any(
            lemmas[c - first] == "сделка" and any(lemmas[g - first] in _PROSECUTION for g in kids.get(c, []))
            for c in kids.get(k, [])):
        return True  # "заключил сделку со следствием": a plea deal, court procedure
    if lemmas[k - first] == "иск" and _civil_suit(a, lemmas, first, k, kids):
        return True  # "удовлетворил гражданский иск", "подал в суд иск о взыскании": court procedure
    if lemmas[k - first] == "призыв" and a.tokens[k].head >= first \
            and lemmas[a.tokens[k].head - first] in _CHARGES:
        return True  # "дело о призывах к массовым беспорядкам", "по факту призыва к насилию": a charge
    if lemmas[k - first] in ("позвонить", "звонить") and any(
            _case_marker(a, kids, c) == "в" and lemmas[c - first] in _EMERGENCY for c in kids.get(k, [])):
        return True  # "позвонил в службу спасения 911", "в полицию": a call for help, not talks
    if lemmas[k - first] == "уголовный" and k + 1 - first < len(lemmas) \
            and lemmas[k + 1 - first] == "дело" and not _case_opened(a, lemmas, first, k + 1, kids):
        return True  # "по двум уголовным делам", "данное уголовное дело имеет": the case, not its opening
    if lemmas[k - first] == "запретить":
        for j in range(k - 1, max(first, k - 8) - 1, -1):
            if a.tokens[j].text == ")":
                break
            if a.tokens[j].text == "(":
                return True
    head = a.tokens[k].head
    if a.tokens[k].pos == "NOUN" and head >= first and lemmas[head - first] == "право" \
            and _case_marker(a, kids, k) == "на":
        return True  # "имеют право на встречи с адвокатами": a right, not an act
    if a.tokens[k].pos == "NOUN" and _institutional_frame(a, lemmas, first, k, kids):
        return True  # "режим прекращения огня", "центр по контролю за прекращением огня", "порядок проведения
        # митингов": a regime, a monitor or a rule named after the act, not a record of it
    if lemmas[k - first] == "критика" and a.tokens[k].feats.get("Number") == "Plur":
        return True  # "Критики Алиева считают": critics, people
    if lemmas[k - first] == "запретить" and a.tokens[k].feats.get("VerbForm") == "Part":
        return True  # "запрещённой в Египте организации": a legal status, not the act of banning
    if lemmas[k - first] == "угрожать" and any(lemmas[c - first] in _ENDANGERED for c in kids.get(k, [])):
        return True  # "endanger": "действия угрожают территориальной целостности"
    if lemmas[k - first] == "угрожать" and any(
            lemmas[c - first] in _ENDANGERING and a.tokens[c].rel.startswith("nsubj") for c in kids.get(k, [])):
        return True  # "риск экстремизма, что угрожает Америке": endanger, not threaten
    if lemmas[k - first] == "грозить" and not any(
            (a.tokens[c].pos in ("NOUN", "PRON", "DET") and a.tokens[c].feats.get("Case") == "Ins")
            or a.tokens[c].feats.get("VerbForm") == "Inf"
            for c in kids.get(k, [])):
        return True  # "виновным грозят последствия", "ему грозит срок": looming, not threatened with
    if lemmas[k - first] == "взрыв" and any(lemmas[c - first] in _ACCIDENTAL_BLASTS for c in kids.get(k, [])):
        return True  # "взрыв газа", "взрыв боеприпасов": an accident
    if lemmas[k - first] == "убить" and any(lemmas[c - first] == "горе" for c in kids.get(k, [])):
        return True  # "семья убита горем": grief-stricken
    if lemmas[k - first] in ("отказаться", "отказываться") and any(
            lemmas[c - first] in _TELL for c in kids.get(k, [])):
        return True  # "отказался сообщить, какие вопросы рассматривались"
    if lemmas[k - first] == "чрезвычайный" and k + 1 - first < len(lemmas) and lemmas[k + 1 - first] == "положение" \
            and not _declared(a, lemmas, first, k + 1):
        return True  # "правительство чрезвычайного положения", "в условиях ЧП": a name or a state, not declaring it
    if lemmas[k - first] == "вывод" and k > first and lemmas[k - 1 - first] == "к":
        return True  # "приходит к выводу, что ...": a conclusion, not a withdrawal
    if a.tokens[k].pos == "NOUN" and k > first and _slogan(a, k):
        return True  # a slogan: «"Свобода!" и "Отставка!"»
    if lemmas[k - first] in ("задержать", "задерживать") and any(
            lemmas[g - first] in _DELAYED for c in kids.get(k, []) for g in [c, *kids.get(c, [])]):
        return True  # "задержано значительное число рейсов": delayed, not detained
    if a.tokens[k].text.lower() == "отставке" and k > first + 1 and lemmas[k - 1 - first] == "в" \
            and a.tokens[k - 2].pos in ("NOUN", "PROPN"):
        return True  # "генерал-лейтенант в отставке": retired, a state ("ушел в отставку" is the act)
    if lemmas[k - first] in ("подрыв", "подорвать", "подрывать") and any(
            lemmas[c - first] in _ABSTRACT_TARGETS for c in kids.get(k, [])):
        return True  # "в подрыве американской демократии", "подорвать доверие": figurative
    if a.tokens[k].pos == "NOUN" and lemmas[k - first] in _MEETING_NOUNS and _called_off(a, lemmas, first, k):
        return True  # "визит ... отменил", "О дате визита ничего не сообщил": no meeting took place
    talk = [k] + ([a.tokens[k].head] if a.tokens[k].rel == "amod" and a.tokens[k].head >= first else [])
    if any(lemmas[t - first] in _TALK_WORDS for t in talk) and any(
            lemmas[c - first] in _PRESS for t in talk for c in kids.get(t, [])):
        return True  # "в телефонной беседе с журналистками": an interview, not talks between parties
    if lemmas[k - first] in ("оказать", "оказывать", "помощь") and _medical_help(a, lemmas, first, k, kids):
        return True  # "медики оказывают помощь гражданам", "врачи оказали помощь": care, not aid to a party
    if _in_name(a, k):
        return True  # "Организация по безопасности и сотрудничеству в Европе": a name, not an act
    if a.tokens[k].pos == "NOUN" and head >= first and lemmas[head - first] in _PURPOSES \
            and _case_marker(a, kids, k) in ("по", "о", "об"):
        return True  # "в операции по освобождению заложника", "переговоры об освобождении": the aim, not the act
    if lemmas[k - first] in ("обратиться", "обращаться") and _unaddressed_help(a, lemmas, first, k, kids):
        return True  # "пострадавшие обратились за медицинской помощью": care sought, no party asked
    if lemmas[k - first] in ("требовать", "потребовать") and _abstract_subject(a, lemmas, first, k, kids):
        return True  # "логика требует этого", "закон требует", "процесс требует ответа": requires, not demands
    # "от комментариев", "от интервью", "от дачи показаний": declining to talk, no rejection of anything;
    # "отказался от госпитализации": declining care
    return lemmas[k - first] in ("отказаться", "отказываться") and any(
        lemmas[c - first] in ("комментарий", "интервью", "дача", "показание", "госпитализация", "лечение")
        for c in kids.get(k, []))


#: Heads that make an event noun the name of a standing regime or rule, not a record of the act: "режим
#: прекращения огня", "законы о порядке изъятия земли", "порядок проведения митингов" (through
#: "проведение/организация"), and with their case marker "контроль/мониторинг/наблюдение за прекращением огня",
#: "(по) борьбе с массовыми беспорядками".
_REGIMES = frozenset({"режим", "порядок"})
_REGIME_STEPS = frozenset({"проведение", "организация"})
_WATCHES = {"контроль": "за", "мониторинг": "за", "наблюдение": "за", "борьба": "с"}
#: Of these, heads that name a standing task only as the aim of a body ("подразделение по борьбе с массовыми
#: беспорядками"; "ведет борьбу с оппозиционными выступлениями" fights protests that took place).
_TASKS = frozenset({"борьба"})


def _institutional_frame(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """True for an event noun that names a regime, a monitor or a rule ("придания устойчивости режиму
    прекращения огня", "центра по контролю за прекращением огня", "нарушение установленного порядка организации
    митинга", "подразделение по борьбе с массовыми беспорядками"): the act is no record of its own there."""
    head = a.tokens[k].head
    if k > first and lemmas[k - 1 - first] == "режим" and a.tokens[k].feats.get("Case") == "Gen" and head != k - 1:
        head = k - 1  # (the parser may hang the genitive elsewhere: "задачи деэскалации ..., придания
        # устойчивости режиму прекращения огня")
    elif head < first or not a.tokens[k].rel.startswith("nmod"):
        return False
    nouns = [k] + [c for c in kids.get(k, []) if a.tokens[c].rel == "conj"]
    if any(a.tokens[g].rel in ("acl", "acl:relcl") for c in nouns for g in kids.get(c, [])):
        return False  # "нарушение порядка проведения шествия и митинга, которые прошли в субботу": they are told
    lemma = lemmas[head - first]
    if lemma in _REGIMES and _case_marker(a, kids, k) == "":
        above = a.tokens[head].head  # (not when the regime is declared: "введен режим контртеррористической
        return not (above >= first and lemmas[above - first] in _DECLARING)  # операции" tells the act)
    if lemma in _REGIME_STEPS and _case_marker(a, kids, k) == "":
        above = a.tokens[head].head
        return above >= first and lemmas[above - first] == "порядок" and a.tokens[head].rel.startswith("nmod")
    return _WATCHES.get(lemma) == _case_marker(a, kids, k) and (
        lemma not in _TASKS or _case_marker(a, kids, head) == "по")


#: Nouns whose "по/о" complement is an aim or a topic, not an act that took place ("операция по освобождению
#: заложников", "усилия по освобождению", "переговоры об освобождении").
_PURPOSES = frozenset({"операция", "усилие", "работа", "мера", "переговоры", "переговор", "план", "миссия",
                       "кампания", "предложение", "вопрос"})


#: Who gives care, not aid: help given by them is treatment of the hurt.
_CARERS = frozenset({"медик", "врач", "фельдшер", "медсестра", "медперсонал", "медработник", "реаниматолог",
                     "хирург", "бригада", "скорая", "скорый"})


def _medical_help(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """Whether the help of trigger ``k`` (the verb, or the noun under it) is given by medical staff."""
    verb = a.tokens[k].head if a.tokens[k].pos == "NOUN" and a.tokens[k].head >= first else k
    return any(a.tokens[c].rel.startswith("nsubj") and (lemmas[c - first] in _CARERS or any(
        lemmas[g - first] in _CARERS for g in kids.get(c, []))) for c in kids.get(verb, []))


def _in_name(a: Analysis, k: int) -> bool:
    """Whether token ``k`` lies inside a longer mention of an organisation: the trigger word is part of
    its name ("Организации по безопасности и сотрудничеству", "Комитет защиты журналистов")."""
    tok = a.tokens[k]
    return any(m.start <= tok.start and tok.end <= m.end and (m.start, m.end) != (tok.start, tok.end)
               for ent in a.entities if ent.type == "ORG" for m in ent.mentions)


_HELP = frozenset({"помощь", "поддержка", "содействие"})
_TIME_NOUNS = frozenset({"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                         "ноябрь", "декабрь", "год", "месяц", "неделя", "день", "время", "понедельник", "вторник",
                         "среда", "четверг", "пятница", "суббота", "воскресенье"})


def _unaddressed_help(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """"обратиться за помощью" asks for help only of someone named ("обратилась к США ... за военной помощью",
    "обратились за помощью в милицию"); with no addressee, or for care ("за медицинской помощью"), it is no
    REQUEST. A request, call or demand under the verb ("обратился с просьбой") is one anyway."""
    under = kids.get(k, [])
    if any(lemmas[c - first] in ("просьба", "призыв", "требование") for c in under):
        return False
    help_nouns = [c for c in under if lemmas[c - first] in _HELP]
    if not help_nouns:
        return False
    if any(lemmas[g - first] in _GAP_BLOCKERS or any(stem in lemmas[g - first] for stem in ("медицин", "психиатр"))
           for c in help_nouns for g in kids.get(c, [])):
        return True  # care: "за медицинской помощью", "за психолого-психиатрической помощью"
    # the addressee may hang from the verb or from the help noun ("обратился за поддержкой к Генеральной Ассамблее")
    addressees = [c for c in under if c not in help_nouns] + [g for c in help_nouns for g in kids.get(c, [])]
    return not any(a.tokens[c].pos in ("NOUN", "PROPN") and lemmas[c - first] not in _TIME_NOUNS and (
        _case_marker(a, kids, c) in ("к", "ко") or (_case_marker(a, kids, c) in ("в", "во")
                                                    and a.tokens[c].feats.get("Case") == "Acc"))
        for c in addressees)  # "к США", "в милицию"; not "в организации акции", "в марте"


#: Inanimate nouns for bodies of people, which demand ("профсоюз требует", "фракция ЛДПР требует").
_COLLECTIVES = _POLICE | frozenset({
    "фракция", "штаб", "профсоюз", "партия", "персонал", "компания", "банк", "организация", "комитет",
    "оппозиция", "страна", "государство", "сторона", "союз", "движение", "альянс", "учреждение", "группа",
    "группировка", "совет", "парламент", "палата", "дума", "конгресс", "сенат", "коалиция", "объединение",
    "ассоциация", "федерация", "общество", "община", "толпа", "семья", "делегация", "экипаж", "коллектив",
    "предприятие", "концерн", "корпорация", "холдинг", "фонд", "издание", "редакция", "канал", "агентство",
    "посол", "генпрокуратура", "ООН", "ЕС", "НАТО", "Евросоюз", "Еврокомиссия", "Кремль", "Белый", "Госдеп",
    "избирком", "облизбирком", "горизбирком", "ЦИК", "обвинение", "служба",
    # counts of people ("тысячи людей требуют")
    "тысяча", "сотня", "десяток", "миллион", "большинство", "часть", "множество", "половина", "ряд",
})


def _abstract_subject(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    """The subject of a verb is a thing, not someone who can demand: an inanimate common noun that is
    no named entity nor a body of people ("задача требует внимания", "вакцины требуют двух доз"), also
    through a relative pronoun ("инициативы, которые требуют одобрения")."""
    subj = next((c for c in kids.get(k, []) if a.tokens[c].rel == "nsubj"), None)
    if subj is None:
        return False
    if lemmas[subj - first] in ("который", "что") and a.tokens[k].rel == "acl:relcl" and a.tokens[k].head >= first:
        noun = a.tokens[k].head  # the noun the relative clause describes, if the pronoun agrees with it
        if a.tokens[subj].feats.get("Number") != a.tokens[noun].feats.get("Number"):
            return False  # "шествие сторонников ... в центре Манамы, которые требовали": hung on the wrong noun
        subj = noun
    tok = a.tokens[subj]
    if tok.pos != "NOUN" or tok.feats.get("Animacy") != "Inan" or lemmas[subj - first] in _COLLECTIVES:
        return False
    return not any(m.start < tok.end and tok.start < m.end for e in a.entities for m in e.mentions)


#: Documents named after an act ("ордер на арест", "закон о митингах"), which tell no act.
_PAPERS = frozenset({"ордер", "закон", "законопроект", "законодательство", "кодекс", "статья"})
#: Objects of "задержать" that are delayed, not detained ("задержаны рейсы").
_DELAYED = frozenset({"рейс", "вылет", "поезд", "самолет", "самолёт", "электричка", "отправление", "выплата",
                      "зарплата", "пенсия", "оплата", "строительство", "поставка", "сдача"})
#: Abstract objects of "подорвать/подрыв", which are undermined, not blown up.
_ABSTRACT_TARGETS = frozenset({"демократия", "доверие", "репутация", "авторитет", "экономика", "стабильность",
                               "устой", "основа", "позиция", "имидж", "престиж", "суверенитет", "процесс", "усилие",
                               "легитимность", "вера", "здоровье", "единство", "бюджет", "конкурентоспособность",
                               "институт", "принцип", "система", "мир", "безопасность", "отношение", "влияние"})
#: Nouns that name a meeting; cancelled, postponed or only dated, it did not take place.
_MEETING_NOUNS = frozenset({"визит", "встреча", "переговоры", "переговор", "саммит", "консультация", "посещение"})
#: Words of a conversation, which the press on its other side makes an interview ("беседа с журналистами").
_TALK_WORDS = _MEETING_NOUNS | frozenset({"беседа", "встретиться", "побеседовать", "обсудить", "обсуждать",
                                          "разговор", "поговорить"})
_CALLED_OFF = frozenset({"отменить", "отменять", "отложить", "откладывать", "перенести", "переносить", "сорвать",
                         "сорваться", "срываться", "дата", "срок", "отмена", "перенос", "подготовка", "программа",
                         "преддверие"})
#: Verbs that say a meeting took place; negated ("Переговоры ... не велись", "встреча не состоялась"), it did not.
_TOOK_PLACE = frozenset({"состояться", "вестись", "проводиться", "провести", "пройти", "проходить", "идти"})
#: The press as the other side of a conversation ("беседа с журналистами"): an interview, not CONSULT.
_PRESS = frozenset({"журналист", "журналистка", "корреспондент", "репортер", "репортёр", "СМИ", "пресса"})


def _called_off(a: Analysis, lemmas: list[str], first: int, k: int) -> bool:
    """A meeting noun governed by a verb or noun that calls it off or only schedules it ("визит ...
    отменил", "отложить переговоры", "о дате визита", "в преддверии саммита", "встреча сорвалась"), or
    the subject of a negated verb of taking place."""
    head = a.tokens[k].head
    if head >= first and lemmas[head - first] in _TOOK_PLACE and a.tokens[k].rel.startswith("nsubj") \
            and head - 1 >= first and lemmas[head - 1 - first] == "не":
        return True  # "Переговоры по этому поводу не велись", "встреча так и не состоялась"
    return head >= first and lemmas[head - first] in _CALLED_OFF


_OPENING = frozenset({"«", "\"", "“", "„"})
_CLOSING = frozenset({"»", "\"", "”", "“"})


def _slogan(a: Analysis, k: int) -> bool:
    """A trigger noun quoted alone with an exclamation mark ("Отставка!"), as chanted, not told."""
    after = [t.text for t in a.tokens[k + 1:k + 3]]
    return a.tokens[k - 1].text in _OPENING and bool(after) and after[0] == "!" and (
        len(after) < 2 or after[1] in _CLOSING)


def _trigger_noun(a: Analysis, k: int, end: int) -> int | None:
    """The noun of a nominal trigger ("обстрел", "контртеррористическая операция"); none for a verb
    trigger, whose nationality-marked object is its target ("обстреляли турецкие позиции")."""
    if a.tokens[k].pos == "VERB":
        return None
    return next((j for j in range(end - 1, k - 1, -1) if a.tokens[j].pos == "NOUN"), None)


def _genitive_agent(a: Analysis, start: int, stop: int, mentions: _Mentions) -> list[str]:
    """The agent of a noun trigger, given in the genitive right after it ("обращение ... президента
    Касым-Жомарта Токаева"), when the parse attached it elsewhere."""
    for k in range(start, min(stop, start + 6)):
        tok = a.tokens[k]
        if tok.pos in ("PUNCT", "VERB", "ADP"):  # "митинги с требованием отставки X": X is no agent
            break
        if tok.feats.get("Case") == "Gen" and tok.pos in ("NOUN", "PROPN"):
            phrase = [j for j in range(k, min(stop, k + 5)) if a.tokens[j].pos in ("NOUN", "PROPN", "ADJ")]
            ent = mentions.best(phrase)
            if ent is not None and ent.type in ("PER", "ORG"):
                return [ent.id]
    return []


def _genitive_national(a: Analysis, start: int, stop: int, kids: dict[int, list[int]],
                       mentions: _Mentions) -> list[str]:
    """The country whose agents the first genitive after a noun trigger names ("удар турецкой
    авиации", "операция сотрудников израильской полиции"); nothing past a preposition or verb."""
    for k in range(start, min(stop, start + 6)):
        tok = a.tokens[k]
        if tok.pos in ("PUNCT", "VERB", "ADP"):
            break
        if tok.feats.get("Case") == "Gen" and tok.pos in ("NOUN", "PROPN"):
            return _national_agent(a, k, kids, mentions)
    return []


def _question(a: Analysis, si: int) -> bool:
    """A question asks, it does not tell ("Где уголовные дела против ...?", "Кто еще призывает ...?")."""
    sent = a.sentences[si]
    ends = [t.text for t in a.tokens[sent.first_token:sent.last_token] if t.text not in _CLOSING]
    return bool(ends) and ends[-1] == "?"


def _is_heading(a: Analysis, si: int) -> bool:
    """A title or section header: a line of its own without final punctuation (yields no events)."""
    sent = a.sentences[si]
    line_start = a.text.rfind("\n", 0, sent.start) + 1
    line_end = a.text.find("\n", sent.end)
    line = a.text[line_start:line_end if line_end >= 0 else len(a.text)].strip()
    # A closing quote ends a title as often as a sentence: look at what it closes.
    bare = line.rstrip("»\"”)' ")
    return bool(bare) and bare[-1] not in ".!?…" and len(line) < 200


def _enclosing_quote(a: Analysis, pos: int):  # type: ignore[no-untyped-def]
    return next((q for q in a.quotes if q.start <= pos < q.end), None)


def _sentence_place(a: Analysis, si: int, mentions: _Mentions, used: set[str]) -> str | None:
    """The sentence's place: the most specific place introduced by "в"/"на" ("в Алма-Ате"), else the
    first place named (a country in the genitive is only the fallback)."""
    sent = a.sentences[si]
    places: list[tuple[int, int, str]] = []
    between = -1  # the last token of a place named after "между", whose partner after "и" is skipped too
    for k in range(sent.first_token, sent.last_token):
        ent = mentions.by_token.get(k)
        if ent is not None and k - 1 == between and mentions.by_token.get(between) is ent:
            between = k
        if ent is None or ent.type != "LOC" or ent.id in used or (k > 0 and mentions.by_token.get(k - 1) is ent):
            continue
        before = a.tokens[k - 1].text.lower() if k > sent.first_token else ""
        if before == "между" or (before == "и" and between == k - 2):
            between = k  # the sides of a link, not where ("сообщения между Москвой и Абу-Даби")
            continue
        case = a.tokens[k].feats.get("Case")
        if before in ("из", "от", "до", "к", "ко") or case == "Acc" or (
                case == "Gen" and before not in ("у", "около") and _lemma(a.tokens[k - 1]) not in _PLACE_NOUNS):
            continue  # where from or where to ("из Ирана в Йемен"), or whose ("глава МИД России")
        locative = before in ("в", "во", "на")
        specific = ent.subtype not in ("country",)
        places.append((0 if locative else 1, 0 if specific else 1, ent.id))
    return min(places)[2] if places else None


def _own_date(a: Analysis, sent: Sentence, k: int, trigger: range, date: EventDate, lemmas: list[str],
              kids: dict[int, list[int]]) -> EventDate:
    """The date a mention's own clause or phrase gives it, for telling a re-mention from another act. First a date
    or time of the sentence that hangs from the trigger (through words that are no noun or verb of their own:
    "задержан в пятницу, 26 августа", "в ходе беспорядков 2 ноября") or from a clause describing a trigger noun
    ("встречи ..., которая прошла в воскресенье"); else one of the verb the trigger hangs from ("Убийства произошли в
    марте 2008 года", "заявил накануне на встрече", "сообщили в пятницу, что артиллерия наносила удары"), unless
    the trigger is a time before or after it ("после ратификации договора 1 сентября ... напала"). A date of
    another act of the sentence comes after its own ("сообщил, что его похитили ещё в понедельник" is dated by "в
    понедельник", not by "распространил в четверг"); with none of its own, a date of another clause of the sentence
    stands for it (a report's day is near the act's); a date inside another noun's phrase or its relative clause
    never does ("задержаны депутаты ... (1954 года рождения)", "обвинение в нарушении закона, принятого в 1998
    году", "акции, которая прошла 16 июля"): with only such dates, the mention is known by the document date.
    (``date``, the sentence's first date, stays the date shown.)"""
    if not date.resolved:
        return date
    tokens = a.tokens
    top = next((x for x in trigger if tokens[x].head not in trigger), k)  # the head of the trigger phrase
    nominal = any(tokens[x].pos == "NOUN" for x in trigger)
    marker = _case_marker(a, kids, top) or None
    governor = tokens[top].head if marker not in ("после", "перед", "до") else -1
    if marker == "из" and governor >= 0 and tokens[governor].pos in ("NUM", "PRON", "DET"):
        governor = tokens[governor].head  # "состоялось одно из самых кровопролитных столкновений"
    clause = top if tokens[top].pos == "VERB" else governor
    if clause >= 0 and tokens[clause].rel == "acl:relcl" and any(
            c < clause and lemmas[c - sent.first_token] == "который" and any(
                m < c and tokens[m].text.lower() == "в" for m in kids.get(c, []))
            for c in kids.get(clause, [])):
        # "одобрила резолюцию, в которой выразила протест": what a document says is dated by its issue
        antecedent = tokens[clause].head
        governor = tokens[antecedent].head if antecedent >= 0 else -1
    second: EventDate | None = None
    clausal: EventDate | None = None
    for t in a.timexes:
        if not (sent.start <= t.start < sent.end and t.value and t.type in ("DATE", "TIME")):
            continue
        i, j = a.token_range(t.start, t.end)
        node = next((tokens[x].head for x in range(i, j) if not i <= tokens[x].head < j), -1)
        found = EventDate(value=t.value, precision=t.precision, resolved=True)
        steps = 0
        while node >= 0 and steps < 20:
            steps += 1
            tok = tokens[node]
            if node in trigger or (nominal and tok.pos == "VERB" and tok.head in trigger):
                return found
            if tok.pos in ("NOUN", "PROPN"):
                if (tok.head in trigger and tok.rel == "obl" and marker is None) or node == tokens[top].head:
                    # "на протестной акции 6 мая 2012 года было задержано": its setting; "к инциденту в ноябре
                    # 2010 года, когда студент напал": the incident its clause tells
                    second = second or found
                elif tok.head in trigger:  # "После начала войны в 1999 году ... осуществили теракты"
                    clausal = clausal or found
                break  # "закона от 1998 года", "(1954 года рождения)": a date of another thing
            if tok.pos == "VERB":
                if node == governor:
                    second = second or found
                elif tok.rel not in ("acl", "acl:relcl"):  # not "акции, которая прошла 16 июля"
                    clausal = clausal or found  # "сообщил в четверг": another act's, yet maybe near this one's
                break
            node = tok.head
    return second or clausal or EventDate(value=a.doc.date, precision=a.doc.date_precision, resolved=False)


def _date(a: Analysis, start: int, end: int) -> EventDate:
    """The first resolved date or time in the sentence, else the document date (resolved false)."""
    for t in a.timexes:
        if start <= t.start < end and t.value and t.type in ("DATE", "TIME"):
            return EventDate(value=t.value, precision=t.precision, resolved=True)
    return EventDate(value=a.doc.date, precision=a.doc.date_precision, resolved=False)


