"""Build the dashboard's offline base map: world country outlines as SVG paths.

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py package/countries-110m.json -o src/svodka/web/basemap.json

Source: the world-atlas package (ISC licence, Mike Bostock), itself Natural Earth's public-domain
1:110m countries. The TopoJSON arcs are decoded and projected here (equirectangular, x = lon,
y = -lat, in a 360 x 180 box), so the browser needs no map library and no tile server.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    out = []
    for r in rings:
        if len(r) < 3:
            continue
        coords = " ".join(f"{lon + 180:.2f},{90 - lat:.2f}" for lon, lat in r)
        out.append(f"M{coords}Z")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("topojson", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=Path("src/svodka/web/basemap.json"))
    args = ap.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for poly in polygons for r in poly]
        countries.append({"id": geom.get("id"), "name": geom.get("properties", {}).get("name"), "d": path(rings)})
    doc = {"source": "Natural Earth 1:110m countries via world-atlas 2 (ISC)", "viewBox": "0 0 360 180",
           "countries": countries}
    args.output.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(countries)} countries -> {args.output} ({args.output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
