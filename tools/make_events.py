#!/usr/bin/env python3
"""Writes synthetic event files in ACLED's and UCDP GED's CSV layouts, for tests and benchmarks.

ACLED's terms forbid redistributing its data, so the atlas ships none; these files have the
real column layouts and the awkward parts of real exports, but made-up content:

- points inside the province polygons of assets/provinces.geojson (most well inside, some in
  cells a border crosses, each placed by an exact even-odd test), with 4 decimals as ACLED
  writes them;
- both date styles (ACLED `2024-10-20` or `20 October 2024`; GED `2024-10-20` or
  `2024-10-20 00:00:00.000`);
- notes in quotes with commas, doubled quotes and newlines;
- rows outside the country, and rows with missing, non-numeric, NaN or out-of-range
  coordinates, and a few bad dates;
- an admin1 column that names the right province, except for a few rows that name a
  neighbouring one (to exercise the disagreement count).

With --expected FILE it also writes what a correct reader must find, as JSON: events and
fatalities per province (by ISO code), events per group, unplaced rows per reason, and admin1
disagreements. Deterministic for a given --seed. Python 3 standard library only.

    python3 tools/make_events.py --rows 1000000 --out /tmp/acled-1m.csv
    python3 tools/make_events.py --format ged --date-style long --rows 2000 \\
        --out ged.csv --expected ged.json
"""

import argparse
import bisect
import csv
import datetime
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
]
assert len(GED_COLUMNS) == 49

# (actor name as the file writes it, atlas group id or None, weight)
ACLED_ACTORS = [
    ("Taliban", None, 30),
    ("Military Forces of Afghanistan (2021-)", None, 20),
    ("NRF: National Resistance Front of Afghanistan", "NRF", 12),
    ("AFF: Afghanistan Freedom Front", "AFF", 6),
    ("Islamic State (Afghanistan)", "ISKP", 8),
    ("Islamic State Khorasan Province", "ISKP", 2),
    ("ALM: Afghanistan Liberation Movement", "ALM", 2),
    ("Unidentified Armed Group (Afghanistan)", None, 10),
    ("Civilians (Afghanistan)", None, 6),
    ("Protesters (Afghanistan)", None, 4),
]
GED_ACTORS = [
    ("Government of Afghanistan", None, 40),
    ("Taleban", None, 10),
    ("NRF", "NRF", 12),
    ("AFF", "AFF", 5),
    ("IS", "ISKP", 12),
    ("Civilians", None, 8),
]
ASSOC = ["", "", "", "", "", "", "", "", "Police Forces of Afghanistan (2021-)",
         "Hazara Ethnic Group (Afghanistan); Civilians (Afghanistan)",
         "NRF: National Resistance Front of Afghanistan"]
EVENT_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
               ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests"),
               ("Protests", "Peaceful protest")]
SOURCES = ["Amu TV", "Kabul Now", "Hasht-e Subh", "Afghanistan International; Amu TV"]
# Places outside Afghanistan (Peshawar, Quetta, Mashhad, Dushanbe, Termez, Karachi).
FOREIGN = [(71.58, 34.01), (67.0, 30.18), (59.6, 36.3), (68.77, 38.56), (67.28, 37.22), (67.0, 24.86)]
DAY0 = datetime.date(2021, 8, 15)
DAYS = (datetime.date(2025, 9, 30) - DAY0).days + 1
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CELLS_ACROSS = 400


def load_provinces(path):
    """[(iso, name, rings)] with rings as lists of (x, y), from a GeoJSON FeatureCollection."""
    provinces = []
    for feature in json.loads(Path(path).read_text(encoding="utf-8"))["features"]:
        props, geom = feature["properties"], feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings = [[(float(x), float(y)) for x, y, *_ in ring] for poly in polygons for ring in poly]
        provinces.append((props["iso_3166_2"], props["name"], rings))
    return provinces


