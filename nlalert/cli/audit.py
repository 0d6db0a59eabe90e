"""`nlalert audit`: check the audit log (hash chain, HMACs, checkpoints) and export it as CSV."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from flask import Flask

from nlalert.app import create_app
from nlalert.audit import bestand, export, sleutel
from nlalert.audit import log as audit
from nlalert.cli.uitvoer import print_json
from nlalert.db import DatabaseFout
from nlalert.fouten import N_

EXIT_GEBROKEN = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("audit", help="het auditlog controleren en exporteren")
    sub = p.add_subparsers(dest="audit_opdracht", required=True)

    verify = sub.add_parser(
        "verify",
        help="controleer hashketen, HMAC's en checkpoints (exit 1 als het log is aangetast)",
    )
    verify.add_argument("--json", action="store_true", help="JSON voor machines")
    verify.add_argument(
        "--checkpoints",
        metavar="BESTAND",
        help="checkpointbestand (standaard: $NLALERT_AUDIT_CHECKPOINTS of dat in de instance-map)",
    )
    _bronnen(verify)
    verify.set_defaults(handler=run_verify)

    export_ = sub.add_parser("export", help="exporteer het hele log")
    export_.add_argument(
        "--csv", required=True, metavar="BESTAND", help="doelbestand, '-' voor stdout"
    )
    _bronnen(export_)
    export_.set_defaults(handler=run_export)


def _bronnen(p: argparse.ArgumentParser) -> None:
    p.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    p.add_argument(
        "--database",
        metavar="BESTAND",
        help="een andere databasebestand, zoals een kopie (standaard: die van de instance)",
    )


def _app(args: argparse.Namespace) -> Flask:
    # Checking must not create anything: no instance folder where none was.
    if args.instance is not None:
        map_ = Path(args.instance)
        if not map_.exists():
            raise bestand.GeenAuditDatabase(N_("'%(pad)s' bestaat niet"), map_)
        if not map_.is_dir():
            raise bestand.GeenAuditDatabase(N_("'%(pad)s' is geen instance-map"), map_)
    return create_app(instance_path=args.instance)


def run_verify(args: argparse.Namespace) -> int:
    """Check the log; exit 0 when intact, 1 naming the first bad seq and the last checkpoint."""
    app = _app(args)
    ondertekening = sleutel.van_app(app)
    if args.checkpoints:
        ondertekening = replace(ondertekening, checkpoints=Path(args.checkpoints))
    pad = args.database or app.config["DATABASE"]
    with closing(bestand.open_alleen_lezen(pad)) as db:
        try:
            uitkomst = audit.verify(db, ondertekening)
        except DatabaseFout as exc:
            raise bestand.beschadigd(pad) from exc
    if args.json:
        print_json(
            {
                "ok": uitkomst.ok,
                "aantal": uitkomst.aantal,
                "eerste_fout": uitkomst.eerste_fout,
                "reden": uitkomst.reden,
                "zonder_hmac": uitkomst.zonder_hmac,
                "laatste_checkpoint": uitkomst.laatste_checkpoint,
            }
        )
    else:
        print(regel(uitkomst))
    return 0 if uitkomst.ok else EXIT_GEBROKEN


def regel(uitkomst: audit.VerifyResult) -> str:
    """The one line `nlalert audit verify` prints."""
    checkpoint = (
        f"laatste checkpoint bij seq {uitkomst.laatste_checkpoint}"
        if uitkomst.laatste_checkpoint is not None
        else "geen checkpoint"
    )
    if uitkomst.ok:
        tekst = f"Auditlog intact: {uitkomst.aantal} regels, {checkpoint}"
        if uitkomst.zonder_hmac:
            tekst += (
                f"; de oudste {uitkomst.zonder_hmac} regels zijn van voor de ondertekening"
                " (zonder HMAC)"
            )
        return tekst + "."
    waar = f" bij seq {uitkomst.eerste_fout}" if uitkomst.eerste_fout is not None else ""
    return f"Auditlog verbroken{waar}: {uitkomst.reden}; {checkpoint}."


def run_export(args: argparse.Namespace) -> int:
    """Write every row as CSV."""
    pad = args.database or _app(args).config["DATABASE"]
    with closing(bestand.open_alleen_lezen(pad)) as db:
        try:
            if args.csv == "-":
                aantal = export.exporteer_csv(db, sys.stdout)
            else:
                with open(args.csv, "w", encoding="utf-8", newline="") as uit:
                    aantal = export.exporteer_csv(db, uit)
        except DatabaseFout as exc:
            raise bestand.beschadigd(pad) from exc
    sys.stderr.write(f"{aantal} regels geëxporteerd.\n")
    return 0
