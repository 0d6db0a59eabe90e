"""The reach model: population x network x device model -> the reach report of one broadcast.

`Bereikmodel` takes its population and network as values; `sim.Simulator` adds the embedded
data (`Simulator.default()`) and the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Self
from zoneinfo import ZoneInfo

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from sim.model import gebied as gebied_mod
from sim.model.bevolking import NIVEAUS, Atomen, Bevolking, Niveau
from sim.model.gebied import Gebied
from sim.model.levering import Leveringsmodel
from sim.model.netwerk import GEMODELLEERD, OPERATOREN, TECHNOLOGIEEN, Netwerk
from sim.model.rapport import (
    BereikRapport,
    EenheidRij,
    GemeenteRij,
    LeeftijdRij,
    OperatorRij,
    PlaatsRij,
    Reden,
)
from sim.model.raster import teken_los, venster, vlakaandeel
from sim.model.toestellen import KANAAL_NL_ALERT, LEEFTIJDEN, ToestelModel, aannames

TIJDZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Som:
    """Per-unit sums of one estimate, before the device model."""

    binnen: NDArray[np.float64]  # inhabitants inside the area
    gedekt: NDArray[np.float64]  # (operators, units): inside and covered by that operator
    buiten: NDArray[np.float64]  # (operators, units): outside the area, in its broadcast area


class Bereikmodel:
    """Reach estimates for a target area; build once, then estimate many times (thread-safe)."""

    def __init__(
        self,
        bevolking: Bevolking,
        netwerk: Netwerk,
        toestellen: ToestelModel | None = None,
        levering: Leveringsmodel | None = None,
    ) -> None:
        self.bevolking = bevolking
        self.netwerk = netwerk
        self.toestellen = toestellen or ToestelModel()
        self.levering = levering or Leveringsmodel()
        self._nederland: PreparedGeometry = prep(bevolking.nederland)
        self._index: dict[str, int] | None = None
        self.operatoren = netwerk.operatoren
        lagen = netwerk.lagen
        # Which layers (operator x technology) belong to each operator present.
        self._lagen_van = [
            np.array([i for i, (o, _) in enumerate(lagen) if o is op]) for op in self.operatoren
        ]
        # Best server per atom and layer; -1 where no cell of that layer covers the atom.
        self._bediend: list[NDArray[np.int32]] = []
        for atomen in bevolking.roosters:
            kolommen = []
            for op, tech in lagen:
                cel = np.flatnonzero(
                    (netwerk.operator == OPERATOREN.index(op))
                    & (netwerk.technologie == TECHNOLOGIEEN.index(tech))
                )
                ids = teken_los(netwerk.dekking[cel], cel.tolist(), atomen.raster)
                kolommen.append(ids[atomen.rij, atomen.kolom])
            self._bediend.append(np.column_stack(kolommen).astype(np.int32))
        # Per atom and operator: does any of its cells cover the atom?
        self._gedekt = [
            np.column_stack([(b[:, lagen] >= 0).any(axis=1) for lagen in self._lagen_van])
            for b in self._bediend
        ]
        self._cel_grenzen = shapely.bounds(netwerk.dekking)
        self._cel_km2 = shapely.area(netwerk.dekking) / 1e6
        self._cel_laag = np.array(
            [
                lagen.index((OPERATOREN[o], TECHNOLOGIEEN[t]))
                for o, t in zip(netwerk.operator, netwerk.technologie, strict=True)
            ],
            dtype=np.int32,
        )

    def met_netwerk(self, netwerk: Netwerk) -> Self:
        """The same model on the same population with another (e.g. imported) network."""
        return type(self)(self.bevolking, netwerk, self.toestellen, self.levering)

    def gebied_uit_geojson(self, obj: object) -> Gebied:
        """The validated WGS84 area from GeoJSON or {"circle": {...}}; GebiedError if unusable."""
        return gebied_mod.uit_geojson(obj, self._nederland)[0]

    def bereik(
        self,
        geometrie: BaseGeometry,
        *,
        tijdstip: datetime | None = None,
        kanaal: int = KANAAL_NL_ALERT,
    ) -> BereikRapport:
        """The expected reach of a broadcast over `geometrie` (shapely, WGS84 lon,lat)."""
        gebied, gebied_rd = gebied_mod.valideer(geometrie, self._nederland)
        tijdstip = _lokaal(tijdstip)
        gekozen = self.netwerk.boom.query(gebied_rd, predicate="intersects")
        som = self._som(gebied_rd, gekozen)
        return self._rapport(gebied, gebied_rd, tijdstip, kanaal, gekozen, som)

    def geselecteerde_cellen(self, rapport: BereikRapport) -> NDArray[np.int64]:
        """Indices of the cells an operator selects for the report's area."""
        _, gebied_rd = gebied_mod.valideer(rapport.gebied, None)
        return self.netwerk.boom.query(gebied_rd, predicate="intersects")

    def eenheid_index(self) -> dict[str, int]:
        """Unit code -> index into the population units."""
        if self._index is None:
            self._index = {c: i for i, c in enumerate(self.bevolking.eenheden.code)}
        return self._index

    def _som(self, gebied_rd: Gebied, gekozen: NDArray[np.int64]) -> _Som:
        n = len(self.bevolking.eenheden)
        geselecteerd = np.zeros(len(self.netwerk) + 1, dtype=np.bool_)  # last: "no cell"
        geselecteerd[gekozen] = True
        grenzen = np.array(gebied_rd.bounds)
        if len(gekozen):
            cellen = self._cel_grenzen[gekozen]
            grenzen = np.concatenate(
                [
                    np.minimum(grenzen[:2], cellen[:, :2].min(axis=0)),
                    np.maximum(grenzen[2:], cellen[:, 2:].max(axis=0)),
                ]
            )
        binnen = np.zeros(n)
        ops = len(self.operatoren)
        gedekt = np.zeros((ops, n))
        buiten = np.zeros((ops, n))
        for atomen, bediend, dekking in zip(
            self.bevolking.roosters, self._bediend, self._gedekt, strict=True
        ):
            pixels = venster(atomen.raster, grenzen)
            deel = atomen.venster(*pixels)
            eenheid = atomen.eenheid[deel]
            if len(eenheid) == 0:
                continue
            inwoners = atomen.inwoners[deel]
            in_gebied = inwoners * _aandeel(atomen, deel, pixels, gebied_rd)
            er_buiten = inwoners - in_gebied
            cel = bediend[deel]
            binnen += np.bincount(eenheid, in_gebied, minlength=n)
            for o, lagen in enumerate(self._lagen_van):
                uitgezonden = geselecteerd[cel[:, lagen[0]]]
                for laag in lagen[1:]:
                    uitgezonden |= geselecteerd[cel[:, laag]]
                gedekt[o] += np.bincount(eenheid, in_gebied * dekking[deel, o], minlength=n)
                buiten[o] += np.bincount(eenheid, er_buiten * uitgezonden, minlength=n)
        return _Som(binnen=binnen, gedekt=gedekt, buiten=buiten)

    def _rapport(
        self,
        gebied: Gebied,
        gebied_rd: Gebied,
        tijdstip: datetime,
        kanaal: int,
        gekozen: NDArray[np.int64],
        som: _Som,
    ) -> BereikRapport:
        model = self.toestellen
        eenheden = self.bevolking.eenheden
        gemeenten = self.bevolking.gemeenten
        aandelen = model.aandelen(self.operatoren)
        markt = np.array([aandelen[o] for o in self.operatoren])
        gewicht = eenheden.leeftijd @ model.verdeling()  # (units, model age groups)
        toestel = gewicht @ model.toestel()
        factor = model.kanaal(kanaal) * model.aan(tijdstip)
        kans = toestel * factor
        gedekt = markt @ som.gedekt
        buiten = markt @ som.buiten
        bereikt = gedekt * kans
        overshoot = buiten * kans
        gemist = {
            Reden.GEEN_DEKKING: som.binnen - gedekt,
            Reden.GEEN_GESCHIKTE_TELEFOON: gedekt * (1 - toestel),
            Reden.KANAAL_UIT: gedekt * toestel * (1 - model.kanaal(kanaal)),
            Reden.UITGESCHAKELD: gedekt
            * toestel
            * model.kanaal(kanaal)
            * (1 - model.aan(tijdstip)),
        }
        totaal_binnen = float(som.binnen.sum())
        totaal_bereikt = float(bereikt.sum())
        rijen = np.flatnonzero((som.binnen > 1e-9) | (overshoot >= 0.05))
        # Round in numpy and build rows from Python floats: national areas have ~18,000 rows.
        niveau = eenheden.niveau[rijen].tolist()
        gem = eenheden.gemeente[rijen].tolist()
        per_eenheid = tuple(
            map(
                EenheidRij._make,
                zip(
                    [NIVEAUS[n] for n in niveau],
                    [eenheden.code[i] for i in rijen.tolist()],
                    [eenheden.naam[i] for i in rijen.tolist()],
                    [gemeenten.code[g] for g in gem],
                    [gemeenten.naam[g] for g in gem],
                    np.round(som.binnen[rijen], 1).tolist(),
                    np.round(bereikt[rijen], 1).tolist(),
                    np.round(som.binnen[rijen] - bereikt[rijen], 1).tolist(),
                    np.round(overshoot[rijen], 1).tolist(),
                    strict=True,
                ),
            )
        )
        g = len(gemeenten.code)
        gem_binnen = np.bincount(eenheden.gemeente, som.binnen, minlength=g)
        gem_bereikt = np.bincount(eenheden.gemeente, bereikt, minlength=g)
        gem_over = np.bincount(eenheden.gemeente, overshoot, minlength=g)
        per_gemeente = tuple(
            GemeenteRij(
                gemeentecode=gemeenten.code[i],
                gemeentenaam=gemeenten.naam[i],
                inwoners_in_gebied=_r(gem_binnen[i]),
                bereikt=_r(gem_bereikt[i]),
                overshoot=_r(gem_over[i]),
            )
            for i in np.flatnonzero((gem_binnen > 1e-9) | (gem_over >= 0.05))
        )
        plaatsen = tuple(
            PlaatsRij(
                gemeentecode=gemeenten.code[i],
                gemeentenaam=gemeenten.naam[i],
                overshoot=_r(gem_over[i]),
            )
            for i in np.argsort(-gem_over)
            if gem_over[i] >= 0.5
        )
        binnen_leeftijd = som.binnen @ gewicht
        bereikt_leeftijd = (gedekt @ gewicht) * model.toestel() * factor
        per_leeftijd = tuple(
            LeeftijdRij(leeftijd=lft, inwoners_in_gebied=_r(b), bereikt=_r(r))
            for lft, b, r in zip(LEEFTIJDEN, binnen_leeftijd, bereikt_leeftijd, strict=True)
        )
        per_operator = self._per_operator(gekozen, som, kans, markt)
        cellen = len(gekozen)
        binnen_3 = sum(r.cellen_binnen_3_min for r in per_operator)
        niveaus = tuple(
            n for i, n in enumerate(NIVEAUS) if som.binnen[eenheden.niveau == i].sum() > 1e-9
        )
        return BereikRapport(
            gebied=gebied,
            gebied_km2=round(gebied_rd.area / 1e6, 3),
            tijdstip=tijdstip,
            kanaal=kanaal,
            netwerk=self.netwerk.bron,
            inwoners=round(totaal_binnen),
            bereikt=round(totaal_bereikt),
            overshoot=round(float(overshoot.sum())),
            gemist={r: round(float(v.sum())) for r, v in gemist.items()},
            via_anderen=round((totaal_binnen - totaal_bereikt) * model.via_anderen),
            cellen=cellen,
            cellen_binnen_3_min=round(binnen_3, 1),
            aandeel_cellen_binnen_3_min=round(binnen_3 / cellen, 4) if cellen else 0.0,
            per_operator=per_operator,
            per_eenheid=per_eenheid,
            per_gemeente=per_gemeente,
            overshoot_plaatsen=plaatsen,
            per_leeftijd=per_leeftijd,
            niveaus=niveaus,
            aannames=self._aannames(kanaal, niveaus),
            bronvermelding="; ".join(
                filter(None, [self.bevolking.bronvermelding, self.netwerk.bronvermelding])
            ),
        )

    def _per_operator(
        self,
        gekozen: NDArray[np.int64],
        som: _Som,
        kans: NDArray[np.float64],
        markt: NDArray[np.float64],
    ) -> tuple[OperatorRij, ...]:
        rijen = []
        for o, op in enumerate(self.operatoren):
            van_op = gekozen[self.netwerk.operator[gekozen] == OPERATOREN.index(op)]
            techniek = self.netwerk.technologie[van_op]
            per_tech = {t.value: int((techniek == i).sum()) for i, t in enumerate(TECHNOLOGIEEN)}
            laag = self._cel_laag[van_op]
            # Cells of one layer do not overlap: the largest layer's area is the broadcast area.
            km2 = max(
                (float(self._cel_km2[van_op][laag == i].sum()) for i in np.unique(laag)),
                default=0.0,
            )
            binnen_3 = self.levering.binnen(len(van_op))
            rijen.append(
                OperatorRij(
                    operator=op,
                    marktaandeel=round(float(markt[o]), 4),
                    cellen=len(van_op),
                    cellen_per_technologie={k: v for k, v in per_tech.items() if v},
                    cellen_binnen_3_min=round(binnen_3, 1),
                    aandeel_cellen_binnen_3_min=round(binnen_3 / len(van_op), 4)
                    if len(van_op)
                    else 0.0,
                    uitzendgebied_km2=round(km2, 1),
                    bereikt=_r(markt[o] * float(som.gedekt[o] @ kans)),
                    overshoot=_r(markt[o] * float(som.buiten[o] @ kans)),
                )
            )
        return tuple(rijen)

    def _aannames(self, kanaal: int, niveaus: tuple[Niveau, ...]) -> tuple[str, ...]:
        regels = ["Alle getallen zijn verwachtingen uit een model, geen metingen."]
        if self.netwerk.bron == GEMODELLEERD:
            regels.append("Let op: netwerk is gemodelleerd, niet gemeten.")
        else:
            regels.append(f"Netwerk ingelezen met: {self.netwerk.bron}.")
        regels += [
            *self.netwerk.aannames,
            "Celkeuze zoals een operator: elke cel waarvan de dekking het gebied raakt; het "
            "uitzendgebied is de vereniging van hun dekking. Een toestel ontvangt waar een "
            "gekozen cel van zijn eigen operator (op enige techniek) de best server is.",
            "Niveaus in het gebied: " + ", ".join(n.value for n in niveaus) + ".",
            *self.bevolking.aannames,
            *aannames(self.toestellen, kanaal, self.toestellen.aandelen(self.operatoren)),
            self.levering.aanname(),
            "Niet gemodelleerd: toestellen in grensgebieden op Belgische of Duitse cellen, "
            "bezoekers en forensen (iedereen telt waar hij woont).",
        ]
        return tuple(regels)


