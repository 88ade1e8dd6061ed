"""Saxony's outline, its districts and its municipalities' positions as SVG geometry.

Read once per process from karte/data/sachsen.json, which karte/build_map.py generated from
the BKG's VG250 boundaries (source and licence: karte/data/LICENCE.md). Districts are keyed
by the slug of verbaende.District, municipalities by their name.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "sachsen.json"
ATTRIBUTION = "© GeoBasis-DE / BKG 2017"


@dataclass(frozen=True)
class DistrictShape:
    slug: str
    name: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    outline: str
    districts: dict
    places: dict
    projection: dict

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    def project(self, lon, lat):
        """SVG coordinates of a WGS84 position (for markers added later, e.g. events)."""
        p = self.projection
        return ((lon - p["lon0"]) * p["kx"], (p["lat0"] - lat) * p["ky"])


@cache
def geometry() -> Geometry:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    districts = {
        slug: DistrictShape(slug, shape["name"], shape["path"], *shape["label"])
        for slug, shape in data["districts"].items()
    }
    return Geometry(
        width=data["width"],
        height=data["height"],
        outline=data["outline"],
        districts=districts,
        places={name: tuple(xy) for name, xy in data["places"].items()},
        projection=data["projection"],
    )
