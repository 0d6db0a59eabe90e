"""Reach on the islands of the Caribbean Netherlands: Bonaire, Sint Eustatius and Saba.

What is modelled, and how coarsely: each island is one population unit (CBS, 1 January 2024),
its people spread evenly over its outline; the outlines of Saba and Sint Eustatius are crude
(8 and 10 vertices; Saba computes to 7 km² against about 13 km² officially), so a part of those
islands counts with a large uncertainty. The mobile networks there are not the European-Dutch
operators and no cell data exists: the network is modelled as covering every island, the
broadcast area reaching `BEREIK_KM` beyond the target area on the same island. Devices follow the
European-Dutch device model (no island figures), with the clock in America/Kralendijk.
"""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from sim.fouten import GebiedBuitenNederland
from sim.model import geo
from sim.model.bevolking import Eilanden, Niveau
from sim.model.gebied import Gebied
from sim.model.gebied import op_eilanden as _in_kader
from sim.model.levering import Leveringsmodel
from sim.model.netwerk import GEMODELLEERD, Operator
from sim.model.rapport import (
    BereikRapport,
    EenheidRijen,
    GemeenteRij,
    LeeftijdRij,
    OperatorRij,
    PlaatsRij,
    Reden,
    kwetsbare_groepen,
)
from sim.model.toestellen import LEEFTIJDEN, ToestelModel

KRALENDIJK = ZoneInfo("America/Kralendijk")
BEREIK_KM = 2.0  # a modelled cell reaches this far beyond the target area on the island
KM2_PER_MAST = 10.0  # one modelled three-sector site per 10 km² of broadcast area
BRONVERMELDING = (
    "Bron: CBS (bevolking Caribisch Nederland, 1 januari 2024); eilandomtrekken: "
    "© OpenStreetMap-bijdragers (Bonaire, ODbL), Natural Earth-achtig via mledoze/countries "
    "(Saba, Sint Eustatius, ODbL)"
)


def _aannames() -> tuple[str, ...]:
    return (
        "Alle getallen zijn verwachtingen uit een model, geen metingen.",
        "Let op: netwerk is gemodelleerd, niet gemeten. De netwerken in Caribisch Nederland zijn "
        "niet die van Europees Nederland; aangenomen is dat elk eiland geheel gedekt is en dat het "
        f"uitzendgebied tot {BEREIK_KM:g} km buiten het doelgebied reikt (op hetzelfde eiland); "
        f"een mast met drie sectoren per {KM2_PER_MAST:g} km².",
        "Bevolking: CBS, 1 januari 2024, per eiland (Bonaire, Sint Eustatius, Saba), gelijkmatig "
        "over de omtrek verdeeld; er zijn geen cijfers per buurt of zone.",
        "De omtrekken van Saba en Sint Eustatius zijn grof (8 en 10 hoekpunten; Saba 7 km² tegen "
        "ca. 13 km² officieel): een deel van die eilanden telt met grote onzekerheid.",
        "Toestellen: het Europees-Nederlandse toestelmodel en de leeftijdsopbouw van Nederland "
        "(geen cijfers voor de eilanden); tijd in America/Kralendijk.",
    )


