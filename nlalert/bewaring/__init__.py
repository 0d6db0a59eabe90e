"""Backup and restore of the app's database: `nlalert db backup FILE` and `nlalert db restore FILE`.

- SQLite (`sqlite`): a consistent online copy with SQLite's backup API, both ways; it works while
  the app runs.
- PostgreSQL (`postgres`): `pg_dump --format=custom`, and `pg_restore --clean --if-exists` in one
  transaction.

A restore replaces the database only with a backup whose audit log verifies with this app's key
and agrees with the checkpoint file (`controle`): a file that is not an nlalert backup, or whose
log was rewritten, or was signed with another key, is refused before anything changes. A database
that holds users or audit rows is replaced only with `force` (the command's `--force`).

The audit log's checkpoint file lives outside the database, and a restore takes the log back to
an older head on purpose. So a restore appends a signed restore line to the checkpoint file
(`checkpoints.noteer_herstel`): `nlalert audit verify` then accepts the restored head, and still
finds a truncation or a rewrite after it. Then the restore writes an audit row (`database_hersteld`)
naming the backup and the head the log had before, so the log itself tells of the restore.
The backup does not hold the checkpoint file, nor the audit key or the secret key: keep those
apart from the backups (docs/productie.md).
"""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from nlalert import db
from nlalert.audit import log as audit
from nlalert.audit import sleutel
from nlalert.bewaring import controle, postgres, sqlite
from nlalert.bewaring.controle import Kop
from nlalert.bewaring.fouten import BestaatAl, GeenBackup
from nlalert.fouten import N_

DOOR = "cli"  # the audit log's actor for a restore


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitkomst:
    """What a backup wrote or a restore did."""

    soort: str  # "sqlite" or "postgresql"
    kop: Kop  # the head of the audit log in the backup
    vorige: Kop | None = None  # restore: the head before it; None when the database was empty
    verificatie: audit.VerifyResult | None = None  # restore: the audit check afterwards


def soort(database: str) -> str:
    """Which database the app uses: "postgresql" or "sqlite"."""
    return "postgresql" if db.is_url(database) else "sqlite"


def backup(app: Flask, doel: str | os.PathLike[str], *, force: bool = False) -> Uitkomst:
    """Write a backup of the app's database to `doel`; an existing file only with `force`."""
    database = str(app.config["DATABASE"])
    pad = Path(doel)
    if pad.is_dir():
        raise GeenBackup(N_("'%(pad)s' is een map; geef een bestandsnaam"), pad)
    if pad.exists():
        if not db.is_url(database) and os.path.samefile(pad, database):
            raise GeenBackup(N_("'%(pad)s' is de database zelf"), pad)
        if not force:
            raise BestaatAl(pad)
    if not pad.parent.is_dir():
        raise GeenBackup(N_("de map van '%(pad)s' bestaat niet"), pad)
    kop = postgres.backup(database, pad) if db.is_url(database) else sqlite.backup(database, pad)
    return Uitkomst(soort=soort(database), kop=kop)


def restore(app: Flask, bron: str | os.PathLike[str], *, force: bool = False) -> Uitkomst:
    """Replace the app's database with the backup `bron`, once the backup checks out."""
    database = str(app.config["DATABASE"])
    pad = Path(bron)
    ondertekening = sleutel.van_app(app)
    if db.is_url(database):
        nieuw, vorige = postgres.restore(database, pad, ondertekening, force=force)
    else:
        nieuw, vorige = sqlite.restore(database, pad, ondertekening, force=force)
    controle.noteer(ondertekening, nieuw, pad)
    # A backup from before a migration gets the newest schema now, not at the next start.
    db.upgrade(database)
    with closing(db.verbind(database)) as conn:
        with db.transactie(conn):
            details: dict[str, object] = {"backup": pad.name}
            if vorige is not None:
                details["vorige_seq"], details["vorige_hash"] = vorige.seq, vorige.hash
            audit.schrijf(
                conn, gebruiker=DOOR, actie=audit.Actie.DATABASE_HERSTELD, details=details
            )
        verificatie = audit.verify(conn, ondertekening)
    return Uitkomst(soort=soort(database), kop=nieuw, vorige=vorige, verificatie=verificatie)
