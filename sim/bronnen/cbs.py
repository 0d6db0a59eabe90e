"""The embedded CBS data (population 1 January 2024): files read into units, laid on lattices.

Per place the finest level the data has: 100 m and 500 m grid squares (12 gemeenten of
Rotterdam-Rijnmond), wijken (south-west Randstad), 1 km census grid cells clipped to their
gemeente (`sim.bronnen.raster1km`), gemeenten where none of those has data.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import shape

from sim.bronnen import raster1km
from sim.model import geo
from sim.model.bevolking import (
    Bevolking,
    Bouwsteen,
    Eilanden,
    Gemeenten,
    Niveau,
    bouw_bevolking,
)
from sim.model.grens import Grensmodel

_PCT = tuple(
    f"percentage_personen_{g}"
    for g in (
        "0_tot_15_jaar",
        "15_tot_25_jaar",
        "25_tot_45_jaar",
        "45_tot_65_jaar",
        "65_jaar_en_ouder",
    )
)
_AANTAL = tuple(
    f"aantal_inwoners_{g}"
    for g in (
        "0_tot_15_jaar",
        "15_tot_25_jaar",
        "25_tot_45_jaar",
        "45_tot_65_jaar",
        "65_jaar_en_ouder",
    )
)
# The gemeenten covered by the CBS grid files (PROVENANCE section 6).
RIJNMOND = (
    "Albrandswaard",
    "Barendrecht",
    "Capelle aan den IJssel",
    "Krimpen aan den IJssel",
    "Lansingerland",
    "Maassluis",
    "Nissewaard",
    "Ridderkerk",
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Voorne aan Zee",
)
WIJKEN_VOLLEDIG = 0.98  # wijken summing to at least this share of their gemeente cover all of it
BRONVERMELDING = (
    "Bron: Kadaster / Centraal Bureau voor de Statistiek (Wijk- en Buurtkaart 2024, "
    "vierkantstatistieken 2024); © Centraal Bureau voor de Statistiek"
)


def lees(naam: str) -> str:
    """The text of an embedded data file (importlib.resources: works from a wheel too)."""
    return resources.files("sim").joinpath("data", naam).read_text(encoding="utf-8")


def features(naam: str) -> list[dict[str, Any]]:
    """The features of an embedded GeoJSON file."""
    kenmerken: list[dict[str, Any]] = json.loads(lees(naam))["features"]
    return kenmerken


def geometrie_rd(kenmerken: list[dict[str, Any]]) -> NDArray[np.object_]:
    """The features' geometries in RD New, made valid."""
    wgs = np.array([shape(f["geometry"]) for f in kenmerken], dtype=object)
    return shapely.make_valid(geo.naar_rd(wgs))


def _aandelen(waarden: list[float | None]) -> NDArray[np.float64] | None:
    if any(w is None for w in waarden):
        return None
    a = np.array(waarden, dtype=np.float64)
    return a / a.sum() if a.sum() > 0 else None


def _getal(tekst: str) -> float | None:
    return float(tekst) if tekst.strip() else None


def _csv(naam: str) -> Iterator[dict[str, str]]:
    return csv.DictReader(io.StringIO(lees(naam)))


def lees_gemeenten() -> Gemeenten:
    """The 342 gemeenten with population and age shares."""
    kenmerken = features("gemeenten_2024.geojson")
    props = [f["properties"] for f in kenmerken]
    leeftijd = np.array([[p[k] for k in _PCT] for p in props], dtype=np.float64)
    return Gemeenten(
        code=tuple(p["gemeentecode"] for p in props),
        naam=tuple(p["gemeentenaam"] for p in props),
        inwoners=np.array([p["aantal_inwoners"] for p in props], dtype=np.float64),
        leeftijd=leeftijd / leeftijd.sum(axis=1, keepdims=True),
        geometrie=geometrie_rd(kenmerken),
    )


