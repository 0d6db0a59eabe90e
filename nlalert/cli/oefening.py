"""`nlalert oefening`: exercises. `valideer` checks scenario files, `scenarios` lists the shipped
ones, `schema` prints the format as JSON Schema.

A SCENARIO is a path to a TOML file or the name of a shipped scenario. `valideer` prints a short
summary per good file and, for a refused one, one line per problem on stderr that names the file,
the line or key and the reason; it exits 2 when any file was refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from nlalert.cli.fouten import EXIT_FOUT
from nlalert.cli.uitvoer import print_json
from nlalert.oefenen.fouten import ScenarioOngeldig
from nlalert.oefenen.lezer import hhmm
from nlalert.oefenen.model import Scenario
from nlalert.oefenen.scenario import lees, meegeleverd, meegeleverde
from nlalert.oefenen.schema import json_schema
from nlalert.taal import gettext


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand and its own subcommands."""
    p = subparsers.add_parser("oefening", help="oefenen met scenario's: valideren")
    opdrachten = p.add_subparsers(dest="oefenopdracht", required=True, parser_class=type(p))
    v = opdrachten.add_parser(
        "valideer", help="controleer scenariobestanden (TOML) of meegeleverde scenario's"
    )
    v.add_argument(
        "scenario",
        nargs="+",
        metavar="SCENARIO",
        help="pad naar een .toml, of een meegeleverde naam",
    )
    v.add_argument("--json", action="store_true", help="JSON voor machines")
    v.set_defaults(handler=run_valideer)
    s = opdrachten.add_parser("scenarios", help="de meegeleverde scenario's")
    s.set_defaults(handler=run_scenarios)
    j = opdrachten.add_parser(
        "schema", help="het scenarioformaat als JSON Schema (docs/scenario.schema.json)"
    )
    j.set_defaults(handler=run_schema)


def _lees(naam: str) -> Scenario:
    pad = Path(naam)
    if not pad.exists() and naam in meegeleverde():
        return meegeleverd(naam)
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
