"""The reach map as a PNG, drawn with Pillow from values: a report and the shapes it needs.

No internet tiles: the background is the gemeenten and their water. The caller (`sim.Simulator`)
gathers the shapes; this module knows nothing of how they were computed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from sim.model import geo
from sim.model.bevolking import NIVEAUS
from sim.model.rapport import BereikRapport

ACHTERGROND = (232, 236, 240)
LAND = (247, 245, 240)
WATER = (205, 224, 240)
GRENS = (150, 150, 150)
GEBIED = (200, 20, 30)
UITZENDING = (30, 90, 200)
TEKST = (20, 20, 20)
ONDERRAND = 44
LEGENDA_BREEDTE = 270


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Kaartlagen:
    """What a map shows besides the report's numbers, all in RD New metres."""

    gemeenten: NDArray[np.object_]  # every gemeente outline (the land)
    water: NDArray[np.object_]  # water parts of the gemeenten
    uitzendgebied: NDArray[np.object_]  # coverage of each cell selected for the area
    eenheden: NDArray[np.object_]  # the unit of each row of `rapport.per_eenheid`, in order
    inwoners: NDArray[np.float64]  # all inhabitants of each of those units
    # The area in the same metres, where RD New does not apply (the Caribbean islands: UTM).
    gebied: BaseGeometry | None = None


class _Beeld:
    """RD New metres to pixels for one map extent."""

    def __init__(self, grenzen: NDArray[np.float64], breedte: int, hoogte: int) -> None:
        minx, miny, maxx, maxy = grenzen
        self.schaal = min(breedte / (maxx - minx), hoogte / (maxy - miny))
        self.x0 = (minx + maxx) / 2 - breedte / 2 / self.schaal
        self.y1 = (miny + maxy) / 2 + hoogte / 2 / self.schaal
        self.grenzen = (
            self.x0,
            self.y1 - hoogte / self.schaal,
            self.x0 + breedte / self.schaal,
            self.y1,
        )

    def punten(self, ring: NDArray[np.float64]) -> list[float]:
        """Flat pixel coordinates of a ring."""
        u = (ring[:, 0] - self.x0) * self.schaal
        v = (self.y1 - ring[:, 1]) * self.schaal
        return np.column_stack([u, v]).ravel().tolist()

    def zichtbaar(self, geometrieen: NDArray[np.object_]) -> NDArray[np.bool_]:
        """Which geometries meet the extent."""
        return shapely.intersects(geometrieen, shapely.box(*self.grenzen))


def _vlakken(geometrie: BaseGeometry) -> Iterable[Polygon]:
    if isinstance(geometrie, Polygon):
        yield geometrie
    elif isinstance(geometrie, MultiPolygon) or hasattr(geometrie, "geoms"):
        for deel in geometrie.geoms:
            yield from _vlakken(deel)


def _vul(
    pen: ImageDraw.ImageDraw,
    beeld: _Beeld,
    geometrie: BaseGeometry,
    vulling: tuple[int, ...] | int | None,
    rand: tuple[int, ...] | None = None,
    dikte: int = 1,
) -> None:
    """Fill exteriors (holes are not cut out of fills) and outline exteriors and holes."""
    for vlak in _vlakken(geometrie):
        punten = beeld.punten(shapely.get_coordinates(vlak.exterior))
        if len(punten) >= 6:
            pen.polygon(punten, fill=vulling, outline=rand, width=dikte)
        if rand is not None:
            for gat in vlak.interiors:
                pen.line(beeld.punten(shapely.get_coordinates(gat)), fill=rand, width=dikte)


def _kleur(
    waarde: float, laag: tuple[int, int, int], hoog: tuple[int, int, int]
) -> tuple[int, ...]:
    t = min(max(waarde, 0.0), 1.0)
    return tuple(round(a + (b - a) * t) for a, b in zip(laag, hoog, strict=True))


GROEN = ((220, 240, 215), (30, 130, 60))
ORANJE = ((255, 230, 200), (215, 95, 10))


