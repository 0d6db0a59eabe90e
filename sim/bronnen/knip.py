"""Cut the slices the simulator bundles from the shared data (run by hand, not at start-up).

`python -m sim.bronnen.knip ../shared/data` writes into `sim/data/`:

- `census2021_1km_nl_grens.csv`: the Eurostat census 2021 1 km cells (PROVENANCE section 16) that
  lie in the Netherlands or within `MARGE_KM` of it. Per cell: lower-left corner in EPSG:3035 (km),
  inhabitants, the country of its centre, the foreign municipality code (BE NIS / DE ARS, from a
  centre-in-outline test done here; no foreign outline is bundled) and, for Dutch cells, the
  distance from the centre to the land border with Belgium or Germany (km, 0.1); for foreign
  cells the distance to Dutch land (from the grid file).
- `grens_gemeenten.csv`: code, name, country and population of those foreign municipalities
  (Statbel 1 January 2020; Zensus 2022).
- `bes_eilanden.geojson`: the three islands of the Caribbean Netherlands with CBS population.

The land border is the part of the Dutch outline (union of the CBS gemeenten) that lies within
`LANDGRENS_M` of Belgian or German land; the foreign outlines are used here only to pick it out.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

MARGE_KM = 12.0  # a modelled cell reaches at most 10 km from a Dutch site
LANDGRENS_M = 1500.0
BRON_GRENS = (
    "De Nederlandse landgrens: het deel van de omtrek van de CBS-gemeenten 2024 (Kadaster / "
    "Centraal Bureau voor de Statistiek) binnen 1,5 km van Belgisch of Duits land"
)
UIT = Path(__file__).resolve().parent.parent / "data"


def _vlakken(pad: Path, crs: Transformer) -> tuple[list[dict[str, object]], np.ndarray]:
    kenmerken = json.loads(pad.read_text(encoding="utf-8"))["features"]
    geo = np.array([shape(f["geometry"]) for f in kenmerken], dtype=object)
    geo = shapely.make_valid(
        shapely.transform(geo, lambda xy: np.column_stack(crs.transform(xy[:, 0], xy[:, 1])))
    )
    return [f["properties"] for f in kenmerken], geo


def landgrens_3035(bron: Path) -> dict[str, shapely.Geometry]:
    """The Dutch land border with Belgium ("BE") and Germany ("DE") as lines in EPSG:3035."""
    naar = Transformer.from_crs(4326, 3035, always_xy=True)
    _, nl = _vlakken(bron / "boundaries" / "gemeenten_2024.geojson", naar)
    _, be = _vlakken(bron / "grens" / "be_gemeenten_grens_2020.geojson", naar)
    _, de = _vlakken(bron / "grens" / "de_gemeinden_nrw_ni_zensus2022.geojson", naar)
    rand = shapely.union_all(shapely.buffer(nl, 60)).buffer(-60).boundary
    return {
        land: shapely.line_merge(rand.intersection(shapely.union_all(buur).buffer(LANDGRENS_M)))
        for land, buur in (("BE", be), ("DE", de))
    }


def main(argv: list[str] | None = None) -> None:
    """Write the slices into sim/data/."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("bron", type=Path, help="shared/data")
    parser.add_argument("--landgrens", type=Path, help="also write the land border (GeoJSON)")
    args = parser.parse_args(argv)
    bron: Path = args.bron
    naar = Transformer.from_crs(4326, 3035, always_xy=True)
    grens = landgrens_3035(bron)
    be_props, be = _vlakken(bron / "grens" / "be_gemeenten_grens_2020.geojson", naar)
    de_props, de = _vlakken(bron / "grens" / "de_gemeinden_nrw_ni_zensus2022.geojson", naar)
    buiten = [
        ("BE", str(p["nis_code"]), str(p["naam_nl"]), p["inwoners_2020_01_01"]) for p in be_props
    ]
    buiten += [("DE", str(p["ars"]), str(p["naam"]), p["einwohner_zensus_2022"]) for p in de_props]
    vlakken = np.concatenate([be, de])
    boom = shapely.STRtree(vlakken)
    rijen = []
    with (bron / "population" / "census2021_1km_nl_grens60km.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            land, afstand = r["land_celmidden"], float(r["afstand_tot_nl_km"])
            if afstand > MARGE_KM or (land not in ("NL", "BE", "DE") and afstand > 0):
                continue
            rijen.append(
                (
                    int(r["x_linksonder_3035"]) // 1000,
                    int(r["y_linksonder_3035"]) // 1000,
                    int(r["inwoners_2021"]),
                    land or "NL",
                    afstand,
                )
            )
    x = np.array([r[0] for r in rijen]) * 1000.0 + 500
    y = np.array([r[1] for r in rijen]) * 1000.0 + 500
    midden = shapely.points(x, y)
    gemeente = np.full(len(rijen), -1)
    buitenlands = np.array([r[3] != "NL" for r in rijen])
    punt, vlak = boom.query(midden[buitenlands], predicate="within")
    gemeente[np.flatnonzero(buitenlands)[punt]] = vlak
    # A foreign centre in no outline (harbour, coast): the nearest municipality of its country.
    zonder = np.flatnonzero(buitenlands & (gemeente < 0))
    if len(zonder):
        gemeente[zonder] = boom.query_nearest(midden[zonder], return_distance=False)[1]
    afstand = shapely.distance(midden, shapely.union_all(list(grens.values()))) / 1000.0
    if args.landgrens:
        terug = Transformer.from_crs(3035, 4326, always_xy=True)
        kenmerken = [
            {
                "type": "Feature",
                "properties": {"land": land},
                "geometry": mapping(
                    shapely.set_precision(
                        shapely.transform(
                            lijn.simplify(100.0),
                            lambda xy: np.column_stack(terug.transform(xy[:, 0], xy[:, 1])),
                        ),
                        0.0001,
                    )
                ),
            }
            for land, lijn in grens.items()
        ]
        uit = {"type": "FeatureCollection", "bron": BRON_GRENS, "features": kenmerken}
        args.landgrens.write_text(json.dumps(uit, separators=(",", ":")) + "\n", encoding="utf-8")
    gebruikt = sorted(set(gemeente[gemeente >= 0].tolist()))
    with (UIT / "census2021_1km_nl_grens.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x_km", "y_km", "inwoners_2021", "land", "gemeente", "grens_km"])
        for (xk, yk, n, land, tot_nl), g, a in zip(rijen, gemeente, afstand, strict=True):
            code = buiten[g][1] if g >= 0 else ""
            land = buiten[g][0] if g >= 0 else land
            w.writerow([xk, yk, n, land, code, f"{a if land == 'NL' else tot_nl:.1f}"])
    with (UIT / "grens_gemeenten.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["land", "code", "naam", "inwoners"])
        for g in gebruikt:
            land, code, naam, n = buiten[g]
            w.writerow([land, code, naam, "" if n is None else int(n)])
    eilanden = json.loads((bron / "bes" / "bes_eilanden.geojson").read_text(encoding="utf-8"))
    houd = (
        "gemeentecode",
        "naam",
        "iso_3166_2",
        "aantal_inwoners",
        "peildatum_inwoners",
        "geometrie_bron",
    )
    uit = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {k: e["properties"][k] for k in houd},
                "geometry": mapping(
                    shapely.set_precision(shape(e["geometry"]).simplify(0.0002), 0.00001)
                ),
            }
            for e in eilanden["features"]
        ],
    }
    (UIT / "bes_eilanden.geojson").write_text(
        json.dumps(uit, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(rijen)} cellen, {len(gebruikt)} buitenlandse gemeenten")


if __name__ == "__main__":
    main()
