"""Opening a database file to check or export its audit log: read-only, and refused in one
Dutch line when it is not an nlalert database.

Checking must not write: an ordinary open would create a missing or empty file as a fresh,
empty database, whose log then checks out as intact.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from nlalert import db
from nlalert.fouten import N_, NlalertError

# The columns every audit log has had; `hmac` and `request_id` came later.
KOLOMMEN = frozenset(
    (
        "seq",
        "tijd",
        "gebruiker",
        "actie",
        "bericht_id",
        "inhoud_hash",
        "details",
        "vorige_hash",
        "hash",
    )
)


class GeenAuditDatabase(NlalertError):
    """The file named to check is missing, unreadable, or not an nlalert database."""

    def __init__(self, sjabloon: str, pad: str | os.PathLike[str], **parameters: object) -> None:
        """`sjabloon` is a Dutch msgid (mark it with N_) with a `pad` placeholder."""
        self.pad = os.fspath(pad)
        super().__init__(sjabloon, pad=self.pad, **parameters)


def open_alleen_lezen(pad: str | os.PathLike[str]) -> sqlite3.Connection:
    """A read-only connection to a database that holds an audit log (a file or a URL)."""
    if db.is_url(pad):
        return _postgres_alleen_lezen(str(pad))
    bestand = Path(pad)
    if not bestand.exists():
        raise GeenAuditDatabase(N_("'%(pad)s' bestaat niet"), pad)
    if bestand.is_dir():
        raise GeenAuditDatabase(N_("'%(pad)s' is een map, geen database"), pad)
    if not os.access(bestand, os.R_OK):
        raise GeenAuditDatabase(N_("'%(pad)s' is niet te lezen"), pad)
    try:
        conn = sqlite3.connect(
            f"{bestand.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise GeenAuditDatabase(N_("'%(pad)s' is niet te openen"), pad) from exc
    conn.row_factory = sqlite3.Row
    try:
        # The first read is where SQLite finds out whether the file is a database at all.
        heeft_audit = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise GeenAuditDatabase(N_("'%(pad)s' is geen SQLite-database"), pad) from exc
    kolommen = {r[1] for r in conn.execute("PRAGMA table_info(audit)")} if heeft_audit else set()
    if not kolommen >= KOLOMMEN:
        conn.close()
        raise GeenAuditDatabase(
            N_("'%(pad)s' is geen nlalert-database: er staat geen auditlog in"), pad
        )
    return conn


def _postgres_alleen_lezen(url: str) -> sqlite3.Connection:
    try:
        conn = db.verbind(url)
        conn.execute("SET default_transaction_read_only = on")
        heeft_audit = conn.execute("SELECT to_regclass('audit') IS NOT NULL").fetchone()[0]
    except db.DatabaseFout as exc:
        raise GeenAuditDatabase(
            N_("'%(pad)s' is niet te openen"), db.zonder_wachtwoord(url)
        ) from exc
    if not heeft_audit:
        conn.close()
        raise GeenAuditDatabase(
            N_("'%(pad)s' is geen nlalert-database: er staat geen auditlog in"),
            db.zonder_wachtwoord(url),
        )
    return conn


def beschadigd(pad: str | os.PathLike[str]) -> GeenAuditDatabase:
    """The error for a database that opened but broke while its log was read."""
    naam = db.zonder_wachtwoord(str(pad)) if db.is_url(str(pad)) else pad
    return GeenAuditDatabase(N_("'%(pad)s' is beschadigd en niet helemaal te lezen"), naam)
