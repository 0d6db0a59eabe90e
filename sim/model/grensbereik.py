"""Reach across the border: the people abroad in the broadcast area of the selected Dutch cells.

Prepared once per network: which cells cover the centre of each populated 1 km cell abroad
(`sim.model.grens.Buitenland`). Per estimate, a census cell is in an operator's broadcast area when
one of its selected cells covers the centre; the people there are counted by foreign municipality.
Phones of foreign residents mostly stay on their own networks, so only the share of
`Grensmodel` receives it (a model, no measurement); the neighbour warns the rest itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

from sim.model.grens import Buitenland
from sim.model.netwerk import OPERATOREN, Netwerk, Operator

# Only a few municipalities are named in the report; the rest is in the totals per country.
MAX_GEMEENTEN = 25
WAARSCHUWINGSSYSTEEM = {"BE": "BE-Alert", "DE": "MoWaS (NINA, DE-Alert)"}


@dataclass(frozen=True, slots=True, kw_only=True)
class BuitenlandRij:
    """People in one foreign municipality in the broadcast area of the selected Dutch cells."""

    land: str  # "BE" or "DE"
    code: str  # NIS code (BE) or ARS (DE)
    naam: str
    in_uitzendgebied: float  # inhabitants (1 km grid 2021) where a selected cell broadcasts
    bereikt: float  # of them expected to receive it on a Dutch cell (model)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuitenlandRapport:
    """Cross-border part of a reach report: all model values, counted where people live."""

    in_uitzendgebied: float
    bereikt: float
    per_land: dict[str, float]  # in the broadcast area, per country
    waarschuwingssysteem: dict[str, str]  # per country with people in it: who warns there
    gemeenten: tuple[BuitenlandRij, ...]  # the largest, at most MAX_GEMEENTEN


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Grensbereik:
    """Which selected cells cover which census cells abroad; made once per network."""

    buitenland: Buitenland | None
    punt: NDArray[np.int64]  # pairs (census cell, covering network cell)
    cel: NDArray[np.int64]
    operator: NDArray[np.int8]  # the covering cell's operator
    raakt: NDArray[np.bool_]  # per network cell: does it cover any census cell abroad?

    @classmethod
    def bouw(cls, buitenland: Buitenland | None, netwerk: Netwerk) -> Grensbereik:
        """Prepare the pairs with an STRtree query of the census cell centres (none without)."""
        if buitenland is None:
            punt, cel = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        else:
            punten = shapely.points(buitenland.x, buitenland.y)
            punt, cel = netwerk.boom.query(punten, predicate="within")
        raakt = np.zeros(len(netwerk), dtype=np.bool_)
        raakt[cel] = True
        return cls(
            buitenland=buitenland,
            punt=punt.astype(np.int64),
            cel=cel.astype(np.int64),
            operator=netwerk.operator[cel],
            raakt=raakt,
        )

    def rapport(
        self,
        gekozen: NDArray[np.int64],
        operatoren: tuple[Operator, ...],
        markt: NDArray[np.float64],
        kans: float,
    ) -> BuitenlandRapport | None:
        """The people abroad in the broadcast area, or None when no selected cell reaches abroad.

        `kans` is the chance that a phone on a Dutch cell shows the alert (device model average).
        """
        b = self.buitenland
        if b is None or not len(gekozen) or not self.raakt[gekozen].any():
            return None
        geselecteerd = np.zeros(len(self.raakt), dtype=np.bool_)
        geselecteerd[gekozen] = True
        gekozen_pair = geselecteerd[self.cel]
        punt, op = self.punt[gekozen_pair], self.operator[gekozen_pair]
        # In the broadcast area of any operator; received: by market share of the operators.
        overal = np.zeros(len(b), dtype=np.bool_)
        overal[punt] = True
        per_markt = np.zeros(len(b))
        for o, aandeel in zip(operatoren, markt, strict=True):
            van_o = np.zeros(len(b), dtype=np.bool_)
            van_o[punt[op == OPERATOREN.index(o)]] = True
            per_markt += van_o * aandeel
        mensen = b.inwoners * overal
        bereikt = b.inwoners * per_markt * b.op_nl_cel * kans
        n = len(b.naam)
        gem_in = np.bincount(b.gemeente, mensen, minlength=n)
        gem_bereikt = np.bincount(b.gemeente, bereikt, minlength=n)
        volgorde = [int(i) for i in np.argsort(-gem_in, kind="stable") if gem_in[i] >= 0.5]
        per_land: dict[str, float] = {}
        for i in volgorde:
            per_land[b.land[i]] = per_land.get(b.land[i], 0.0) + float(gem_in[i])
        return BuitenlandRapport(
            in_uitzendgebied=round(float(mensen.sum())),
            bereikt=round(float(bereikt.sum())),
            per_land={k: round(v) for k, v in sorted(per_land.items())},
            waarschuwingssysteem={k: WAARSCHUWINGSSYSTEEM[k] for k in sorted(per_land)},
            gemeenten=tuple(
                BuitenlandRij(
                    land=b.land[i],
                    code=b.code[i],
                    naam=b.naam[i],
                    in_uitzendgebied=round(float(gem_in[i]), 1),
                    bereikt=round(float(gem_bereikt[i]), 1),
                )
                for i in volgorde[:MAX_GEMEENTEN]
            ),
        )
