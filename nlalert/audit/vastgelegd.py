"""The pinned public text against its audit row.

When a bericht goes out, what the public side serves is pinned in `berichten.vastgelegd` and the
audit row `vastgelegd` holds that value's SHA-256 (`nlalert.publiek.vastleggen`). The audit chain
protects the row, not the column: this check compares the two, so a text changed, added or
removed after the send shows in `audit verify`. A SQLite backup with such a text is refused
before it is restored; a PostgreSQL backup is checked on its audit table first and reports the
text in the check that follows the restore.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from nlalert.db import DatabaseFout


def afwijking(db: sqlite3.Connection, actie: str) -> str | None:
    """Why the first pinned text does not match its audit row (action `actie`,
    `Actie.VASTGELEGD`); None when every pinned text matches."""
    hashes: dict[int, tuple[int, str]] = {}  # bericht -> (seq, sha256) of its latest pin
    for rij in db.execute(
        "SELECT seq, bericht_id, details FROM audit WHERE actie = ? ORDER BY seq", (actie,)
    ):
        if rij["bericht_id"] is not None:
            details = json.loads(rij["details"] or "{}")
            hashes[int(rij["bericht_id"])] = (int(rij["seq"]), str(details.get("sha256")))
    try:  # one row at a time: a pinned text holds the CAP and every card
        berichten = db.execute("SELECT id, vastgelegd FROM berichten ORDER BY id")
    except DatabaseFout:  # a database from before pinning, or with no berichten table
        return None
    for rij in berichten:
        bericht_id, waarde = int(rij["id"]), rij["vastgelegd"]
        audit = hashes.get(bericht_id)
        if waarde is None:
            if audit is not None:
                return (
                    f"de vastgelegde tekst van bericht {bericht_id} (auditregel {audit[0]}) is"
                    " verwijderd na het verzenden"
                )
            continue
        if audit is None:
            return (
                f"bericht {bericht_id} heeft een vastgelegde tekst zonder auditregel: de kolom is"
                " buiten de app geschreven"
            )
        if hashlib.sha256(str(waarde).encode("utf-8")).hexdigest() != audit[1]:
            return (
                f"de vastgelegde tekst van bericht {bericht_id} wijkt af van de SHA-256 in"
                f" auditregel {audit[0]}: de kolom is na het verzenden gewijzigd"
            )
    return None
