"""SQLite: a consistent copy with SQLite's online backup API, both ways.

The API copies the database page by page under SQLite's own locks. A backup taken while the app
runs is one consistent state (writers wait for the copy, a few milliseconds per megabyte); a
restore replaces the live database in one step, so a running app sees the old database or the
new one, never a mix.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from nlalert.audit import bestand as auditbestand
from nlalert.audit.sleutel import Ondertekening
from nlalert.bewaring import controle
from nlalert.bewaring.controle import Kop
from nlalert.bewaring.fouten import GeenBackup
from nlalert.db import DatabaseFout
from nlalert.fouten import N_

WACHTTIJD = 30.0  # seconds to wait for a writer to finish before the copy


def nieuw_bestand(doel: Path) -> Path:
    """A new empty file (mode 0600: a backup holds password hashes) beside `doel`."""
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.deel")
    os.close(os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    return tijdelijk


def backup(database: str, doel: Path) -> Kop:
    """Copy the live database to `doel`; return the head of the copy's audit log."""
    tijdelijk = nieuw_bestand(doel)
    try:
        with (
            closing(auditbestand.open_alleen_lezen(database)) as bron,
            closing(sqlite3.connect(tijdelijk, isolation_level=None)) as kopie,
        ):
            bron.execute(f"PRAGMA busy_timeout = {int(WACHTTIJD * 1000)}")
            bron.backup(kopie)
            kop = controle.kop(kopie)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return kop


def huidige_kop(database: str) -> Kop | None:
    """The live database's audit head; None when it holds nothing yet (no users, no rows)."""
    pad = Path(database)
    if not pad.exists() or pad.stat().st_size == 0:
        return None
    try:
        with closing(sqlite3.connect(f"{pad.resolve().as_uri()}?mode=ro", uri=True)) as db:
            tabellen = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            gebruikers = (
                db.execute("SELECT count(*) FROM gebruikers").fetchone()[0]
                if "gebruikers" in tabellen
                else 0
            )
            kop = controle.kop(db) if "audit" in tabellen else controle.LEEG
    except DatabaseFout:
        # Not a database we can read: whatever it is, replacing it needs --force.
        return controle.LEEG
    return None if kop.seq == 0 and gebruikers == 0 else kop


def restore(
    database: str, bron: Path, ondertekening: Ondertekening, *, force: bool
) -> tuple[Kop, Kop | None]:
    """Check the backup, then copy it over the live database; the new head and the old one."""
    if Path(database).exists() and bron.exists() and os.path.samefile(database, bron):
        raise GeenBackup(N_("'%(pad)s' is de database zelf, geen backup"), bron)
    with closing(auditbestand.open_alleen_lezen(bron)) as backup_db:
        try:
            nieuw = controle.controleer(backup_db, ondertekening, bron)
        except DatabaseFout as exc:
            raise auditbestand.beschadigd(bron) from exc
        vorige = huidige_kop(database)
        controle.weiger_zonder_force(vorige, force=force)
        with closing(sqlite3.connect(database, isolation_level=None, timeout=WACHTTIJD)) as live:
            backup_db.backup(live)
    return nieuw, vorige
