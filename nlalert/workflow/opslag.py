"""Storing berichten: each workflow step and its audit row are written in one transaction."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from berichten import Afzender
from berichten.modus import BerichtSoort
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.audit import log as audit
from nlalert.db import json_tekst, transactie
from nlalert.fouten import N_, NietGevonden
from nlalert.oefenen import opslag as oefeningen
from nlalert.verzending import uitzendingen
from nlalert.workflow import codes, model, woordenschat
from nlalert.workflow import stappen as workflow
from nlalert.workflow.inhoud import lees_inhoud
from nlalert.workflow.model import BerichtRecord, Status, Verouderd
from nlalert.workflow.samenstelling import compose_inhoud, herkomst_van

log = logging.getLogger(__name__)

# Phones drop a message they saw within about a day as a duplicate (message identifier + serial
# number); a code whose broadcasts ended longer ago than this may be handed out again.
CODE_VRIJ_NA = timedelta(hours=24)


def _nu() -> datetime:
    return datetime.now(UTC)


def _tijd(waarde: str | None) -> datetime | None:
    return None if waarde is None else datetime.fromisoformat(waarde)


@dataclass(frozen=True, slots=True)
class _Kolom:
    """How one field of a BerichtRecord is stored: to the column, and back."""

    naar: Callable[[Any], Any]
    terug: Callable[[Any], Any]


def _tijd_naar(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def _json_naar(w: Mapping[str, Any] | None) -> str | None:
    return None if w is None else audit.canoniek(dict(w))


def _json_terug(w: str | None) -> Any:
    return None if w is None else json.loads(w)


_ZELF = _Kolom(naar=lambda w: w, terug=lambda w: w)
# Every field of BerichtRecord is a column of the same name; these are stored in another form.
_KOLOMMEN: Mapping[str, _Kolom] = {
    "status": _Kolom(naar=str, terug=Status),
    "soort": _Kolom(naar=str, terug=BerichtSoort),
    "inhoud": _Kolom(naar=audit.canoniek, terug=json.loads),
    "auteurs": _Kolom(
        naar=lambda a: json.dumps(list(a), ensure_ascii=False), terug=lambda a: tuple(json.loads(a))
    ),
    "taalcodes": _Kolom(naar=_json_naar, terug=_json_terug),
    "cbc_resultaat": _Kolom(naar=_json_naar, terug=_json_terug),
    "verzonden_op": _Kolom(naar=_tijd_naar, terug=_tijd),
    "eindigt": _Kolom(naar=_tijd_naar, terug=_tijd),
    "aangemaakt_op": _Kolom(naar=_tijd_naar, terug=_tijd),
    "gewijzigd_op": _Kolom(naar=_tijd_naar, terug=_tijd),
    "training": _Kolom(naar=int, terug=bool),
}
_VELDEN = tuple(f.name for f in dataclasses.fields(BerichtRecord))


def _record(rij: sqlite3.Row) -> BerichtRecord:
    return BerichtRecord(**{n: _KOLOMMEN.get(n, _ZELF).terug(rij[n]) for n in _VELDEN})


def _kolommen(r: BerichtRecord) -> dict[str, Any]:
    return {n: _KOLOMMEN.get(n, _ZELF).naar(getattr(r, n)) for n in _VELDEN if n != "id"}


def _voeg_in(db: sqlite3.Connection, record: BerichtRecord) -> BerichtRecord:
    k = _kolommen(record)
    cur = db.execute(
        f"INSERT INTO berichten ({', '.join(k)}) VALUES ({', '.join(':' + n for n in k)})"
        " RETURNING id",
        k,
    )
    return lees(db, int(cur.fetchone()[0]))


def werk_bij(db: sqlite3.Connection, record: BerichtRecord, vorige_versie: int) -> None:
    """Store a record's new state, unless someone changed it since `vorige_versie` (Verouderd)."""
    k = _kolommen(record)
    cur = db.execute(
        f"UPDATE berichten SET {', '.join(f'{n} = :{n}' for n in k)}"
        " WHERE id = :id AND versie = :vorige_versie",
        {**k, "id": record.id, "vorige_versie": vorige_versie},
    )
    if cur.rowcount != 1:
        raise Verouderd()


