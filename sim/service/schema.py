"""The SQLite schema of the broadcast store, and the migration of stores made by older versions.

`PRAGMA user_version` says which migrations a store has had. Every store, new or old, starts from
the first schema and runs the same steps, so the path an old store takes is the one every test
takes too.

- version 0: one active broadcast per message id (partial unique index on `message_id`);
- version 1: broadcasts are named by (message id, message code), so several run side by side on
  one message id; each has an end (`eindigt`, from num_of_bcast x repetition period) and may
  belong to an alert. Rows of version 0 keep everything; their new columns are filled from the
  request they were stored with.
- version 2: a broadcast may name the sender's exercise (`oefening_id`), so one exercise's
  broadcasts can be listed and cleared alone. Older rows name none.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sim.ecbe.uitzending import HERHALINGSEENHEID_S

VERSIE = 2

_VERSIE_0 = """
CREATE TABLE IF NOT EXISTS {tabel} (
    nr INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    dcs INTEGER NOT NULL,
    verzoek TEXT NOT NULL,
    tekst TEXT NOT NULL,
    taal TEXT,
    bereik TEXT,
    waarschuwingen TEXT NOT NULL,
    ontvangen TEXT NOT NULL,
    gestopt TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS {tabel}_actief ON {tabel}(message_id) WHERE gestopt IS NULL;
"""

_VERSIE_1 = """
ALTER TABLE {tabel} ADD COLUMN msg_code INTEGER NOT NULL DEFAULT 0;
ALTER TABLE {tabel} ADD COLUMN eindigt TEXT;
ALTER TABLE {tabel} ADD COLUMN alert TEXT;
UPDATE {tabel} SET msg_code = (serial >> 4) & 1023;
DROP INDEX IF EXISTS {tabel}_actief;
CREATE UNIQUE INDEX {tabel}_actief_code ON {tabel}(message_id, msg_code) WHERE gestopt IS NULL;
CREATE INDEX {tabel}_eindigt ON {tabel}(eindigt) WHERE gestopt IS NULL;
CREATE INDEX {tabel}_alert ON {tabel}(alert) WHERE alert IS NOT NULL;
"""

_VERSIE_2 = """
ALTER TABLE {tabel} ADD COLUMN oefening_id TEXT;
CREATE INDEX {tabel}_oefening ON {tabel}(oefening_id) WHERE oefening_id IS NOT NULL;
"""


def tijd(moment: datetime) -> str:
    """A moment as stored: UTC, always with microseconds, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def bijwerken(con: sqlite3.Connection, tabellen: Iterable[str]) -> None:
    """Bring a store to the current version; `con` is in autocommit mode, we open the transaction."""
    tabellen = list(tabellen)  # walked once per migration step
    # IMMEDIATE: two apps starting on one data dir must not both migrate.
    con.execute("BEGIN IMMEDIATE")
    try:
        versie = con.execute("PRAGMA user_version").fetchone()[0]
        if versie < 1:
            for tabel in tabellen:
                # A new store gets version 0 first: old and new stores take the same path.
                _script(con, _VERSIE_0.format(tabel=tabel))
                _script(con, _VERSIE_1.format(tabel=tabel))
                _vul_eindigt(con, tabel)
        if versie < 2:
            for tabel in tabellen:
                _script(con, _VERSIE_2.format(tabel=tabel))
        if versie < VERSIE:
            con.execute(f"PRAGMA user_version = {VERSIE}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _script(con: sqlite3.Connection, script: str) -> None:
    # Statement by statement: `executescript` would commit the open transaction first.
    for opdracht in script.split(";"):
        if opdracht.strip():
            con.execute(opdracht)


def _vul_eindigt(con: sqlite3.Connection, tabel: str) -> None:
    """The end and alert of rows stored before version 1, from the request kept with each."""
    rijen = con.execute(f"SELECT nr, verzoek, ontvangen FROM {tabel}").fetchall()
    for nr, verzoek_tekst, ontvangen in rijen:
        verzoek = json.loads(verzoek_tekst)
        aantal = verzoek.get("num_of_bcast", 0)
        eindigt = None
        if aantal:
            duur = aantal * verzoek["repetition_period"] * HERHALINGSEENHEID_S
            eindigt = tijd(datetime.fromisoformat(ontvangen) + timedelta(seconds=duur))
        con.execute(
            f"UPDATE {tabel} SET eindigt = ?, alert = ? WHERE nr = ?",
            (eindigt, verzoek.get("alert"), nr),
        )
