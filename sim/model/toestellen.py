"""Device share: who has a phone that shows an NL-Alert, by age group, time of day and channel.

A person inside a covered area receives the alert on their own phone with probability
    eigen telefoon(leeftijd) x geschikt(leeftijd) x kanaal aan x toestel aan(uur).
The defaults are calibrated on the national control message of 8 June 2020, 12:00
(NCTV survey: 90 % of people aged 12+ and 73 % of people aged 75+ received it on their own
phone; data/nl_alert_bereik.csv) with `kalibreer`; tests/sim/model/test_toestellen.py checks it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from sim.fouten import KalibratieError
from sim.model.netwerk import Operator

LEEFTIJDEN = ("0-12", "12-15", "15-25", "25-35", "35-45", "45-55", "55-65", "65-75", "75+")
VANAF_12 = slice(1, None)  # the survey population "12 jaar en ouder"
VOLWASSEN = slice(2, None)  # groups whose UK ownership gap the Netherlands partly closed
KANAAL_NL_ALERT = 4370
KANAAL_TEST_OEFENING = frozenset({4380, 4381, 4393, 4394})


@dataclass(frozen=True, slots=True, kw_only=True)
class ToestelModel:
    """Parameters of the device-share model; each default names its source or says 'aanname'."""

    # Smartphone ownership by age, UK (DOMAIN.md section 7: 0-15 50 %, 16-24 100 %, 25-34 97 %,
    # 35-44 91 %, 45-54 88 %, 55-64 73 %, 65+ 40 %). Aanname: 12-15 own a phone like 16-24,
    # so 0-12 gets (15 x 50 % - 3 x 100 %) / 12 = 37.5 %; 65+ is split below.
    telefoon_uk: tuple[float, ...] = (0.375, 1.0, 1.0, 0.97, 0.91, 0.88, 0.73, 0.40, 0.40)
    # Aanname: the UK 65+ gap (60 %) splits over 65-74 and 75+ with 75+ 1.5 times as large.
    achterstand_75_plus: float = 1.5
    # Aanname: people 75+ are 43 % of people 65+ (CBS 2024 age pyramid; not in the shipped data).
    aandeel_75_van_65: float = 0.43
    # Calibrated: share of the UK ownership gap (15+) closed in NL by June 2020.
    inhaal: float = 0.666
    # iOS share of smartphones by age (Telecompaper 2022, data/smartphone_aandeel_nl.csv:
    # 16-24 60 %, 25-34 43 %, 35-54 32 %, 55+ 25 %); aanname: under 16 as 16-24.
    ios_aandeel: tuple[float, ...] = (0.60, 0.60, 0.60, 0.43, 0.32, 0.32, 0.25, 0.25, 0.25)
    # iPhones show NL-Alert from iOS 12.2 (DOMAIN.md section 3), which runs on iPhones from 2013
    # on. 94 % of iPhones in use still got updates in Q1 2022 (a stricter bar), so more than 94 %
    # can show it; aanname: 98 %.
    ios_geschikt: float = 0.98
    # Aanname: Android phones in use that show NL-Alert (no public figure found).
    android_geschikt: float = 0.98
    # Calibrated: phones switched on and not in flight mode at noon on a weekday.
    aan_overdag: float = 0.990
    # Aanname: phones on by hour relative to noon (more phones off or in flight mode at night).
    aan_per_uur: tuple[float, ...] = (0.92,) * 6 + (0.96,) + (1.0,) * 16 + (0.96,)
    # Only 4371 can be switched off by the user (DOMAIN.md section 3); aanname: 90 % leave it on.
    uitschakelbare_kanalen: frozenset[int] = frozenset({4371})
    kanaal_aan: float = 0.90
    # June 2020: 94 % informed incl. word of mouth vs 90 % on their own phone, so 4 of the 10 %
    # who missed it heard it from others.
    via_anderen: float = 0.40
    # Aanname: subscribers evenly spread over the three networks (no market-share source shipped).
    marktaandeel: tuple[tuple[Operator, float], ...] = (
        (Operator.KPN, 1 / 3),
        (Operator.VODAFONEZIGGO, 1 / 3),
        (Operator.ODIDO, 1 / 3),
    )

    def verdeling(self) -> NDArray[np.float64]:
        """(5, 9) matrix from CBS age groups (0-15 ... 65+) to the model's age groups."""
        a = self.aandeel_75_van_65
        m = np.zeros((5, len(LEEFTIJDEN)))
        m[0, 0], m[0, 1] = 0.8, 0.2  # aanname: ages spread evenly within a CBS group
        m[1, 2] = 1.0
        m[2, 3] = m[2, 4] = 0.5
        m[3, 5] = m[3, 6] = 0.5
        m[4, 7], m[4, 8] = 1 - a, a
        return m

    def telefoon(self) -> NDArray[np.float64]:
        """Share owning a mobile phone, per model age group."""
        uk = np.array(self.telefoon_uk, dtype=np.float64)
        achterstand = 1 - uk
        a, r = self.aandeel_75_van_65, self.achterstand_75_plus
        oud = (achterstand[7] * (1 - a) + achterstand[8] * a) / (1 - a + a * r)
        achterstand[7], achterstand[8] = oud, oud * r
        eigen = 1 - achterstand
        eigen[VOLWASSEN] = 1 - achterstand[VOLWASSEN] * (1 - self.inhaal)
        return eigen

    def geschikt(self) -> NDArray[np.float64]:
        """Share of phones that show NL-Alert, per model age group (from the OS mix)."""
        ios = np.array(self.ios_aandeel, dtype=np.float64)
        return ios * self.ios_geschikt + (1 - ios) * self.android_geschikt

    def toestel(self) -> NDArray[np.float64]:
        """Share with an own phone that shows NL-Alert, per model age group."""
        return self.telefoon() * self.geschikt()

    def aan(self, tijdstip: datetime) -> float:
        """Share of phones switched on at this local hour."""
        return self.aan_overdag * self.aan_per_uur[tijdstip.hour]

    def kanaal(self, kanaal: int) -> float:
        """Share of phones with this channel on."""
        return self.kanaal_aan if kanaal in self.uitschakelbare_kanalen else 1.0

    def aandelen(self, operatoren: Sequence[Operator]) -> dict[Operator, float]:
        """Subscriber share per operator present in the network, summing to 1."""
        if list(operatoren) == [Operator.ONBEKEND]:
            return {Operator.ONBEKEND: 1.0}
        gegeven = dict(self.marktaandeel)
        ruw = {o: gegeven.get(o, 0.0) for o in operatoren}
        som = sum(ruw.values())
        if som <= 0:
            return {o: 1 / len(ruw) for o in ruw}
        return {o: v / som for o, v in ruw.items()}


