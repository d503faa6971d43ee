"""The usual Python way to count events by province: pandas + geopandas.

read_csv, points_from_xy, sjoin (within) against assets/provinces.geojson, groupby; writes the
same table as `resistance-atlas events FILE --by province`:
iso_3166_2,province,events,fatalities (all provinces, zeros included, in the boundary file's
order of names). Rows with missing, non-numeric, NaN or out-of-range coordinates, bad dates or
outside every province are left out, as the atlas leaves them out of its counts.

    python events_peer.py --root REPO --csv FILE --out OUT.csv
"""

import argparse
from pathlib import Path

import geopandas
import pandas


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    provinces = geopandas.read_file(args.root / "assets" / "provinces.geojson")
    events = pandas.read_csv(args.csv, usecols=["event_date", "latitude", "longitude", "fatalities"],
                             dtype={"latitude": str, "longitude": str})
    for column in ("latitude", "longitude"):
        events[column] = pandas.to_numeric(events[column], errors="coerce")
    dates = pandas.to_datetime(events["event_date"], format="mixed", errors="coerce")
    keep = (events["latitude"].abs() <= 90) & (events["longitude"].abs() <= 180) & dates.notna()
    events = events[keep]
    points = geopandas.GeoDataFrame(
        events, geometry=geopandas.points_from_xy(events["longitude"], events["latitude"]),
        crs=provinces.crs)
    joined = geopandas.sjoin(points, provinces[["iso_3166_2", "geometry"]], predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    counts = joined.groupby("iso_3166_2").agg(events=("fatalities", "size"),
                                              fatalities=("fatalities", "sum"))
    table = provinces[["iso_3166_2", "name"]].rename(columns={"name": "province"})
    table = table.sort_values("province", key=lambda s: s.str.lower())
    table = table.join(counts, on="iso_3166_2").fillna(0)
    table[["events", "fatalities"]] = table[["events", "fatalities"]].astype(int)
    table.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
