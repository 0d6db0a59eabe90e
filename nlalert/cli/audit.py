"""`nlalert audit`: check the hash chain of the audit log and export it as CSV."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from nlalert.app import open_db
from nlalert.audit import log as audit
from nlalert.cli.uitvoer import print_json

EXIT_GEBROKEN = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("audit", help="het auditlog controleren en exporteren")
    sub = p.add_subparsers(dest="audit_opdracht", required=True)

    verify = sub.add_parser("verify", help="controleer de hashketen (exit 1 als die verbroken is)")
    verify.add_argument("--json", action="store_true", help="JSON voor machines")
    _instance(verify)
    verify.set_defaults(handler=run_verify)

    export = sub.add_parser("export", help="exporteer het hele log")
    export.add_argument(
        "--csv", required=True, metavar="BESTAND", help="doelbestand, '-' voor stdout"
    )
    _instance(export)
    export.set_defaults(handler=run_export)


def _instance(p: argparse.ArgumentParser) -> None:
    p.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")


def run_verify(args: argparse.Namespace) -> int:
    """Recompute the chain; exit 0 when intact, 1 naming the first broken seq."""
    with closing(open_db(args.instance)) as db:
        uitkomst = audit.verify(db)
    if args.json:
        print_json(
            {
                "ok": uitkomst.ok,
                "aantal": uitkomst.aantal,
                "eerste_fout": uitkomst.eerste_fout,
                "reden": uitkomst.reden,
            }
        )
    elif uitkomst.ok:
        print(f"Auditlog intact: {uitkomst.aantal} regels.")
    else:
        print(f"Auditlog verbroken bij seq {uitkomst.eerste_fout}: {uitkomst.reden}.")
    return 0 if uitkomst.ok else EXIT_GEBROKEN


def run_export(args: argparse.Namespace) -> int:
    """Write every row as CSV."""
    with closing(open_db(args.instance)) as db:
        if args.csv == "-":
            aantal = audit.exporteer_csv(db, sys.stdout)
        else:
            with open(args.csv, "w", encoding="utf-8", newline="") as uit:
                aantal = audit.exporteer_csv(db, uit)
    sys.stderr.write(f"{aantal} regels geëxporteerd.\n")
    return 0