class Grid:
    """Cells over the provinces: each either wholly inside one province, outside all, or
    crossed by a border ("mixed"); an exact even-odd test for points in mixed cells."""

    def __init__(self, provinces):
        self.edges = [(p, a, b) for p, (_, _, rings) in enumerate(provinces)
                      for ring in rings for a, b in zip(ring, ring[1:])]
        xs = [c for _, a, b in self.edges for c in (a[0], b[0])]
        ys = [c for _, a, b in self.edges for c in (a[1], b[1])]
        self.x0, self.y0 = min(xs), min(ys)
        self.cell = max(max(xs) - self.x0, max(ys) - self.y0) / CELLS_ACROSS
        self.cols = int((max(xs) - self.x0) / self.cell) + 1
        self.rows = int((max(ys) - self.y0) / self.cell) + 1
        self.bands = [[] for _ in range(self.rows)]
        mixed = set()
        for edge in self.edges:
            _, (ax, ay), (bx, by) = edge
            r0, r1 = self.row(min(ay, by)), self.row(max(ay, by))
            c0, c1 = self.col(min(ax, bx)), self.col(max(ax, bx))
            for r in range(r0, r1 + 1):
                self.bands[r].append(edge)
                for c in range(c0, c1 + 1):
                    mixed.add((r, c))
        self.mixed = sorted(mixed)
        self.inside = [[] for _ in provinces]  # province -> [(row, col)] of cells wholly inside
        for r in range(self.rows):
            y = self.y0 + (r + 0.5) * self.cell
            spans = []  # (x_start, x_end, province) where the row's centre line is inside
            crossings = {}
            for p, (ax, ay), (bx, by) in self.bands[r]:
                if (ay > y) != (by > y):
                    crossings.setdefault(p, []).append(ax + (y - ay) * (bx - ax) / (by - ay))
            for p, xs_ in crossings.items():
                xs_.sort()
                spans.extend((xs_[i], xs_[i + 1], p) for i in range(0, len(xs_) - 1, 2))
            spans.sort()
            starts = [s[0] for s in spans]
            for c in range(self.cols):
                if (r, c) in mixed:
                    continue
                x = self.x0 + (c + 0.5) * self.cell
                i = bisect.bisect_right(starts, x) - 1
                if i >= 0 and spans[i][0] < x < spans[i][1]:
                    self.inside[spans[i][2]].append((r, c))

    def row(self, y):
        return min(int((y - self.y0) / self.cell), self.rows - 1)

    def col(self, x):
        return min(int((x - self.x0) / self.cell), self.cols - 1)

    def cell_of(self, x, y):
        return (int((y - self.y0) / self.cell), int((x - self.x0) / self.cell))

    def province_at(self, x, y):
        """Exact even-odd test (half-open in y) over the edges of the point's row."""
        r = int((y - self.y0) / self.cell)
        if not (0 <= r < self.rows) or x < self.x0:
            return None
        parity = {}
        for p, (ax, ay), (bx, by) in self.bands[r]:
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                parity[p] = not parity.get(p, False)
        inside = sorted(p for p, odd in parity.items() if odd)
        return inside[0] if inside else None


def weighted(rng, items):
    return rng.choices(items, weights=[w for *_, w in items])[0]


