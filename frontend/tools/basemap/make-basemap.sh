#!/bin/sh
# Rebuilds the offline basemap in src/main/resources/webroot/basemap/ from the shared source data.
# Needs GDAL >= 3.6 (ogr2ogr with the SQLite/SpatiaLite dialect) and python3; see basemap/DATA-SOURCES.md.
#
#   frontend/tools/basemap/make-basemap.sh DATA_DIR
#
# DATA_DIR is the project's shared geographic data folder (with admin/ and maritime/, see its README).
set -eu

DATA=${1:?usage: make-basemap.sh DATA_DIR (the shared data folder holding admin/ and maritime/)}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/../../src/main/resources/webroot/basemap
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Tolerances in degrees (1e-3 deg is about 110 m): the basemap is read at zoom 5-12.
TOL_VN_LAND=0.0005
MIN_LAKE_KM2=5
TOL_NE_LAND=0.01
TOL_PROVINCES=0.0015
TOL_MARITIME=0.002
PRECISION="-lco COORDINATE_PRECISION=5 -lco RFC7946=YES -lco WRITE_NAME=NO"

DB=$WORK/work.sqlite
load() { # load NAME FILE [extra ogr2ogr options]
  name=$1; file=$2; shift 2
  ogr2ogr -update -append -nln "$name" -nlt PROMOTE_TO_MULTI \
    -lco GEOMETRY_NAME=geom "$@" "$DB" "$file"
}
ogr2ogr -f SQLite -dsco SPATIALITE=YES -nln vn_land -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom \
  "$DB" "$DATA/maritime/osm_land_vnm_makevalid.geojson"
load vn_maritime "$DATA/maritime/osm_maritime_vnm_union_valid.geojson"
load ne_land "$DATA/maritime/ne_50m_land_scs.geojson"
load provinces "$DATA/admin/geoBoundaries-VNM-ADM1_simplified.geojson"
load seas "$DATA/maritime/ne_10m_marine_polys_scs.geojson"

python3 "$HERE/archipelagos.py" "$WORK/islands.geojson" "$WORK/circles.geojson"
load circles "$WORK/circles.geojson"

sql() { # sql OUTPUT.geojson "SELECT ..."
  out=$1; shift
  rm -f "$out"
  ogr2ogr -f GeoJSON $PRECISION -dialect sqlite -sql "$1" "$out" "$DB"
}

# land: neighbours' land (Natural Earth 50m minus Viet Nam's land and territorial sea, so that the coarse
# Natural Earth coast of Viet Nam never shows) and Viet Nam's land (OSM, detailed), one feature each.
sql "$WORK/land_ne.geojson" "
  SELECT 0 AS vn, ST_SimplifyPreserveTopology(ST_Difference(ST_Union(n.geom), (SELECT ST_Union(geom) FROM vn_maritime)), $TOL_NE_LAND) AS geom
  FROM ne_land n"
sql "$WORK/land_vn.geojson" "
  SELECT 1 AS vn, ST_SimplifyPreserveTopology(ST_Union(geom), $TOL_VN_LAND) AS geom FROM vn_land"
python3 "$HERE/drop_holes.py" "$WORK/land_vn.geojson" "$MIN_LAKE_KM2"
rm -f "$OUT/land.geojson"
ogr2ogr -f GeoJSON $PRECISION -nln land "$OUT/land.geojson" "$WORK/land_ne.geojson"
ogr2ogr -f GeoJSON -append -addfields -nln land "$OUT/land.geojson" "$WORK/land_vn.geojson"

# provinces: the shared province boundaries as one dissolved line work (each edge once), cut 1 km short of
# the coast and the national border so that they never double the coastline drawn by land.geojson;
# plus one label point per province.
sql "$WORK/province_lines.geojson" "
  SELECT 'boundary' AS kind,
         ST_SimplifyPreserveTopology(ST_Intersection(
             ST_LineMerge(ST_Union(ST_Boundary(p.geom))),
             (SELECT ST_Buffer(ST_Union(geom), -0.01) FROM vn_land)), $TOL_PROVINCES) AS geom
  FROM provinces p"
sql "$WORK/province_labels.geojson" "
  SELECT 'label' AS kind, shapeName AS name_vi, shapeName AS name_en, shapeISO AS iso,
         ST_PointOnSurface(ST_Union(geom)) AS geom
  FROM provinces GROUP BY shapeName, shapeISO ORDER BY shapeName"
rm -f "$OUT/provinces.geojson"
ogr2ogr -f GeoJSON $PRECISION -nln provinces "$OUT/provinces.geojson" "$WORK/province_lines.geojson"
ogr2ogr -f GeoJSON -append -addfields -nln provinces "$OUT/provinces.geojson" "$WORK/province_labels.geojson"

# territorial sea: the area (land + 12 nm band, drawn as a tint under the land) and its seaward limit
# line (the area's boundary minus the parts that run along land, i.e. the land borders).
sql "$WORK/ts_area.geojson" "
  SELECT 'area' AS kind, ST_SimplifyPreserveTopology(ST_Union(geom), $TOL_MARITIME) AS geom FROM vn_maritime"
sql "$WORK/ts_limit.geojson" "
  SELECT 'limit' AS kind, ST_SimplifyPreserveTopology(ST_LineMerge(ST_Difference(
             ST_Boundary(ST_Union(m.geom)), (SELECT ST_Buffer(ST_Union(geom), 0.005) FROM vn_land))), $TOL_MARITIME) AS geom
  FROM vn_maritime m"
rm -f "$OUT/territorial-sea.geojson"
ogr2ogr -f GeoJSON $PRECISION -nln territorial-sea "$OUT/territorial-sea.geojson" "$WORK/ts_area.geojson"
ogr2ogr -f GeoJSON -append -addfields -nln territorial-sea "$OUT/territorial-sea.geojson" "$WORK/ts_limit.geojson"

# seas: one label point per named sea, with Vietnamese and English names (see DATA-SOURCES.md).
sql "$WORK/seas_raw.geojson" "
  SELECT name AS ne_name, featurecla AS kind, scalerank AS rank, ST_PointOnSurface(geom) AS geom FROM seas"
python3 "$HERE/seas.py" "$WORK/seas_raw.geojson" "$OUT/seas.geojson"

# archipelagos: island points and, per archipelago, the union of the islands' 12 nm circles.
sql "$WORK/arch_polys.geojson" "
  SELECT archipelago, ST_Union(geom) AS geom FROM circles GROUP BY archipelago ORDER BY archipelago"
python3 "$HERE/archipelagos.py" --properties > "$WORK/arch_props.json"
python3 - "$WORK/arch_polys.geojson" "$WORK/islands.geojson" "$WORK/arch_props.json" "$OUT/archipelagos.geojson" <<'PY'
import json, sys
polys, islands, props, out = sys.argv[1:]
props = json.load(open(props, encoding="utf-8"))
features = []
for f in json.load(open(polys, encoding="utf-8"))["features"]:
    f["properties"] = props[f["properties"]["archipelago"]]
    features.append(f)
features += json.load(open(islands, encoding="utf-8"))["features"]
json.dump({"type": "FeatureCollection", "features": features}, open(out, "w", encoding="utf-8"),
          ensure_ascii=False, separators=(",", ":"))
PY

ls -l "$OUT"/*.geojson
du -cb "$OUT"/*.geojson | tail -1
