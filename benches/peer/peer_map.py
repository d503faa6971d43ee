"""Peer for the export benchmark: the same 1920x1080 map drawn with geopandas + matplotlib.

Every run does the whole job from scratch, as `resistance-atlas export` does: read
`assets/provinces.geojson` and `assets/atlas.json`, build a GeoDataFrame, colour each province
by the groups present there (NRF, AFF, or both: NRF fill hatched with AFF), label each province
at its representative point, add a title and a legend, and save a PNG.

Usage: peer_map.py [--root PROJECT_ROOT] --out MAP.png
"""

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.patheffects import withStroke  # noqa: E402

GROUPS = {"NRF": "#009E73", "AFF": "#E69F00"}
NONE_COLOUR = "#ECE7DF"
BORDER_COLOUR = "#444444"
TITLE = "Armed resistance to the Taliban"


def alt_names(value):
    """The `name_alt` property as a list of names.

    The GeoJSON may hold a list (which pyogrio reads as an array) or a "|"-joined string.
    """
    if isinstance(value, str):
        return value.split("|")
    if value is None or not hasattr(value, "__iter__"):
        return []  # missing, or NaN where a feature has no name_alt
    return [v for v in value if isinstance(v, str)]


def groups_by_province(atlas_path, provinces):
    """Maps each GeoDataFrame row index to the set of shown groups present there.

    A record's `province` is matched against `name`, then against `name_alt`;
    names that match neither are reported on stderr.
    """
    lookup = {}
    for index, row in provinces.iterrows():
        for alt in alt_names(row.get("name_alt")):
            lookup.setdefault(alt, index)
    for index, name in provinces["name"].items():
        lookup[name] = index  # the main name wins over any alternative

    with open(atlas_path, encoding="utf-8") as f:
        presence = json.load(f)["presence"]
    found = {}
    for record in presence:
        if record["group"] not in GROUPS:
            continue
        index = lookup.get(record["province"])
        if index is None:
            print(f"unmatched province {record['province']!r} ({record['group']})", file=sys.stderr)
            continue
        found.setdefault(index, set()).add(record["group"])
    return found


def draw(root, out):
    """Reads the project's data and writes the map to `out`."""
    provinces = gpd.read_file(root / "assets" / "provinces.geojson")
    present = groups_by_province(root / "assets" / "atlas.json", provinces)
    provinces["groups"] = [present.get(i, set()) for i in provinces.index]
    nrf, aff = GROUPS["NRF"], GROUPS["AFF"]
    provinces["fill"] = [
        nrf if "NRF" in g else aff if "AFF" in g else NONE_COLOUR for g in provinces["groups"]
    ]

    plt.rcParams["hatch.linewidth"] = 3.0
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.92)
    provinces.plot(ax=ax, color=provinces["fill"], linewidth=0)
    both = provinces[provinces["groups"].map(len) == 2]
    if not both.empty:
        both.plot(ax=ax, facecolor="none", edgecolor=aff, hatch="//", linewidth=0)
    provinces.boundary.plot(ax=ax, color=BORDER_COLOUR, linewidth=0.8)

    halo = [withStroke(linewidth=3, foreground="white")]
    for name, point in zip(provinces["name"], provinces.representative_point()):
        ax.annotate(name, (point.x, point.y), ha="center", va="center", fontsize=11,
                    color="#222222", path_effects=halo)

    fig.suptitle(TITLE, fontsize=28, x=0.02, ha="left")
    ax.set_axis_off()
    ax.legend(
        handles=[
            Patch(facecolor=nrf, edgecolor=BORDER_COLOUR, label="NRF"),
            Patch(facecolor=aff, edgecolor=BORDER_COLOUR, label="AFF"),
            Patch(facecolor=nrf, edgecolor=aff, hatch="//", label="NRF and AFF"),
        ],
        loc="upper right",
        fontsize=14,
        title_fontsize=14,
        title="Groups",
    )
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main():
    """Parses the arguments and draws the map."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                        help="project root (default: two directories up from this script)")
    parser.add_argument("--out", type=Path, required=True, help="PNG file to write")
    args = parser.parse_args()
    draw(args.root, args.out)


if __name__ == "__main__":
    main()
