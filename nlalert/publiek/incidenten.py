"""What the public may see: the berichten that really went out, grouped into incidents.

An incident is an original alert and its chain of updates, all-clear and cancel; its key is the
original's id, so its address never changes. Only berichten that reached `verzonden` are public
(`verzonden_op` is set then and never before): concepts, submitted, returned, approved-but-not-sent
and lapsed follow-ups never are. Training berichten (the simulator only, one person) are never
public either. Exercises and tests are public only on the exercise pages and feeds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from berichten import Bericht, Modus, Variant
from nlalert.fouten import N_, NietGevonden
from nlalert.publiek.vastgelegd import lees as lees_vastgelegd
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import BerichtRecord, Status
from nlalert.workflow.samenstelling import compose_inhoud, herkomst_van


@dataclass(frozen=True, slots=True, kw_only=True)
class Publicatie:
    """One bericht as it went out: its record and the Bericht composed at its send time."""

    record: BerichtRecord
    bericht: Bericht
    # The CAP document as it went out (pinned at send time); None for berichten sent before
    # pinning existed, whose CAP is composed again from their stored content.
    cap: bytes | None = None

    @property
    def id(self) -> int:
        """The stored bericht's id (also the name of its CAP document)."""
        assert self.record.id is not None
        return self.record.id


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """An original alert and every follow-up of it that went out, oldest first."""

    id: int  # the original's id: the incident's stable key
    berichten: tuple[Publicatie, ...]

    @property
    def huidig(self) -> Publicatie:
        """The latest bericht that went out: what the incident says now."""
        return self.berichten[-1]

    @property
    def modus(self) -> Modus:
        """The mode of the whole chain (a follow-up keeps its original's mode)."""
        return self.huidig.bericht.modus

    @property
    def oefening(self) -> bool:
        """Exercises and tests: only on the exercise pages and feeds."""
        return self.modus is not Modus.ECHT

    @property
    def beeindigd(self) -> bool:
        """Ended by an all-clear or a cancel, or withdrawn by hand without a follow-up."""
        h = self.huidig
        return h.bericht.soort.beeindigt or h.record.status is Status.INGETROKKEN

    def actief(self, nu: datetime) -> bool:
        """Whether the incident still warns: not ended and its latest bericht not expired."""
        return not self.beeindigd and self.huidig.bericht.verloopt > nu

    @property
    def bijgewerkt(self) -> datetime:
        """When the latest bericht went out."""
        return self.huidig.bericht.tijd


def gepubliceerd(record: BerichtRecord) -> bool:
    """Whether a bericht may be shown to the public: it went out, and not in training."""
    return record.verzonden_op is not None and not record.training


def zoals_verzonden(
    db: sqlite3.Connection,
    record: BerichtRecord,
    *,
    variant: Variant = Variant.STANDAARD,
    talen: Sequence[str] | None = None,
    vastgelegd: bool = True,
) -> Bericht:
    """The Bericht a sent record went out as: composed at its stored CAP send time, with the
    CAP sender it went out with, so identifier, header and references are the ones sent; each
    language's text as pinned when it was sent (`vastgelegd`), unless `vastgelegd` is False."""
    cap = (record.cbc_resultaat or {}).get("cap") or {}
    tijd = datetime.fromisoformat(str(cap["sent"])) if "sent" in cap else record.verzonden_op
    afzender = opsteller.afzender()
    if cap.get("sender"):
        afzender = replace(afzender, id=str(cap["sender"]))
    herkomst = None
    if record.origineel_id is not None:
        vorige = opslag.lees(db, record.origineel_id)
        herkomst = herkomst_van(vorige, opsteller.afzender(), opslag.keten(db, vorige))
    bericht = compose_inhoud(
        record.inhoud,
        variant=variant,
        talen=None if talen is None else list(talen),
        afzender=afzender,
        herkomst=herkomst,
        berichtcode=record.message_code,
        taalcodes=record.taalcodes,
        kenmerk=record.id,
        tijd=tijd,
        instellingen=opsteller.instellingen(),
    )
    if vastgelegd and record.id is not None and (vast := lees_vastgelegd(db, record.id)):
        return vast.toegepast(bericht, variant)
    return bericht


