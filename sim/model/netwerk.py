"""The mobile network: cells with a best-server coverage area per operator and technology.

The default network is *modelled*: no public national cell data set with operators exists
(DOMAIN.md section 7). The importers in `sim.bronnen` load real inputs into the same `Netwerk`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import shapely
from numpy.typing import NDArray

from sim.model.bevolking import Bevolking

GEMODELLEERD = "gemodelleerd"


class Operator(StrEnum):
    """Mobile network operators in the Netherlands (MCC 204); 'onbekend' for sites without one."""

    KPN = "KPN"
    VODAFONEZIGGO = "VodafoneZiggo"
    ODIDO = "Odido"
    ONBEKEND = "onbekend"


OPERATOREN = tuple(Operator)
MNC = {8: Operator.KPN, 4: Operator.VODAFONEZIGGO, 16: Operator.ODIDO, 20: Operator.ODIDO}


class Technologie(StrEnum):
    """Radio access technology of a cell."""

    GSM = "GSM"
    UMTS = "UMTS"
    LTE = "LTE"
    NR = "NR"


TECHNOLOGIEEN = tuple(Technologie)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Netwerk:
    """Cells (columnar) with best-server coverage in RD New, and where the data came from."""

    bron: str  # "gemodelleerd", or the importer used
    cel_id: tuple[str, ...]
    operator: NDArray[np.int8]  # index into OPERATOREN
    technologie: NDArray[np.int8]  # index into TECHNOLOGIEEN
    dekking: NDArray[np.object_]  # polygons, RD New
    aannames: tuple[str, ...]
    bronvermelding: str = ""  # attribution the input's licence asks for
    boom: shapely.STRtree = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "boom", shapely.STRtree(self.dekking))

    def __len__(self) -> int:
        return len(self.cel_id)

    @property
    def operatoren(self) -> tuple[Operator, ...]:
        """The operators that have cells, in the fixed order."""
        aanwezig = set(np.unique(self.operator).tolist())
        return tuple(o for i, o in enumerate(OPERATOREN) if i in aanwezig)

    @property
    def lagen(self) -> tuple[tuple[Operator, Technologie], ...]:
        """(operator, technology) pairs that have cells."""
        paren = {(int(o), int(t)) for o, t in zip(self.operator, self.technologie, strict=True)}
        return tuple((OPERATOREN[o], TECHNOLOGIEEN[t]) for o, t in sorted(paren))


def voronoi_per_punt(
    x: NDArray[np.float64], y: NDArray[np.float64], marge: float = 50_000.0
) -> NDArray[np.object_]:
    """The Voronoi cell of each point (best server = nearest site); equal points share a cell."""
    uniek, terug = np.unique(np.column_stack([x, y]), axis=0, return_inverse=True)
    punten = shapely.multipoints(uniek)
    minx, miny = uniek.min(axis=0) - marge
    maxx, maxy = uniek.max(axis=0) + marge
    if len(uniek) == 1:
        return np.array([shapely.box(minx, miny, maxx, maxy)] * len(x), dtype=object)
    vlakken = shapely.get_parts(
        shapely.voronoi_polygons(
            punten, extend_to=shapely.box(minx, miny, maxx, maxy), ordered=True
        )
    )
    return vlakken[terug.ravel()]


def sector(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    richting: NDArray[np.float64],
    breedte: float,
    straal: NDArray[np.float64],
    stappen: int = 8,
) -> NDArray[np.object_]:
    """Pie slices: from each site, `breedte` degrees around `richting` (degrees from north)."""
    hoek = np.radians(
        richting[:, None] + np.linspace(-breedte / 2, breedte / 2, stappen + 1)[None, :]
    )
    rx = x[:, None] + straal[:, None] * np.sin(hoek)
    ry = y[:, None] + straal[:, None] * np.cos(hoek)
    ringen = np.concatenate(
        [
            np.stack([x, y], axis=1)[:, None, :],
            np.stack([rx, ry], axis=2),
            np.stack([x, y], axis=1)[:, None, :],
        ],
        axis=1,
    )
    return shapely.polygons(ringen)


@dataclass(frozen=True, slots=True, kw_only=True)
class NetwerkModel:
    """Parameters of the modelled network; every value is an assumption, stated in the report."""

    zaad: int = 20240101
    operatoren: tuple[Operator, ...] = (Operator.KPN, Operator.VODAFONEZIGGO, Operator.ODIDO)
    # Inter-site distance from population density rho (inhabitants per km2 of land):
    # afstand = 8 km * (rho / 50) ** -0.45, clamped to 0.5-8 km, then rounded (geometrically) to
    # one of `afstanden_km`: ~0.5-1 km in cities, 1-2 km in towns, 4-8 km in the countryside
    # (DOMAIN.md section 7 and the brief: urban ~0.5-1 km, rural ~3-8 km).
    afstanden_km: tuple[float, ...] = (8.0, 4.0, 2.0, 1.0, 0.5)
    referentiedichtheid: float = 50.0
    exponent: float = 0.45
    verschuiving: float = 0.3  # sites sit at a random spot within +-30 % of their square's centre
    # Range of a cell: 2.5 x the inter-site distance, at least 2 km, at most 10 km (a cell can
    # reach about 10 km, DOMAIN.md section 7); it bounds best-server areas at coasts and borders.
    bereik_factor: float = 2.5
    bereik_min_km: float = 2.0
    bereik_max_km: float = 10.0
    sectoren: int = 3
    # 5G (NR) on every site with an inter-site distance up to 1 km and on half of the others.
    nr_tot_km: float = 1.0
    nr_kans_landelijk: float = 0.5

    def afstand_km(self, dichtheid: NDArray[np.float64]) -> NDArray[np.float64]:
        """Desired inter-site distance for a population density."""
        rho = np.maximum(dichtheid, 1e-3) / self.referentiedichtheid
        grootste, kleinste = max(self.afstanden_km), min(self.afstanden_km)
        return np.clip(grootste * rho ** (-self.exponent), kleinste, grootste)

    def aannames(self) -> tuple[str, ...]:
        """The assumptions in Dutch, for the report."""
        return (
            "Netwerk is gemodelleerd (geen echte celgegevens): drie operatoren (KPN, "
            "VodafoneZiggo, Odido), masten met drie sectoren, vast toevalszaad "
            f"{self.zaad}.",
            "Mastafstand uit de bevolkingsdichtheid: 8 km x (dichtheid/50)^-0,45, afgerond naar "
            "8, 4, 2, 1 of 0,5 km (stad ~0,5-1 km, platteland 4-8 km); per operator een eigen "
            "willekeurige plaatsing.",
            "Dekking per cel: het best-servergebied (Voronoi van de masten per operator en "
            "techniek) binnen de sector, begrensd op 2,5 x de mastafstand (min. 2 km, max. 10 km).",
            "Technieken: LTE op elke mast; 5G (NR) op masten met mastafstand tot 1 km en op de "
            "helft van de overige; 2G/3G niet gemodelleerd.",
        )


def _vierkantsom(
    som: NDArray[np.float64],
    rij: NDArray[np.int64],
    kol: NDArray[np.int64],
    maat: NDArray[np.int64],
) -> NDArray[np.float64]:
    """Sum over squares from a summed-area table padded with a leading zero row and column."""
    return som[rij + maat, kol + maat] - som[rij, kol + maat] - som[rij + maat, kol] + som[rij, kol]


def _bouw_masten(
    bevolking: Bevolking, model: NetwerkModel
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Square centres and sizes (km) from a density quadtree: one site per leaf square."""
    vak = bevolking.roosters[0]
    blok = 500.0
    f = round(blok / vak.raster.pixel)
    grootste = max(model.afstanden_km) * 1000.0
    n = round(grootste / blok)
    h = -(-vak.raster.hoogte // (f * n)) * n
    w = -(-vak.raster.breedte // (f * n)) * n
    inwoners = np.zeros((h, w))
    land = np.zeros((h, w))
    np.add.at(inwoners, (vak.rij // f, vak.kolom // f), vak.inwoners)
    np.add.at(land, (vak.rij // f, vak.kolom // f), 1.0 / (f * f))
    for fijn in bevolking.roosters[1:]:
        dx = round((fijn.raster.x0 - vak.raster.x0) / blok)
        dy = round((vak.raster.y1 - fijn.raster.y1) / blok)
        g = round(blok / fijn.raster.pixel)
        np.add.at(inwoners, (dy + fijn.rij // g, dx + fijn.kolom // g), fijn.inwoners)
        land[dy + fijn.rij // g, dx + fijn.kolom // g] = 1.0
    som_i = np.pad(inwoners.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    som_l = np.pad(land.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    rooster_r, rooster_k = np.meshgrid(np.arange(0, h, n), np.arange(0, w, n), indexing="ij")
    rij, kol = rooster_r.ravel(), rooster_k.ravel()
    maat = np.full(rij.shape, n)
    blad_r, blad_k, blad_m = [], [], []
    while len(rij):
        opp = _vierkantsom(som_l, rij, kol, maat) * (blok / 1000.0) ** 2
        bewoond = opp > 0
        dichtheid = _vierkantsom(som_i, rij, kol, maat)[bewoond] / opp[bewoond]
        rij, kol, maat = rij[bewoond], kol[bewoond], maat[bewoond]
        km = maat * blok / 1000.0
        delen = (km > model.afstand_km(dichtheid) * math.sqrt(2)) & (maat > 1)
        blad_r.append(rij[~delen])
        blad_k.append(kol[~delen])
        blad_m.append(maat[~delen])
        half = maat[delen] // 2
        r0, k0 = rij[delen], kol[delen]
        rij = np.concatenate([r0, r0, r0 + half, r0 + half])
        kol = np.concatenate([k0, k0 + half, k0, k0 + half])
        maat = np.concatenate([half] * 4)
    br, bk, bm = np.concatenate(blad_r), np.concatenate(blad_k), np.concatenate(blad_m)
    x = vak.raster.x0 + (bk + bm / 2) * blok
    y = vak.raster.y1 - (br + bm / 2) * blok
    return x, y, bm * blok / 1000.0


def modelleer_netwerk(bevolking: Bevolking, model: NetwerkModel | None = None) -> Netwerk:
    """The modelled network: seeded sites, density-driven spacing, sectorised best-server cells."""
    model = model or NetwerkModel()
    midden_x, midden_y, km = _bouw_masten(bevolking, model)
    bereik = np.clip(km * model.bereik_factor, model.bereik_min_km, model.bereik_max_km) * 1000
    ids: list[str] = []
    operator: list[NDArray[np.int8]] = []
    techniek: list[NDArray[np.int8]] = []
    dekking: list[NDArray[np.object_]] = []
    for nummer, op in enumerate(model.operatoren):
        rng = np.random.default_rng([model.zaad, nummer])
        schuif = rng.uniform(-model.verschuiving, model.verschuiving, size=(len(km), 2))
        x = midden_x + schuif[:, 0] * km * 1000
        y = midden_y + schuif[:, 1] * km * 1000
        azimut = rng.uniform(0, 360 / model.sectoren, size=len(km))
        nr = (km <= model.nr_tot_km) | (rng.random(len(km)) < model.nr_kans_landelijk)
        for tech, mast in ((Technologie.LTE, np.ones(len(km), bool)), (Technologie.NR, nr)):
            idx = np.flatnonzero(mast)
            gebied = voronoi_per_punt(x[idx], y[idx])
            for s in range(model.sectoren):
                richting = azimut[idx] + s * 360.0 / model.sectoren
                taart = sector(x[idx], y[idx], richting, 360.0 / model.sectoren, bereik[idx])
                dekking.append(shapely.intersection(gebied, taart))
                ids.extend(f"{op.value}-{tech.value}-{m:05d}-{s + 1}" for m in idx)
                operator.append(np.full(len(idx), OPERATOREN.index(op), np.int8))
                techniek.append(np.full(len(idx), TECHNOLOGIEEN.index(tech), np.int8))
    return maak_netwerk(
        bron=GEMODELLEERD,
        cel_id=ids,
        operator=np.concatenate(operator),
        technologie=np.concatenate(techniek),
        dekking=np.concatenate(dekking),
        aannames=model.aannames(),
    )


def _vlak(geometrie: shapely.Geometry) -> shapely.Geometry:
    """Only the surface: an intersection can leave line or point slivers beside the polygon."""
    if geometrie.geom_type != "GeometryCollection":
        return geometrie
    delen = shapely.get_parts(geometrie)
    return shapely.union_all(delen[shapely.area(delen) > 0])


def maak_netwerk(
    *,
    bron: str,
    cel_id: Sequence[str],
    operator: NDArray[np.int8],
    technologie: NDArray[np.int8],
    dekking: NDArray[np.object_],
    aannames: Sequence[str],
    bronvermelding: str = "",
) -> Netwerk:
    """A Netwerk from columns, dropping cells without coverage area."""
    dekking = np.array([_vlak(g) for g in shapely.make_valid(dekking)], dtype=object)
    houd = shapely.area(dekking) > 0
    return Netwerk(
        bron=bron,
        cel_id=tuple(c for c, h in zip(cel_id, houd, strict=True) if h),
        operator=np.asarray(operator, dtype=np.int8)[houd],
        technologie=np.asarray(technologie, dtype=np.int8)[houd],
        dekking=dekking[houd],
        aannames=tuple(aannames),
        bronvermelding=bronvermelding,
    )
