#!/usr/bin/env python3
"""Writes the Hoàng Sa and Trường Sa island points and their 12-nautical-mile circles as GeoJSON.

Usage: archipelagos.py OUT_POINTS OUT_CIRCLES

Each island is (name, longitude, latitude[, label_minzoom]): islands a few hundred metres from a
neighbour get their label only from the zoom where the two no longer overlap (default 8). The circles
are computed on the WGS 84 ellipsoid (Vincenty's direct formula, 64 vertices each) and
written one polygon per island; make-basemap.sh unions them per archipelago. Coordinates are
longitude, latitude (EPSG:4326) and approximate (to about a kilometre): they come from public
gazetteers, not from a survey.
"""
import json
import math
import sys

NAUTICAL_MILE_M = 1852.0
RADIUS_M = 12 * NAUTICAL_MILE_M
VERTICES = 64

ARCHIPELAGOS = [
    {
        "id": "hoang_sa",
        "name_vi": "Quần đảo Hoàng Sa (Việt Nam)",
        "name_en": "Hoàng Sa Archipelago (Viet Nam)",
        "district_vi": "Huyện Hoàng Sa, TP. Đà Nẵng",
        "district_en": "Hoàng Sa District, Đà Nẵng City",
        "label": (112.35, 16.3),  # open water between the Crescent and Amphitrite groups
        "islands": [
            ("Đảo Phú Lâm", 112.335, 16.834),
            ("Đảo Linh Côn", 112.733, 16.669),
            ("Đảo Cây", 112.266, 16.980),
            ("Đảo Hoàng Sa", 111.602, 16.532),
            ("Đảo Hữu Nhật", 111.583, 16.500, 10),
            ("Đảo Quang Ảnh", 111.508, 16.449, 10),
            ("Đảo Quang Hòa", 111.712, 16.448),
            ("Đảo Duy Mộng", 111.742, 16.464, 10),
            ("Đảo Bạch Quy", 111.767, 16.050),
            ("Đảo Tri Tôn", 111.202, 15.784),
        ],
    },
    {
        "id": "truong_sa",
        "name_vi": "Quần đảo Trường Sa (Việt Nam)",
        "name_en": "Trường Sa Archipelago (Viet Nam)",
        "district_vi": "Huyện Trường Sa, tỉnh Khánh Hòa",
        "district_en": "Trường Sa District, Khánh Hòa Province",
        "label": (113.2, 10.3),
        "islands": [
            ("Đảo Song Tử Đông", 114.317, 11.450, 11),
            ("Đảo Song Tử Tây", 114.330, 11.430),
            ("Đảo Thị Tứ", 114.283, 11.054),
            ("Đảo Loại Ta", 114.417, 10.683),
            ("Đảo Bến Lạc", 115.017, 11.083),
            ("Đảo Bình Nguyên", 115.817, 10.817),
            ("Đảo Vĩnh Viễn", 115.800, 10.733),
            ("Đảo Ba Bình", 114.363, 10.377),
            ("Đảo Sơn Ca", 114.478, 10.375, 10),
            ("Đảo Nam Yết", 114.367, 10.181),
            ("Đảo Sinh Tồn", 114.330, 9.886),
            ("Đảo Sinh Tồn Đông", 114.567, 9.900, 9),
            ("Đảo Phan Vinh", 113.683, 8.967),
            ("Đảo Trường Sa Đông", 112.350, 8.933),
            ("Đảo Trường Sa", 111.918, 8.644),
            ("Đảo An Bang", 112.915, 7.876),
        ],
    },
]

DERIVED = "12 nm circles around island points; indicative, not an official boundary"

# WGS 84
A = 6378137.0
F = 1 / 298.257223563
B = A * (1 - F)


