"""The target area from GeoJSON or the circle form, each refusal with a Dutch reason."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry

from sim.fouten import (
    GebiedBuitenNederland,
    LatLonVerwisseld,
    LeegGebied,
    NegatieveStraal,
    OngeldigeGeoJSON,
    OngeldigeGeometrie,
    ZelfdoorsnijdendGebied,
)
from sim.model import geo

# Generous box around the European Netherlands incl. the territorial sea (lon_min, lat_min, ...).
KADER_NL = (2.5, 50.3, 7.9, 54.0)
# The Caribbean Netherlands (Bonaire, Sint Eustatius, Saba): a model of its own (`eilanden`).
KADER_CARIBISCH = (-68.5, 11.9, -62.9, 17.7)
MAX_PUNTEN = 100_000
MAX_STRAAL_KM = 300.0
VLAKTYPEN = ("Polygon", "MultiPolygon")
GEEN_VLAK = ("Point", "MultiPoint", "LineString", "MultiLineString")

Gebied: TypeAlias = Polygon | MultiPolygon


def _getal(waarde: object, wat: str) -> float:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        raise OngeldigeGeoJSON(
            "{wat} moet een getal zijn, niet {soort}", wat=wat, soort=type(waarde).__name__
        )
    try:
        getal = float(waarde)
    except OverflowError:
        raise OngeldigeGeoJSON("{wat} is te groot", wat=wat) from None
    if not math.isfinite(getal):
        raise OngeldigeGeoJSON("{wat} moet een eindig getal zijn", wat=wat)
    return getal


def _ring(waarde: object, waar: str) -> list[tuple[float, float]]:
    if not isinstance(waarde, Sequence) or isinstance(waarde, str):
        raise OngeldigeGeoJSON("{waar}: een ring is een lijst van posities [lon, lat]", waar=waar)
    punten: list[tuple[float, float]] = []
    for i, positie in enumerate(waarde):
        if (
            not isinstance(positie, Sequence)
            or isinstance(positie, str)
            or not 2 <= len(positie) <= 3
        ):
            raise OngeldigeGeoJSON(
                "{waar}, positie {positie}: verwacht [lon, lat]", waar=waar, positie=i + 1
            )
        punten.append(
            (
                _getal(positie[0], f"{waar}, positie {i + 1}, lon"),
                _getal(positie[1], f"{waar}, lat"),
            )
        )
    if not punten:
        return punten
    if len(punten) < 4:
        raise OngeldigeGeoJSON("{waar}: een ring heeft minstens 4 posities nodig", waar=waar)
    if punten[0] != punten[-1]:
        raise OngeldigeGeoJSON(
            "{waar}: de ring is niet gesloten (eerste en laatste punt verschillen)", waar=waar
        )
    return punten


def _polygoon(waarde: object, waar: str) -> list[list[tuple[float, float]]]:
    if not isinstance(waarde, Sequence) or isinstance(waarde, str):
        raise OngeldigeGeoJSON(
            "{waar}: 'coordinates' van een Polygon is een lijst van ringen", waar=waar
        )
    ringen = [_ring(r, f"{waar}, ring {i + 1}") for i, r in enumerate(waarde)]
    if ringen and not ringen[0]:
        return []
    if any(not r for r in ringen[1:]):
        raise OngeldigeGeoJSON("{waar}: een binnenring is leeg", waar=waar)
    return ringen


def _geometrie(
    obj: Mapping[str, object], waar: str, diepte: int
) -> list[list[list[tuple[float, float]]]]:
    """The polygons (as rings of lon,lat) in one GeoJSON geometry."""
    soort = obj.get("type")
    if soort in GEEN_VLAK:
        raise OngeldigeGeoJSON(
            "{waar}: een {soort} heeft geen oppervlakte; teken een polygoon of een cirkel",
            waar=waar,
            soort=soort,
        )
    if soort == "GeometryCollection":
        delen = obj.get("geometries")
        if not isinstance(delen, list):
            raise OngeldigeGeoJSON("{waar}: 'geometries' ontbreekt of is geen lijst", waar=waar)
        return [
            p
            for i, d in enumerate(delen)
            for p in _als_geometrie(d, f"{waar}, deel {i + 1}", diepte + 1)
        ]
    if soort not in VLAKTYPEN:
        raise OngeldigeGeoJSON(
            "{waar}: onbekend of ontbrekend GeoJSON-type {soort!r}", waar=waar, soort=soort
        )
    coords = obj.get("coordinates")
    if not isinstance(coords, list):
        raise OngeldigeGeoJSON("{waar}: 'coordinates' ontbreekt of is geen lijst", waar=waar)
    if soort == "Polygon":
        return [p] if (p := _polygoon(coords, waar)) else []
    polygonen = [_polygoon(d, f"{waar}, polygoon {i + 1}") for i, d in enumerate(coords)]
    return [p for p in polygonen if p]


def _als_geometrie(
    obj: object, waar: str, diepte: int = 0
) -> list[list[list[tuple[float, float]]]]:
    if not isinstance(obj, Mapping):
        raise OngeldigeGeoJSON("{waar}: verwacht een GeoJSON-object", waar=waar)
    if diepte > 4:  # a hostile document must not exhaust the stack
        raise OngeldigeGeoJSON("{waar}: de GeoJSON is te diep genest", waar=waar)
    soort = obj.get("type")
    if soort == "Feature":
        geometrie = obj.get("geometry")
        if geometrie is None:
            return []
        return _als_geometrie(geometrie, waar, diepte + 1)
    if soort == "FeatureCollection":
        features = obj.get("features")
        if not isinstance(features, list):
            raise OngeldigeGeoJSON("{waar}: 'features' ontbreekt of is geen lijst", waar=waar)
        return [
            p
            for i, f in enumerate(features)
            for p in _als_geometrie(f, f"feature {i + 1}", diepte + 1)
        ]
    return _geometrie(obj, waar, diepte)


def _te_veel_punten() -> OngeldigeGeoJSON:
    return OngeldigeGeoJSON(
        "het gebied heeft meer dan {maximum} punten; vereenvoudig het", maximum=MAX_PUNTEN
    )


def op_eilanden(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> bool:
    """Whether every point lies in the box of the Caribbean Netherlands."""
    e, f, g, h = KADER_CARIBISCH
    return bool(len(lon)) and bool(np.all((lon >= e) & (lon <= g) & (lat >= f) & (lat <= h)))


def _controleer_ligging(
    lon: NDArray[np.float64], lat: NDArray[np.float64], caribisch: bool = False
) -> bool:
    """Refuse points outside the Netherlands; True when all lie on the islands and that is allowed."""
    if len(lon) > MAX_PUNTEN:
        raise _te_veel_punten()
    if np.any(np.abs(lat) > 90) or np.any(np.abs(lon) > 180):
        raise OngeldigeGeoJSON(
            "een coördinaat ligt buiten het bereik van lon -180..180, lat -90..90"
        )
    a, b, c, d = KADER_NL
    if np.all((lon >= 50) & (lon <= 54) & (lat >= a) & (lat <= c)):
        raise LatLonVerwisseld()
    buiten = (lon < a) | (lon > c) | (lat < b) | (lat > d)
    if np.any(buiten):
        if op_eilanden(lon, lat):
            if caribisch:
                return True
            raise GebiedBuitenNederland(
                "het gebied ligt in Caribisch Nederland; daarvoor heeft de simulator geen "
                "bevolkings- of netwerkgegevens"
            )
        i = int(np.argmax(buiten))
        raise GebiedBuitenNederland(
            "het punt lon {lon:.4f}, lat {lat:.4f} ligt buiten Nederland "
            "(verwacht lon {lon_min}..{lon_max}, lat {lat_min}..{lat_max})",
            lon=float(lon[i]),
            lat=float(lat[i]),
            lon_min=a,
            lon_max=c,
            lat_min=b,
            lat_max=d,
        )
    return False


_PLAATS = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)")
_REDENEN = {
    "Hole lies outside shell": "een gat ligt buiten de buitenrand",
    "Interior is disconnected": "de gaten verdelen het vlak in losse stukken",
    "Nested holes": "een gat ligt in een ander gat",
    "Nested shells": "een deel ligt binnen een ander deel",
    "Duplicate Rings": "een ring komt twee keer voor",
    "Too few points": "een ring heeft te weinig verschillende punten",
    "Invalid Coordinate": "een coördinaat is ongeldig",
}


def _controleer_vlak(vlak: Polygon) -> None:
    reden = shapely.is_valid_reason(vlak)
    if reden == "Valid Geometry":
        if vlak.area <= 0:
            raise LeegGebied("het gebied heeft geen oppervlakte")
        return
    if vlak.convex_hull.area <= 0:
        raise LeegGebied("het gebied heeft geen oppervlakte (alle punten liggen op een lijn)")
    if "Self-intersection" in reden:
        m = _PLAATS.search(reden)
        lon, lat = (float(m.group(1)), float(m.group(2))) if m else vlak.exterior.coords[0]
        raise ZelfdoorsnijdendGebied(lon, lat)
    soort = reden.split("[")[0].strip()
    uitleg = next((nl for en, nl in _REDENEN.items() if soort.startswith(en)), soort)
    raise OngeldigeGeometrie("ongeldige polygoon: {uitleg}", uitleg=uitleg)


def _raakt_nederland(gebied_rd: BaseGeometry, nederland: PreparedGeometry | None) -> None:
    if nederland is not None and not nederland.intersects(gebied_rd):
        raise GebiedBuitenNederland(
            "het gebied raakt Nederland niet (het ligt op zee of over de grens)"
        )


def valideer(
    geometrie: BaseGeometry, nederland: PreparedGeometry | None = None
) -> tuple[Gebied, Gebied]:
    """(WGS84, RD New) of a shapely area after every check, or a GebiedError saying why not."""
    gebied, gebied_rd = _valideer(geometrie, nederland, caribisch=False)
    assert gebied_rd is not None  # only an area on the islands has none
    return gebied, gebied_rd


def valideer_ergens(
    geometrie: BaseGeometry, nederland: PreparedGeometry | None = None
) -> tuple[Gebied, Gebied | None]:
    """Like `valideer`, but an area on the Caribbean islands passes, without RD New (None)."""
    return _valideer(geometrie, nederland, caribisch=True)


def _valideer(
    geometrie: BaseGeometry, nederland: PreparedGeometry | None, caribisch: bool
) -> tuple[Gebied, Gebied | None]:
    if not isinstance(geometrie, BaseGeometry):
        raise OngeldigeGeoJSON("verwacht een shapely-geometrie in WGS84")
    vlakken: list[Polygon] = []
    for deel in shapely.get_parts(geometrie):
        if isinstance(deel, Polygon):
            vlakken.append(deel)
        elif isinstance(deel, MultiPolygon):
            vlakken.extend(deel.geoms)
        elif not deel.is_empty:
            raise OngeldigeGeoJSON(
                "een {soort} heeft geen oppervlakte; teken een polygoon of een cirkel",
                soort=deel.geom_type,
            )
    vlakken = [v for v in vlakken if not v.is_empty]
    if not vlakken:
        raise LeegGebied("het gebied is leeg: er zijn geen coördinaten")
    xy = shapely.get_coordinates(np.asarray(vlakken, dtype=object))
    eiland = _controleer_ligging(xy[:, 0], xy[:, 1], caribisch)
    for vlak in vlakken:
        _controleer_vlak(vlak)
    # Overlapping parts or features are one area to a communicator: merge them.
    gebied = vlakken[0] if len(vlakken) == 1 else shapely.union_all(vlakken)
    if not isinstance(gebied, Polygon | MultiPolygon) or gebied.area <= 0:
        raise LeegGebied("het gebied heeft geen oppervlakte")
    if eiland:
        return gebied, None
    gebied_rd = geo.naar_rd(gebied)
    _raakt_nederland(gebied_rd, nederland)
    return gebied, gebied_rd


def _cirkel(
    obj: object, nederland: PreparedGeometry | None, caribisch: bool
) -> tuple[Gebied, Gebied | None]:
    if not isinstance(obj, Mapping):
        raise OngeldigeGeoJSON("'circle' moet een object zijn met lat, lon en radius_km")
    for sleutel in ("lat", "lon", "radius_km"):
        if sleutel not in obj:
            raise OngeldigeGeoJSON("'circle' mist '{sleutel}'", sleutel=sleutel)
    lat = _getal(obj["lat"], "circle.lat")
    lon = _getal(obj["lon"], "circle.lon")
    straal = _getal(obj["radius_km"], "circle.radius_km")
    if straal < 0:
        raise NegatieveStraal(straal)
    if straal == 0:
        raise LeegGebied("de cirkel heeft straal 0 en dus geen oppervlakte")
    if straal > MAX_STRAAL_KM:
        raise OngeldigeGeoJSON("de straal is groter dan {maximum:g} km", maximum=MAX_STRAAL_KM)
    a, _, c, _ = KADER_NL
    if a <= lat <= c and 50 <= lon <= 54:
        raise LatLonVerwisseld()
    if _controleer_ligging(np.array([lon]), np.array([lat]), caribisch):
        return _valideer(geo.cirkel_wgs84(lon, lat, straal * 1000.0), nederland, caribisch)
    x, y = geo.lonlat_naar_rd(np.array([lon]), np.array([lat]))
    kring = geo.naar_wgs84(Point(float(x[0]), float(y[0])).buffer(straal * 1000.0, quad_segs=32))
    # Beyond the generous box live no Dutch residents and stand no Dutch cells: clip a large
    # circle to it, so that the area passes the same checks when it comes back to `bereik`.
    return _valideer(shapely.clip_by_rect(kring, *KADER_NL), nederland, caribisch)


def uit_geojson(obj: object, nederland: PreparedGeometry | None = None) -> tuple[Gebied, Gebied]:
    """(WGS84, RD New) of a GeoJSON geometry, Feature, FeatureCollection or {"circle": {...}}."""
    gebied, gebied_rd = _uit(obj, nederland, caribisch=False)
    assert gebied_rd is not None  # only an area on the islands has none
    return gebied, gebied_rd


def uit_geojson_ergens(obj: object, nederland: PreparedGeometry | None = None) -> Gebied:
    """The WGS84 area from GeoJSON, in the European or the Caribbean Netherlands."""
    return _uit(obj, nederland, caribisch=True)[0]


def _uit(
    obj: object, nederland: PreparedGeometry | None, caribisch: bool
) -> tuple[Gebied, Gebied | None]:
    if not isinstance(obj, Mapping):
        raise OngeldigeGeoJSON("verwacht een JSON-object met een GeoJSON-geometrie of 'circle'")
    if "circle" in obj:
        return _cirkel(obj["circle"], nederland, caribisch)
    polygonen = _als_geometrie(obj, "gebied")
    if not polygonen:
        raise LeegGebied("het gebied is leeg: er zijn geen coördinaten")
    punten = sum(len(r) for p in polygonen for r in p)
    if punten > MAX_PUNTEN:
        raise _te_veel_punten()
    alle = np.array([pt for p in polygonen for r in p for pt in r], dtype=np.float64)
    _controleer_ligging(alle[:, 0], alle[:, 1], caribisch)
    vlakken = [Polygon(p[0], p[1:]) for p in polygonen]
    geometrie = MultiPolygon(vlakken) if len(vlakken) > 1 else vlakken[0]
    return _valideer(geometrie, nederland, caribisch)
