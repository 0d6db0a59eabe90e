"""The exercise room's errors: a scenario that cannot be used, with every problem it has."""

from __future__ import annotations

from dataclasses import dataclass

from nlalert.fouten import N_, Melding, NlalertError


@dataclass(frozen=True, slots=True, kw_only=True)
class Probleem:
    """One problem of a scenario file: where it is (line and/or key path) and why."""

    bestand: str
    sleutel: str = ""  # the key path, `inject[2].tijd`; empty for a file-level problem
    regel: int | None = None
    kolom: int | None = None
    reden: Melding

    @property
    def melding(self) -> Melding:
        """The problem as one translatable line: the file, the line or key, the reason."""
        if self.regel is not None and self.sleutel:
            return Melding(
                N_("%(bestand)s, regel %(regel)s (%(sleutel)s): %(reden)s"),
                bestand=self.bestand,
                regel=self.regel,
                sleutel=self.sleutel,
                reden=self.reden,
            )
        if self.regel is not None and self.kolom is not None:
            return Melding(
                N_("%(bestand)s, regel %(regel)s, kolom %(kolom)s: %(reden)s"),
                bestand=self.bestand,
                regel=self.regel,
                kolom=self.kolom,
                reden=self.reden,
            )
        if self.regel is not None:
            return Melding(
                N_("%(bestand)s, regel %(regel)s: %(reden)s"),
                bestand=self.bestand,
                regel=self.regel,
                reden=self.reden,
            )
        if self.sleutel:
            return Melding(
                N_("%(bestand)s (%(sleutel)s): %(reden)s"),
                bestand=self.bestand,
                sleutel=self.sleutel,
                reden=self.reden,
            )
        return Melding(N_("%(bestand)s: %(reden)s"), bestand=self.bestand, reden=self.reden)

    def als_json(self) -> dict[str, object]:
        """For machines: each part on its own, the reason in Dutch."""
        return {
            "bestand": self.bestand,
            "regel": self.regel,
            "kolom": self.kolom,
            "sleutel": self.sleutel,
            "reden": str(self.reden),
        }


class ScenarioError(NlalertError):
    """Base of the exercise room's errors about scenarios."""


class ScenarioOngeldig(ScenarioError):
    """A scenario file was refused; `problemen` lists every problem found, in file order."""

    def __init__(self, bestand: str, problemen: tuple[Probleem, ...]) -> None:
        self.bestand = bestand
        self.problemen = problemen
        super().__init__(
            N_("scenario %(bestand)s is ongeldig: %(problemen)s"),
            bestand=bestand,
            problemen=Melding.opsomming(p.melding for p in problemen),
        )


class OnbekendScenario(ScenarioError):
    """No shipped scenario has this name."""

    def __init__(self, naam: str, bekend: tuple[str, ...]) -> None:
        self.naam = naam
        super().__init__(
            N_("geen meegeleverd scenario '%(naam)s'; kies uit: %(bekend)s"),
            naam=naam,
            bekend=", ".join(bekend),
        )


class OefeningError(NlalertError):
    """Base of the exercise room's errors about running an exercise."""


class OngeldigeOefenstap(OefeningError):
    """The trainer's step is not possible in the exercise's current state."""

    def __init__(self, actie: str, toestand: str) -> None:
        self.actie = actie
        self.toestand = toestand
        super().__init__(
            N_("'%(actie)s' kan niet bij een oefening die '%(toestand)s' is"),
            actie=actie,
            toestand=toestand,
        )


class TeamOngeldig(OefeningError):
    """A team as given cannot take part: unknown user, wrong role, or already in an exercise."""

    def __init__(self, team: str, reden: str, **parameters: object) -> None:
        self.team = team
        super().__init__(
            N_("team '%(team)s': %(reden)s"),
            team=team,
            reden=Melding(reden, **parameters),
        )
