"""Storing berichten: each workflow step and its audit row are written in one transaction."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from berichten.modus import BerichtSoort
from nlalert import audit, workflow
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden, NlalertError
from nlalert.gebruikers import Gebruiker
from nlalert.inhoud import lees_inhoud
from nlalert.verzender import Verzender
from nlalert.workflow import BerichtRecord, Status, Verouderd

log = logging.getLogger(__name__)

VERZENDER = "nlalert.verzender"  # app.extensions key: the configured CBC (or the simulator)
OEFENVERZENDER = "nlalert.oefenverzender"  # app.extensions key: the simulator, for training


class GeenVerzender(NlalertError):
    """No Verzender is configured for this kind of bericht."""

    def __init__(self) -> None:
        super().__init__(N_("verzenden is nu niet mogelijk: er is geen CBC of simulator ingesteld"))


class VerzendenMislukt(workflow.WorkflowError):
    """The CBC call failed; the approved bericht is kept and can be sent again."""

    def __init__(self, bericht_id: int) -> None:
        self.bericht_id = bericht_id
        super().__init__(
            N_(
                "verzenden van bericht %(id)s is mislukt; het goedgekeurde bericht is bewaard"
                " en kan opnieuw worden verzonden"
            ),
            id=bericht_id,
        )


def _nu() -> datetime:
    return datetime.now(UTC)


def _tijd(waarde: str | None) -> datetime | None:
    return None if waarde is None else datetime.fromisoformat(waarde)


def _record(rij: sqlite3.Row) -> BerichtRecord:
    return BerichtRecord(
        id=rij["id"],
        versie=rij["versie"],
        status=Status(rij["status"]),
        soort=BerichtSoort(rij["soort"]),
        categorie=rij["categorie"],
        inhoud=json.loads(rij["inhoud"]),
        opsteller=rij["opsteller"],
        auteurs=tuple(json.loads(rij["auteurs"])),
        goedkeurder=rij["goedkeurder"],
        teruggestuurd_reden=rij["teruggestuurd_reden"],
        origineel_id=rij["origineel_id"],
        message_code=rij["message_code"],
        update_nummer=rij["update_nummer"],
        verzendpogingen=rij["verzendpogingen"],
        verzonden_op=_tijd(rij["verzonden_op"]),
        cbc_resultaat=None if rij["cbc_resultaat"] is None else json.loads(rij["cbc_resultaat"]),
        training=bool(rij["training"]),
        aangemaakt_op=datetime.fromisoformat(rij["aangemaakt_op"]),
        gewijzigd_op=datetime.fromisoformat(rij["gewijzigd_op"]),
    )


def _kolommen(r: BerichtRecord) -> dict[str, Any]:
    return {
        "versie": r.versie,
        "status": str(r.status),
        "soort": str(r.soort),
        "categorie": r.categorie,
        "inhoud": audit.canoniek(r.inhoud),
        "opsteller": r.opsteller,
        "auteurs": json.dumps(list(r.auteurs), ensure_ascii=False),
        "goedkeurder": r.goedkeurder,
        "teruggestuurd_reden": r.teruggestuurd_reden,
        "origineel_id": r.origineel_id,
        "message_code": r.message_code,
        "update_nummer": r.update_nummer,
        "verzendpogingen": r.verzendpogingen,
        "verzonden_op": None if r.verzonden_op is None else r.verzonden_op.isoformat(),
        "cbc_resultaat": None if r.cbc_resultaat is None else audit.canoniek(r.cbc_resultaat),
        "training": int(r.training),
        "aangemaakt_op": r.aangemaakt_op.isoformat(),
        "gewijzigd_op": r.gewijzigd_op.isoformat(),
    }


def _voeg_in(db: sqlite3.Connection, record: BerichtRecord) -> BerichtRecord:
    k = _kolommen(record)
    cur = db.execute(
        f"INSERT INTO berichten ({', '.join(k)}) VALUES ({', '.join(':' + n for n in k)})", k
    )
    return lees(db, int(cur.lastrowid or 0))


def _werk_bij(db: sqlite3.Connection, record: BerichtRecord, vorige_versie: int) -> None:
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


def _volgende_code(db: sqlite3.Connection) -> int:
    actief = [str(s) for s in workflow.ACTIEF]
    bezet = db.execute(
        f"SELECT message_code FROM berichten WHERE status IN ({', '.join('?' * len(actief))})",
        actief,
    )
    laatste = db.execute(
        "SELECT message_code FROM berichten WHERE soort = 'alert' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return workflow.volgende_message_code(
        (r[0] for r in bezet), None if laatste is None else int(laatste[0])
    )


def maak(db: sqlite3.Connection, data: object, door: Gebruiker) -> BerichtRecord:
    """Store a new concept alert from a compose request."""
    inhoud = lees_inhoud(data)
    with transactie(db):
        record = workflow.maak(inhoud, door, message_code=_volgende_code(db), nu=_nu())
        record = _voeg_in(db, record)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.MAKEN,
            bericht_id=record.id,
            inhoud=record.inhoud,
        )
    return record


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
        _werk_bij(db, nieuw, oud.versie)
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
    """Replace the content of a concept or returned bericht."""
    inhoud = lees_inhoud(data)
    return _stap(
        db,
        bericht_id,
        door,
        audit.Actie.BEWERKEN,
        lambda r: workflow.bewerk(r, inhoud, door, nu=_nu()),
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


def maak_vervolg(
    db: sqlite3.Connection,
    origineel_id: int,
    soort: BerichtSoort,
    door: Gebruiker,
    data: object | None = None,
) -> BerichtRecord:
    """A concept update or cancel of a sent bericht; without `data` it starts from its content."""
    with transactie(db):
        origineel = lees(db, origineel_id)
        inhoud = lees_inhoud({**origineel.inhoud, "soort": str(soort)} if data is None else data)
        record = _voeg_in(db, workflow.maak_vervolg(origineel, soort, inhoud, door, nu=_nu()))
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.UPDATE if soort == BerichtSoort.UPDATE else audit.Actie.INTREKKEN,
            bericht_id=record.id,
            inhoud=record.inhoud,
            details={"origineel_id": origineel_id, "update_nummer": record.update_nummer},
        )
    return record


def kies_verzender(extensions: Mapping[str, Any], record: BerichtRecord) -> Verzender:
    """The simulator for training berichten, the configured CBC otherwise."""
    verzender = extensions.get(OEFENVERZENDER if record.training else VERZENDER)
    if verzender is None:
        raise GeenVerzender()
    return verzender


def verzend(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    kies: Callable[[BerichtRecord], Verzender],
) -> BerichtRecord:
    """Send an approved bericht once; after a failure the same call retries it safely."""
    with transactie(db):
        oud = lees(db, bericht_id)
        verzender = kies(oud)
        origineel = None if oud.origineel_id is None else lees(db, oud.origineel_id)
        bezig = workflow.begin_verzending(
            oud, door, doel=verzender.doel, origineel=origineel, nu=_nu()
        )
        _werk_bij(db, bezig, oud.versie)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.VERZENDEN,
            bericht_id=bericht_id,
            inhoud=bezig.inhoud,
            details={
                "poging": bezig.verzendpogingen,
                "doel": str(verzender.doel),
                "message_code": bezig.message_code,
                "update_nummer": bezig.update_nummer,
            },
        )
    # The CBC call happens outside any transaction: holding the write lock over the network
    # would block every other user. VERZENDEN is already stored, so a crash here is visible.
    try:
        if origineel is not None:
            verzender.trek_in(origineel)
        antwoord = verzender.verzend(bezig)
    except Exception as exc:
        log.exception("verzenden van bericht %s mislukt", bericht_id)
        _rond_af(db, bericht_id, door, fout=f"{type(exc).__name__}: {exc}"[:500])
        raise VerzendenMislukt(bericht_id) from exc
    return _rond_af(db, bericht_id, door, resultaat=_als_json(antwoord))


def _als_json(antwoord: object) -> dict[str, Any]:
    # Once the CBC has accepted, an odd answer must not turn the send into a "failure".
    try:
        return dict(json.loads(json.dumps(dict(antwoord), default=str)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return {"antwoord": repr(antwoord)[:500]}


def _rond_af(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    *,
    resultaat: Mapping[str, Any] | None = None,
    fout: str | None = None,
) -> BerichtRecord:
    nu = _nu()
    with transactie(db):
        huidig = lees(db, bericht_id)
        if huidig.status != Status.VERZENDEN:
            return huidig  # a parallel attempt finished first; its outcome stands
        details: dict[str, Any]
        if fout is not None:
            klaar = workflow.verzending_mislukt(huidig, fout, nu=nu)
            actie, details = audit.Actie.VERZENDFOUT, {"fout": fout}
        else:
            klaar = workflow.verzending_gelukt(huidig, resultaat or {}, nu=nu)
            actie, details = audit.Actie.VERZONDEN, {"cbc": dict(resultaat or {})}
        _werk_bij(db, klaar, huidig.versie)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=actie,
            bericht_id=bericht_id,
            inhoud=klaar.inhoud,
            details=details,
        )
        if fout is None and klaar.origineel_id is not None:
            origineel = lees(db, klaar.origineel_id)
            opgevolgd = workflow.opgevolgd(origineel, klaar, nu=nu)
            _werk_bij(db, opgevolgd, origineel.versie)
            audit.schrijf(
                db,
                gebruiker=door.naam,
                actie=audit.Actie.VERVANGEN
                if opgevolgd.status == Status.VERVANGEN
                else audit.Actie.INGETROKKEN,
                bericht_id=origineel.id,
                inhoud=origineel.inhoud,
                details={"door_bericht": bericht_id},
            )
    return klaar
