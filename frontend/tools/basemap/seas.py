#!/usr/bin/env python3
"""Renames the Natural Earth sea label points for Vietnamese users and writes basemap/seas.geojson.

Usage: seas.py IN_RAW OUT

Each Natural Earth name is replaced by a Vietnamese name and the English name used in Viet Nam; the
Natural Earth name is not kept, so the page can only show these. A few label points are moved by hand
from the polygon's point-on-surface to where a reader expects the name (open water, clear of the
archipelagos).
"""
import json
import sys

# Natural Earth name -> (name_vi, name_en, label point or None for the computed one)
NAMES = {
    "South China Sea": ("Biển Đông", "East Sea", (113.6, 13.4)),
    "Gulf of Tonkin": ("Vịnh Bắc Bộ", "Gulf of Tonkin", (107.6, 20.0)),
    "Gulf of Thailand": ("Vịnh Thái Lan", "Gulf of Thailand", (102.2, 9.6)),
    "Celebes Sea": ("Biển Celebes", "Celebes Sea", None),
    "Sulu Sea": ("Biển Sulu", "Sulu Sea", None),
    "Strait of Malacca": ("Eo biển Malacca", "Strait of Malacca", None),
    "Strait of Singapore": ("Eo biển Singapore", "Singapore Strait", None),
    "Makassar Strait": ("Eo biển Makassar", "Makassar Strait", None),
    "Taiwan Strait": ("Eo biển Đài Loan", "Taiwan Strait", None),
    "Qiongzhou Strait": ("Eo biển Quỳnh Châu", "Qiongzhou Strait", None),
}


def main(raw, out):
    features = []
    for f in json.load(open(raw, encoding="utf-8"))["features"]:
        p = f["properties"]
        if p["ne_name"] not in NAMES:
            sys.exit("no Vietnamese name for a Natural Earth sea; add it to seas.py: " + p["ne_name"])
        name_vi, name_en, label = NAMES[p["ne_name"]]
        geometry = f["geometry"] if label is None else {"type": "Point", "coordinates": list(label)}
        features.append({"type": "Feature",
                         "properties": {"kind": p["kind"], "rank": p["rank"], "name_vi": name_vi, "name_en": name_en},
                         "geometry": geometry})
    features.sort(key=lambda f: f["properties"]["rank"])
    json.dump({"type": "FeatureCollection", "features": features}, open(out, "w", encoding="utf-8"),
              ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(*sys.argv[1:])
