#!/usr/bin/env python3
"""Removes the holes smaller than MIN_KM2 from the polygons of a GeoJSON file, in place.

Usage: drop_holes.py FILE MIN_KM2

The OSM land of Viet Nam has thousands of small holes (ponds, aquaculture basins, river islands' water):
at basemap zooms they read as noise and they hold most of the vertices. Areas are approximate
(equirectangular, scaled by the cosine of the ring's latitude), which is ample for a threshold.
"""
import json
import math
import sys

KM_PER_DEGREE = 111.32


def ring_km2(ring):
    lat = sum(p[1] for p in ring) / len(ring)
    twice = sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
    return abs(twice) / 2 * KM_PER_DEGREE * KM_PER_DEGREE * math.cos(math.radians(lat))


def tidy(polygon, min_km2):
    return [polygon[0]] + [hole for hole in polygon[1:] if ring_km2(hole) >= min_km2]


def main(path, min_km2):
    data = json.load(open(path, encoding="utf-8"))
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            geometry["coordinates"] = tidy(geometry["coordinates"], min_km2)
        elif geometry["type"] == "MultiPolygon":
            geometry["coordinates"] = [tidy(p, min_km2) for p in geometry["coordinates"]]
    json.dump(data, open(path, "w", encoding="utf-8"), ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
