"""One scenario file being checked: its problems, each placed by key path and line.

Key paths count array entries from 1, as people count the `[[inject]]` blocks in a file:
`inject[3].tijd` is the third inject's time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from nlalert.fouten import N_, Melding
from nlalert.oefenen import gebied as gebieden
from nlalert.oefenen.fouten import Probleem, ScenarioOngeldig
from nlalert.oefenen.model import Bijlage
from nlalert.oefenen.regels import Sleutelpad, regel_van, regels

MAX_BIJLAGE = 2_000_000  # bytes; a map image or a weather report, not a video
_TIJD = re.compile(r"(\d{1,2}):([0-5]\d)")


def hhmm(tijd: timedelta) -> str:
    """An exercise time as HH:MM (hours may pass 24)."""
    minuten = int(tijd.total_seconds() // 60)
    return f"{minuten // 60:02d}:{minuten % 60:02d}"


def sleutel(pad: Sequence[str | int]) -> str:
    """A key path for people: `grondwaarheid.taal[2].code`, entries counted from 1."""
    tekst = ""
    for deel in pad:
        tekst += f"[{deel + 1}]" if isinstance(deel, int) else f".{deel}" if tekst else deel
    return tekst


class Lezer:
    """One file's check: collects problems, each placed by key path and line."""

    def __init__(self, tekst: str, bestand: str, map_: Traversable) -> None:
        self.tekst = tekst
        self.bestand = bestand
        self.map = map_
        self.problemen: list[Probleem] = []
        self._regels: dict[Sleutelpad, int] | None = None

    def fout(self, pad: Sleutelpad, reden: str, /, **parameters: object) -> None:
        """Record a problem at a key path; `reden` is a Dutch msgid (N_) filled by `parameters`."""
        self.fout_melding(pad, Melding(reden, **parameters))

    def fout_melding(self, pad: Sleutelpad, reden: Melding) -> None:
        """Record a problem at a key path, its line looked up in the text."""
        if self._regels is None:
            self._regels = regels(self.tekst)
        self.problemen.append(
            Probleem(
                bestand=self.bestand,
                sleutel=sleutel(pad),
                regel=regel_van(self._regels, pad),
                reden=reden,
            )
        )

    def weiger(self) -> None:
        """Raise ScenarioOngeldig with every problem so far, in file order, if there are any."""
        if self.problemen:
            volgorde = sorted(self.problemen, key=lambda p: p.regel or 0)
            raise ScenarioOngeldig(self.bestand, tuple(volgorde))

    def tijd(self, pad: Sleutelpad, waarde: object, duur: timedelta | None) -> timedelta | None:
        """An exercise time inside the exercise, or None after recording why not."""
        if isinstance(waarde, int) and not isinstance(waarde, bool):
            tijd = timedelta(minutes=waarde)
        elif isinstance(waarde, str) and (deel := _TIJD.fullmatch(waarde.strip())):
            tijd = timedelta(hours=int(deel[1]), minutes=int(deel[2]))
        else:
            self.fout(
                pad,
                N_('een tijd is een aantal minuten (20) of uren:minuten ("01:30"), niet %(w)s'),
                w=repr(waarde),
            )
            return None
        if tijd < timedelta(0):
            self.fout(pad, N_("de tijd %(tijd)s ligt voor het begin van de oefening"), tijd=waarde)
            return None
        if duur is not None and tijd > duur:
            self.fout(
                pad,
                N_("de tijd %(tijd)s ligt na het einde van de oefening (duur %(duur)s)"),
                tijd=hhmm(tijd),
                duur=hhmm(duur),
            )
            return None
        return tijd

    def bestand_bij(self, naam: str) -> Traversable | Melding:
        """A file named relative to the scenario and inside its folder, or why it cannot be."""
        buiten = Melding(N_("%(pad)s moet een pad binnen de map van het scenario zijn"), pad=naam)
        delen = PurePosixPath(naam).parts
        if (
            not delen
            or naam.startswith(("/", "\\"))
            or "\\" in naam
            or ":" in naam
            or any(d in ("..", ".") for d in delen)
        ):
            return buiten
        doel = self.map.joinpath(*delen)
        # A symlink inside the folder may point outside it: compare the real paths.
        if (
            isinstance(doel, Path)
            and isinstance(self.map, Path)
            and not doel.resolve().is_relative_to(self.map.resolve())
        ):
            return buiten
        if doel.is_dir():
            return Melding(N_("%(pad)s is een map, geen bestand"), pad=naam)
        if not doel.is_file():
            return Melding(N_("bestand %(pad)s bestaat niet"), pad=naam)
        return doel

    def bijlage(self, pad: Sleutelpad, naam: str) -> Bijlage | None:
        """An inject's attachment, or None after recording why it cannot be used."""
        doel = self.bestand_bij(naam)
        if isinstance(doel, Melding):
            self.fout_melding(pad, doel)
            return None
        grootte = doel.stat().st_size if isinstance(doel, Path) else len(doel.read_bytes())
        if grootte > MAX_BIJLAGE:
            self.fout(
                pad,
                N_("bijlage %(pad)s is te groot (%(kb)s kB; hoogstens %(max)s kB)"),
                pad=naam,
                kb=grootte // 1000,
                max=MAX_BIJLAGE // 1000,
            )
            return None
        return Bijlage(pad=PurePosixPath(naam).as_posix(), grootte=grootte, bron=doel)

    def lees_json(self, naam: str) -> object:
        """A GeoJSON file beside the scenario, for the hazard area."""
        doel = self.bestand_bij(naam)
        if isinstance(doel, Melding):
            raise gebieden.GebiedProbleem(None, doel)
        return gebieden.lees_geojson(doel.read_text(encoding="utf-8"))
