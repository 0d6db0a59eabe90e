"""Reading a scenario file: TOML, then its shape (`schema`), then what the values mean.

Every problem found is collected with the file, the line and the key path (`lezer`), so a
trainer fixes a file in one go; `ScenarioOngeldig` carries them all. The shipped scenarios live
in `scenarios/` and are read with importlib.resources, so they work from a wheel too.
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nlalert.fouten import N_, Melding
from nlalert.oefenen import gebied as gebieden
from nlalert.oefenen.fouten import OnbekendScenario, Probleem, ScenarioOngeldig
from nlalert.oefenen.grondwaarheid import grondwaarheid
from nlalert.oefenen.lezer import Lezer, hhmm
from nlalert.oefenen.model import Inject, Scenario
from nlalert.oefenen.regels import Sleutelpad
from nlalert.oefenen.schema import ScenarioSchema
from nlalert.oefenen.schemafouten import reden_van
from vertalingen import AMSTERDAM

MAX_DUUR = timedelta(hours=72)
_TOML_PLAATS = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _start(waarde: datetime | None) -> datetime | None:
    if waarde is None or waarde.tzinfo is not None:
        return waarde
    return waarde.replace(tzinfo=AMSTERDAM)


def _schema(lezer: Lezer, data: dict[str, Any]) -> ScenarioSchema:
    try:
        return ScenarioSchema.model_validate(data)
    except ValidationError as exc:
        for fout in exc.errors():
            lezer.fout_melding(tuple(fout["loc"]), reden_van(fout))
        lezer.weiger()
        raise  # unreachable: a ValidationError has at least one error


def _injects(lezer: Lezer, s: ScenarioSchema, duur: timedelta | None) -> tuple[Inject, ...]:
    injects: list[Inject] = []
    ids: set[str] = set()
    vorige = timedelta(0)
    for i, inj in enumerate(s.inject):
        pad: Sleutelpad = ("inject", i)
        tijd = lezer.tijd((*pad, "tijd"), inj.tijd, duur)
        if tijd is not None and tijd < vorige:
            lezer.fout(
                (*pad, "tijd"),
                N_("de injects staan niet op tijdsvolgorde: %(tijd)s komt na %(vorige)s"),
                tijd=hhmm(tijd),
                vorige=hhmm(vorige),
            )
        vorige = max(vorige, tijd or vorige)
        ident = inj.id or str(i + 1)
        if ident in ids:
            lezer.fout((*pad, "id"), N_("id '%(id)s' komt al eerder voor"), id=ident)
        ids.add(ident)
        if inj.team is not None and inj.team not in s.teams:
            lezer.fout(
                (*pad, "team"),
                N_("team '%(team)s' staat niet in teams (%(teams)s)"),
                team=inj.team,
                teams=", ".join(s.teams) or "-",
            )
        bijlagen = [lezer.bijlage((*pad, "bijlagen", j), b) for j, b in enumerate(inj.bijlagen)]
        injects.append(
            Inject(
                nummer=i + 1,
                id=ident,
                tijd=tijd or timedelta(0),
                tekst=inj.tekst.strip(),
                van=inj.van,
                team=inj.team,
                bijlagen=tuple(b for b in bijlagen if b is not None),
            )
        )
    return tuple(injects)


def uit_tekst(tekst: str, *, bestand: str, map_: Traversable) -> Scenario:
    """A scenario from its TOML text; `map_` is the folder its attachments are relative to."""
    lezer = Lezer(tekst, bestand, map_)
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        bericht = str(exc)
        plaats = _TOML_PLAATS.search(bericht)
        raise ScenarioOngeldig(
            bestand,
            (
                Probleem(
                    bestand=bestand,
                    regel=int(plaats[1]) if plaats else None,
                    kolom=int(plaats[2]) if plaats else None,
                    reden=Melding(
                        N_("geen geldige TOML: %(fout)s"), fout=_TOML_PLAATS.sub("", bericht)
                    ),
                ),
            ),
        ) from None
    s = _schema(lezer, data)
    regio = gebieden.regio(s.regio)
    if regio is None:
        lezer.fout(
            ("regio",),
            N_("onbekende veiligheidsregio '%(regio)s'; geef een code (VR01 tot VR25) of naam"),
            regio=s.regio,
        )
    duur = lezer.tijd(("duur",), s.duur, None)
    if duur is not None and not timedelta(0) < duur <= MAX_DUUR:
        lezer.fout(
            ("duur",),
            N_("een oefening duurt langer dan 0 minuten en hoogstens %(max)s"),
            max=hhmm(MAX_DUUR),
        )
        duur = None
    if len(set(s.teams)) != len(s.teams):
        lezer.fout(("teams",), N_("elk team staat er één keer in"))
    injects = _injects(lezer, s, duur)
    waarheid = grondwaarheid(lezer, s, injects, duur)
    lezer.weiger()
    assert regio is not None and duur is not None and waarheid is not None
    return Scenario(
        bestand=bestand,
        titel=s.titel.strip(),
        beschrijving=s.beschrijving.strip() if s.beschrijving else None,
        regio=regio,
        start=_start(s.start),
        tempo=s.tempo,
        duur=duur,
        teams=tuple(s.teams),
        injects=injects,
        grondwaarheid=waarheid,
    )


def lees(pad: Path) -> Scenario:
    """A scenario from a file; every problem it has is raised at once as ScenarioOngeldig."""
    try:
        tekst = pad.read_bytes().decode("utf-8")
    except OSError:
        reden = Melding(N_("het bestand bestaat niet of is niet te lezen"))
        raise ScenarioOngeldig(str(pad), (Probleem(bestand=str(pad), reden=reden),)) from None
    except UnicodeDecodeError as exc:
        reden = Melding(N_("het bestand is geen UTF-8 (byte %(positie)s)"), positie=exc.start)
        raise ScenarioOngeldig(str(pad), (Probleem(bestand=str(pad), reden=reden),)) from None
    return uit_tekst(tekst, bestand=str(pad), map_=pad.parent)


def _scenariomap() -> Traversable:
    return resources.files("nlalert.oefenen") / "scenarios"


def meegeleverde() -> tuple[str, ...]:
    """The names of the shipped scenarios (file names without `.toml`), sorted."""
    return tuple(
        sorted(
            b.name.removesuffix(".toml")
            for b in _scenariomap().iterdir()
            if b.name.endswith(".toml")
        )
    )


@cache
def meegeleverd(naam: str) -> Scenario:
    """A shipped scenario by name."""
    if naam not in meegeleverde():
        raise OnbekendScenario(naam, meegeleverde())
    map_ = _scenariomap()
    tekst = (map_ / f"{naam}.toml").read_text(encoding="utf-8")
    return uit_tekst(tekst, bestand=f"{naam}.toml", map_=map_)
