"""The append-only audit log: a SHA-256 hash chain over every row, each row signed (HMAC) with
a key the database does not hold (`sleutel`), the chain's head checkpointed outside it
(`checkpoints`), and the check of all three (`verify`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from nlalert import logboek
from nlalert.audit import checkpoints, sleutel
from nlalert.audit.checkpoints import Checkpoints
from nlalert.audit.sleutel import Ondertekening
from nlalert.audit.vastgelegd import afwijking
from nlalert.db import na_commit

GENESIS = "0" * 64


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
    GEBRUIKER_UITGESCHAKELD = "gebruiker_uitgeschakeld"
    GEBRUIKER_INGESCHAKELD = "gebruiker_ingeschakeld"
    GEBRUIKER_VERWIJDERD = "gebruiker_verwijderd"
    TRAINING_AAN = "training_aan"
    TRAINING_UIT = "training_uit"
    AFTEKENEN = "aftekenen"  # an accessibility sign-off of a category's texts
    WOORD_TOEGEVOEGD = "woord_toegevoegd"  # a reviewer's translation of a free value
    OEFENING_AANGEMAAKT = "oefening_aangemaakt"  # an exercise made from a scenario, with its teams
    OEFENSTAP = "oefenstap"  # the trainer starts, pauses, resumes or ends an exercise
    OEFENOPMERKING = "oefenopmerking"  # a trainer's remarks in an exercise's report
    OEFENING_HERHAALD = "oefening_herhaald"  # a new run of an exercise (same scenario and teams)
    OEFENING_GEWIST = "oefening_gewist"  # an exercise's broadcasts cleared from the simulator
    DATABASE_HERSTELD = "database_hersteld"  # restored from a backup (nlalert db restore)
    VASTGELEGD = "vastgelegd"  # what went out pinned for the public side (its SHA-256)


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
    hmac: str | None = None  # None only on rows from before the log was signed
    request_id: str | None = None  # the HTTP request that wrote it


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyResult:
    """The outcome of checking the chain: intact, or the first seq where it breaks and why."""

    ok: bool
    aantal: int
    eerste_fout: int | None = None  # the first bad or missing seq (None: the fault is elsewhere)
    reden: str | None = None
    zonder_hmac: int = 0  # the oldest rows, written before the log was signed
    laatste_checkpoint: int | None = None  # the highest seq the checkpoint file names
    met_sleutel: bool = True  # False: no key known, so only the hash chain was checked


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
    request_id: str | None = None,
) -> str:
    rij: list[object] = [seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details]
    # Rows from before request ids keep the hash they were stored with.
    if request_id is not None:
        rij.append(request_id)
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
    """Append one signed row inside the caller's transaction and return its seq; its checkpoint
    is written once the transaction commits."""
    # Writing outside a transaction would let the change and its audit row come apart.
    if not db.in_transaction:
        raise RuntimeError("audit.schrijf hoort binnen db.transactie te worden aangeroepen")
    ondertekening = sleutel.voor(db)
    if ondertekening is None:
        # Every process builds the app (which registers the key) before it opens the database.
        raise RuntimeError("audit.schrijf: geen auditsleutel voor deze database (create_app)")
    laatste = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq = 1 if laatste is None else int(laatste["seq"]) + 1
    vorige = GENESIS if laatste is None else str(laatste["hash"])
    tijd = (nu or datetime.now(UTC)).isoformat()
    ihash = inhoud_hash(inhoud)
    tekst = canoniek(dict(details or {}))
    rid = logboek.request_id()
    hash_ = _rij_hash(
        vorige,
        seq=seq,
        tijd=tijd,
        gebruiker=gebruiker,
        actie=str(actie),
        bericht_id=bericht_id,
        inhoud_hash=ihash,
        details=tekst,
        request_id=rid,
    )
    db.execute(
        "INSERT INTO audit (seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details,"
        " vorige_hash, hash, hmac, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seq,
            tijd,
            gebruiker,
            str(actie),
            bericht_id,
            ihash,
            tekst,
            vorige,
            hash_,
            ondertekening.rij_hmac(hash_),
            rid,
        ),
    )
    if ondertekening.checkpoints is not None:
        pad = ondertekening.checkpoints
        na_commit(db, lambda: checkpoints.voeg_toe(pad, ondertekening, seq=seq, hash_=hash_))
    return seq


def _kolom(rij: sqlite3.Row, naam: str) -> Any:
    # A database opened read-only may predate the column.
    return rij[naam] if naam in rij.keys() else None  # noqa: SIM118 - `in` a Row tests values


def verify(db: sqlite3.Connection, ondertekening: Ondertekening | None = None) -> VerifyResult:
    """Recompute the chain, each row's HMAC and the checkpoints; name the first row that was
    changed, removed or inserted, or the seq the log was cut off after.

    `ondertekening` defaults to the key registered for the connection's database.
    """
    ondertekening = ondertekening or sleutel.voor(db)
    if ondertekening is None:
        return _met_vastgelegd(db, replace(_keten(db, None, None), met_sleutel=False))
    punten: Checkpoints | None = None
    if ondertekening.checkpoints is not None:
        try:
            punten = checkpoints.lees(ondertekening.checkpoints, ondertekening)
        except OSError as exc:
            return VerifyResult(
                ok=False,
                aantal=0,
                reden=f"het checkpointbestand {ondertekening.checkpoints} is niet te lezen"
                f" ({exc.strerror or exc})",
            )
    uitkomst = _keten(db, ondertekening, punten)
    if uitkomst.ok and punten is not None:
        uitkomst = _tegen_checkpoints(uitkomst, punten, ondertekening.checkpoints)
    return _met_vastgelegd(db, uitkomst)


def _met_vastgelegd(db: sqlite3.Connection, uitkomst: VerifyResult) -> VerifyResult:
    """An intact chain, checked further: does every pinned public text match its audit row?"""
    if not uitkomst.ok or (reden := afwijking(db, Actie.VASTGELEGD.value)) is None:
        return uitkomst
    # The chain itself is intact: no first bad row, the reason names the bericht and its row.
    return replace(uitkomst, ok=False, eerste_fout=None, reden=reden)


def _keten(
    db: sqlite3.Connection, ondertekening: Ondertekening | None, punten: Checkpoints | None
) -> VerifyResult:
    """Walk the rows oldest first: seq, link, hash, HMAC, and the checkpoint of each seq."""
    vorige = GENESIS
    verwacht = 1
    aantal = 0
    zonder_hmac = 0
    ondertekend = False
    laatste = punten.hoogste.seq if punten is not None and punten.hoogste else None

    def fout(seq: int, reden: str) -> VerifyResult:
        return VerifyResult(
            ok=False,
            aantal=aantal,
            eerste_fout=seq,
            reden=reden,
            zonder_hmac=zonder_hmac,
            laatste_checkpoint=laatste,
        )

    for rij in db.execute("SELECT * FROM audit ORDER BY seq"):
        seq = int(rij["seq"])
        if seq != verwacht:
            return fout(seq, f"rij {verwacht} ontbreekt")
        if rij["vorige_hash"] != vorige:
            return fout(seq, "vorige_hash klopt niet")
        berekend = _rij_hash(
            vorige,
            seq=seq,
            tijd=rij["tijd"],
            gebruiker=rij["gebruiker"],
            actie=rij["actie"],
            bericht_id=rij["bericht_id"],
            inhoud_hash=rij["inhoud_hash"],
            details=rij["details"],
            request_id=_kolom(rij, "request_id"),
        )
        if berekend != rij["hash"]:
            return fout(seq, "inhoud van de rij is gewijzigd")
        if ondertekening is not None:
            mac = _kolom(rij, "hmac")
            if mac is None and ondertekend:
                return fout(seq, "rij zonder HMAC na ondertekende rijen: de keten is herschreven")
            if mac is None:
                zonder_hmac += 1
            elif not sleutel.gelijk(mac, ondertekening.rij_hmac(berekend)):
                return fout(
                    seq,
                    "HMAC klopt niet: de rij is herschreven"
                    " (of ondertekend met een andere auditsleutel)",
                )
            else:
                ondertekend = True
        punt = punten.per_seq.get(seq) if punten is not None else None
        if punt is not None and punt.hash != berekend:
            return fout(
                seq,
                f"hash wijkt af van de checkpoint (regel {punt.regel}): de keten is herschreven",
            )
        vorige = berekend
        verwacht += 1
        aantal += 1
    return VerifyResult(ok=True, aantal=aantal, zonder_hmac=zonder_hmac, laatste_checkpoint=laatste)


def _tegen_checkpoints(
    uitkomst: VerifyResult, punten: Checkpoints, pad: Path | None
) -> VerifyResult:
    """What only the checkpoint file can show: a cut-off tail, and damage to the file itself."""
    hoogste = punten.hoogste
    laatste_seq = uitkomst.aantal  # the chain is intact, so seqs run 1..aantal
    if hoogste is not None and hoogste.seq > laatste_seq:
        return replace(
            uitkomst,
            ok=False,
            eerste_fout=laatste_seq + 1,
            reden=f"afgekapt: de checkpoint (regel {hoogste.regel}) noemt seq {hoogste.seq},"
            f" de database eindigt bij seq {laatste_seq}"
            f" ({hoogste.seq - laatste_seq} rijen verdwenen)",
        )
    if punten.tegenstrijdig:
        seq = punten.tegenstrijdig[0]
        return replace(
            uitkomst,
            ok=False,
            eerste_fout=seq,
            reden=f"het checkpointbestand noemt twee verschillende hashes voor seq {seq}",
        )
    if punten.ongeldig:
        return replace(
            uitkomst,
            ok=False,
            reden=f"checkpointbestand {pad}: regel {punten.ongeldig[0]} is ongeldig"
            " (ondertekening klopt niet)",
        )
    if hoogste is None and uitkomst.aantal > uitkomst.zonder_hmac:
        return replace(
            uitkomst,
            ok=False,
            reden=f"er zijn ondertekende rijen, maar geen checkpoints in {pad}",
        )
    return uitkomst


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
        hmac=_kolom(rij, "hmac"),
        request_id=_kolom(rij, "request_id"),
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
