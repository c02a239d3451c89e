"""Stories: near-duplicates and same-story reports share a story id, across Russian and English."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.chronicle import stories
from svodka.chronicle.store import Store
from svodka.record import Entity, Mention, Record

FLOOD_RU = (
    "В Краснодарском крае из-за сильных ливней затопило несколько посёлков. По данным МЧС, эвакуированы "
    "более 300 человек, в зоне подтопления оказались около 200 жилых домов. Губернатор Вениамин Кондратьев "
    "ввёл режим чрезвычайной ситуации в Туапсинском районе. Спасатели продолжают работу, дороги к посёлкам "
    "размыты, электричество отключено."
)
FLOOD_RU_COPY = FLOOD_RU.replace("Спасатели продолжают работу", "Спасатели всю ночь продолжают работу")
FLOOD_EN = (
    "Heavy rains flooded several villages in Russia's Krasnodar region. More than 300 people were "
    "evacuated and about 200 homes were flooded, the Emergencies Ministry said. Governor Veniamin "
    "Kondratyev declared a state of emergency in the Tuapse district. Rescuers are still at work; roads "
    "to the villages were washed away and power is cut."
)
CHESS_RU = (
    "В Москве завершился международный шахматный турнир. Победу одержал гроссмейстер Ян Непомнящий, "
    "набравший 7 очков из 9. Второе место занял Сергей Карякин. Призовой фонд турнира составил пять "
    "миллионов рублей."
)
FLOOD_RU_LATER = (
    "В Краснодарском крае снова прошли ливни: подтоплены дворы в двух посёлках Туапсинского района. "
    "Жителей не эвакуировали, сообщили в администрации. Синоптики обещают улучшение погоды к выходным."
)


def ent(eid: str, etype: str, name: str, name_en: str) -> Entity:
    return Entity(id=eid, type=etype, name=name, name_en=name_en, geo=None,  # type: ignore[arg-type]
                  mentions=[Mention(start=0, end=len(name), text=name, normal=name)])


RU_ENTS = [ent("E1", "LOC", "Краснодарский край", "Krasnodar Krai"), ent("E2", "ORG", "МЧС", "Emercom"),
           ent("E3", "PER", "Вениамин Кондратьев", "Veniamin Kondratyev")]
EN_ENTS = [ent("E1", "LOC", "Krasnodar Krai", "Krasnodar Krai"), ent("E2", "PER", "Veniamin Kondratyev",
                                                                      "Veniamin Kondratyev")]


def rec(doc_id: str, text: str, day: str | None, title: str | None = None,
        entities: list[Entity] | None = None) -> Record:
    return Record(id=doc_id, date=day, date_precision="day" if day else None, text=text, title=title,
                  layers=["entities"], entities=entities or [], languages=[], timexes=[], figures=[], quotes=[],
                  events=[])


def story(store: Store, doc_id: str) -> str:
    row = store.db.execute("SELECT story_id FROM documents WHERE id = ?", [doc_id]).fetchone()
    assert row is not None
    return str(row[0])


def test_minhash_near_duplicate_rule() -> None:
    a, b = stories.minhash(FLOOD_RU), stories.minhash(FLOOD_RU_COPY)
    assert stories.jaccard(a, b) >= stories.NEAR_DUPLICATE
    assert stories.jaccard(a, stories.minhash(CHESS_RU)) < 0.2
    assert stories.minhash("Коротко.") is None and stories.jaccard(None, a) == 0.0
    assert set(stories.lsh_keys(a)) & set(stories.lsh_keys(b))  # LSH finds the pair


def test_near_identical_russian_reports_are_one_story_and_reingest_keeps_ids() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("a", FLOOD_RU, "2023-07-01", entities=RU_ENTS)])
        store.ingest([rec("b", FLOOD_RU_COPY, "2023-07-02", entities=RU_ENTS)])
        assert story(store, "a") == story(store, "b") == "s:a"
        assert store.ingest([rec("a", FLOOD_RU, "2023-07-01", entities=RU_ENTS),
                             rec("b", FLOOD_RU_COPY, "2023-07-02", entities=RU_ENTS)]).unchanged == 2
        assert story(store, "a") == story(store, "b") == "s:a"
        assert store.db.execute("SELECT count(*) FROM doc_features").fetchone() == (2,)


def test_russian_and_english_reports_of_one_event_are_one_story() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("ru", FLOOD_RU, "2023-07-01", "Кубань затопило: эвакуированы 300 человек", RU_ENTS),
                      rec("en", FLOOD_EN, "2023-07-01", "Floods in Kuban: 300 people evacuated", EN_ENTS)])
        assert story(store, "en") == story(store, "ru") == "s:ru"


def test_unrelated_stories_on_one_day_and_far_apart_in_time_stay_apart() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("flood", FLOOD_RU, "2023-07-01", "Кубань затопило: эвакуированы 300 человек", RU_ENTS),
                      rec("chess", CHESS_RU, "2023-07-01", "Непомнящий выиграл турнир в Москве")])
        store.ingest([rec("later", FLOOD_RU_LATER, "2023-09-15", "Кубань снова затопило", RU_ENTS[:1])])
        assert story(store, "chess") == "s:chess" and story(store, "flood") == "s:flood"
        assert story(store, "later") == "s:later"
        # a near-duplicate joins whatever the dates
        store.ingest([rec("reprint", FLOOD_RU_COPY, "2024-01-10", entities=RU_ENTS)])
        assert story(store, "reprint") == "s:flood"


def test_replaced_document_gets_new_features_and_story() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("a", FLOOD_RU, "2023-07-01", entities=RU_ENTS),
                      rec("b", FLOOD_RU_COPY, "2023-07-01", entities=RU_ENTS)])
        assert story(store, "b") == "s:a"
        assert store.ingest([rec("b", CHESS_RU, "2023-07-01")]).replaced == 1
        assert story(store, "b") == "s:b"
        assert store.db.execute("SELECT count(*) FROM doc_features").fetchone() == (2,)


FORECAST = (
    "В Москве ожидается облачная погода с прояснениями, местами небольшой снег. Температура воздуха ночью "
    "составит от минус трёх до минус пяти градусов, днём около нуля. Ветер западный, пять-десять метров в "
    "секунду. Атмосферное давление будет расти, сообщили в Гидрометцентре России."
)


def test_headline_dates_read_explicit_days_only() -> None:
    assert stories.headline_dates("Прогноз погоды на 8 ноября") == {"11-08"}
    assert stories.headline_dates("Сессия пройдёт с 8 по 10 декабря") == {"12-08", "12-10"}
    assert stories.headline_dates("Weather for November 8th; summit on 9 Nov.") == {"11-08", "11-09"}
    assert stories.headline_dates("Встреча 08.11.2019 отменена") == {"11-08"}
    # numbers, years, weekdays and percentages are not days
    assert not stories.headline_dates("Рост на 2.5 процента в 2020 году, в понедельник 3 рекорда")
    assert not stories.headline_dates("Shares may 5% fall")
    assert stories.dates_conflict(frozenset({"11-08"}), frozenset({"11-16"}))
    assert not stories.dates_conflict(frozenset({"11-08", "11-09"}), frozenset({"11-09"}))
    assert not stories.dates_conflict(frozenset({"11-08"}), frozenset())


def test_same_story_is_the_score_with_the_date_rule_and_near_duplicates() -> None:
    rng = np.random.default_rng(3)
    v = rng.normal(size=stories.DIM).astype(np.float32)
    v /= np.linalg.norm(v)

    def feats(doc_id: str, text: str, dates: frozenset[str]) -> stories.Features:
        return stories.Features(doc_id=doc_id, day=None, minhash=stories.minhash(text), title_embedding=v,
                                embedding=v, entities=frozenset(), dates=dates)

    a = feats("a", FLOOD_RU, frozenset({"11-08"}))
    b = feats("b", CHESS_RU, frozenset({"11-16"}))
    assert stories.score(a, b) >= stories.THRESHOLD  # identical embeddings
    assert not stories.same_story(a, b)  # ... but the headlines name different days
    assert stories.same_story(a, feats("c", CHESS_RU, frozenset({"11-08"})))
    assert stories.same_story(a, feats("d", FLOOD_RU_COPY, frozenset({"11-16"})))  # near-duplicate wins


FORECAST_REWORDED = (
    "Синоптики Гидрометцентра обещают москвичам облачную погоду, кое-где пройдёт небольшой снег. Ночью "
    "столбик термометра опустится до минус пяти, днём воздух прогреется примерно до нуля градусов. Подует "
    "западный ветер до десяти метров в секунду, давление будет повышаться."
)
FORECAST_SHORT = (
    "В столице будет облачно, возможен небольшой снег. Ночью до минус пяти градусов, днём около нуля, "
    "ветер западный, давление растёт."
)


def test_forecasts_for_different_days_published_close_together_stay_apart() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("f8", FORECAST, "2023-11-07", "Прогноз погоды в Москве на 8 ноября"),
                      rec("g9", FORECAST_REWORDED, "2023-11-08", "Прогноз погоды в Москве на 9 ноября"),
                      rec("g8", FORECAST_SHORT, "2023-11-07", "Погода в Москве на 8 ноября")])
        feats = {doc_id: f for doc_id, (_, f) in stories.StoryIndex(store.db)._load(["f8", "g9", "g8"]).items()}
        assert feats["g9"].dates == {"11-09"} and feats["f8"].dates == {"11-08"}
        # alike enough to be one story by the score, not near-duplicates: only the dates tell them apart
        assert stories.score(feats["f8"], feats["g9"]) >= stories.threshold(feats["f8"], feats["g9"])
        assert stories.jaccard(feats["f8"].minhash, feats["g9"].minhash) < stories.NEAR_DUPLICATE
        assert story(store, "g9") == "s:g9"
        assert story(store, "g8") == "s:f8"
        # a near-duplicate text joins whatever the headline dates
        store.ingest([rec("f16", FORECAST.replace("Гидрометцентре России", "Гидрометцентре"), "2023-11-15",
                          "Прогноз погоды в Москве на 16 ноября")])
        assert story(store, "f16") == "s:f8"


def test_entity_overlap_counts_a_key_and_its_extension_once() -> None:
    a = frozenset({"ORG:bioware", "LOC:kotaku", "PER:anthem"})
    b = frozenset({"ORG:biowareandelectronicarts", "PER:kotaku", "PER:anthemnext"})
    # bioware ~ biowareandelectronicarts and anthem ~ anthemnext; kotaku differs by type
    assert stories.entity_overlap(a, b) == pytest.approx(2 / 3)
    assert stories.entity_overlap(frozenset({"ORG:sluganarod"}), frozenset({"ORG:sluganaroda"})) == 1.0
    # one key pairs with one extension only; gazetteer ids, country codes and short names are exact
    assert stories.entity_overlap(frozenset({"ORG:gazprom"}),
                                  frozenset({"ORG:gazpromneft", "ORG:gazprombank"})) == pytest.approx(1 / np.sqrt(2))
    assert stories.entity_overlap(frozenset({"geo:12345"}), frozenset({"geo:123456"})) == 0.0
    assert stories.entity_overlap(frozenset({"country:R"}), frozenset({"country:RU"})) == 0.0
    assert stories.entity_overlap(frozenset({"ORG:mid"}), frozenset({"ORG:midrf"})) == 0.0


KEYS = st.builds(lambda kind, name: f"{kind}:{name}", st.sampled_from(["PER", "ORG", "LOC", "geo"]),
                 st.text(alphabet="abcdez", min_size=1, max_size=9))


@given(st.frozensets(KEYS, max_size=8), st.frozensets(KEYS, max_size=8))
@settings(max_examples=300, deadline=None)
def test_entity_overlap_is_a_symmetric_share_at_least_the_exact_one(a: frozenset[str], b: frozenset[str]) -> None:
    value = stories.entity_overlap(a, b)
    assert value == pytest.approx(stories.entity_overlap(b, a))
    exact = len(a & b) / np.sqrt(len(a) * len(b)) if a and b else 0.0
    assert exact - 1e-9 <= value <= 1 + 1e-9
    extends = any(x != y and (x.startswith(y) or y.startswith(x)) for x in a - b for y in b - a)
    if not extends:
        assert value == pytest.approx(exact)


def unit_pair(cosine: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors with the given cosine."""
    rng = np.random.default_rng(seed)
    u, w = rng.normal(size=(2, stories.DIM))
    u /= np.linalg.norm(u)
    w -= (w @ u) * u
    w /= np.linalg.norm(w)
    return u.astype(np.float32), (cosine * u + np.sqrt(1 - cosine ** 2) * w).astype(np.float32)


