"""CAP 1.2 areas read into a Gebied: polygons and circles (lat,lon in CAP) and CBS geocodes.

Every shape is checked exactly like a drawn area; a refusal names the polygon or circle and its
area, and recognises the classic slip of a producer that wrote GeoJSON's lon,lat order.
"""

from __future__ import annotations

from lxml import etree

from berichten.cap import GEOCODE_GEMEENTE, NAMESPACES, tekst_op
from berichten.coordinaten import LonLat, uit_cap_cirkel, uit_cap_polygoon
from berichten.gebied import GEMEENTECODE, Cirkel, Gebied, OngeldigGebied, cirkel, uit_geojson
from handelingsperspectieven.meldingen import N_, Melding

OMGEDRAAID = Melding(
    N_("de coördinaten lijken als lon,lat gegeven; CAP gebruikt lat,lon (eerst de breedtegraad)")
)


def _omgedraaid(ring: list[LonLat]) -> bool:
    """Whether the ring would be a valid area with lat and lon exchanged: the classic CAP slip."""
    try:
        uit_geojson({"type": "Polygon", "coordinates": [[(lat, lon) for lon, lat in ring]]})
    except OngeldigGebied:
        return False
    return True


def gebied_uit_cap(info: etree._Element) -> Gebied | None:
    """Every polygon and circle of an info's areas, checked like a drawn area; None if none."""
    ringen: list[tuple[LonLat, ...]] = []
    cirkels: list[Cirkel] = []
    beschrijvingen: list[str] = []
    for a, area in enumerate(info.findall("cap:area", NAMESPACES), start=1):
        beschrijvingen.append(tekst_op(area, "cap:areaDesc"))
        for n, el in enumerate(area.findall("cap:polygon", NAMESPACES), start=1):
            try:
                ring = uit_cap_polygoon(el.text or "")
            except ValueError:
                raise OngeldigGebied(
                    N_("polygoon %(nummer)s van area %(area)s: verwacht 'lat,lon lat,lon ...'"),
                    nummer=n,
                    area=a,
                ) from None
            if len(ring) < 4:
                raise OngeldigGebied(
                    N_(
                        "polygoon %(nummer)s van area %(area)s: minstens 4 punten,"
                        " het eerste herhaald aan het eind"
                    ),
                    nummer=n,
                    area=a,
                )
            try:
                ringen.extend(uit_geojson({"type": "Polygon", "coordinates": [ring]}).polygonen)
            except OngeldigGebied as exc:
                # berichten.gebied words a swap for GeoJSON (lon,lat); CAP is the other way round.
                raise OngeldigGebied(
                    N_("polygoon %(nummer)s van area %(area)s: %(reden)s"),
                    nummer=n,
                    area=a,
                    reden=OMGEDRAAID if _omgedraaid(ring) else exc.melding,
                ) from None
        for n, el in enumerate(area.findall("cap:circle", NAMESPACES), start=1):
            try:
                lon, lat, straal = uit_cap_cirkel(el.text or "")
            except ValueError:
                raise OngeldigGebied(
                    N_("cirkel %(nummer)s van area %(area)s: verwacht 'lat,lon straal_km'"),
                    nummer=n,
                    area=a,
                ) from None
            try:
                cirkels.extend(cirkel(lat, lon, straal).cirkels)
            except OngeldigGebied as exc:
                raise OngeldigGebied(
                    N_("cirkel %(nummer)s van area %(area)s: %(reden)s"),
                    nummer=n,
                    area=a,
                    reden=OMGEDRAAID if _cirkel_omgedraaid(lon, lat, straal) else exc.melding,
                ) from None
    if not ringen and not cirkels:
        return None
    beschrijving = ", ".join(b for b in beschrijvingen if b)[:200]
    return Gebied(
        beschrijving=beschrijving or "Gebied uit CAP",
        polygonen=tuple(ringen),
        cirkels=tuple(cirkels),
        gemeentecodes=_gemeentecodes(info),
    )


def _gemeentecodes(info: etree._Element) -> tuple[str, ...]:
    codes: list[str] = []
    for geocode in info.findall("cap:area/cap:geocode", NAMESPACES):
        if tekst_op(geocode, "cap:valueName") == GEOCODE_GEMEENTE:
            waarde = tekst_op(geocode, "cap:value")
            if GEMEENTECODE.fullmatch(waarde):
                codes.append(waarde)
    return tuple(dict.fromkeys(codes))


def _cirkel_omgedraaid(lon: float, lat: float, straal_km: float) -> bool:
    try:
        cirkel(lon, lat, straal_km)  # lat and lon exchanged on purpose
    except OngeldigGebied:
        return False
    return True
