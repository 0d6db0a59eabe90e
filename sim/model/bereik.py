"""The reach model: population x network x device model -> the reach report of one broadcast.

`Bereikmodel` takes its population and network as values; `sim.Simulator` adds the embedded
data (`Simulator.default()`) and the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, Self, TypeVar
from zoneinfo import ZoneInfo

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from sim.model import gebied as gebied_mod
from sim.model.bevolking import NIVEAUS, Bevolking, Niveau
from sim.model.eilanden import Eilandmodel, op_eilanden
from sim.model.gebied import Gebied
from sim.model.grensbereik import Grensbereik
from sim.model.levering import Leveringsmodel
from sim.model.netwerk import GEMODELLEERD, OPERATOREN, TECHNOLOGIEEN, Netwerk
from sim.model.rapport import (
    BereikRapport,
    EenheidRijen,
    LeeftijdRij,
    OperatorRij,
    Reden,
    gemeenterijen,
    kwetsbare_groepen,
)
from sim.model.raster import teken_los
from sim.model.som import Som, som_eenvoudig
from sim.model.somindex import Somindex
from sim.model.toestellen import KANAAL_NL_ALERT, LEEFTIJDEN, ToestelModel, aannames

TIJDZONE = ZoneInfo("Europe/Amsterdam")
T = TypeVar("T")


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
        self._lagen = lagen = netwerk.lagen  # a property that walks every cell
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
        # Per unit: shares of the device model's age groups, and the chance of a capable phone.
        self._levering_per_aantal: dict[int, float] = {}
        self._aannames_per: dict[tuple[int, tuple[Niveau, ...]], tuple[str, ...]] = {}
        self._gewicht = bevolking.eenheden.leeftijd @ self.toestellen.verdeling()
        self._toestel = self._gewicht @ self.toestellen.toestel()
        self.grens = Grensbereik.bouw(bevolking.buitenland, netwerk)
        self._gemiddeld = np.average(self._gewicht, axis=0, weights=bevolking.eenheden.inwoners)
        self.eilanden = Eilandmodel.van(bevolking.eilanden, self._gemiddeld, self.toestellen)
        self.somindex = Somindex.bouw(
            eenheden=len(bevolking.eenheden),
            roosters=bevolking.roosters,
            bediend=self._bediend,
            lagen_van=self._lagen_van,
            dekking=netwerk.dekking,
            boom=netwerk.boom,
        )
        self._cel_grenzen = shapely.bounds(netwerk.dekking)
        self._cel_km2 = shapely.area(netwerk.dekking) / 1e6
        self._cel_laag = np.array(
            [
                lagen.index((OPERATOREN[o], TECHNOLOGIEEN[t]))
                for o, t in zip(netwerk.operator, netwerk.technologie, strict=True)
            ],
            dtype=np.int32,
        )

    def __getstate__(self) -> dict[str, Any]:
        """State for pickling (the prepared-geometry cache): without the prepared outline."""
        staat = dict(self.__dict__)
        del staat["_nederland"]
        return staat

    def __setstate__(self, staat: dict[str, Any]) -> None:
        self.__dict__.update(staat)
        self._nederland = prep(self.bevolking.nederland)

    def met_netwerk(self, netwerk: Netwerk) -> Self:
        """The same model on the same population with another (e.g. imported) network."""
        return type(self)(self.bevolking, netwerk, self.toestellen, self.levering)

    def gebied_uit_geojson(self, obj: object) -> Gebied:
        """The validated WGS84 area from GeoJSON or {"circle": {...}}; GebiedError if unusable."""
        gebied = gebied_mod.uit_geojson_ergens(obj, self._nederland)
        if self.eilanden is not None and op_eilanden(gebied):
            self.eilanden.raakt(gebied)  # GebiedError at sea between the islands
        return gebied

    def bereik(
        self,
        geometrie: BaseGeometry,
        *,
        tijdstip: datetime | None = None,
        kanaal: int = KANAAL_NL_ALERT,
    ) -> BereikRapport:
        """The expected reach of a broadcast over `geometrie` (shapely, WGS84 lon,lat)."""
        if self.eilanden is not None and op_eilanden(geometrie):
            gebied, _ = gebied_mod.valideer_ergens(geometrie, self._nederland)
            return self.eilanden.bereik(gebied, tijdstip=tijdstip, kanaal=kanaal)
        gebied, gebied_rd = gebied_mod.valideer(geometrie, self._nederland)
        tijdstip = _lokaal(tijdstip)
        gekozen, som = self.somindex.som(gebied_rd)
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

    def som_eenvoudig(self, gebied_rd: Gebied) -> tuple[NDArray[np.int64], Som]:
        """(selected cells, sums) the straightforward way: the reference for the fast index."""
        gekozen = np.sort(self.netwerk.boom.query(gebied_rd, predicate="intersects"))
        som = som_eenvoudig(
            eenheden=len(self.bevolking.eenheden),
            roosters=self.bevolking.roosters,
            bediend=self._bediend,
            dekking=self._gedekt,
            lagen_van=self._lagen_van,
            cel_grenzen=self._cel_grenzen,
            cellen=len(self.netwerk),
            gebied_rd=gebied_rd,
            gekozen=gekozen,
        )
        return gekozen, som

    def _rapport(
        self,
        gebied: Gebied,
        gebied_rd: Gebied,
        tijdstip: datetime,
        kanaal: int,
        gekozen: NDArray[np.int64],
        som: Som,
    ) -> BereikRapport:
        model = self.toestellen
        # Only the units the sums cover (`Som.eenheden`), numbered 0..: the others are zero, and
        # a report then costs what the area touches, not the country's tens of thousands of units.
        alle = self.bevolking.eenheden
        index = som.eenheden

        def van(waarden: NDArray[Any]) -> NDArray[Any]:
            # np.take: this numpy gathers the rows of a 2-d array by fancy index ~7x slower.
            return waarden if len(index) == len(alle) else np.take(waarden, index, axis=0)

        gemeenten = self.bevolking.gemeenten
        aandelen = model.aandelen(self.operatoren)
        markt = np.array([aandelen[o] for o in self.operatoren])
        gewicht = van(self._gewicht)
        toestel = van(self._toestel)
        gemeente_van = van(alle.gemeente)
        niveau_van = van(alle.niveau)
        factor = model.kanaal(kanaal) * model.aan(tijdstip)
        kans = toestel * factor
        # einsum, not @: BLAS threads on a busy machine cost more than these small sums.
        gedekt = np.einsum("o,ou->u", markt, som.gedekt)
        buiten = np.einsum("o,ou->u", markt, som.buiten)
        # Near the border some phones are on Belgian or German cells (model, `sim.model.grens`).
        buitenlandse_cel = van(alle.buitenlandse_cel)
        thuis = 1.0 - buitenlandse_cel
        vreemd = gedekt * buitenlandse_cel
        gedekt, buiten = gedekt * thuis, buiten * thuis
        bereikt = gedekt * kans
        overshoot = buiten * kans
        gemist = {
            Reden.GEEN_DEKKING: som.binnen - gedekt - vreemd,
            Reden.BUITENLANDSE_CEL: vreemd,
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
        # The rows' columns are made only when someone reads them (a national report has
        # ~18,000 rows); the numbers they hold are all computed here.
        binnen_r, bereikt_r, over_r = som.binnen[rijen], bereikt[rijen], overshoot[rijen]

        def kolommen() -> list[list[Any]]:
            gem = gemeente_van[rijen]
            eenheid = index[rijen]
            return [
                _kies(NIVEAUS, niveau_van[rijen]),
                _kies(alle.code, eenheid),
                _kies(alle.naam, eenheid),
                _kies(gemeenten.code, gem),
                _kies(gemeenten.naam, gem),
                np.round(binnen_r, 1).tolist(),
                np.round(bereikt_r, 1).tolist(),
                np.round(binnen_r - bereikt_r, 1).tolist(),
                np.round(over_r, 1).tolist(),
            ]

        per_eenheid = EenheidRijen(kolommen, len(rijen))
        g = len(gemeenten.code)
        gem_binnen = np.bincount(gemeente_van, som.binnen, minlength=g)
        gem_bereikt = np.bincount(gemeente_van, bereikt, minlength=g)
        gem_over = np.bincount(gemeente_van, overshoot, minlength=g)
        per_gemeente, plaatsen = gemeenterijen(gemeenten, gem_binnen, gem_bereikt, gem_over)
        binnen_leeftijd = np.einsum("u,ug->g", som.binnen, gewicht)
        bereikt_leeftijd = np.einsum("u,ug->g", gedekt, gewicht) * model.toestel() * factor
        per_leeftijd = tuple(
            LeeftijdRij(leeftijd=lft, inwoners_in_gebied=_r(b), bereikt=_r(r))
            for lft, b, r in zip(LEEFTIJDEN, binnen_leeftijd, bereikt_leeftijd, strict=True)
        )
        per_operator = self._per_operator(gekozen, som, kans * thuis, markt)
        cellen = len(gekozen)
        binnen_3 = sum(r.cellen_binnen_3_min for r in per_operator)
        per_niveau = np.bincount(niveau_van, som.binnen, minlength=len(NIVEAUS))
        niveaus = tuple(n for n, b in zip(NIVEAUS, per_niveau, strict=True) if b > 1e-9)
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
            kwetsbare_groepen=kwetsbare_groepen(per_leeftijd),
            niveaus=niveaus,
            aannames=self._aannames_voor(kanaal, niveaus),
            bronvermelding="; ".join(
                filter(None, [self.bevolking.bronvermelding, self.netwerk.bronvermelding])
            ),
            buitenland=self.grens.rapport(
                gekozen, self.operatoren, markt, float(self._gemiddeld @ model.toestel()) * factor
            ),
        )

    def _per_operator(
        self,
        gekozen: NDArray[np.int64],
        som: Som,
        kans: NDArray[np.float64],
        markt: NDArray[np.float64],
    ) -> tuple[OperatorRij, ...]:
        rijen = []
        bereikt = np.einsum("ou,u->o", som.gedekt, kans) * markt
        overshoot = np.einsum("ou,u->o", som.buiten, kans) * markt
        # Per layer (operator x technology) of the selected cells: how many, and their area.
        lagen = self._lagen
        laag_van = self._cel_laag[gekozen]
        per_laag = np.bincount(laag_van, minlength=len(lagen)).tolist()
        km2_laag = np.bincount(laag_van, self._cel_km2[gekozen], minlength=len(lagen)).tolist()
        for o, op in enumerate(self.operatoren):
            mijn = [int(i) for i in self._lagen_van[o] if per_laag[int(i)]]
            aantal = {lagen[i][1]: per_laag[i] for i in mijn}
            per_tech = {t.value: aantal[t] for t in TECHNOLOGIEEN if t in aantal}
            van_op = sum(aantal.values())
            # Cells of one layer do not overlap: the largest layer's area is the broadcast area.
            km2 = max((km2_laag[i] for i in mijn), default=0.0)
            binnen_3 = self._binnen_3_min(van_op)
            rijen.append(
                OperatorRij(
                    operator=op,
                    marktaandeel=round(float(markt[o]), 4),
                    cellen=van_op,
                    cellen_per_technologie=per_tech,
                    cellen_binnen_3_min=round(binnen_3, 1),
                    aandeel_cellen_binnen_3_min=round(binnen_3 / van_op, 4) if van_op else 0.0,
                    uitzendgebied_km2=round(km2, 1),
                    bereikt=_r(bereikt[o]),
                    overshoot=_r(overshoot[o]),
                )
            )
        return tuple(rijen)

    def _binnen_3_min(self, cellen: int) -> float:
        """The delivery model's expected cells within 3 minutes, remembered per count."""
        uit = self._levering_per_aantal.get(cellen)
        if uit is None:
            uit = self._levering_per_aantal[cellen] = self.levering.binnen(cellen)
        return uit

    def _aannames_voor(self, kanaal: int, niveaus: tuple[Niveau, ...]) -> tuple[str, ...]:
        """The assumptions, made once per channel and set of levels (the text is the same)."""
        sleutel = (kanaal, niveaus)
        uit = self._aannames_per.get(sleutel)
        if uit is None:
            uit = self._aannames_per[sleutel] = self._aannames(kanaal, niveaus)
        return uit

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
            "Niet gemodelleerd: bezoekers en forensen (iedereen telt waar hij woont).",
        ]
        return tuple(regels)


def _kies(waarden: Sequence[T], index: NDArray[np.integer[Any]]) -> list[T]:
    """The values at these indices, as a list."""
    if len(index) == 0:
        return []
    if len(index) == 1:
        return [waarden[int(index[0])]]
    return list(itemgetter(*index.tolist())(waarden))


def _r(x: float) -> float:
    return round(float(x), 1)


def _lokaal(tijdstip: datetime | None) -> datetime:
    if tijdstip is None:
        return datetime.now(TIJDZONE)
    if tijdstip.tzinfo is None:
        return tijdstip.replace(tzinfo=TIJDZONE)  # a naive time is taken as Dutch local time
    return tijdstip.astimezone(TIJDZONE)