def lees(db: sqlite3.Connection, bericht_id: int) -> BerichtRecord:
    """The stored bericht with this id."""
    rij = db.execute("SELECT * FROM berichten WHERE id = ?", (bericht_id,)).fetchone()
    if rij is None:
        raise NietGevonden(N_("bericht"), bericht_id)
    return _record(rij)


def lijst(db: sqlite3.Connection, *, limiet: int = 200) -> list[BerichtRecord]:
    """The most recently changed berichten first."""
    rijen = db.execute(
        "SELECT * FROM berichten ORDER BY gewijzigd_op DESC, id DESC LIMIT ?", (limiet,)
    )
    return [_record(r) for r in rijen]


def _codes_in_gebruik(
    db: sqlite3.Connection, modus: str, *, behalve: int | None = None
) -> tuple[set[int], int | None]:
    """The message codes that berichten of this mode hold, and the one handed out last.

    A code is held while its bericht may still go on air or its broadcasts ended less than a day
    ago; exercises and real alerts use different channels, so each mode has its own 1024 codes.
    """
    actief = [str(s) for s in model.ACTIEF]
    grens = (_nu() - CODE_VRIJ_NA).isoformat()
    rijen = db.execute(
        "SELECT id, message_code, taalcodes FROM berichten"
        f" WHERE status IN ({', '.join('?' * len(actief))})"
        f" AND {json_tekst(db, 'inhoud', 'modus')} = ?"
        " AND NOT (status = 'verzonden' AND eindigt IS NOT NULL AND eindigt < ?)",
        [*actief, modus, grens],
    )
    bezet: set[int] = set()
    for rij in rijen:
        if rij["id"] != behalve:
            bezet.add(int(rij["message_code"]))
            bezet.update(int(c) for c in json.loads(rij["taalcodes"]).values())
    laatste = db.execute(
        "SELECT message_code, taalcodes FROM berichten WHERE soort = 'alert'"
        f" AND {json_tekst(db, 'inhoud', 'modus')} = ? ORDER BY id DESC LIMIT 1",
        (modus,),
    ).fetchone()
    if laatste is None:
        return bezet, None
    return bezet, max([int(laatste[0]), *json.loads(laatste[1]).values()])


def _wijs_codes_toe(
    db: sqlite3.Connection, inhoud: Mapping[str, Any]
) -> tuple[int, dict[str, int]]:
    """A free message code for the primary broadcast and one per further language."""
    bezet, laatste = _codes_in_gebruik(db, str(inhoud["modus"]))
    code = codes.volgende_message_code(bezet, laatste)
    taalcodes = codes.taalcodes_voor(inhoud["talen"], {}, bezet | {code}, code)
    return code, taalcodes


def maak(db: sqlite3.Connection, data: object, door: Gebruiker) -> BerichtRecord:
    """Store a new concept alert from a compose request; a member of an exercise's team writes
    it inside that exercise (bound to it, exercise mode, a training bericht)."""
    oefening = oefeningen.actief_voor(db, door.naam)
    inhoud = woordenschat.leg_vast(
        db, lees_inhoud(data if oefening is None else oefeningen.als_oefening(data))
    )
    with transactie(db):
        code, taalcodes = _wijs_codes_toe(db, inhoud)
        record = workflow.maak(inhoud, door, message_code=code, taalcodes=taalcodes, nu=_nu())
        if oefening is not None:
            record = dataclasses.replace(record, training=True)
        record = _voeg_in(db, record)
        oefeningen.bind(db, record.id, None if oefening is None else oefening.id)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.MAKEN,
            bericht_id=record.id,
            inhoud=record.inhoud,
        )
    return record


