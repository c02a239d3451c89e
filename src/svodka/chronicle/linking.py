"""Entities across documents: one store-wide id per real-world entity, across languages.

The link key says what "the same entity" means without evidence beyond the name: a place with
a gazetteer id is that id; otherwise type plus a script-independent sound key of the English
name (so "Касым-Жомарт Токаев" with ``name_en`` "Kasym-Zhomart Tokayev" meets "Kassym-Jomart
Tokayev" from an English article). A surname alone is never merged into a full name across
documents: two Medvedevs stay two until a document says which one is meant.
"""

from __future__ import annotations

import hashlib

import duckdb

from svodka.names import key, skeleton
from svodka.record import Entity


def link_key(ent: Entity) -> str:
    if ent.geo is not None and ent.geo.geonames_id:
        return f"geo:{ent.geo.geonames_id}"
    if ent.type == "LOC" and ent.geo is not None and ent.geo.precision == "country" and ent.geo.country:
        return f"country:{ent.geo.country}"
    name = ent.name_en or ent.name
    sound = skeleton(name) if ent.type == "PER" else key(name)
    return f"{ent.type}:{sound or key(ent.name)}"


class Linker:
    """Assigns store-wide entity ids, creating entities on first sight; aliases accumulate.

    Keys and ids live in memory for the run; new entities and aliases are written in bulk by
    :meth:`flush`, inside the caller's transaction."""

    def __init__(self, db: duckdb.DuckDBPyConnection) -> None:
        self.db = db
        self.ids: dict[str, str] = dict(db.execute("SELECT link_key, entity_id FROM entities").fetchall())
        self.new_entities: list[tuple[object, ...]] = []
        self.new_aliases: set[tuple[str, str]] = set()

    def link(self, ent: Entity) -> str:
        lk = link_key(ent)
        entity_id = self.ids.get(lk)
        if entity_id is None:
            entity_id = "e:" + hashlib.sha1(lk.encode("utf-8")).hexdigest()[:12]
            self.ids[lk] = entity_id
            geo = ent.geo
            self.new_entities.append((entity_id, lk, ent.type, ent.subtype, ent.name, ent.name_en,
                                      geo.lat if geo else None, geo.lon if geo else None,
                                      geo.country if geo else None, geo.precision if geo else None))
        self.new_aliases |= {(entity_id, a) for a in {ent.name, ent.name_en, *(m.normal for m in ent.mentions)} if a}
        return entity_id

    def flush(self) -> None:
        from svodka.chronicle.store import bulk_insert

        if self.new_entities:
            bulk_insert(self.db, "entities", self.new_entities, conflict="OR IGNORE")
            self.new_entities = []
        if self.new_aliases:
            bulk_insert(self.db, "aliases", sorted(self.new_aliases), conflict="OR IGNORE")
            self.new_aliases = set()