class Eilandmodel:
    """Reach estimates for an area on the islands; the same report as the European model."""

    def __init__(
        self,
        eilanden: Eilanden,
        *,
        gewicht: NDArray[np.float64],
        toestellen: ToestelModel,
        levering: Leveringsmodel,
    ) -> None:
        self.eilanden = eilanden
        self.gewicht = gewicht  # national shares of the device model's age groups
        self.toestellen = toestellen
        self.levering = levering
        self.epsg = [geo.utm_van(g.centroid.x) for g in eilanden.geometrie]
        self._utm = [geo.naar_utm(g, e) for g, e in zip(eilanden.geometrie, self.epsg, strict=True)]

    @classmethod
    def van(
        cls, eilanden: Eilanden | None, gewicht: NDArray[np.float64], toestellen: ToestelModel
    ) -> Eilandmodel | None:
        """The model on these islands, or None without island data."""
        if eilanden is None:
            return None
        return cls(eilanden, gewicht=gewicht, toestellen=toestellen, levering=Leveringsmodel())

    def raakt(self, gebied: Gebied) -> None:
        """Refuse an area that touches no island (at sea)."""
        if not any(shapely.intersects(gebied, self.eilanden.geometrie)):
            raise GebiedBuitenNederland(
                "het gebied raakt geen eiland van Caribisch Nederland (het ligt op zee)"
            )

    def bereik(self, gebied: Gebied, *, tijdstip: datetime | None, kanaal: int) -> BereikRapport:
        """The expected reach over a validated WGS84 area on the islands."""
        moment = _lokaal(tijdstip)
        model = self.toestellen
        per_leeftijd_toestel = model.toestel()
        toestel = float(self.gewicht @ per_leeftijd_toestel)
        factor = model.kanaal(kanaal) * model.aan(moment)
        kans = toestel * factor
        binnen, uitzend, uitzend_km2 = [], [], []
        for i, eiland in enumerate(self._utm):
            deel = geo.naar_utm(gebied, self.epsg[i])
            if not deel.intersects(eiland):
                binnen.append(0.0)
                uitzend.append(0.0)
                uitzend_km2.append(0.0)
                continue
            per_m2 = float(self.eilanden.inwoners[i]) / eiland.area
            rond = deel.buffer(BEREIK_KM * 1000.0).intersection(eiland).area
            binnen.append(deel.intersection(eiland).area * per_m2)
            uitzend.append(rond * per_m2)
            uitzend_km2.append(rond / 1e6)
        b, u = np.array(binnen), np.array(uitzend)
        if not b.any():
            raise GebiedBuitenNederland(
                "het gebied raakt geen eiland van Caribisch Nederland (het ligt op zee)"
            )
        km2 = geo.naar_utm(gebied, geo.utm_van(gebied.centroid.x)).area / 1e6
        return self._rapport(
            gebied, km2, moment, kanaal, (b, u, np.array(uitzend_km2)), kans, factor
        )

    def _rapport(
        self,
        gebied: Gebied,
        km2: float,
        moment: datetime,
        kanaal: int,
        waarden: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
        kans: float,
        factor: float,
    ) -> BereikRapport:
        binnen, uitzend, per_km2 = waarden
        model = self.toestellen
        e = self.eilanden
        toestel = float(self.gewicht @ model.toestel())
        bereikt = binnen * kans
        overshoot = (uitzend - binnen) * kans
        rijen = np.flatnonzero(uitzend > 0)
        uitzend_km2 = float(per_km2.sum())
        cellen = 3 * sum(max(1, math.ceil(float(per_km2[i]) / KM2_PER_MAST)) for i in rijen)
        binnen_3 = self.levering.binnen(cellen)
        totaal_in, totaal_bereikt = float(binnen.sum()), float(bereikt.sum())
        gedekt = totaal_in
        per_eenheid = EenheidRijen(
            lambda: [
                [Niveau.EILAND] * len(rijen),
                [e.code[i] for i in rijen],
                [e.naam[i] for i in rijen],
                [e.code[i] for i in rijen],
                [e.naam[i] for i in rijen],
                [round(float(binnen[i]), 1) for i in rijen],
                [round(float(bereikt[i]), 1) for i in rijen],
                [round(float(binnen[i] - bereikt[i]), 1) for i in rijen],
                [round(float(overshoot[i]), 1) for i in rijen],
            ],
            len(rijen),
        )
        per_leeftijd = tuple(
            LeeftijdRij(
                leeftijd=lft,
                inwoners_in_gebied=round(totaal_in * g, 1),
                bereikt=round(totaal_in * g * t * factor, 1),
            )
            for lft, g, t in zip(LEEFTIJDEN, self.gewicht, model.toestel(), strict=True)
        )
        return BereikRapport(
            gebied=gebied,
            gebied_km2=round(km2, 3),
            tijdstip=moment,
            kanaal=kanaal,
            netwerk=GEMODELLEERD,
            inwoners=round(totaal_in),
            bereikt=round(totaal_bereikt),
            overshoot=round(float(overshoot.sum())),
            gemist={
                Reden.GEEN_DEKKING: 0,
                Reden.GEEN_GESCHIKTE_TELEFOON: round(gedekt * (1 - toestel)),
                Reden.KANAAL_UIT: round(gedekt * toestel * (1 - model.kanaal(kanaal))),
                Reden.UITGESCHAKELD: round(
                    gedekt * toestel * model.kanaal(kanaal) * (1 - model.aan(moment))
                ),
            },
            via_anderen=round((totaal_in - totaal_bereikt) * model.via_anderen),
            cellen=cellen,
            cellen_binnen_3_min=round(binnen_3, 1),
            aandeel_cellen_binnen_3_min=round(binnen_3 / cellen, 4) if cellen else 0.0,
            per_operator=(
                OperatorRij(
                    operator=Operator.ONBEKEND,
                    marktaandeel=1.0,
                    cellen=cellen,
                    cellen_per_technologie={"LTE": cellen},
                    cellen_binnen_3_min=round(binnen_3, 1),
                    aandeel_cellen_binnen_3_min=round(binnen_3 / cellen, 4) if cellen else 0.0,
                    uitzendgebied_km2=round(uitzend_km2, 1),
                    bereikt=round(totaal_bereikt, 1),
                    overshoot=round(float(overshoot.sum()), 1),
                ),
            ),
            per_eenheid=per_eenheid,
            per_gemeente=tuple(
                GemeenteRij(
                    gemeentecode=e.code[i],
                    gemeentenaam=e.naam[i],
                    inwoners_in_gebied=round(float(binnen[i]), 1),
                    bereikt=round(float(bereikt[i]), 1),
                    gemist=round(float(binnen[i] - bereikt[i]), 1),
                    overshoot=round(float(overshoot[i]), 1),
                )
                for i in rijen
            ),
            overshoot_plaatsen=tuple(
                PlaatsRij(
                    gemeentecode=e.code[i],
                    gemeentenaam=e.naam[i],
                    overshoot=round(float(overshoot[i]), 1),
                )
                for i in rijen
                if overshoot[i] >= 0.5
            ),
            per_leeftijd=per_leeftijd,
            kwetsbare_groepen=kwetsbare_groepen(per_leeftijd),
            niveaus=(Niveau.EILAND,),
            aannames=(*_aannames(), self.levering.aanname()),
            bronvermelding=BRONVERMELDING,
        )


