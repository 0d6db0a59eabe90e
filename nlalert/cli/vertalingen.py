"""`nlalert vertalingen extract|update|compile`: maintain the Babel catalogues of a checkout."""

from __future__ import annotations

import argparse

from vertalingen import beheer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "vertalingen", help="vertaalcatalogi bijwerken (extract, update, compile)"
    )
    p.add_argument("taak", choices=["extract", "update", "compile"])
    p.add_argument(
        "--domein",
        choices=[*beheer.DOMEINEN, "alle"],
        default="alle",
        help="broadcast (wat burgers lezen), ui (de webapplicatie) of alle (standaard)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run one Babel task on the broadcast catalogue, the UI catalogue or both."""
    project = beheer.Project.zoek()
    domeinen = beheer.DOMEINEN if args.domein == "alle" else (args.domein,)
    for domein in domeinen:
        if args.taak == "extract":
            print(f"geschreven: {beheer.extract(project, domein)}")
        elif args.taak == "update":
            for pad in beheer.update(project, domein):
                print(f"bijgewerkt: {pad}")
        else:
            print(beheer.compile_(project, domein).strip() or f"gecompileerd: {domein}")
    return 0