def _r(x: float) -> float:
    return round(float(x), 1)


def _lokaal(tijdstip: datetime | None) -> datetime:
    if tijdstip is None:
        return datetime.now(TIJDZONE)
    if tijdstip.tzinfo is None:
        return tijdstip.replace(tzinfo=TIJDZONE)  # a naive time is taken as Dutch local time
    return tijdstip.astimezone(TIJDZONE)


def _aandeel(
    atomen: Atomen,
    deel: slice | NDArray[np.int64],
    pixels: tuple[int, int, int, int],
    gebied_rd: Gebied,
) -> NDArray[np.float64]:
    """Share of each atom's (Dutch part of its) pixel inside the area."""
    r = atomen.raster
    hoogte_px = (gebied_rd.bounds[3] - gebied_rd.bounds[1]) / r.pixel
    # Enough sample lines for a small area, few for a large one (cost follows boundary length).
    deelrijen = int(min(max(math.ceil(400 / max(hoogte_px, 1e-9)), 4), 25))
    rij0, kol0, vak = vlakaandeel(gebied_rd, r, deelrijen, pixels)
    plek = (atomen.rij[deel] - rij0) * vak.shape[1] + (atomen.kolom[deel] - kol0)
    aandeel = vak.ravel()[plek] / atomen.land[deel]
    return np.minimum(aandeel, 1.0, dtype=np.float64)
