"""Small hand-made records for store, API and dashboard tests (no models needed)."""

from __future__ import annotations

from svodka.record import Entity, Event, EventDate, Figure, Geo, Mention, Record, Trigger


def entity(eid: str, etype: str, name: str, name_en: str, text: str, start: int, geo: Geo | None = None) -> Entity:
    return Entity(id=eid, type=etype, name=name, name_en=name_en, geo=geo,  # type: ignore[arg-type]
                  mentions=[Mention(start=start, end=start + len(text), text=text, normal=name)])


def ru_record(doc_id: str = "ru1", extra: str = "") -> Record:
    text = "Касым-Жомарт Токаев прибыл в Алма-Ату. Погибли 5 человек." + extra
    almaty = Geo(lat=43.25, lon=76.92, country="KZ", precision="city", geonames_id=1526384)
    return Record(
        id=doc_id, date="2022-01-06", date_precision="day", text=text, layers=["entities", "events"],
        entities=[entity("E1", "PER", "Касым-Жомарт Токаев", "Kasym-Zhomart Tokayev", "Касым-Жомарт Токаев", 0),
                  entity("E2", "LOC", "Алма-Ата", "Almaty", "Алма-Ату", 29, almaty)],
        figures=[Figure(start=47, end=56, text="5 человек", kind="killed", value=5, qualifier="exact",
                        attribution=[])],
        events=[Event(type="CONSULT", trigger=Trigger(20, 26, "прибыл"), actor=["E1"], recipient=[], location="E2",
                      date=EventDate(value="2022-01-06", precision="day", resolved=False), figures=[0],
                      attribution=[])],
        timexes=[], quotes=[], languages=[],
    )


def en_record() -> Record:
    text = "Kassym-Jomart Tokayev arrived in Almaty."
    almaty = Geo(lat=43.25, lon=76.92, country="KZ", precision="city", geonames_id=1526384)
    return Record(
        id="en1", date="2022-01-06", date_precision="day", text=text, layers=["entities", "events"],
        entities=[entity("E1", "PER", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", 0),
                  entity("E2", "LOC", "Almaty", "Almaty", "Almaty", 33, almaty)],
        events=[Event(type="CONSULT", trigger=Trigger(22, 29, "arrived"), actor=["E1"], recipient=[], location="E2",
                      date=EventDate(value="2022-01-06", precision="day", resolved=True), figures=[],
                      attribution=[])],
        timexes=[], quotes=[], figures=[], languages=[],
    )


def hostile_record() -> Record:
    """An article whose text tries to inject markup into the dashboard."""
    text = 'Протест <script>alert("x")</script> в Минске: <img src=x onerror=alert(1)> задержаны.'
    minsk = Geo(lat=53.9, lon=27.57, country="BY", precision="city", geonames_id=625144)
    start = text.index("Минске")
    return Record(
        id="xss", date="2022-01-07", date_precision="day", text=text, title="<b>Заголовок</b>",
        layers=["entities", "events"],
        entities=[entity("E1", "LOC", "Минск", "Minsk", "Минске", start, minsk)],
        events=[Event(type="PROTEST", trigger=Trigger(0, 7, "Протест"), actor=[], recipient=[], location="E1",
                      date=EventDate(value="2022-01-07", precision="day", resolved=False), figures=[],
                      attribution=[])],
        timexes=[], quotes=[], figures=[], languages=[],
    )