def teken_kaart(rapport: BereikRapport, lagen: Kaartlagen, *, breedte: int, hoogte: int) -> bytes:
    """PNG bytes of the map for a report."""
    kaart_b, kaart_h = breedte - LEGENDA_BREEDTE, hoogte - ONDERRAND
    gebied_rd = geo.naar_rd(rapport.gebied) if lagen.gebied is None else lagen.gebied
    dekking = lagen.uitzendgebied
    grenzen = np.array(gebied_rd.bounds)
    if len(dekking):
        b = shapely.total_bounds(dekking)
        grenzen = np.concatenate([np.minimum(grenzen[:2], b[:2]), np.maximum(grenzen[2:], b[2:])])
    marge = max(grenzen[2] - grenzen[0], grenzen[3] - grenzen[1], 2000.0) * 0.06
    beeld = _Beeld(grenzen + np.array([-marge, -marge, marge, marge]), kaart_b, kaart_h)
    doek = Image.new("RGB", (kaart_b, kaart_h), ACHTERGROND)
    pen = ImageDraw.Draw(doek)
    gemeenten = lagen.gemeenten
    zichtbaar = np.flatnonzero(beeld.zichtbaar(gemeenten))
    for i in zichtbaar:
        _vul(pen, beeld, gemeenten[i], LAND)
    for w in lagen.water[beeld.zichtbaar(lagen.water)]:
        _vul(pen, beeld, w, WATER)
    in_gebied = _masker(doek.size, beeld, [gebied_rd])
    uitgezonden = _masker(doek.size, beeld, dekking)
    doek.paste(
        Image.blend(doek, Image.new("RGB", doek.size, UITZENDING), 0.12), (0, 0), uitgezonden
    )
    _eenheden(rapport, lagen, doek, beeld, in_gebied, uitgezonden)
    pen = ImageDraw.Draw(doek)
    for i in zichtbaar:
        _vul(pen, beeld, gemeenten[i], None, GRENS)
    kern = np.asarray(uitgezonden.filter(ImageFilter.MinFilter(5)))
    rand = (np.asarray(uitgezonden) > 0) & (kern == 0)
    doek.paste(UITZENDING, (0, 0), Image.fromarray(rand.astype(np.uint8) * 255, "L"))
    _vul(pen, beeld, gebied_rd, None, GEBIED, 3)
    _schaalstok(pen, beeld, kaart_h)
    canvas = Image.new("RGB", (breedte, hoogte), (255, 255, 255))
    canvas.paste(doek, (0, 0))
    _legenda(ImageDraw.Draw(canvas), rapport, kaart_b)
    _onderschrift(ImageDraw.Draw(canvas), rapport, kaart_h)
    uit = io.BytesIO()
    canvas.save(uit, format="PNG")
    return uit.getvalue()


def _masker(
    maat: tuple[int, int], beeld: _Beeld, geometrieen: Iterable[BaseGeometry]
) -> Image.Image:
    masker = Image.new("L", maat, 0)
    pen = ImageDraw.Draw(masker)
    for g in geometrieen:
        _vul(pen, beeld, g, 255)
    return masker


def _eenheden(
    rapport: BereikRapport,
    lagen: Kaartlagen,
    doek: Image.Image,
    beeld: _Beeld,
    in_gebied: Image.Image,
    uitgezonden: Image.Image,
) -> None:
    """Shade units by people per km2: green inside the area, orange where overshoot lands."""
    rijen = rapport.per_eenheid
    # Coarse levels first, so finer units are drawn over them.
    volgorde = sorted(range(len(rijen)), key=lambda j: NIVEAUS.index(rijen[j].niveau))
    binnen, buiten = doek.copy(), doek.copy()
    pen_binnen, pen_buiten = ImageDraw.Draw(binnen), ImageDraw.Draw(buiten)
    for j in volgorde:
        r = rijen[j]
        g = lagen.eenheden[j]
        # People per km2 on a log scale from 10 to 10,000: where the reached people live.
        dichtheid = lagen.inwoners[j] / max(shapely.area(g) / 1e6, 1e-3)
        t = (math.log10(max(dichtheid, 10.0)) - 1) / 3
        if r.inwoners_in_gebied > 0:
            _vul(pen_binnen, beeld, g, _kleur(t, *GROEN))
        if r.overshoot > 0:
            _vul(pen_buiten, beeld, g, _kleur(t, *ORANJE))
    alleen_buiten = np.asarray(uitgezonden) & ~np.asarray(in_gebied)
    doek.paste(buiten, (0, 0), Image.fromarray(alleen_buiten, "L"))
    doek.paste(binnen, (0, 0), in_gebied)