def notes_for(rng, actor1, actor2, place, day):
    kind = rng.random()
    if kind > 0.25:
        return f"Clash near {place}."
    text = f"On {day.day} {MONTHS[day.month - 1]} {day.year}, {actor1} clashed with {actor2} near {place}."
    if kind < 0.15:
        text += f' A spokesman said "we will not stop", and claimed {rng.randint(1, 9)} killed.'
    if kind < 0.05:
        text += "\nLocal sources disputed the figures.\n\"Unverified.\""
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=["acled", "ged"], default="acled")
    parser.add_argument("--date-style", choices=["iso", "long"], default="iso",
                        help="iso: 2024-10-20; long: ACLED '20 October 2024', GED '2024-10-20 00:00:00.000'")
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--expected", type=Path, help="write the expected counts here (JSON)")
    parser.add_argument("--boundaries", type=Path, default=ROOT / "assets" / "provinces.geojson")
    parser.add_argument("--outside", type=float, default=0.01, help="share of rows outside the country")
    parser.add_argument("--bad", type=float, default=0.005,
                        help="share of rows with bad coordinates (and, a fifth as many, bad dates)")
    parser.add_argument("--near-borders", type=float, default=0.05,
                        help="share of rows in cells a border crosses")
    args = parser.parse_args()
    if args.rows < 0:
        parser.error("--rows must be at least 0")

    rng = random.Random(args.seed)
    provinces = load_provinces(args.boundaries)
    grid = Grid(provinces)
    areas = [len(cells) for cells in grid.inside]
    # Events cluster: a few provinces get many more than their area would.
    weights = [a * (6 if iso in ("AF-PAN", "AF-KAB", "AF-BDS", "AF-NAN") else 1)
               for a, (iso, _, _) in zip(areas, provinces)]
    actors = ACLED_ACTORS if args.format == "acled" else GED_ACTORS
    by_province = {iso: [0, 0] for iso, _, _ in provinces}
    by_group = {}
    unplaced = {}
    disagreements = 0

    def point():
        """(lon, lat, province index or None, kind) of one event's place, 4 decimals."""
        share = rng.random()
        if share < args.outside:
            while True:
                fx, fy = rng.choice(FOREIGN)
                x, y = round(fx + rng.uniform(-0.3, 0.3), 4), round(fy + rng.uniform(-0.3, 0.3), 4)
                if grid.province_at(x, y) is None:
                    return x, y, None
        if share < args.outside + args.near_borders:
            r, c = rng.choice(grid.mixed)
            x = round(grid.x0 + (c + rng.random()) * grid.cell, 4)
            y = round(grid.y0 + (r + rng.random()) * grid.cell, 4)
            return x, y, grid.province_at(x, y)
        p = rng.choices(range(len(provinces)), weights=weights)[0]
        while True:
            r, c = rng.choice(grid.inside[p])
            x = round(grid.x0 + (c + rng.random()) * grid.cell, 4)
            y = round(grid.y0 + (r + rng.random()) * grid.cell, 4)
            if grid.cell_of(x, y) == (r, c):
                return x, y, p

    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS if args.format == "acled" else GED_COLUMNS)
        for n in range(args.rows):
            x, y, p = point()
            lon, lat = f"{x:.4f}", f"{y:.4f}"
            reason = None
            bad = rng.random()
            if bad < args.bad:
                kind = rng.randrange(4)
                if kind == 0:
                    lat, reason = "", "missing coordinates"
                elif kind == 1:
                    lon, reason = rng.choice(["abc", "34,5", "67.1.2", "N/A"]), "non-numeric coordinates"
                elif kind == 2:
                    lat, reason = rng.choice(["NaN", "nan"]), "invalid coordinates"
                else:
                    lat, reason = rng.choice(["95.0", "-91.5", "inf"]), "invalid coordinates"
            elif p is None:
                reason = "outside"
            day = DAY0 + datetime.timedelta(days=rng.randrange(DAYS))
            if args.format == "acled":
                date = (day.isoformat() if args.date_style == "iso"
                        else f"{day.day} {MONTHS[day.month - 1]} {day.year}")
            else:
                date = day.isoformat() + (" 00:00:00.000" if args.date_style == "long" else "")
            if reason is None and bad < args.bad * 1.2:
                date, reason = rng.choice(["", "2023-02-29", "sometime in 2024", "31 Febtober 2024"]), "bad date"
            actor1, group1, _ = weighted(rng, actors)
            actor2, group2, _ = weighted(rng, actors)
            assoc = rng.choice(ASSOC) if args.format == "acled" else ""
            fatalities = rng.choice([0, 0, 0, 1, 2, 3, 5, 12])
            iso, name, _ = provinces[p] if p is not None else ("", "", None)
            admin1 = name
            if p is not None and rng.random() < 0.02:
                other = (p + 1 + rng.randrange(len(provinces) - 1)) % len(provinces)
                admin1 = provinces[other][1]
                if reason is None:
                    disagreements += 1
            if p is None:
                admin1 = rng.choice(["Khyber Pakhtunkhwa", "Razavi Khorasan", "Balochistan", ""])
            place = f"{admin1 or 'Border'} {rng.randrange(500)}"
            notes = notes_for(rng, actor1, actor2, place, day)
            if reason is None:
                by_province[iso][0] += 1
                by_province[iso][1] += fatalities
                # An event counts for the groups on its acting side: actor1 and assoc_actor_1
                # (the column `assoc` is written to); actor2 is the side hit, not counted.
                groups = {group1}
                if "NRF" in assoc:
                    groups.add("NRF")
                for g in groups - {None}:
                    by_group[g] = by_group.get(g, 0) + 1
            else:
                unplaced[reason] = unplaced.get(reason, 0) + 1
            if args.format == "acled":
                event_type, sub_event_type = rng.choice(EVENT_TYPES)
                writer.writerow([
                    f"AFG{n + 1}", date, day.year, rng.choice([1, 1, 1, 2, 3]), "Political violence",
                    event_type, sub_event_type, actor1, assoc, 2, actor2, "", 1, 12, "", 4,
                    "Caspian", "Afghanistan", admin1, admin1, "", place, lat, lon,
                    rng.choice([1, 1, 2, 3]), rng.choice(SOURCES), "National", notes,
                    fatalities, "", 1730000000 + n,
                ])
            else:
                low = max(0, fatalities - 1)
                writer.writerow([
                    n + 1, f"AFG-{n + 1}", day.year, "TRUE", "Clear", 1, 333, 333,
                    "Afghanistan: Government", 800, 800, f"{actor1} - {actor2}", 130, 130, actor1,
                    1000, 1000, actor2, 2, notes, "", "", f"{actor1} attack near {place}",
                    "Afghanistan International", rng.choice([1, 2, 3, 4]), place,
                    f"{place}, {admin1} province", f"{admin1} province" if admin1 else "",
                    f"{admin1} district", lat, lon, f"POINT ({lon} {lat})", 160000, "Afghanistan",
                    700, "Asia", 1, rng.choice([1, 1, 2, 3, 5]), date, date, 0, fatalities, 0, 0,
                    fatalities, fatalities + 2, low, 700, "",
                ])
    if args.expected:
        args.expected.write_text(json.dumps({
            "rows": args.rows,
            "format": args.format,
            "date_style": args.date_style,
            "seed": args.seed,
            "by_province": by_province,
            "by_group": dict(sorted(by_group.items())),
            "unplaced": dict(sorted(unplaced.items())),
            "admin1_disagreements": disagreements,
        }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.rows} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
