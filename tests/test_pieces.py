"""Long documents analysed in pieces: offsets, merged entities and cross-references stay right,
and a 50 MB document goes through the reader and the pipeline in bounded memory."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svodka import pieces
from svodka.names import key
from svodka.pipeline import Pipeline
from svodka.record import (
    Entity,
    Event,
    EventDate,
    Figure,
    InputDocument,
    LanguageSpan,
    Mention,
    Quote,
    Record,
    Timex,
    Trigger,
    spans_of,
)
from svodka.stages.language import segment_languages

from .conftest import DEMO

# --------------------------------------------------------------------------- a toy analyser
# Its every decision depends on one line only, so a document cut at line boundaries must give
# exactly the record of the whole document: any slip in shifting or renumbering shows.

PERSONS = {"Путин", "Токаев", "Боррель", "Блинкен"}
PLACES = {"Москва", "Казахстан", "Минск", "Вашингтон"}
_WORD = re.compile(r"[А-Я][а-я]+")
_NUMBER = re.compile(r"\d+")
_QUOTE = re.compile(r"«[^»\n]*»")


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def toy_record(doc: InputDocument) -> Record:
    text = doc.text
    groups: dict[str, list[Mention]] = {}
    for m in _WORD.finditer(text):
        if m.group() in PERSONS | PLACES:
            groups.setdefault(m.group(), []).append(Mention(start=m.start(), end=m.end(), text=m.group(),
                                                            normal=m.group()))
    ids = {name: f"E{n}" for n, name in enumerate(groups, 1)}
    entities = [Entity(id=ids[name], type="PER" if name in PERSONS else "LOC", name=name, name_en=None,
                       mentions=ms, geo=None) for name, ms in groups.items()]
    languages: list[LanguageSpan] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    timexes: list[Timex] = []
    for lo, hi in _lines(text):
        line = text[lo:hi]
        lang = "en" if line.isascii() else "ru"
        if languages and languages[-1].lang == lang:
            languages[-1] = LanguageSpan(lang, languages[-1].start, hi)
        else:
            languages.append(LanguageSpan(lang, lo, hi))
        names = list(dict.fromkeys(m.group() for m in _WORD.finditer(line) if m.group() in ids))
        people = [ids[n] for n in names if n in PERSONS]
        places = [ids[n] for n in names if n in PLACES]
        first_figure = len(figures)
        for m in _NUMBER.finditer(line):
            figures.append(Figure(start=lo + m.start(), end=lo + m.end(), text=m.group(), kind="killed",
                                  value=float(m.group()), qualifier="exact", attribution=people[:1]))
        for m in _QUOTE.finditer(line):
            quotes.append(Quote(start=lo + m.start(), end=lo + m.end(), text=m.group(), kind="direct",
                                speaker=people[0] if people else None, cue=None, via=places, lang="ru"))
        for m in re.finditer(r"вчера", line):
            timexes.append(Timex(start=lo + m.start(), end=lo + m.end(), text=m.group(), type="DATE",
                                 value=None, precision=None))
        for m in re.finditer(r"протест", line):
            events.append(Event(type="PROTEST", trigger=Trigger(lo + m.start(), lo + m.end(), m.group()),
                                actor=people, recipient=people[1:], location=places[-1] if places else None,
                                date=EventDate(value=None, precision=None, resolved=False),
                                figures=list(range(first_figure, len(figures))), attribution=places[:1]))
    return Record(id=doc.id, date=doc.date, date_precision=doc.date_precision, text=text,
                  layers=["languages", "entities", "timexes", "figures", "quotes", "events"],
                  languages=languages, entities=entities, timexes=timexes, figures=figures, quotes=quotes,
                  events=events)


_TOKENS = st.sampled_from([*PERSONS, *PLACES, "протест", "вчера", "12", "305", "«Мы против»", "и", "в",
                           "заявил", "said", "Reuters", ",", "."])
_LINE = st.lists(_TOKENS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, min_size=1, max_size=60), seps=st.lists(st.sampled_from(["\n", "\n\n", "\n \n"]),
                                                                        min_size=60, max_size=60),
       limit=st.integers(min_value=300, max_value=900))
def test_pieces_join_to_the_record_of_the_whole(lines: list[str], seps: list[str], limit: int) -> None:
    text = "".join(line + sep for line, sep in zip(lines, seps, strict=False)).strip()
    doc = InputDocument(id="d", text=text, date="2022-01-06", date_precision="day")
    calls: list[int] = []

    def record_of(piece: InputDocument) -> Record:
        calls.append(len(piece.text))
        return toy_record(piece)

    joined = pieces.extract_in_pieces(doc, record_of, limit)
    assert joined == toy_record(doc)
    assert max(calls) <= limit and len(calls) >= len(text) // limit


@given(text=st.text(alphabet=st.sampled_from("аб .\n\nx!"), max_size=3000), limit=st.integers(200, 1000))
def test_cut_covers_the_text_in_bounded_pieces(text: str, limit: int) -> None:
    cuts = pieces.cut(text, limit)
    assert [lo for lo, _ in cuts[1:]] == [hi for _, hi in cuts[:-1]]
    assert (cuts[0][0], cuts[-1][1]) == (0, len(text)) if text else cuts == []
    assert all(0 < hi - lo <= limit for lo, hi in cuts)


def test_cut_prefers_paragraph_breaks() -> None:
    para = "Первое предложение абзаца. Второе предложение абзаца.\n"
    text = (para * 3 + "\n") * 40
    for _lo, hi in pieces.cut(text, 1000)[:-1]:
        assert text[hi - 2:hi] == "\n\n"


def test_entities_merge_across_pieces_by_name_sound_and_surname() -> None:
    """Piece 1 names "Владимир Путин" and "Москва"; piece 2 says "Путин", "Moskva" and "Иванов", the one
    surname two people share in piece 1: it joins neither."""
    one = "Владимир Путин прибыл в Москву. Иван Иванов и Пётр Иванов тоже.\n\n"
    two = "Путин уехал из Moskva. Иванов остался."
    text = one + two

    def ent(eid: str, etype: str, name: str, surface: str, at: int) -> Entity:
        return Entity(id=eid, type=etype, name=name, name_en=None, geo=None,  # type: ignore[arg-type]
                      mentions=[Mention(start=at, end=at + len(surface), text=surface, normal=name)])

    def record_of(piece: InputDocument) -> Record:
        if piece.text.startswith("Владимир"):
            ents = [ent("E1", "PER", "Владимир Путин", "Владимир Путин", 0),
                    ent("E2", "LOC", "Москва", "Москву", 24), ent("E3", "PER", "Иван Иванов", "Иван Иванов", 32),
                    ent("E4", "PER", "Пётр Иванов", "Пётр Иванов", 46)]
        else:
            ents = [ent("E1", "PER", "Путин", "Путин", 0), ent("E2", "LOC", "Moskva", "Moskva", 15),
                    ent("E3", "PER", "Иванов", "Иванов", 23)]
        quotes = [Quote(start=0, end=5, text=piece.text[:5], kind="indirect", speaker="E1", cue=None,
                        via=["E2"], lang="ru")]
        return Record(id=piece.id, date=None, date_precision=None, text=piece.text, entities=ents, quotes=quotes)

    doc = InputDocument(id="d", text=text)
    rec = pieces.extract_in_pieces(doc, record_of, len(one) + 5)
    by_name = {e.name: e for e in rec.entities or []}
    assert sorted(by_name) == ["Владимир Путин", "Иван Иванов", "Иванов", "Москва", "Пётр Иванов"]
    assert [m.text for m in by_name["Владимир Путин"].mentions] == ["Владимир Путин", "Путин"]
    assert [m.text for m in by_name["Москва"].mentions] == ["Москву", "Moskva"]
    assert [e.id for e in rec.entities or []] == ["E1", "E2", "E3", "E4", "E5"]  # in order of first mention
    putin, moscow = by_name["Владимир Путин"].id, by_name["Москва"].id
    assert [(q.speaker, q.via) for q in rec.quotes or []] == [(putin, [moscow]), (putin, [moscow])]
    assert all(text[s:e] == t for s, e, t in spans_of(rec))


def test_a_document_over_the_piece_size_goes_through_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline's hook: stages never see more than a piece; below the size, one call as before."""
    seen: list[int] = []
    pipeline = Pipeline(["languages"])
    analyse = pipeline._analyse  # what every path ends in, pieces or whole

    def spy(doc: InputDocument, stamp: object):  # type: ignore[no-untyped-def]
        seen.append(len(doc.text))
        return analyse(doc, stamp)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_analyse", spy)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1000)
    rec = pipeline.extract(InputDocument(id="d", text=_numbered(_PARAGRAPHS, 60)))
    assert rec.error is None and max(seen) <= 1000 and len(seen) >= 5
    assert rec.languages == segment_languages(rec.text or "")
    seen.clear()
    assert pipeline.extract(InputDocument(id="s", text="Коротко.")).error is None and seen == [8]


