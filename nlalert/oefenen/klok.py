"""The exercise clock as a value: what is stored, and the arithmetic on it (no I/O).

The stored state is enough to know the exercise time at any real moment: the real seconds run
before the current stretch (`opgebouwd`) and when that stretch started (`loopt_sinds`, None
while paused). Pausing folds the stretch into `opgebouwd`; nothing runs in memory, so a restart
of the app loses nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from nlalert.oefenen.fouten import OngeldigeOefenstap
from nlalert.oefenen.model import Inject, Scenario


class Toestand(StrEnum):
    """Where an exercise is. Values are stored, so never rename one."""

    KLAAR = "klaar"  # created, not started
    LOOPT = "loopt"
    GEPAUZEERD = "gepauzeerd"
    BEEINDIGD = "beeindigd"


@dataclass(frozen=True, slots=True, kw_only=True)
class Klok:
    """The stored clock of one exercise."""

    toestand: Toestand = Toestand.KLAAR
    begonnen_op: datetime | None = None
    loopt_sinds: datetime | None = None
    opgebouwd: timedelta = timedelta(0)
    beeindigd_op: datetime | None = None

    def verstreken(self, nu: datetime) -> timedelta:
        """Real time run so far (pauses do not count)."""
        if self.loopt_sinds is None:
            return self.opgebouwd
        return self.opgebouwd + max(nu - self.loopt_sinds, timedelta(0))

    def start(self, nu: datetime) -> Klok:
        """Start a created exercise."""
        if self.toestand is not Toestand.KLAAR:
            raise OngeldigeOefenstap("starten", str(self.toestand))
        return dataclasses.replace(self, toestand=Toestand.LOOPT, begonnen_op=nu, loopt_sinds=nu)

    def pauzeer(self, nu: datetime) -> Klok:
        """Stop the clock; the injects wait with it."""
        if self.toestand is not Toestand.LOOPT:
            raise OngeldigeOefenstap("pauzeren", str(self.toestand))
        return dataclasses.replace(
            self, toestand=Toestand.GEPAUZEERD, loopt_sinds=None, opgebouwd=self.verstreken(nu)
        )

    def hervat(self, nu: datetime) -> Klok:
        """Run the clock again from where it was paused."""
        if self.toestand is not Toestand.GEPAUZEERD:
            raise OngeldigeOefenstap("hervatten", str(self.toestand))
        return dataclasses.replace(self, toestand=Toestand.LOOPT, loopt_sinds=nu)

    def beeindig(self, nu: datetime) -> Klok:
        """End the exercise for good; its clock stands still where it was."""
        if self.toestand not in (Toestand.LOOPT, Toestand.GEPAUZEERD):
            raise OngeldigeOefenstap("beeindigen", str(self.toestand))
        return dataclasses.replace(
            self,
            toestand=Toestand.BEEINDIGD,
            loopt_sinds=None,
            opgebouwd=self.verstreken(nu),
            beeindigd_op=nu,
        )


def oefentijd(klok: Klok, scenario: Scenario, nu: datetime) -> timedelta:
    """The exercise time now: real time run x the scenario's tempo, capped at its end."""
    return scenario.oefentijd(klok.verstreken(nu))


def kloktijd(klok: Klok, scenario: Scenario, nu: datetime) -> datetime | None:
    """The exercise clock's date and time now; None before the start."""
    if klok.begonnen_op is None:
        return None
    return scenario.klok(oefentijd(klok, scenario, nu), klok.begonnen_op)


def vrijgavemoment(klok: Klok, scenario: Scenario, inject: Inject, nu: datetime) -> datetime:
    """The real moment an inject released in the current stretch (or by now) was released."""
    if klok.loopt_sinds is None:
        return nu
    echt = inject.tijd / scenario.tempo - klok.opgebouwd
    return klok.loopt_sinds + max(echt, timedelta(0))