def test_alike_headlines_alone_do_not_make_one_story() -> None:
    """The bar fitted with reports of one topic and day: headlines as alike as a resignation's and the
    successor's appointment (cosine 0.75) need the lead and shared entities too."""
    def pair(title: float, lead: float, ents_a: set[str], ents_b: set[str]) -> tuple[stories.Features, ...]:
        (ta, tb), (la, lb) = unit_pair(title, 1), unit_pair(lead, 2)
        return tuple(stories.Features(doc_id=d, day=None, minhash=stories.minhash(text), title_embedding=t,
                                      embedding=lv, entities=frozenset(e))
                     for d, text, t, lv, e in (("a", FLOOD_RU, ta, la, ents_a), ("b", CHESS_RU, tb, lb, ents_b)))

    assert not stories.same_story(*pair(0.75, 0.65, {"PER:borisdzhonson"}, {"PER:dominikraab"}))
    assert stories.same_story(*pair(0.75, 0.75, {"PER:borisdzhonson", "PER:terezamei", "country:GB"},
                                    {"PER:borisdzhonson", "PER:terezamei", "ORG:eu"}))
    assert stories.same_story(*pair(0.92, 0.85, set(), set()))  # nearly equal headlines and leads suffice


def test_e5_headlines_decide_when_both_documents_have_one() -> None:
    """Two documents with e5 headline vectors are compared by them and the e5 constants; a pair where one
    lacks it (stored where e5 does not run) by the USE headlines and the USE constants."""
    (ua, ub), (la, lb) = unit_pair(0.95, 4), unit_pair(0.95, 5)
    e5a, e5b = (v[:stories.E5_DIM] / np.linalg.norm(v[:stories.E5_DIM]) for v in unit_pair(0.5, 6))

    def feats(doc_id: str, text: str, title: np.ndarray, lead: np.ndarray, e5: np.ndarray | None) -> stories.Features:
        return stories.Features(doc_id=doc_id, day=None, minhash=stories.minhash(text), title_embedding=title,
                                embedding=lead, entities=frozenset(), headline_e5=e5)

    # USE headlines and leads alike (0.95), e5 headlines far apart (0.5): e5 decides when both have it
    a, b = feats("a", FLOOD_RU, ua, la, e5a), feats("b", CHESS_RU, ub, lb, e5b)
    assert stories.threshold(a, b) == stories.E5_THRESHOLD and not stories.same_story(a, b)
    assert stories.score(a, b) == pytest.approx(stories.E5_W_TITLE * float(e5a @ e5b)
                                                + (1 - stories.E5_W_TITLE) * float(la @ lb), abs=1e-5)
    without = feats("b", CHESS_RU, ub, lb, None)
    assert stories.threshold(a, without) == stories.THRESHOLD and stories.same_story(a, without)
    assert stories.same_story(a, feats("c", CHESS_RU, ub, lb, e5a))  # the same e5 headline