def _met_taalcodes(db: sqlite3.Connection, record: BerichtRecord) -> BerichtRecord:
    """The record with a code for every further language it now has (edits add languages)."""
    bezet, laatste = _codes_in_gebruik(db, str(record.inhoud["modus"]), behalve=record.id)
    taalcodes = codes.taalcodes_voor(
        record.inhoud["talen"], record.taalcodes, bezet | {record.message_code}, laatste
    )
    return dataclasses.replace(record, taalcodes=taalcodes)


def _stap(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    actie: audit.Actie,
    stap: Callable[[BerichtRecord], BerichtRecord],
    *,
    versie: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> BerichtRecord:
    with transactie(db):
        oud = lees(db, bericht_id)
        # The form carries the version the user saw; acting on a newer one would be blind.
        if versie is not None and versie != oud.versie:
            raise Verouderd()
        nieuw = stap(oud)
        werk_bij(db, nieuw, oud.versie)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=actie,
            bericht_id=bericht_id,
            inhoud=nieuw.inhoud,
            details=details,
        )
    return nieuw


def bewerk(
    db: sqlite3.Connection, bericht_id: int, data: object, door: Gebruiker, *, versie: int
) -> BerichtRecord:
    """Replace the content of a concept or returned bericht (an exercise's stays exercise mode)."""
    if oefeningen.oefening_van_bericht(db, bericht_id) is not None:
        data = oefeningen.als_oefening(data)
    inhoud = woordenschat.leg_vast(db, lees_inhoud(data))
    return _stap(
        db,
        bericht_id,
        door,
        audit.Actie.BEWERKEN,
        lambda r: _met_taalcodes(db, workflow.bewerk(r, inhoud, door, nu=_nu())),
        versie=versie,
    )


def dien_in(
    db: sqlite3.Connection, bericht_id: int, door: Gebruiker, *, versie: int
) -> BerichtRecord:
    """Submit for approval."""
    return _stap(
        db,
        bericht_id,
        door,
        audit.Actie.INDIENEN,
        lambda r: workflow.dien_in(r, door, nu=_nu()),
        versie=versie,
    )


def keur_goed(
    db: sqlite3.Connection, bericht_id: int, door: Gebruiker, *, gezien_hash: str
) -> BerichtRecord:
    """Approve the content whose hash the approver was shown."""
    return _stap(
        db,
        bericht_id,
        door,
        audit.Actie.GOEDKEUREN,
        lambda r: workflow.keur_goed(r, door, gezien_hash=gezien_hash, nu=_nu()),
    )


def stuur_terug(
    db: sqlite3.Connection, bericht_id: int, door: Gebruiker, *, reden: str, versie: int
) -> BerichtRecord:
    """Return to the author with a reason."""
    return _stap(
        db,
        bericht_id,
        door,
        audit.Actie.TERUGSTUREN,
        lambda r: workflow.stuur_terug(r, door, reden=reden, nu=_nu()),
        versie=versie,
        details={"reden": reden.strip()},
    )


def keten(db: sqlite3.Connection, record: BerichtRecord) -> list[BerichtRecord]:
    """Every bericht of the chain `record` is in (the alert, its updates, all-clear, cancel)."""
    wortel = record
    while wortel.origineel_id is not None:
        wortel = lees(db, wortel.origineel_id)
    uit, rand = [wortel], [wortel.id]
    while rand:
        rijen = db.execute(
            f"SELECT * FROM berichten WHERE origineel_id IN ({', '.join('?' * len(rand))})"
            " ORDER BY id",
            rand,
        ).fetchall()
        volgende = [_record(r) for r in rijen]
        uit += volgende
        rand = [r.id for r in volgende]
    return sorted(uit, key=lambda r: r.id or 0)


def in_de_lucht(db: sqlite3.Connection, record: BerichtRecord, nu: datetime) -> bool:
    """Whether a broadcast of this bericht is on air now, by the CBC's own word."""
    assert record.id is not None
    eigen = uitzendingen.van_bericht(db, record.id)
    if not eigen:  # sent before broadcasts were recorded one by one
        return record.status == Status.VERZONDEN and (record.eindigt is None or record.eindigt > nu)
    return any(u.in_de_lucht(nu) and u.toestand is uitzendingen.Toestand.ACTIEF for u in eigen)


