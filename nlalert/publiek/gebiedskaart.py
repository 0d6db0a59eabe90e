"""The area on a map, drawn on the server as SVG: the target area over the bundled gemeente
outlines, so the public page needs no map tiles, no internet and no JavaScript.

Built with lxml, so every name that goes in (the area's description, gemeente names) is escaped.
"""

from __future__ import annotations

import math
from functools import cache

from lxml import etree
from shapely.geometry import Polygon, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from berichten import Gebied
from nlalert.opstellen import kaart

SVG = "http://www.w3.org/2000/svg"
BREEDTE = 800
MARGE = 0.35  # of the area's size, around it, so the surroundings show
MIN_GRAAD = 0.04  # the least span shown (about 4 km), so a small area is not all the map
LAND = "#F2F2EE"
GRENS = "#8A8A8A"
NAAM = "#3A3A3A"
GEBIED = "#C8102E"
GEVAAR = "#1A1A1A"  # an exercise's hazard area: dashed, so it differs by more than colour


@cache
def _gemeenten() -> tuple[tuple[str, BaseGeometry], ...]:
    return tuple(
        (str(f["properties"]["gemeentenaam"]), shape(f["geometry"]))
        for f in kaart.grenzen()["gemeenten"]["features"]
    )


def _vlakken(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for deel in getattr(geom, "geoms", []) for p in _vlakken(deel)]


class _Projectie:
    """Equirectangular, scaled by the cosine of the middle latitude: true shapes at this size."""

    def __init__(self, kader: tuple[float, float, float, float]) -> None:
        self.lon0, self.lat0, lon1, self.lat1 = kader
        self.k = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        self.schaal = BREEDTE / ((lon1 - self.lon0) * self.k)
        self.hoogte = (self.lat1 - self.lat0) * self.schaal

    def punt(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.k * self.schaal, (self.lat1 - lat) * self.schaal

    def pad(self, geom: BaseGeometry) -> str:
        delen = []
        for p in _vlakken(geom):
            for ring in (p.exterior, *p.interiors):
                punten = [self.punt(x, y) for x, y, *_ in ring.coords]
                delen.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in punten) + " Z")
        return " ".join(delen)


def _kader(g: BaseGeometry) -> tuple[float, float, float, float]:
    lon0, lat0, lon1, lat1 = g.bounds
    dlon = max(lon1 - lon0, MIN_GRAAD / math.cos(math.radians((lat0 + lat1) / 2)))
    dlat = max(lat1 - lat0, MIN_GRAAD)
    mlon, mlat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    dlon, dlat = dlon * (1 + 2 * MARGE), dlat * (1 + 2 * MARGE)
    return mlon - dlon / 2, mlat - dlat / 2, mlon + dlon / 2, mlat + dlat / 2


def _schaalstok(root: etree._Element, p: _Projectie) -> None:
    """A scale bar of a round number of km, about a fifth of the width."""
    km_per_px = 111.32 / p.schaal
    doel = BREEDTE / 5 * km_per_px
    stap = 10 ** math.floor(math.log10(doel))
    km = max(s * stap for s in (1, 2, 5) if s * stap <= doel)
    lengte = km / km_per_px
    y = p.hoogte - 24
    g = etree.SubElement(root, f"{{{SVG}}}g", {"aria-hidden": "true"})
    etree.SubElement(
        g,
        f"{{{SVG}}}rect",
        x="16",
        y=f"{y - 22:.1f}",
        width=f"{lengte + 16:.1f}",
        height="34",
        fill="#FFFFFF",
        opacity="0.85",
    )
    etree.SubElement(
        g,
        f"{{{SVG}}}path",
        d=f"M24,{y:.1f} h{lengte:.1f}",
        stroke="#000000",
        **{"stroke-width": "4"},
    )
    tekst = etree.SubElement(
        g,
        f"{{{SVG}}}text",
        x="24",
        y=f"{y - 8:.1f}",
        fill="#000000",
        **{"font-size": "16", "font-family": "sans-serif"},
    )
    tekst.text = f"{km:g} km"


def gebied_svg(gebied: Gebied, gevaar: Gebied | None = None) -> str:
    """The area over the gemeenten around it, with their names, as an SVG document; with
    `gevaar` also an exercise's hazard area, as a dashed outline (the trainer's board)."""
    vorm = gebied.geometrie()
    kader = _kader(vorm if gevaar is None else vorm.union(gevaar.geometrie()))
    p = _Projectie(kader)
    venster = box(*kader)
    root = etree.Element(
        f"{{{SVG}}}svg",
        nsmap={None: SVG},
        width=str(BREEDTE),
        height=f"{p.hoogte:.0f}",
        viewBox=f"0 0 {BREEDTE} {p.hoogte:.0f}",
        role="img",
    )
    root.set("aria-labelledby", "gebied-titel")
    etree.SubElement(root, f"{{{SVG}}}title", id="gebied-titel").text = gebied.beschrijving
    etree.SubElement(
        root, f"{{{SVG}}}rect", width="100%", height="100%", fill="#DDE8F0"
    )  # water and abroad
    in_venster = prep(venster)
    namen: list[tuple[str, BaseGeometry]] = []
    for naam, geom in _gemeenten():
        if not in_venster.intersects(geom):
            continue
        deel = geom.intersection(venster)
        if deel.is_empty:
            continue
        etree.SubElement(
            root,
            f"{{{SVG}}}path",
            d=p.pad(deel),
            fill=LAND,
            stroke=GRENS,
            **{"stroke-width": "1.5", "stroke-linejoin": "round"},
        )
        if deel.area > venster.area * 0.02:
            namen.append((naam, deel))
    etree.SubElement(
        root,
        f"{{{SVG}}}path",
        d=p.pad(vorm),
        fill=GEBIED,
        stroke=GEBIED,
        **{"fill-opacity": "0.3", "stroke-width": "4", "stroke-linejoin": "round"},
    )
    if gevaar is not None:
        etree.SubElement(
            root,
            f"{{{SVG}}}path",
            d=p.pad(gevaar.geometrie()),
            fill="none",
            stroke=GEVAAR,
            **{"stroke-width": "4", "stroke-dasharray": "12 8", "stroke-linejoin": "round"},
        )
    for naam, deel in namen:
        x, y = p.punt(*deel.representative_point().coords[0])
        tekst = etree.SubElement(
            root,
            f"{{{SVG}}}text",
            x=f"{x:.1f}",
            y=f"{y:.1f}",
            fill=NAAM,
            **{
                "font-size": "16",
                "font-family": "sans-serif",
                "text-anchor": "middle",
                "paint-order": "stroke",
                "stroke": "#FFFFFF",
                "stroke-width": "4",
            },
        )
        tekst.text = naam
    _schaalstok(root, p)
    return etree.tostring(root, encoding="unicode")