needs_e5 = pytest.mark.skipif(stories.embed_headlines(["проверка"]) is None,
                              reason="the e5 engine does not run on this machine")


@needs_e5
def test_the_store_keeps_e5_headlines_and_gives_older_documents_theirs_as_candidates() -> None:
    with Store(":memory:") as store:
        store.ingest([rec("ru", FLOOD_RU, "2023-07-01", "Кубань затопило: эвакуированы 300 человек", RU_ENTS)])
        assert store.db.execute("SELECT count(*) FROM doc_headlines").fetchone() == (1,)
        store.db.execute("DELETE FROM doc_headlines")  # as a store written before e5, or where it did not run
        store.ingest([rec("en", FLOOD_EN, "2023-07-01", "Floods in Kuban: 300 people evacuated", EN_ENTS)])
        assert story(store, "en") == "s:ru"
        assert store.db.execute("SELECT count(*) FROM doc_headlines").fetchone() == (2,)  # "ru" got its vector
        loaded = stories.StoryIndex(store.db)._load(["ru", "en"])
        a, b = loaded["ru"][1], loaded["en"][1]
        assert a.headline_e5 is not None and a.headline_e5.shape == (stories.E5_DIM,)
        assert stories.threshold(a, b) == stories.E5_THRESHOLD and stories.same_story(a, b)


def test_without_the_e5_engine_stories_use_the_use_headlines(monkeypatch: pytest.MonkeyPatch) -> None:
    from svodka import models

    monkeypatch.setenv(models.HEADLINE_ENCODER_ENV, "use")
    models.headline_encoder.cache_clear()
    try:
        assert stories.embed_headlines(["Кубань затопило"]) is None
        with Store(":memory:") as store:
            store.ingest([rec("ru", FLOOD_RU, "2023-07-01", "Кубань затопило: эвакуированы 300 человек", RU_ENTS),
                          rec("en", FLOOD_EN, "2023-07-01", "Floods in Kuban: 300 people evacuated", EN_ENTS)])
            assert story(store, "en") == "s:ru"
            assert store.db.execute("SELECT count(*) FROM doc_headlines").fetchone() == (0,)
    finally:
        monkeypatch.delenv(models.HEADLINE_ENCODER_ENV)
        models.headline_encoder.cache_clear()