def misschien_in_de_lucht(db: sqlite3.Connection, record: BerichtRecord, nu: datetime) -> bool:
    """Whether a broadcast of this bericht may be on air: the CBC could not say."""
    assert record.id is not None
    return any(
        u.in_de_lucht(nu) and u.toestand is uitzendingen.Toestand.ONBEKEND
        for u in uitzendingen.van_bericht(db, record.id)
    )


def wat_in_de_lucht(db: sqlite3.Connection, record: BerichtRecord, nu: datetime) -> str:
    """For the user: which berichten of this chain are on air now."""
    delen = [
        f"bericht {r.id} ({r.soort}, update {r.update_nummer})"
        + ("" if in_de_lucht(db, r, nu) else ", misschien: onbekend bij de CBC")
        for r in keten(db, record)
        if in_de_lucht(db, r, nu) or misschien_in_de_lucht(db, r, nu)
    ]
    return ", ".join(delen) or "niets van dit bericht en zijn vervolgen"


def vervolgen(db: sqlite3.Connection, origineel_id: int) -> list[BerichtRecord]:
    """Every follow-up of a bericht (updates, all-clears, cancels), oldest first."""
    rijen = db.execute(
        "SELECT * FROM berichten WHERE origineel_id = ? ORDER BY id", (origineel_id,)
    )
    return [_record(r) for r in rijen]


def onderweg(
    db: sqlite3.Connection, origineel_id: int, *, behalve: int | None = None
) -> int | None:
    """The follow-up of this bericht that started sending and did not finish, if any."""
    for r in vervolgen(db, origineel_id):
        if r.id != behalve and r.status in model.ONDERWEG:
            return r.id
    return None


def maak_vervolg(
    db: sqlite3.Connection,
    origineel_id: int,
    soort: BerichtSoort,
    door: Gebruiker,
    data: object | None = None,
) -> BerichtRecord:
    """A concept update, all-clear or cancel of a bericht on air; without `data` it starts from
    the original's content. Refused at once when the original is not on air or the mode differs."""
    nu = _nu()
    with transactie(db):
        origineel = lees(db, origineel_id)
        inhoud = woordenschat.leg_vast(
            db,
            lees_inhoud({**origineel.inhoud, "soort": str(soort)} if data is None else data),
        )
        if origineel.status == Status.VERZONDEN and not in_de_lucht(db, origineel, nu):
            raise model.NietInDeLucht(origineel_id, wat_in_de_lucht(db, origineel, nu))
        if origineel.status in (Status.VERVANGEN, Status.INGETROKKEN):
            raise model.NietInDeLucht(origineel_id, wat_in_de_lucht(db, origineel, nu))
        if (bezig := onderweg(db, origineel_id)) is not None:
            raise model.VervolgBezig(origineel_id, bezig)
        record = workflow.maak_vervolg(origineel, soort, inhoud, door, nu=nu)
        # Whatever the workflow allows must also compose: a category on another channel, say,
        # is refused now and not at send time.
        compose_inhoud(
            {**record.inhoud},
            herkomst=herkomst_van(origineel, Afzender(), keten(db, origineel)),
            berichtcode=record.message_code,
        )
        record = _voeg_in(db, _met_taalcodes(db, record))
        oefeningen.bind(db, record.id, oefeningen.oefening_van_bericht(db, origineel_id))
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie={
                BerichtSoort.UPDATE: audit.Actie.UPDATE,
                BerichtSoort.EINDE: audit.Actie.EINDE,
            }.get(soort, audit.Actie.INTREKKEN),
            bericht_id=record.id,
            inhoud=record.inhoud,
            details={"origineel_id": origineel_id, "update_nummer": record.update_nummer},
        )
    return record