def _check_references(rec: Record) -> None:
    assert all((rec.text or "")[s:e] == t for s, e, t in spans_of(rec))
    ids = {e.id for e in rec.entities or []}
    assert len(ids) == len(rec.entities or [])
    for f in rec.figures or []:
        assert set(f.attribution) <= ids
    for q in rec.quotes or []:
        assert (q.speaker is None or q.speaker in ids) and set(q.via) <= ids
    for ev in rec.events or []:
        assert set(ev.actor + ev.recipient + ev.attribution) <= ids
        assert ev.location is None or ev.location in ids
        assert all(0 <= i < len(rec.figures or []) for i in ev.figures)


def _piece_of(cuts: list[tuple[int, int]], offset: int) -> int:
    return next(k for k, (lo, hi) in enumerate(cuts) if lo <= offset < hi)


@pytest.mark.slow
def test_real_pipeline_in_pieces_keeps_offsets_and_references(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve demo articles as one document (~20,000 characters), cut into ~5,000-character pieces,
    through every stage."""
    articles = [json.loads(line) for line in (DEMO / "wikinews-ru.jsonl").read_text(encoding="utf-8").splitlines()]
    doc = InputDocument(id="d", text="\n\n".join(a["text"].strip() for a in articles[:12]), date="2022-01-06",
                        date_precision="day")
    monkeypatch.setattr(pieces, "PIECE_CHARS", 5000)
    cuts = pieces.cut(doc.text)
    rec = Pipeline().extract(doc)
    assert rec.error is None and len(cuts) >= 4
    _check_references(rec)
    by_id = {e.id: e for e in rec.entities or []}
    # One entity per name and type, however many pieces mention it.
    assert len({(e.type, key(e.name)) for e in by_id.values()}) == len(by_id)
    assert any(len({_piece_of(cuts, m.start) for m in e.mentions}) >= 3 for e in by_id.values())
    # A reference points into the trigger's own piece: shifted with it, not left at piece offsets.
    assert rec.events and rec.figures and rec.quotes
    for ev in rec.events:
        piece = _piece_of(cuts, ev.trigger.start)
        for i in ev.figures:
            assert _piece_of(cuts, (rec.figures or [])[i].start) == piece
        for eid in ev.actor + ev.recipient:
            assert piece in {_piece_of(cuts, m.start) for m in by_id[eid].mentions}
    for q in rec.quotes:
        if q.speaker:
            assert _piece_of(cuts, q.start) in {_piece_of(cuts, m.start) for m in by_id[q.speaker].mentions}


_PARAGRAPHS = [
    "В Казахстане уже несколько дней идут массовые протесты. Погибли 5 человек, сообщил Минздрав.",
    "Президент Касым-Жомарт Токаев отправил правительство в отставку; «мы наведём порядок», заявил он.",
    "The protests in Kazakhstan went on, Reuters reported; 12 people were detained in Almaty.",
    "Вчера в Алма-Ате были слышны выстрелы, а площадь Революции оцеплена полицией и Национальной гвардией.",
]


def _numbered(paragraphs: list[str], count: int) -> str:
    """Paragraphs cycled and numbered: no line repeats another (page-furniture detection drops repeats)."""
    return "\n\n".join(f"{n}. {paragraphs[n % len(paragraphs)]}" for n in range(count))


def test_a_two_megabyte_document_in_pieces() -> None:
    """~2 MB of paragraphs (about 21 pieces): the real language layer equals the one of the whole text,
    and the toy analyser's references survive every cut."""
    cycle = [*_PARAGRAPHS[:2], _PARAGRAPHS[3], *_PARAGRAPHS[:2], _PARAGRAPHS[3], _PARAGRAPHS[2]]  # 1/7 English
    text = _numbered(cycle, 2 * 2**20 // 100)
    assert len(text.encode()) > 2_000_000
    doc = InputDocument(id="big", text=text, date="2022-01-06", date_precision="day")
    rec = Pipeline(["languages"]).extract(doc)
    assert rec.error is None and rec.text == text
    assert rec.languages == segment_languages(text)
    assert len(pieces.cut(text)) > 10
    joined = pieces.extract_in_pieces(doc, toy_record)
    _check_references(joined)
    assert joined == toy_record(doc)


_MEMORY_PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from svodka.pipeline import Pipeline
    from svodka.read import iter_documents
    from svodka.record import dumps, spans_of

    started = time.monotonic()
    docs = list(iter_documents([sys.argv[1]]))
    rec = Pipeline(["languages"]).extract(docs[0])
    line = dumps(rec)
    ok = all(rec.text[s:e] == t for s, e, t in spans_of(rec))
    print(json.dumps({"docs": len(docs), "error": rec.error, "chars": len(rec.text or ""), "bytes": len(line),
                      "spans": len(rec.languages or []), "ok": ok, "seconds": time.monotonic() - started,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")
#: Peak resident memory allowed for a 50 MB document (measured about 600 MB, most of it the reader's
#: copies of the text; every layer, models loaded, on a 100,000-character piece peaks near 320 MB).
MAX_PEAK_MB = 1200


@pytest.mark.slow
def test_fifty_megabyte_document_in_bounded_memory(tmp_path: Path) -> None:
    """A 50 MB .txt document through the reader, the pipeline (in ~290 pieces) and the JSON encoder,
    in a fresh process whose peak RSS is measured (about 20 s of CPU)."""
    path = tmp_path / "huge.txt"
    russian = _PARAGRAPHS[:2] + _PARAGRAPHS[3:]  # the fast path of the language layer
    with path.open("wb") as f:
        size = f.write(b"date 2022-01-06\n")
        n = 0
        while size <= 50_000_000:
            size += f.write(f"{n}. {russian[n % 3]}\n\n".encode())
            n += 1
    try:
        probe = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True,
                               timeout=300)
    finally:
        path.unlink()  # pytest keeps the tmp folders of recent runs: not 50 MB each
    assert probe.returncode == 0, probe.stderr[-3000:]
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result["docs"] == 1 and result["error"] is None and result["ok"]
    assert result["chars"] > 25_000_000 and result["spans"] >= 1 and result["bytes"] > 50_000_000
    assert result["peak_mb"] < MAX_PEAK_MB, result
