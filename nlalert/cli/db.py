"""`nlalert db upgrade`: bring the database to the newest schema (Alembic migrations);
`nlalert db backup` and `restore` (nlalert.bewaring)."""

from __future__ import annotations

import argparse

from nlalert.cli.uitvoer import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser("db", help="de database beheren")
    opdrachten = parser.add_subparsers(dest="db_opdracht", required=True)
    upgrade = opdrachten.add_parser(
        "upgrade",
        help="de database naar het nieuwste schema brengen (SQLite of NLALERT_DATABASE_URL)",
    )
    upgrade.add_argument("--instance", help="de instance-map (standaard: NLALERT_INSTANCE)")
    upgrade.add_argument(
        "--database", help="een SQLite-bestand of postgresql://-URL in plaats van die van de app"
    )
    upgrade.add_argument("--json", action="store_true", help="uitvoer als JSON")
    upgrade.set_defaults(handler=_upgrade)
    _bewaring(opdrachten)


def _upgrade(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    from nlalert.app import create_app
    from nlalert.bewaring.fouten import HulpmiddelMislukt
    from nlalert.db import DatabaseFout, upgrade, zonder_wachtwoord
    from nlalert.fouten import N_

    doel = args.database or create_app(instance_path=args.instance).config["DATABASE"]
    try:
        revisie = upgrade(doel)
    except (*DatabaseFout, DBAPIError) as exc:
        reden = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise HulpmiddelMislukt(
            N_("de database is niet bereikbaar: %(reden)s"), reden=(reden or ["?"])[0][:500]
        ) from exc
    if args.json:
        print_json({"database": zonder_wachtwoord(str(doel)), "revisie": revisie})
    else:
        print(f"Database {zonder_wachtwoord(str(doel))} is bij, revisie {revisie}.")
    return 0


def _bewaring(opdrachten: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`backup` and `restore` (nlalert.bewaring, docs/productie.md)."""
    backup = opdrachten.add_parser(
        "backup",
        help="een backup van de database maken (SQLite: een consistente kopie, ook terwijl de app"
        " draait; PostgreSQL: pg_dump --format=custom)",
    )
    backup.add_argument("bestand", metavar="BESTAND", help="het backupbestand")
    backup.add_argument("--force", action="store_true", help="een bestaand bestand overschrijven")
    restore = opdrachten.add_parser(
        "restore",
        help="de database vervangen door een backup, als het auditlog erin klopt met de"
        " auditsleutel en de checkpoints; een database met gegevens alleen met --force",
    )
    restore.add_argument("bestand", metavar="BESTAND", help="een backup van nlalert db backup")
    restore.add_argument(
        "--force",
        action="store_true",
        help="ook een database met gebruikers of auditregels vervangen. Stop de app eerst: een"
        " app die draait ziet de teruggezette database direct, midden in wat zij deed",
    )
    for p, handler in ((backup, _backup), (restore, _restore)):
        p.add_argument("--instance", help="de instance-map (standaard: NLALERT_INSTANCE)")
        p.add_argument("--json", action="store_true", help="uitvoer als JSON")
        p.set_defaults(handler=handler)


def _backup(args: argparse.Namespace) -> int:
    from nlalert import bewaring
    from nlalert.app import create_app

    uitkomst = bewaring.backup(
        create_app(instance_path=args.instance), args.bestand, force=args.force
    )
    if args.json:
        print_json({"soort": uitkomst.soort, "bestand": args.bestand, "seq": uitkomst.kop.seq})
    else:
        print(f"Backup geschreven naar {args.bestand} (auditlog tot seq {uitkomst.kop.seq}).")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Exit 0 when the restored log verifies, 1 (as `audit verify`) when it does not."""
    from nlalert import bewaring
    from nlalert.app import create_app
    from nlalert.cli.audit import EXIT_GEBROKEN, regel

    uitkomst = bewaring.restore(
        create_app(instance_path=args.instance), args.bestand, force=args.force
    )
    verificatie = uitkomst.verificatie
    ok = verificatie is not None and verificatie.ok
    vorige = None if uitkomst.vorige is None else uitkomst.vorige.seq
    if args.json:
        print_json(
            {
                "soort": uitkomst.soort,
                "bestand": args.bestand,
                "seq": uitkomst.kop.seq,
                "vorige_seq": vorige,
                "audit_ok": ok,
            }
        )
    else:
        daarvoor = "" if vorige is None else f"; daarvoor tot seq {vorige}"
        print(
            f"Database teruggezet uit {args.bestand} (auditlog tot seq {uitkomst.kop.seq}"
            f"{daarvoor})."
        )
        if verificatie is not None:
            print(regel(verificatie))
    return 0 if ok else EXIT_GEBROKEN
