"""The national control message of 8 June 2020, reproduced with the model, beside the surveys.

`python -m sim --kalibratie` (and so `nlalert sim kalibratie`) prints it. The model estimates
the whole country at noon on that Monday on channel 4370; the published surveys come from
data/nl_alert_bereik.csv (`sim.bronnen.enquetes`). Each survey age group has a tolerance, stated
here and printed:

- 12+ and 75+ are the two figures `toestellen.kalibreer` meets; the shipped parameters are
  rounded (3 decimals), the population is CBS 2024 rather than 2020, and the survey publishes
  whole per cents (±0.5 point) from a sample: 1 percentage point.
- 18-34 is not a calibration target but a check on the age curve (ownership by age comes from
  UK figures, ages spread evenly within a CBS group): 2.5 percentage points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sim.model.bereik import TIJDZONE, Bereikmodel
from sim.model.geo import naar_wgs84
from sim.model.rapport import BereikRapport, LeeftijdRij
from sim.model.toestellen import KANAAL_NL_ALERT

CONTROLEBERICHT = datetime(2020, 6, 8, 12, 0, tzinfo=TIJDZONE)
KALIBRATIEMETING = "2020-06-08"  # the survey the device model is calibrated on
# Survey group -> (model age groups with their weights, tolerance in percentage points).
# The survey's 18-34 takes 7 of the 10 years of the model's 15-25 group, and all of 25-35.
DOELGROEPEN: dict[str, tuple[dict[str, float], float]] = {
    "12 jaar en ouder": (
        dict.fromkeys(("12-15", "15-25", "25-35", "35-45", "45-55", "55-65", "65-75", "75+"), 1),
        1.0,
    ),
    "18-34 jaar": ({"15-25": 0.7, "25-35": 1.0}, 2.5),
    "75 jaar en ouder": ({"75+": 1.0}, 1.0),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Meting:
    """One published survey figure: own-phone reach of one group at one control message."""

    controlebericht: str
    doelgroep: str
    procent: float
    bron: str


@dataclass(frozen=True, slots=True, kw_only=True)
class KalibratieRij:
    """One survey group: the model's figure beside the published ones."""

    doelgroep: str
    model_procent: float
    enquete_procent: float | None  # the calibration survey of June 2020, when it has this group
    marge_punten: float
    metingen: tuple[Meting, ...]  # every published figure for this group, oldest first

    @property
    def binnen_marge(self) -> bool:
        """Whether the model is within the stated tolerance of the June 2020 survey."""
        if self.enquete_procent is None:
            return True
        return abs(self.model_procent - self.enquete_procent) <= self.marge_punten


def controlebericht(model: Bereikmodel) -> BereikRapport:
    """The model's estimate of the national control message (whole country, noon, 4370)."""
    land = naar_wgs84(model.bevolking.nederland)
    return model.bereik(land, tijdstip=CONTROLEBERICHT, kanaal=KANAAL_NL_ALERT)


def aandeel(per_leeftijd: Sequence[LeeftijdRij], gewichten: dict[str, float]) -> float:
    """Own-phone reach of a weighted set of age groups, in per cent."""
    rijen = {r.leeftijd: r for r in per_leeftijd}
    bereikt = sum(rijen[g].bereikt * w for g, w in gewichten.items())
    inwoners = sum(rijen[g].inwoners_in_gebied * w for g, w in gewichten.items())
    return 100 * bereikt / inwoners


def vergelijk(rapport: BereikRapport, alle: Sequence[Meting]) -> tuple[KalibratieRij, ...]:
    """Per survey group: the model's figure from `rapport`, the surveys, the tolerance."""
    rijen = []
    for doelgroep, (gewichten, marge) in DOELGROEPEN.items():
        eigen = tuple(m for m in alle if m.doelgroep == doelgroep)
        kalibratie = [m.procent for m in eigen if m.controlebericht == KALIBRATIEMETING]
        rijen.append(
            KalibratieRij(
                doelgroep=doelgroep,
                model_procent=round(aandeel(rapport.per_leeftijd, gewichten), 1),
                enquete_procent=kalibratie[0] if kalibratie else None,
                marge_punten=marge,
                metingen=eigen,
            )
        )
    return tuple(rijen)


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",") + " %"


def tekst(rijen: Sequence[KalibratieRij]) -> str:
    """The comparison as the command prints it (Dutch, like the simulator's other output)."""
    regels = [
        "Landelijk controlebericht 8 juni 2020 12:00 (kanaal 4370), nagerekend met het model.",
        "Ontvangen op de eigen telefoon; model = verwachting uit een model, geen meting.",
        "",
        f"{'doelgroep':<18} {'model':>8} {'enquête juni 2020':>18} {'verschil':>9}  "
        f"{'marge':>8}  uitkomst",
    ]
    for r in rijen:
        if r.enquete_procent is None:
            enquete, verschil = "-", "-"
        else:
            enquete = f"{r.enquete_procent:.0f} %"
            verschil = f"{r.model_procent - r.enquete_procent:+.1f}".replace(".", ",")
        marge = "±" + f"{r.marge_punten:.1f}".replace(".", ",") + " pt"
        uitkomst = "binnen de marge" if r.binnen_marge else "BUITEN DE MARGE"
        regels.append(
            f"{r.doelgroep:<18} {_pct(r.model_procent):>8} {enquete:>18} {verschil:>9}  "
            f"{marge:>8}  {uitkomst}"
        )
    regels += ["", "Alle gepubliceerde metingen (ontvangen op de eigen telefoon):"]
    for r in rijen:
        reeks = ", ".join(f"{m.controlebericht} {m.procent:.0f} %" for m in r.metingen)
        regels.append(f"  {r.doelgroep}: {reeks or '-'}")
    regels.append("Bron: data/nl_alert_bereik.csv (NCTV- en Kantar-enquêtes via de pers).")
    return "\n".join(regels)