def ontvangst_controlebericht(
    model: ToestelModel, leeftijd_cbs: Sequence[float], dekking: float = 1.0
) -> tuple[float, float, float]:
    """Predicted own-phone reach (12+, 75+, 18-34) of a national control message at noon."""
    gewicht = np.asarray(leeftijd_cbs, dtype=np.float64) @ model.verdeling()
    kans = model.toestel() * model.aan_overdag * model.aan_per_uur[12] * dekking
    twaalf = float((gewicht[VANAF_12] * kans[VANAF_12]).sum() / gewicht[VANAF_12].sum())
    # The survey's 18-34 group: 15-25 (weight 7/10 of it) and 25-35.
    jong = float(
        (kans[2] * 0.7 * gewicht[2] + kans[3] * gewicht[3]) / (0.7 * gewicht[2] + gewicht[3])
    )
    return twaalf, float(kans[8]), jong


def kalibreer(
    model: ToestelModel,
    leeftijd_cbs: Sequence[float],
    dekking: float = 1.0,
    doel_12_plus: float = 0.90,
    doel_75_plus: float = 0.73,
) -> ToestelModel:
    """`model` with `inhaal` and `aan_overdag` set so the control message meets both figures."""

    def verhouding(inhaal: float) -> float:
        m = dataclasses.replace(model, inhaal=inhaal, aan_overdag=1.0)
        twaalf, oud, _ = ontvangst_controlebericht(m, leeftijd_cbs, dekking)
        return oud / twaalf

    doel = doel_75_plus / doel_12_plus
    laag, hoog = 0.0, 1.0
    if not verhouding(laag) <= doel <= verhouding(hoog):
        raise KalibratieError("de enquêtecijfers zijn met deze parameters niet te bereiken")
    for _ in range(60):
        midden = (laag + hoog) / 2
        laag, hoog = (midden, hoog) if verhouding(midden) < doel else (laag, midden)
    m = dataclasses.replace(model, inhaal=laag, aan_overdag=1.0)
    twaalf, _, _ = ontvangst_controlebericht(m, leeftijd_cbs, dekking)
    aan = doel_12_plus / twaalf
    if aan > 1:
        raise KalibratieError("kalibratie vraagt meer dan 100 % toestellen aan")
    return dataclasses.replace(model, inhaal=laag, aan_overdag=aan)


