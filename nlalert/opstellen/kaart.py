"""The bundled boundaries for the area map: gemeenten and veiligheidsregio's, and picked areas.

The files in `nlalert/data/` are copies of the shared CBS/Kadaster boundaries, simplified further
at copy time (`python -m nlalert.kaart BRONMAP`) so the map loads fast without internet tiles.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely import affinity, prepare, set_precision
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from berichten.gebied import GEBIEDEN_NL, uit_geojson
from berichten.grens import EILANDEN as EILANDKADERS
from berichten.grens import EILANDTALEN, standaardtalen
from nlalert.fouten import N_, OngeldigeInvoer

GEMEENTEN = "gemeenten_2024.geojson"
REGIOS = "veiligheidsregio_2025.geojson"
# Bonaire, Sint Eustatius and Saba, drawn and searched as gemeenten (GM9001-GM9003).
EILANDEN = "caribisch_nederland.geojson"
BRON = "Kadaster / Centraal Bureau voor de Statistiek"
BRON_VOLLEDIG = (
    "Bron: Kadaster / Centraal Bureau voor de Statistiek (Wijk- en Buurtkaart 2024);"
    " veiligheidsregio-grenzen: CBS gebiedsindelingen via PDOK"
)
# Degrees; about 300 m, well below what a cell-broadcast area can resolve.
TOLERANTIE_GEMEENTEN = 0.003
TOLERANTIE_REGIOS = 0.004
PRECISIE = 0.0001  # four decimals, about 10 m
# Closing the slivers between simplified neighbours: grow and shrink by about 50 m.
NAAD = 0.0005
MAX_GEKOZEN = 400
KLEINSTE_DEEL = 1e-6  # square degrees (about 0.01 km2): crumbs of the union are dropped
BEWAARDE_EIGENSCHAPPEN = ("gemeentecode", "gemeentenaam", "vr_code", "vr_naam", "aantal_inwoners")
# The outline of the European Netherlands, in km-like units (lon scaled by cos 52.2°, 1 = 1° lat).
KM = 1 / 111.32
SCHAAL_LON = math.cos(math.radians(52.2))
DICHT_KM = 3.0  # closes estuary mouths and dams narrower than 6 km (Haringvliet, Oosterschelde)
MARGE_KM = 0.5  # the simplified outline may lie up to about 300 m inside the real coast or border
# The Wadden Sea between the islands and the coast, by hand (lon, lat): the gemeenten are land only.
WADDENZEE = (
    (4.72, 52.95),
    (4.70, 53.00),
    (4.85, 53.20),
    (5.00, 53.30),
    (5.20, 53.40),
    (5.60, 53.46),
    (6.00, 53.48),
    (6.35, 53.52),
    (6.60, 53.52),
    (6.80, 53.46),
    (6.80, 53.40),
    (6.20, 53.41),
    (5.90, 53.38),
    (5.40, 53.15),
    (5.05, 53.05),
    (4.95, 52.93),
    (4.72, 52.95),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Keuze:
    """A picked area: its GeoJSON Feature (MultiPolygon) for the compose request."""

    feature: dict[str, Any]
    beschrijving: str


def _lees(naam: str) -> dict[str, Any]:
    bestand = resources.files("nlalert") / "data" / naam
    with bestand.open("rb") as f:
        data: dict[str, Any] = json.load(f)
    return data


@cache
def grenzen() -> dict[str, Any]:
    """The map data served to the browser: gemeenten (with the islands), regio's, attribution."""
    gemeenten = _lees(GEMEENTEN)
    eilanden = _lees(EILANDEN)
    gemeenten = {**gemeenten, "features": gemeenten["features"] + eilanden["features"]}
    return {
        "gemeenten": gemeenten,
        "regios": _lees(REGIOS),
        "bron": f"{BRON_VOLLEDIG}; Caribisch Nederland: {eilanden['bron']}",
    }


@cache
def grenzen_json() -> bytes:
    """`grenzen()` serialised once, compactly."""
    return json.dumps(grenzen(), ensure_ascii=False, separators=(",", ":")).encode()


@cache
def _vormen(soort: str) -> dict[str, tuple[str, BaseGeometry]]:
    data = grenzen()["gemeenten" if soort == "gemeente" else "regios"]
    sleutel, naam = (
        ("gemeentecode", "gemeentenaam") if soort == "gemeente" else ("vr_code", "vr_naam")
    )
    return {
        f["properties"][sleutel]: (f["properties"][naam], shape(f["geometry"]))
        for f in data["features"]
    }


def _zonder_gaten(geom: BaseGeometry) -> BaseGeometry:
    return unary_union([Polygon(p.exterior) for p in _vlakken(geom)])


@cache
def _nederland() -> BaseGeometry:
    """The land of the gemeenten with its inland waters and the Wadden Sea, plus a small margin."""
    land = unary_union([g for _, g in _vormen("gemeente").values()] + [Polygon(WADDENZEE)])
    vlak = _zonder_gaten(affinity.scale(land, xfact=SCHAAL_LON, origin=(0, 0)))
    dicht = DICHT_KM * KM
    omtrek = _zonder_gaten(vlak.buffer(dicht, 8).buffer(-dicht, 8)).buffer(MARGE_KM * KM, 8)
    prepare(omtrek)
    return omtrek


