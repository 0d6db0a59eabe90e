"""What went out, pinned when it is sent: the CAP document, every variant's text per language and
the visual cards. The public pages, the feeds and the CAP download serve these, so a catalogue
changed after the send never alters a published text. A bericht sent before pinning existed has
nothing pinned; it is composed again from its stored content (`incidenten.zoals_verzonden`).

Read back by `nlalert.publiek.vastgelegd`. Stored as one JSON value in `berichten.vastgelegd`:
`{"cap": "<xml>", "teksten": {variant: {taal: {"tekst", "wat"}}}, "kaarten": {taal: svg}}`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3

from berichten import Bericht, BerichtError, OngeldigeCap, Variant, beeld, naar_cap
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.publiek.incidenten import zoals_verzonden
from nlalert.workflow import opslag
from nlalert.workflow.model import BerichtRecord
from vertalingen import BRONTAAL

log = logging.getLogger(__name__)


def _teksten(b: Bericht) -> dict[str, dict[str, str]]:
    return {t.taal: {"tekst": t.tekst, "wat": t.wat} for t in b.talen}


def leg_vast(db: sqlite3.Connection, bericht_id: int, verzonden: Bericht, *, door: str) -> None:
    """Pin a bericht that has just gone out; `verzonden` is the Bericht its broadcasts carry.

    The audit row holds the pinned value's SHA-256, so a later change to the column shows.
    """
    record = opslag.lees(db, bericht_id)
    talen = [t.taal for t in verzonden.talen]
    try:
        cap: str | None = naar_cap(verzonden).decode("utf-8")
    except OngeldigeCap:  # the broadcasts went out; the public side composes the CAP instead
        log.exception("CAP van bericht %s niet geldig; niet vastgelegd", bericht_id)
        cap = None
    teksten = {Variant.STANDAARD.value: _teksten(verzonden)}
    kaarten: dict[str, str] = {}
    for variant, codes in (
        (Variant.B1, [BRONTAAL] if BRONTAAL in talen else []),
        (Variant.KORT, talen),
        (Variant.BEELD, talen),
    ):
        for b in _per_taal(db, record, variant, codes):
            teksten.setdefault(variant.value, {}).update(_teksten(b))
            if variant is Variant.BEELD:
                kaarten.update({t.taal: beeld.kaart_svg(b, t.taal) for t in b.talen})
    waarde = json.dumps({"cap": cap, "teksten": teksten, "kaarten": kaarten}, ensure_ascii=False)
    with transactie(db):
        db.execute("UPDATE berichten SET vastgelegd = ? WHERE id = ?", (waarde, bericht_id))
        audit.schrijf(
            db,
            gebruiker=door,
            actie=audit.Actie.VASTGELEGD,
            bericht_id=bericht_id,
            details={"sha256": hashlib.sha256(waarde.encode("utf-8")).hexdigest()},
        )


def _per_taal(
    db: sqlite3.Connection, record: BerichtRecord, variant: Variant, codes: list[str]
) -> list[Bericht]:
    """The variant in all languages at once; one language at a time when one of them fails, so
    a variant that cannot be made in one language costs only that language."""
    if not codes:
        return []
    try:
        return [zoals_verzonden(db, record, variant=variant, talen=codes, vastgelegd=False)]
    except BerichtError:
        uit = []
        for code in codes:
            try:
                uit.append(
                    zoals_verzonden(db, record, variant=variant, talen=[code], vastgelegd=False)
                )
            except BerichtError:
                log.info("variant %s in %s van bericht %s niet te maken", variant, code, record.id)
        return uit
