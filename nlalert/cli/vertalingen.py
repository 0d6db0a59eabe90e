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
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run one Babel task on the broadcast catalogue."""
    project = beheer.Project.zoek()
    if args.taak == "extract":
        print(f"geschreven: {beheer.extract(project)}")
    elif args.taak == "update":
        for pad in beheer.update(project):
            print(f"bijgewerkt: {pad}")
    else:
        print(beheer.compile_(project).strip() or "gecompileerd")
    return 0