def destination(lon, lat, azimuth_deg, distance_m):
    """Returns (lon, lat) reached from (lon, lat) along the geodesic with this initial azimuth (Vincenty direct)."""
    alpha1 = math.radians(azimuth_deg)
    sin_alpha1, cos_alpha1 = math.sin(alpha1), math.cos(alpha1)
    tan_u1 = (1 - F) * math.tan(math.radians(lat))
    cos_u1 = 1 / math.sqrt(1 + tan_u1 * tan_u1)
    sin_u1 = tan_u1 * cos_u1
    sigma1 = math.atan2(tan_u1, cos_alpha1)
    sin_alpha = cos_u1 * sin_alpha1
    cos_sq_alpha = 1 - sin_alpha * sin_alpha
    u_sq = cos_sq_alpha * (A * A - B * B) / (B * B)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    sigma = distance_m / (B * big_a)
    for _ in range(100):
        cos_2sigma_m = math.cos(2 * sigma1 + sigma)
        sin_sigma, cos_sigma = math.sin(sigma), math.cos(sigma)
        delta_sigma = big_b * sin_sigma * (cos_2sigma_m + big_b / 4 * (
            cos_sigma * (-1 + 2 * cos_2sigma_m ** 2)
            - big_b / 6 * cos_2sigma_m * (-3 + 4 * sin_sigma ** 2) * (-3 + 4 * cos_2sigma_m ** 2)))
        previous = sigma
        sigma = distance_m / (B * big_a) + delta_sigma
        if abs(sigma - previous) < 1e-12:
            break
    sin_sigma, cos_sigma = math.sin(sigma), math.cos(sigma)
    cos_2sigma_m = math.cos(2 * sigma1 + sigma)
    x = sin_u1 * sin_sigma - cos_u1 * cos_sigma * cos_alpha1
    lat2 = math.atan2(sin_u1 * cos_sigma + cos_u1 * sin_sigma * cos_alpha1,
                      (1 - F) * math.sqrt(sin_alpha * sin_alpha + x * x))
    lam = math.atan2(sin_sigma * sin_alpha1, cos_u1 * cos_sigma - sin_u1 * sin_sigma * cos_alpha1)
    c = F / 16 * cos_sq_alpha * (4 + F * (4 - 3 * cos_sq_alpha))
    big_l = lam - (1 - c) * F * sin_alpha * (
        sigma + c * sin_sigma * (cos_2sigma_m + c * cos_sigma * (-1 + 2 * cos_2sigma_m ** 2)))
    return lon + math.degrees(big_l), math.degrees(lat2)


def circle(lon, lat):
    # Clockwise azimuths give a counter-clockwise ring in lon/lat, the GeoJSON (RFC 7946) exterior order.
    ring = [destination(lon, lat, -360.0 * i / VERTICES, RADIUS_M) for i in range(VERTICES)]
    ring.append(ring[0])
    return [[round(x, 6), round(y, 6)] for x, y in ring]


def main(out_points, out_circles):
    points, circles = [], []
    for archipelago in ARCHIPELAGOS:
        for name, lon, lat, *minzoom in archipelago["islands"]:
            properties = {
                "kind": "island",
                "archipelago": archipelago["id"],
                "name_vi": name,
                "name_en": name,
                "archipelago_vi": archipelago["name_vi"],
                "archipelago_en": archipelago["name_en"],
                "label_minzoom": minzoom[0] if minzoom else 8,
            }
            points.append({"type": "Feature", "properties": properties,
                           "geometry": {"type": "Point", "coordinates": [lon, lat]}})
            circles.append({"type": "Feature", "properties": {"archipelago": archipelago["id"]},
                            "geometry": {"type": "Polygon", "coordinates": [circle(lon, lat)]}})
    with open(out_points, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": points}, f, ensure_ascii=False)
    with open(out_circles, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": circles}, f, ensure_ascii=False)


def archipelago_properties():
    """Returns the properties of each archipelago polygon, keyed by archipelago id (used by make-basemap.sh)."""
    return {a["id"]: {"kind": "archipelago", "archipelago": a["id"], "name_vi": a["name_vi"], "name_en": a["name_en"],
                      "district_vi": a["district_vi"], "district_en": a["district_en"], "derived": DERIVED,
                      "label_lon": a["label"][0], "label_lat": a["label"][1]}
            for a in ARCHIPELAGOS}


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--properties":
        json.dump(archipelago_properties(), sys.stdout, ensure_ascii=False)
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit("usage: archipelagos.py OUT_POINTS OUT_CIRCLES | --properties")
