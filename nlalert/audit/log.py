"""The append-only audit log: a SHA-256 hash chain over every row, its check, and CSV export."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TextIO

GENESIS = "0" * 64
CSV_KOLOMMEN = (
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


class Actie(StrEnum):
    """What happened. Values are stored, so never rename one."""

    MAKEN = "maken"
    BEWERKEN = "bewerken"
    INDIENEN = "indienen"
    GOEDKEUREN = "goedkeuren"
    TERUGSTUREN = "terugsturen"
    VERZENDEN = "verzenden"
    VERZONDEN = "verzonden"
    VERZENDFOUT = "verzendfout"
    ONBEKEND = "onbekend"  # the CBC could not say whether it holds a broadcast
    CBC = "cbc"  # one operation at a CBC (send or withdraw one broadcast) and how it ended
    STOPPEN = "stoppen"  # a stuck send's broadcasts withdrawn without a new bericht
    BEEINDIGD = "beeindigd"  # a stuck send closed by hand
    HERSTEL = "herstel"  # an unfinished CBC operation settled after a crash or restart
    UPDATE = "update"
    EINDE = "einde"  # an all-clear made
    INTREKKEN = "intrekken"
    VERVANGEN = "vervangen"  # the original, once its update went out
    INGETROKKEN = "ingetrokken"  # the original, once its cancel went out
    LOGIN = "login"
    LOGIN_MISLUKT = "login_mislukt"
    LOGIN_GEBLOKKEERD = "login_geblokkeerd"
    LOGOUT = "logout"
    WACHTWOORD_GEWIJZIGD = "wachtwoord_gewijzigd"
    GEBRUIKER_TOEGEVOEGD = "gebruiker_toegevoegd"
    TOKEN_AANGEMAAKT = "token_aangemaakt"
    TRAINING_AAN = "training_aan"
    TRAINING_UIT = "training_uit"
    AFTEKENEN = "aftekenen"  # an accessibility sign-off of a category's texts


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRegel:
    """One stored row of the audit log."""

    seq: int
    tijd: datetime
    gebruiker: str
    actie: str
    bericht_id: int | None
    inhoud_hash: str
    details: Mapping[str, Any]
    vorige_hash: str
    hash: str


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyResult:
    """The outcome of checking the chain: intact, or the first seq where it breaks and why."""

    ok: bool
    aantal: int
    eerste_fout: int | None = None
    reden: str | None = None


def canoniek(waarde: object) -> str:
    """The one JSON spelling of a value that every hash in the log is computed over."""
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def inhoud_hash(waarde: object) -> str:
    """SHA-256 (hex) of the canonical JSON of a value."""
    return hashlib.sha256(canoniek(waarde).encode("utf-8")).hexdigest()


def _rij_hash(
    vorige_hash: str,
    *,
    seq: int,
    tijd: str,
    gebruiker: str,
    actie: str,
    bericht_id: int | None,
    inhoud_hash: str,
    details: str,
) -> str:
    rij = [seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details]
    return hashlib.sha256((vorige_hash + canoniek(rij)).encode("utf-8")).hexdigest()


def schrijf(
    db: sqlite3.Connection,
    *,
    gebruiker: str,
    actie: Actie,
    bericht_id: int | None = None,
    inhoud: object = None,
    details: Mapping[str, Any] | None = None,
    nu: datetime | None = None,
) -> int:
    """Append one row inside the caller's transaction and return its seq."""
    # Writing outside a transaction would let the change and its audit row come apart.
    if not db.in_transaction:
        raise RuntimeError("audit.schrijf hoort binnen db.transactie te worden aangeroepen")
    laatste = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq = 1 if laatste is None else int(laatste["seq"]) + 1
    vorige = GENESIS if laatste is None else str(laatste["hash"])
    tijd = (nu or datetime.now(UTC)).isoformat()
    ihash = inhoud_hash(inhoud)
    tekst = canoniek(dict(details or {}))
    hash_ = _rij_hash(
        vorige,
        seq=seq,
        tijd=tijd,
        gebruiker=gebruiker,
        actie=str(actie),
        bericht_id=bericht_id,
        inhoud_hash=ihash,
        details=tekst,
    )
    db.execute(
        "INSERT INTO audit (seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details,"
        " vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, tijd, gebruiker, str(actie), bericht_id, ihash, tekst, vorige, hash_),
    )
    return seq


def verify(db: sqlite3.Connection) -> VerifyResult:
    """Recompute the whole chain and name the first row that was changed, removed or inserted."""
    vorige = GENESIS
    verwacht = 1
    aantal = 0
    for rij in db.execute("SELECT * FROM audit ORDER BY seq"):
        seq = int(rij["seq"])
        if seq != verwacht:
            return VerifyResult(
                ok=False, aantal=aantal, eerste_fout=seq, reden=f"rij {verwacht} ontbreekt"
            )
        if rij["vorige_hash"] != vorige:
            return VerifyResult(
                ok=False, aantal=aantal, eerste_fout=seq, reden="vorige_hash klopt niet"
            )
        berekend = _rij_hash(
            vorige,
            seq=seq,
            tijd=rij["tijd"],
            gebruiker=rij["gebruiker"],
            actie=rij["actie"],
            bericht_id=rij["bericht_id"],
            inhoud_hash=rij["inhoud_hash"],
            details=rij["details"],
        )
        if berekend != rij["hash"]:
            return VerifyResult(
                ok=False, aantal=aantal, eerste_fout=seq, reden="inhoud van de rij is gewijzigd"
            )
        vorige = berekend
        verwacht += 1
        aantal += 1
    return VerifyResult(ok=True, aantal=aantal)


def _regel(rij: sqlite3.Row) -> AuditRegel:
    return AuditRegel(
        seq=rij["seq"],
        tijd=datetime.fromisoformat(rij["tijd"]),
        gebruiker=rij["gebruiker"],
        actie=rij["actie"],
        bericht_id=rij["bericht_id"],
        inhoud_hash=rij["inhoud_hash"],
        details=json.loads(rij["details"]),
        vorige_hash=rij["vorige_hash"],
        hash=rij["hash"],
    )


def regels(
    db: sqlite3.Connection, *, bericht_id: int | None = None, limiet: int = 200
) -> list[AuditRegel]:
    """The newest rows first, optionally only those about one bericht."""
    if bericht_id is None:
        rijen = db.execute("SELECT * FROM audit ORDER BY seq DESC LIMIT ?", (limiet,))
    else:
        rijen = db.execute(
            "SELECT * FROM audit WHERE bericht_id = ? ORDER BY seq DESC LIMIT ?",
            (bericht_id, limiet),
        )
    return [_regel(r) for r in rijen]


def _cel(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    # A cell starting with = + - @ is a formula in a spreadsheet; a typed-in user name must not
    # run as one on the reviewer's machine.
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def exporteer_csv(db: sqlite3.Connection, uit: TextIO) -> int:
    """Write the whole log as CSV (oldest first) and return the number of rows."""
    schrijver = csv.writer(uit)
    schrijver.writerow(CSV_KOLOMMEN)
    aantal = 0
    for rij in db.execute("SELECT * FROM audit ORDER BY seq"):
        schrijver.writerow([_cel(rij[k]) for k in CSV_KOLOMMEN])
        aantal += 1
    return aantal