def lees_vierkanten(gem: Gemeenten, regio: list[int]) -> tuple[list[Bouwsteen], float]:
    """Units of the Rijnmond grid, scaled to the CBS total of its gemeenten; and that factor."""
    ouders: dict[tuple[int, int], tuple[str, float, NDArray[np.float64] | None]] = {}
    for r in _csv("vierkant500m_2024_rotterdam_rijnmond.csv"):
        sleutel = (int(r["rd_x_linksonder"]), int(r["rd_y_linksonder"]))
        ouders[sleutel] = (
            r["crs28992res500m"],
            float(r["aantal_inwoners"]),
            _aandelen([_getal(r[k]) for k in _AANTAL]),
        )
    kinderen: dict[tuple[int, int], list[tuple[str, int, int, float, Any]]] = defaultdict(list)
    for r in _csv("vierkant100m_2024_rotterdam_rijnmond.csv"):
        x, y = int(r["rd_x_linksonder"]), int(r["rd_y_linksonder"])
        kinderen[(x // 500 * 500, y // 500 * 500)].append(
            (
                r["crs28992res100m"],
                x,
                y,
                float(r["aantal_inwoners"]),
                _aandelen([_getal(r[k]) for k in _AANTAL]),
            )
        )
    eenheden: list[Bouwsteen] = []
    for sleutel in sorted(set(ouders) | set(kinderen)):
        code, v, leeftijd = ouders.get(sleutel, ("", 0.0, None))
        kind = kinderen.get(sleutel, [])
        s = sum(k[3] for k in kind)
        # Rounded 100 m counts can exceed their 500 m square: then scale them down to it.
        f = v / s if code and s > v else 1.0
        for kcode, x, y, n, kleeftijd in kind:
            eenheden.append(
                Bouwsteen(
                    niveau=Niveau.VIERKANT100,
                    code=kcode,
                    naam=kcode,
                    gemeente=-1,
                    inwoners=n * f,
                    leeftijd=kleeftijd if kleeftijd is not None else leeftijd,
                    geometrie=shapely.box(x, y, x + 100, y + 100),
                )
            )
        if code and v - s > 0:
            x, y = sleutel
            eenheden.append(
                Bouwsteen(
                    niveau=Niveau.VIERKANT500,
                    code=code,
                    naam=code,
                    gemeente=-1,
                    inwoners=v - s,
                    leeftijd=leeftijd,
                    geometrie=shapely.box(x, y, x + 500, y + 500),
                )
            )
    midden = shapely.centroid(np.array([e.geometrie for e in eenheden], dtype=object))
    vlakken = gem.geometrie[regio]
    afstand = shapely.distance(midden[:, None], vlakken[None, :])
    for e, i in zip(eenheden, np.argmin(afstand, axis=1), strict=True):
        e.gemeente = regio[int(i)]
    factor = float(gem.inwoners[regio].sum()) / sum(e.inwoners for e in eenheden)
    for e in eenheden:
        e.inwoners *= factor
    return eenheden, factor


def lees_wijken(gem: Gemeenten, regio: set[int]) -> tuple[list[Bouwsteen], dict[int, float]]:
    """Wijk units outside the grid region; and the inhabitants of partly covered gemeenten left."""
    kenmerken = features("wijken_2024_zuidwest_randstad.geojson")
    index = {c: i for i, c in enumerate(gem.code)}
    geometrie = geometrie_rd(kenmerken)
    per_gemeente: dict[int, list[Bouwsteen]] = defaultdict(list)
    for f, g in zip(kenmerken, geometrie, strict=True):
        p = f["properties"]
        i = index[p["gemeentecode"]]
        if i in regio or p["water"] != "NEE":
            continue
        per_gemeente[i].append(
            Bouwsteen(
                niveau=Niveau.WIJK,
                code=p["wijkcode"],
                naam=p["wijknaam"],
                gemeente=i,
                inwoners=float(p["aantal_inwoners"] or 0),
                leeftijd=_aandelen([p[k] for k in _PCT]),
                geometrie=g,
            )
        )
    eenheden: list[Bouwsteen] = []
    rest: dict[int, float] = {}
    for i, wijken in per_gemeente.items():
        som = sum(w.inwoners for w in wijken)
        if som >= WIJKEN_VOLLEDIG * gem.inwoners[i]:
            for w in wijken:
                w.inwoners *= float(gem.inwoners[i]) / som
        else:
            rest[i] = float(gem.inwoners[i]) - som
        eenheden.extend(wijken)
    return eenheden, rest


def laad_bevolking(grensmodel: Grensmodel | None = None) -> Bevolking:
    """Read the embedded CBS data and lay it on the 250 m and 100 m lattices."""
    grensmodel = grensmodel or Grensmodel()
    gem = lees_gemeenten()
    index = {n: i for i, n in enumerate(gem.naam)}
    regio = [index[n] for n in RIJNMOND]
    vierkanten, factor = lees_vierkanten(gem, regio)
    wijken, rest = lees_wijken(gem, set(regio))
    met_wijken = {w.gemeente for w in wijken}
    # Gemeenten without a finer CBS unit are counted from the 1 km census grid.
    heel = {
        i for i in range(len(gem.code)) if i not in regio and i not in met_wijken and i not in rest
    }
    raster, leeg = raster1km.lees_raster(gem, heel, grensmodel)
    gemeente_eenheden = [
        Bouwsteen(
            niveau=Niveau.GEMEENTE,
            code=gem.code[i],
            naam=gem.naam[i],
            gemeente=i,
            inwoners=rest.get(i, float(gem.inwoners[i])),
            leeftijd=None,
            geometrie=gem.geometrie[i],
        )
        for i in range(len(gem.code))
        if i not in regio and (i in leeg or i in rest)
    ]
    # Coarse first: finer units win the pixels where generalised outlines overlap.
    return bouw_bevolking(
        gem,
        [*gemeente_eenheden, *raster, *wijken, *vierkanten],
        geometrie_rd(features("gemeenten_2024_waterdelen.geojson")),
        aannames=(*_aannames(factor), grensmodel.aanname()),
        bronvermelding=f"{BRONVERMELDING}; {raster1km.BRONVERMELDING_RASTER}",
        buitenland=raster1km.lees_buitenland(grensmodel),
        eilanden=lees_eilanden(),
    )


def lees_eilanden() -> Eilanden:
    """Bonaire, Sint Eustatius and Saba: CBS population (1 January 2024) and outline (WGS84)."""
    kenmerken = features("bes_eilanden.geojson")
    return Eilanden(
        code=tuple(f["properties"]["gemeentecode"] for f in kenmerken),
        naam=tuple(f["properties"]["naam"] for f in kenmerken),
        inwoners=np.array([f["properties"]["aantal_inwoners"] for f in kenmerken], dtype=float),
        geometrie=shapely.make_valid(np.array([shape(f["geometry"]) for f in kenmerken])),
    )


def _aannames(factor: float) -> tuple[str, ...]:
    return (
        "Bevolking: CBS, 1 januari 2024; per plaats het fijnste beschikbare niveau: 100m- en "
        "500m-vierkanten (12 gemeenten van Rotterdam-Rijnmond), wijken (zuidwestelijke Randstad), "
        "elders de 1km-vierkanten van de census 2021 (Eurostat; de Nederlandse cellen van het "
        "CBS), bijgesneden tot hun gemeente en geschaald naar het CBS-totaal van 2024.",
        "Een 1km-vierkant over meer gemeenten is naar landoppervlakte verdeeld; waar het raster "
        "geen bewoonde cel heeft, woont in het model niemand.",
        "Aanname: binnen een gemeente, wijk of vierkant wonen de mensen gelijkmatig verspreid; een "
        "eenheid die deels in het gebied ligt, telt mee naar het deel van haar oppervlakte.",
        "Gemeenten, wijken en 500m-vierkanten liggen op vakken van 250 m (een vak hoort bij de "
        "eenheid waarin zijn middelpunt ligt); de vakken op de rand van het gebied tellen naar "
        "oppervlakte (langs x exact, langs y bemonsterd).",
        "Inwoners van een 500m-vierkant die niet in een gepubliceerd 100m-vierkant vallen "
        "(CBS-afronding op 5 en geheimhouding) zijn gelijk over dat 500m-vierkant verdeeld; de "
        f"vierkanten zijn geschaald naar het CBS-totaal van de 12 gemeenten (factor {factor:.4f}).",
        "Wijken zijn geschaald naar het CBS-totaal van hun gemeente; dekken de wijkgegevens een "
        "gemeente maar deels, dan is de rest over het niet gedekte deel verdeeld.",
        "Leeftijdsopbouw per eenheid uit de CBS-cijfers; waar die geheim zijn, die van het "
        "500m-vierkant of de gemeente.",
    )
