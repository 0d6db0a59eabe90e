"""`nlalert categorieen`: list the catalogue of action perspectives."""

from __future__ import annotations

import argparse

from handelingsperspectieven import catalogus
from nlalert.cli.uitvoer import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("categorieen", help="de risicocategorieën in de catalogus")
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """List every category with its fields."""
    alle = catalogus().values()
    if args.json:
        print_json(
            [
                {
                    "id": p.id,
                    "naam": p.naam_nl,
                    "naam_en": p.naam_en,
                    "velden": {
                        "verplicht": list(p.verplichte_velden),
                        "optioneel": list(p.optionele_velden),
                    },
                    "cap": {"category": p.cap_category.value, "event": p.cap_event},
                    "eigen_formulering": p.eigen_formulering,
                }
                for p in alle
            ]
        )
        return 0
    breedte = max(len(p.id) for p in alle)
    for p in alle:
        velden = ", ".join(p.verplichte_velden) + (
            f" (optioneel: {', '.join(p.optionele_velden)})" if p.optionele_velden else ""
        )
        print(f"{p.id:<{breedte}}  {p.naam_nl} — velden: {velden}")
    return 0