def _pct(x: float, decimalen: int = 0) -> str:
    return f"{x * 100:.{decimalen}f}".replace(".", ",") + " %"


def aannames(
    model: ToestelModel, kanaal: int, aandelen: Mapping[Operator, float]
) -> tuple[str, ...]:
    """The device-model assumptions in Dutch, with the subscriber shares the estimate used."""
    telefoon = ", ".join(
        f"{g} {_pct(p)}" for g, p in zip(LEEFTIJDEN, model.telefoon(), strict=True)
    )
    regels = [
        "Toestelmodel: kans op ontvangst = eigen telefoon (leeftijd) x geschikt voor NL-Alert "
        "(iOS/Android-verdeling naar leeftijd) x kanaal aan x toestel aan (uur van de dag).",
        "Eigen telefoon naar leeftijd (Britse smartphonecijfers; voor 15+ is "
        f"{_pct(model.inhaal)} van de achterstand ingelopen, gekalibreerd): {telefoon}.",
        f"Geschikt: iPhone {_pct(model.ios_geschikt)} (iOS 12.2 of later), Android "
        f"{_pct(model.android_geschikt)} (beide aanname); toestel aan overdag "
        f"{_pct(model.aan_overdag, 1)} (gekalibreerd), 's nachts minder (aanname).",
        "Gekalibreerd op het landelijke controlebericht van 8 juni 2020 12:00: 90 % van 12+ en "
        "73 % van 75+ ontving het op de eigen telefoon (NCTV-enquête).",
        "Aanname: 75+ is 43 % van 65+; leeftijden gelijk verdeeld binnen een CBS-groep.",
        "Abonnees: "
        + ", ".join(f"{o} {_pct(a)}" for o, a in aandelen.items())
        + (
            " (netwerk zonder operatorgegevens: alle abonnees op dat ene netwerk)."
            if list(aandelen) == [Operator.ONBEKEND]
            else " (aanname, geen bron voor marktaandelen meegeleverd)."
        ),
        f"Via anderen geïnformeerd: {_pct(model.via_anderen)} van wie het niet zelf ontving "
        "(juni 2020: 94 % inclusief mond-tot-mond tegen 90 %).",
    ]
    if kanaal in model.uitschakelbare_kanalen:
        regels.append(
            f"Kanaal {kanaal} kan worden uitgezet: {_pct(model.kanaal_aan)} heeft het aan "
            "(aanname)."
        )
    if kanaal in KANAAL_TEST_OEFENING:
        regels.append(
            f"Kanaal {kanaal} is een test- of oefenkanaal; of toestellen dat tonen is niet "
            "bekend: gerekend als kanaal 4370."
        )
    return tuple(regels)