def _cap(db: sqlite3.Connection, record: BerichtRecord) -> bytes | None:
    vast = None if record.id is None else lees_vastgelegd(db, record.id)
    return None if vast is None else vast.cap


def _publieke_records(db: sqlite3.Connection) -> list[BerichtRecord]:
    rijen = db.execute(
        "SELECT id FROM berichten WHERE verzonden_op IS NOT NULL AND training = 0 ORDER BY id"
    ).fetchall()
    return [opslag.lees(db, int(r[0])) for r in rijen]


def _wortel(record: BerichtRecord, per_id: dict[int, BerichtRecord], db: sqlite3.Connection) -> int:
    r = record
    while r.origineel_id is not None:
        r = per_id.get(r.origineel_id) or opslag.lees(db, r.origineel_id)
    assert r.id is not None
    return r.id


def _groepen(db: sqlite3.Connection) -> dict[int, list[BerichtRecord]]:
    """Published records by the id of their chain's original (only chains whose original went
    out: a follow-up always follows a sent bericht, so this drops nothing that went out)."""
    records = _publieke_records(db)
    per_id = {r.id: r for r in records if r.id is not None}
    groepen: dict[int, list[BerichtRecord]] = {}
    for r in records:
        wortel = _wortel(r, per_id, db)
        if wortel in per_id:
            groepen.setdefault(wortel, []).append(r)
    return groepen


def _incident(db: sqlite3.Connection, wortel: int, records: list[BerichtRecord]) -> Incident:
    return Incident(
        id=wortel,
        berichten=tuple(
            Publicatie(record=r, bericht=zoals_verzonden(db, r), cap=_cap(db, r))
            for r in sorted(records, key=lambda r: r.verzonden_op or r.gewijzigd_op)
        ),
    )


def _is_oefening(record: BerichtRecord) -> bool:
    return record.modus is not Modus.ECHT


def incidenten(
    db: sqlite3.Connection, *, oefening: bool, sinds: datetime | None = None
) -> list[Incident]:
    """Every published incident of one kind (real, or exercise and test), latest change first;
    with `sinds`, only those with a message sent since then."""
    uit = [
        _incident(db, wortel, records)
        for wortel, records in _groepen(db).items()
        if _is_oefening(records[0]) == oefening
        and (sinds is None or max(r.verzonden_op or sinds for r in records) >= sinds)
    ]
    return sorted(uit, key=lambda i: (i.bijgewerkt, i.id), reverse=True)


def incident(db: sqlite3.Connection, incident_id: int, *, oefening: bool) -> Incident:
    """One published incident by its original's id; NietGevonden when there is none of this
    kind (unknown, not sent, training, or asked on the wrong page: real vs exercise)."""
    try:
        origineel = opslag.lees(db, incident_id)
    except NietGevonden:
        raise NietGevonden(N_("incident"), incident_id) from None
    if (
        origineel.origineel_id is not None
        or not gepubliceerd(origineel)
        or _is_oefening(origineel) != oefening
    ):
        raise NietGevonden(N_("incident"), incident_id)
    records = [r for r in opslag.keten(db, origineel) if gepubliceerd(r)]
    return _incident(db, incident_id, records)


def publicatie(db: sqlite3.Connection, bericht_id: int) -> Publicatie:
    """One published bericht (real, exercise or test) by its id; NietGevonden otherwise."""
    try:
        record = opslag.lees(db, bericht_id)
    except NietGevonden:
        raise NietGevonden(N_("CAP-bericht"), bericht_id) from None
    if not gepubliceerd(record):
        raise NietGevonden(N_("CAP-bericht"), bericht_id)
    return Publicatie(record=record, bericht=zoals_verzonden(db, record), cap=_cap(db, record))


def incident_van(db: sqlite3.Connection, record: BerichtRecord) -> int:
    """The key (the original's id) of the incident a record belongs to."""
    return _wortel(record, {}, db)
