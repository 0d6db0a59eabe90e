"""`nlalert oefening`: exercises. `valideer` checks scenario files, `scenarios` lists the shipped
ones, `schema` prints the format as JSON Schema; `start`, `pauzeer`, `hervat`, `beeindig` and
`lijst` run exercises; `rapport`, `herhaal` and `opmerkingen` are in `oefenrapport`.

A SCENARIO is a path to a TOML file, a zip with the TOML and its attachments, or the name of a
shipped scenario. `valideer` prints a short summary per good file and, for a refused one, one
line per problem on stderr that names the file, the line or key and the reason; it exits 2 when
any file was refused.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.app import open_db
from nlalert.cli import oefenrapport
from nlalert.cli.fouten import EXIT_FOUT
from nlalert.cli.uitvoer import print_json
from nlalert.fouten import N_, Melding
from nlalert.oefenen import opslag
from nlalert.oefenen.fouten import Probleem, ScenarioOngeldig
from nlalert.oefenen.klok import oefentijd
from nlalert.oefenen.lezer import hhmm
from nlalert.oefenen.model import Scenario
from nlalert.oefenen.pakket import MAX_ZIP
from nlalert.oefenen.scenario import lees, meegeleverd, meegeleverde
from nlalert.oefenen.schema import json_schema
from nlalert.oefenen.uitvoer import als_json
from nlalert.taal import gettext


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand and its own subcommands."""
    p = subparsers.add_parser(
        "oefening", help="oefenen met scenario's: valideren, starten, pauzeren, beëindigen"
    )
    opdrachten = p.add_subparsers(dest="oefenopdracht", required=True, parser_class=type(p))
    v = opdrachten.add_parser(
        "valideer", help="controleer scenariobestanden (TOML) of meegeleverde scenario's"
    )
    v.add_argument(
        "scenario",
        nargs="+",
        metavar="SCENARIO",
        help="pad naar een .toml of .zip, of een meegeleverde naam",
    )
    v.add_argument("--json", action="store_true", help="JSON voor machines")
    v.set_defaults(handler=run_valideer)
    s = opdrachten.add_parser("scenarios", help="de meegeleverde scenario's")
    s.set_defaults(handler=run_scenarios)
    j = opdrachten.add_parser(
        "schema", help="het scenarioformaat als JSON Schema (docs/scenario.schema.json)"
    )
    j.set_defaults(handler=run_schema)
    _register_lopen(opdrachten)


def _zip_bytes(pad: Path) -> bytes:
    """A zip file's bytes, read no further than the largest zip accepted."""
    try:
        with pad.open("rb") as f:
            inhoud = f.read(MAX_ZIP + 1)
    except OSError:
        reden = Melding(N_("het bestand bestaat niet of is niet te lezen"))
        raise ScenarioOngeldig(str(pad), (Probleem(bestand=str(pad), reden=reden),)) from None
    return inhoud  # pak_uit refuses one over MAX_ZIP


def _lees(naam: str) -> Scenario:
    pad = Path(naam)
    if not pad.exists() and naam in meegeleverde():
        return meegeleverd(naam)
    if pad.suffix.lower() == ".zip":
        return opslag.scenario_uit_zip(_zip_bytes(pad), pad.name)[0]
    return lees(pad)


def _getal(x: float) -> str:
    return format_decimal(x, format="#,##0.0", locale="nl_NL")


def samenvatting(s: Scenario) -> str:
    """A scenario in a few lines: title, region, clock, injects, area, categories, languages."""
    g = s.grondwaarheid
    start = s.start.strftime("%d-%m-%Y %H:%M") if s.start else "bij het starten"
    talen = ", ".join(g.taalcodes)
    vervolg = ", ".join(f"{v.soort} {hhmm(v.uiterlijk)}" for v in g.vervolgen) or "geen"
    return "\n".join(
        [
            f"{s.bestand}: geldig",
            f"  {s.titel}",
            f"  regio {s.regio.naam} ({s.regio.code}); start {start}, duur {hhmm(s.duur)},"
            f" tempo {s.tempo:g}x",
            f"  {len(s.injects)} injects; gebied {_getal(g.oppervlakte_km2)} km²"
            f" ({g.gebied.beschrijving})",
            f"  categorieën: {', '.join(g.categorieen)}; talen: {talen}",
            f"  eerste alert uiterlijk {hhmm(g.eerste_alert.uiterlijk)}; vervolg: {vervolg}",
        ]
    )


def _json(s: Scenario) -> dict[str, Any]:
    g = s.grondwaarheid
    return {
        "bestand": s.bestand,
        "geldig": True,
        "titel": s.titel,
        "regio": s.regio.code,
        "injects": len(s.injects),
        "oppervlakte_km2": round(g.oppervlakte_km2, 2),
        "categorieen": list(g.categorieen),
        "talen": list(g.taalcodes),
    }


