#!/usr/bin/env python3
"""Draws the app icon, assets/icon.svg, from assets/provinces.geojson: Afghanistan in sand on a
deep blue tile, Panjshir (the resistance's heartland) in the atlas's NRF green.

    python3 tools/make_icon.py

Standard library only. The app renders this SVG for its window icon; the install script and
packages install it as the desktop icon.
"""

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = 256
MARGIN = 26
TILE = "#1d4257"
LAND = "#ece7df"
HEARTLAND = "#009e73"


def main():
    features = json.loads((ROOT / "assets/provinces.geojson").read_text())["features"]
    rings = []  # (is_heartland, [(x, y)...]) in projected km
    mid_lat = math.radians(34.0)
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        heartland = feature["id"] == "AF-PAN"
        for polygon in polygons:
            for ring in polygon[:1]:  # outer rings: the icon has no room for holes
                rings.append((heartland, [(lon * math.cos(mid_lat), -lat) for lon, lat in ring]))
    xs = [x for _, ring in rings for x, _ in ring]
    ys = [y for _, ring in rings for _, y in ring]
    scale = (SIZE - 2 * MARGIN) / max(max(xs) - min(xs), max(ys) - min(ys))
    dx = (SIZE - (max(xs) - min(xs)) * scale) / 2
    dy = (SIZE - (max(ys) - min(ys)) * scale) / 2

    def path(ring):
        points = [((x - min(xs)) * scale + dx, (y - min(ys)) * scale + dy) for x, y in ring]
        # Thin out points closer than a pixel: the icon is small.
        kept = [points[0]]
        for p in points[1:]:
            if math.dist(p, kept[-1]) >= 1.0:
                kept.append(p)
        return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z"

    land = "".join(path(r) for h, r in rings if not h)
    heart = "".join(path(r) for h, r in rings if h)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">\n'
        f'<rect width="{SIZE}" height="{SIZE}" rx="48" fill="{TILE}"/>\n'
        # Each province filled and stroked in the same colour, so no seams show between them.
        f'<path d="{land}" fill="{LAND}" stroke="{LAND}" stroke-width="1.2" stroke-linejoin="round"/>\n'
        f'<path d="{heart}" fill="{HEARTLAND}" stroke="{HEARTLAND}" stroke-width="1.2" stroke-linejoin="round"/>\n'
        "</svg>\n"
    )
    (ROOT / "assets/icon.svg").write_text(svg)
    print(f"wrote assets/icon.svg ({len(svg) // 1024} kB)")


if __name__ == "__main__":
    main()