def in_nederland(lon: float, lat: float) -> bool:
    """Whether a point lies in the Netherlands (land and inland water) or on the BES islands.

    Open sea beyond the margin and the countries next door are outside. The islands are their
    box in `berichten.gebied.GEBIEDEN_NL` (everything west of Greenwich).
    """
    if any(a <= lon <= c and b <= lat <= d for a, b, c, d in GEBIEDEN_NL if c < 0):
        return True
    return bool(_nederland().contains(Point(lon * SCHAAL_LON, lat)))


def _vlakken(geom: BaseGeometry) -> list[Polygon]:
    """The polygons in any geometry; make_valid can turn a region into a GeometryCollection."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for deel in getattr(geom, "geoms", []) for p in _vlakken(deel)]


def _alleen_buitenranden(geom: BaseGeometry) -> MultiPolygon:
    # A Gebied keeps outer rings only; dropping holes here keeps the stored area what is sent.
    randen = [Polygon(p.exterior) for p in _vlakken(geom)]
    return MultiPolygon([r for r in randen if r.area >= KLEINSTE_DEEL])


def kies(gemeenten: Iterable[str] = (), regio: str | None = None) -> Keuze:
    """The union of the picked gemeenten (codes GMxxxx) or of one veiligheidsregio (VRxx)."""
    codes = list(dict.fromkeys(gemeenten))
    if regio:
        bekend = _vormen("regio")
        if regio not in bekend:
            raise OngeldigeInvoer(
                "regio", N_("onbekende veiligheidsregio '%(code)s'"), code=regio[:20]
            )
        naam, geom = bekend[regio]
        namen, soort = [f"Veiligheidsregio {naam}"], "regio"
        gekozen = [regio]
    else:
        if not codes or len(codes) > MAX_GEKOZEN:
            raise OngeldigeInvoer("gemeenten", N_("kies 1 tot %(max)s gemeenten"), max=MAX_GEKOZEN)
        bekend = _vormen("gemeente")
        onbekend = [c for c in codes if c not in bekend]
        if onbekend:
            raise OngeldigeInvoer(
                "gemeenten", N_("onbekende gemeentecode '%(code)s'"), code=onbekend[0][:20]
            )
        namen = [bekend[c][0] for c in codes]
        # Simplified neighbours overlap and leave slivers; a small grow-and-shrink closes them,
        # so adjacent gemeenten become one valid polygon instead of an invalid MultiPolygon.
        geom = unary_union([bekend[c][1] for c in codes]).buffer(NAAD).buffer(-NAAD)
        soort, gekozen = "gemeenten", codes
    geom = set_precision(geom.simplify(PRECISIE, preserve_topology=True), PRECISIE)
    vlak = _alleen_buitenranden(geom)
    beschrijving = ", ".join(namen)
    feature = {
        "type": "Feature",
        "properties": {"beschrijving": beschrijving, "bron": soort, "codes": gekozen},
        "geometry": mapping(vlak),
    }
    return Keuze(feature=json.loads(json.dumps(feature)), beschrijving=beschrijving)


@cache
def eilandtalen() -> dict[str, list[str]]:
    """Per island gemeente (GM9001-GM9003): the default languages `berichten.grens` gives an
    area of that island alone, for the compose screen to apply as the server does."""
    uit = {}
    for f in _lees(EILANDEN)["features"]:
        code = f["properties"]["gemeentecode"]
        if talen := standaardtalen(uit_geojson(kies([code]).feature)):
            uit[code] = list(talen)
    return uit


def eilandkaders() -> list[dict[str, list[Any]]]:
    """Per island its box (lon_min, lat_min, lon_max, lat_max) and default languages: an area
    drawn wholly inside one takes them on the compose screen, as `berichten.grens` decides."""
    return [
        {"kader": list(kader), "talen": list(EILANDTALEN[naam])}
        for naam, kader in EILANDKADERS.items()
        if naam in EILANDTALEN
    ]


def _vereenvoudig(bron: Path, tolerantie: float) -> dict[str, Any]:
    data = json.loads(bron.read_text(encoding="utf-8"))
    features = []
    for f in data["features"]:
        geom = shape(f["geometry"]).simplify(tolerantie, preserve_topology=True)
        geom = MultiPolygon(_vlakken(set_precision(geom, PRECISIE)))
        eigenschappen: Mapping[str, Any] = f["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    k: eigenschappen[k] for k in BEWAARDE_EIGENSCHAPPEN if k in eigenschappen
                },
                "geometry": mapping(geom),
            }
        )
    return {"type": "FeatureCollection", "bron": BRON_VOLLEDIG, "features": features}


def main(argv: list[str] | None = None) -> None:
    """Copy and simplify the shared boundaries into `nlalert/data/`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("bronmap", type=Path, help="map met gemeenten_2024.geojson en regio's")
    args = parser.parse_args(argv)
    doelmap = Path(__file__).parent / "data"
    doelmap.mkdir(exist_ok=True)
    for naam, tolerantie in ((GEMEENTEN, TOLERANTIE_GEMEENTEN), (REGIOS, TOLERANTIE_REGIOS)):
        uit = _vereenvoudig(args.bronmap / naam, tolerantie)
        tekst = json.dumps(uit, ensure_ascii=False, separators=(",", ":"))
        (doelmap / naam).write_text(tekst + "\n", encoding="utf-8")
        print(f"{naam}: {len(uit['features'])} vlakken, {len(tekst)} tekens")


if __name__ == "__main__":
    main()