def kaartvormen(
    model: Eilandmodel, rapport: BereikRapport
) -> tuple[NDArray[np.object_], NDArray[np.object_], BaseGeometry, NDArray[np.intp]]:
    """For the map, in the UTM zone of the area: islands, broadcast area, area, report rows."""
    epsg = geo.utm_van(rapport.gebied.centroid.x)
    eilanden = geo.naar_utm(model.eilanden.geometrie, epsg)
    gebied = geo.naar_utm(rapport.gebied, epsg)
    uitzend = shapely.intersection(gebied.buffer(BEREIK_KM * 1000.0), eilanden)
    rijen = [model.eilanden.code.index(r.code) for r in rapport.per_eenheid]
    return eilanden, uitzend[shapely.area(uitzend) > 0], gebied, np.array(rijen, dtype=np.intp)


def op_eilanden(geometrie: BaseGeometry) -> bool:
    """Whether a WGS84 geometry lies wholly in the box of the Caribbean Netherlands."""
    xy = shapely.get_coordinates(geometrie)
    return _in_kader(xy[:, 0], xy[:, 1])


def _lokaal(tijdstip: datetime | None) -> datetime:
    if tijdstip is None:
        return datetime.now(KRALENDIJK)
    if tijdstip.tzinfo is None:
        return tijdstip.replace(tzinfo=KRALENDIJK)  # a naive time is island time
    return tijdstip.astimezone(KRALENDIJK)