def _font(grootte: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=grootte)


def _schaalstok(pen: ImageDraw.ImageDraw, beeld: _Beeld, hoogte: int) -> None:
    doel = 120 / beeld.schaal
    stap = 10 ** math.floor(math.log10(doel))
    lengte = max(s for s in (stap, 2 * stap, 5 * stap) if s <= doel)
    px = lengte * beeld.schaal
    y = hoogte - 18
    pen.rectangle((12, y - 4, 12 + px, y), fill=TEKST)
    tekst = f"{lengte / 1000:g} km" if lengte >= 1000 else f"{lengte:g} m"
    pen.text((16 + px, y - 12), tekst, fill=TEKST, font=_font(12))


def _getal(x: float) -> str:
    return f"{round(x):,}".replace(",", ".")


def _procent(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + " %"


def _legenda(pen: ImageDraw.ImageDraw, rapport: BereikRapport, x0: int) -> None:
    titel, tekst = _font(16), _font(12)
    x, y = x0 + 14, 14
    pen.text((x, y), "NL-Alert: verwacht bereik", fill=TEKST, font=titel)
    y += 26
    regels = [
        f"Inwoners in gebied: {_getal(rapport.inwoners)}",
        f"Verwacht bereikt: {_getal(rapport.bereikt)}",
        f"Overshoot (buiten gebied): {_getal(rapport.overshoot)}",
        f"Cellen: {_getal(rapport.cellen)}, binnen 3 min: {_procent(rapport.aandeel_cellen_binnen_3_min)}",
        f"Netwerk: {rapport.netwerk}",
        f"Tijdstip: {rapport.tijdstip:%d-%m-%Y %H:%M}",
    ]
    for regel in regels:
        pen.text((x, y), regel, fill=TEKST, font=tekst)
        y += 17
    y += 10
    items: list[tuple[str, str, tuple[int, ...]]] = [
        ("lijn", "doelgebied", GEBIED),
        ("lijn", "uitzendgebied (gekozen cellen)", UITZENDING),
        ("lijn", "gemeentegrens", GRENS),
        ("vlak", "in gebied: veel inwoners per km2", GROEN[1]),
        ("vlak", "in gebied: weinig inwoners per km2", GROEN[0]),
        ("vlak", "overshoot: veel inwoners per km2", ORANJE[1]),
        ("vlak", "overshoot: weinig inwoners per km2", ORANJE[0]),
        ("vlak", "water", WATER),
    ]
    for soort, naam, kleur in items:
        if soort == "lijn":
            pen.line((x, y + 7, x + 26, y + 7), fill=kleur, width=3)
        else:
            pen.rectangle((x, y + 1, x + 26, y + 13), fill=kleur, outline=GRENS)
        pen.text((x + 34, y), naam, fill=TEKST, font=tekst)
        y += 20
    y += 8
    for regel in (
        "Verwachtingen uit een model,",
        "geen metingen.",
        "Eenheid: fijnste CBS-niveau",
        "(gemeente, wijk, vierkant).",
    ):
        pen.text((x, y), regel, fill=TEKST, font=tekst)
        y += 16


def _onderschrift(pen: ImageDraw.ImageDraw, rapport: BereikRapport, y0: int) -> None:
    tekst = _font(11)
    bron = rapport.bronvermelding
    helft = bron.rfind(";")
    pen.text((8, y0 + 6), bron[: helft + 1] if helft > 0 else bron, fill=TEKST, font=tekst)
    pen.text(
        (8, y0 + 22),
        (bron[helft + 2 :] if helft > 0 else "") + " Kaart zonder achtergrondtegels.",
        fill=TEKST,
        font=tekst,
    )