def run_valideer(args: argparse.Namespace) -> int:
    """Check every file; summaries on stdout, one line per problem on stderr."""
    status = 0
    uitvoer: list[dict[str, Any]] = []
    for naam in args.scenario:
        try:
            scenario = _lees(naam)
        except ScenarioOngeldig as exc:
            status = EXIT_FOUT
            for p in exc.problemen:
                sys.stderr.write(
                    f"nlalert: fout: {gettext(p.melding.sjabloon, **p.melding.parameters)}\n"
                )
            uitvoer.append(
                {
                    "bestand": exc.bestand,
                    "geldig": False,
                    "problemen": [p.als_json() for p in exc.problemen],
                }
            )
            continue
        if args.json:
            uitvoer.append(_json(scenario))
        else:
            print(samenvatting(scenario))
    if args.json:
        print_json(uitvoer)
    return status


def run_scenarios(args: argparse.Namespace) -> int:
    """List the shipped scenarios with their titles."""
    for naam in meegeleverde():
        print(f"{naam}  {meegeleverd(naam).titel}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print the scenario format as JSON Schema."""
    print_json(json_schema())
    return 0


# --- running an exercise (the command line acts as the trainer `cli`, with beheer rights, as
# `nlalert gebruiker` acts as beheer: whoever can run it can open the database anyway) ---

TRAINER = Gebruiker(
    id=0,
    naam="cli",
    rol=Rol.BEHEER,
    training=False,
    moet_wachtwoord_wijzigen=False,
    wachtwoord_kenmerk="",
)


def _register_lopen(opdrachten: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add start, pauzeer, hervat, beeindig and lijst to `nlalert oefening`."""
    s = opdrachten.add_parser("start", help="maak een oefening met teams en start de klok")
    s.add_argument(
        "scenario", metavar="SCENARIO", help="pad naar een .toml of .zip, of een meegeleverde naam"
    )
    s.add_argument(
        "--team",
        action="append",
        required=True,
        metavar="NAAM:OPSTELLER,GOEDKEURDER",
        help="een team: twee gebruikers, of één gebruiker in trainingsmodus (NAAM:gebruiker);"
        " herhaal voor meer teams",
    )
    s.add_argument("--niet-starten", action="store_true", help="alleen aanmaken, nog niet starten")
    _instance(s)
    s.set_defaults(handler=run_start)
    for naam, hulp in (
        ("pauzeer", "zet de oefenklok stil"),
        ("hervat", "laat de oefenklok weer lopen"),
        ("beeindig", "beëindig de oefening"),
    ):
        p = opdrachten.add_parser(naam, help=hulp)
        p.add_argument("id", type=int, metavar="ID")
        _instance(p)
        p.set_defaults(handler=run_stap, stap=naam)
    lijst = opdrachten.add_parser("lijst", help="de oefeningen, nieuwste eerst")
    lijst.add_argument("--json", action="store_true", help="JSON voor machines")
    _instance(lijst)
    lijst.set_defaults(handler=run_lijst)
    oefenrapport.register(opdrachten, TRAINER)


def _instance(p: argparse.ArgumentParser) -> None:
    p.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")


def scenario_van(waarde: str) -> tuple[Scenario, str, str | None, bytes | None]:
    """A shipped scenario by name, or a file (.toml or .zip; stored as it came, like an upload)."""
    pad = Path(waarde)
    if not pad.exists() and waarde in meegeleverde():
        return meegeleverd(waarde), waarde, None, None
    if pad.suffix.lower() == ".zip":
        return opslag.upload(_zip_bytes(pad), pad.name)
    tekst = pad.read_text(encoding="utf-8")
    return opslag.scenario_uit_upload(tekst, pad.name), pad.name, tekst, None


def run_start(args: argparse.Namespace) -> int:
    """Create the exercise (and start it); print its id."""
    teams = tuple(opslag.team_uit_tekst(t) for t in args.team)
    scenario, naam, tekst, zip_ = scenario_van(args.scenario)
    with closing(open_db(args.instance)) as db:
        moment = opslag.nu()
        o = opslag.maak(
            db,
            scenario=scenario,
            naam=naam,
            toml=tekst,
            zip_=zip_,
            teams=teams,
            door=TRAINER,
            moment=moment,
        )
        if not args.niet_starten:
            o = opslag.stap(db, o.id, "start", TRAINER, moment)
    print(o.id)
    return 0


def run_stap(args: argparse.Namespace) -> int:
    """Pause, resume or end an exercise."""
    with closing(open_db(args.instance)) as db:
        o = opslag.stap(db, args.id, args.stap, TRAINER, opslag.nu())
    print(f"oefening {o.id}: {o.toestand}")
    return 0


def run_lijst(args: argparse.Namespace) -> int:
    """The exercises, newest first."""
    with closing(open_db(args.instance)) as db:
        oefeningen = opslag.lijst(db)
    if args.json:
        print_json([als_json(o, opslag.nu()) for o in oefeningen])
        return 0
    moment = opslag.nu()
    for o in oefeningen:
        tijd = hhmm(oefentijd(o.klok, opslag.scenario_van(o), moment))
        teams = "; ".join(
            f"{t.naam}: {', '.join(lid.gebruiker for lid in t.leden)}" for t in o.teams
        )
        print(f"{o.id}  {o.toestand:<10}  {tijd}  {o.titel}  [{teams}]")
    return 0
