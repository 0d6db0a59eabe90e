"""`nlalert leesbaarheid`: easy-Dutch (B1) indicators of any text, for people or machines."""

from __future__ import annotations

import argparse

from babel.numbers import format_decimal

from nlalert.cli.uitvoer import print_json
from vertalingen.leesbaarheid import Leesbaarheid, analyseer

# Readable names of the thresholds in `vertalingen.leesbaarheid.Drempels`.
NAMEN = {
    "flesch_douma_min": "Flesch-Douma",
    "woorden_per_zin_max": "woorden per zin",
    "langste_zin_max": "woorden in de langste zin",
    "passief_max": "lijdende vormen",
    "jargon_max": "jargon en afkortingen",
    "zeldzame_woorden_max": "zeldzame woorden",
    "modale_werkwoorden_per_zin_max": "modale werkwoorden per zin",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "leesbaarheid",
        help="leesbaarheid van een Nederlandse tekst: Flesch-Douma, zinslengte, moeilijke woorden",
    )
    p.add_argument("--tekst", required=True, help="de tekst, bijvoorbeeld een NL-Alert")
    p.add_argument("--taal", default="nl", help="taal van de tekst; alleen nl wordt gemeten")
    p.add_argument(
        "--negeer",
        action="append",
        default=[],
        metavar="NAAM",
        help="plaatsnaam of andere naam die nooit als moeilijk woord telt, herhaalbaar",
    )
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run_leesbaarheid)


def _getal(x: float, patroon: str = "0.#") -> str:
    return format_decimal(x, format=patroon, locale="nl_NL")


def toon(meting: Leesbaarheid) -> str:
    """A measurement as readable Dutch text: totals, thresholds, then the hard sentences."""
    regels = ["Leesbaarheid (indicatoren voor een redacteur, geen oordeel van LiNT, CLIB of CILT)"]
    if meting.kop:
        regels.append(f"Kop overgeslagen: {meting.kop}")
    regels += [
        f"{meting.zinnen} zin(nen), {meting.woorden} woorden, {meting.lettergrepen} lettergrepen",
        f"{_getal(meting.woorden_per_zin)} woorden per zin, "
        f"{_getal(meting.lettergrepen_per_woord, '0.00')} lettergrepen per woord, "
        f"Flesch-Douma {_getal(meting.flesch_douma)}",
        f"lange woorden {len(meting.lange_woorden)}, lijdende vormen {len(meting.passief)}, "
        f"modale werkwoorden {len(meting.modale_werkwoorden)}, "
        f"zeldzame woorden {len(meting.zeldzame_woorden)}, "
        f"jargon en afkortingen {len(meting.jargon)}",
        "",
        f"Drempels B1: {'gehaald' if meting.oordeel.geslaagd else 'niet gehaald'}",
    ]
    for t in meting.oordeel.toetsen:
        teken = ">=" if t.naam.endswith("_min") else "<="
        naam = NAMEN.get(t.naam, t.naam)
        regels.append(
            f"  [{'x' if t.ok else ' '}] {naam}: {_getal(t.waarde)} ({teken} {_getal(t.grens)})"
        )
        regels.append(f"      reden: {t.reden}")
    moeilijk = [(i, z) for i, z in enumerate(meting.per_zin, 1) if z.problemen]
    regels += ["", "Moeilijke zinnen:" if moeilijk else "Geen moeilijke zinnen gevonden."]
    for i, z in moeilijk:
        regels.append(
            f"  {i}. {z.tekst} ({z.woorden} woorden, Flesch-Douma {_getal(z.flesch_douma, '0')})"
        )
        regels += [f"     - {p}" for p in z.problemen]
    return "\n".join(regels)


def run_leesbaarheid(args: argparse.Namespace) -> int:
    """Measure and print; bad input raises a Dutch error that `main` turns into exit status 2."""
    meting = analyseer(args.tekst, taal=args.taal, negeer=args.negeer)
    if args.json:
        print_json(meting.to_dict())
    else:
        print(toon(meting))
    return 0
