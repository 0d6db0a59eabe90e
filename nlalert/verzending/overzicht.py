"""One view of a bericht's broadcasts for every place that lists them.

The approval page, the confirm page, the message page and the API all show the same list: before
sending, the broadcasts as they would be composed now, each with whether the configured CBC can
carry it; after, the broadcasts as they were sent, each with what we know of it at the CBC.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from berichten import Bericht
from nlalert.koppelingen import Koppeling
from nlalert.koppelingen.profiel import draagbaar
from nlalert.taal import gettext as _
from nlalert.taal import label, melding, tijd
from nlalert.verzending import uitzendingen
from nlalert.verzending.plan import bezetting
from nlalert.workflow.model import BerichtRecord

MAX_GEBIED_TEKST = 600  # characters of GeoJSON on the approval page; the map shows the rest


def gepland(
    db: sqlite3.Connection,
    record: BerichtRecord,
    bericht: Bericht,
    k: Koppeling,
    *,
    nu: datetime,
) -> list[dict[str, Any]]:
    """The broadcasts a send would put on air now, with the CBC's reason when it cannot carry one."""
    _intrekken, bezet = bezetting(db, k, record, nu=nu)
    redenen = draagbaar(
        k.profiel,
        [(u.message_identifier, u.serial.message_code) for u in bericht.uitzendingen],
        bezet,
    )
    return [
        {
            **u.to_dict(),
            "toestand": "gepland" if r is None else "niet_mee",
            "reden": None if r is None else _(r.sjabloon, **r.parameters),
        }
        for u, r in zip(bericht.uitzendingen, redenen, strict=True)
    ]


def opgeslagen(
    db: sqlite3.Connection, record: BerichtRecord, *, nu: datetime
) -> list[dict[str, Any]]:
    """The broadcasts as they were sent, each with its state at the CBC, in the user's language."""
    assert record.id is not None
    uit = []
    for u in uitzendingen.van_bericht(db, record.id):
        rij = u.to_dict(nu)
        rij["reden"] = None if u.reden is None else _(u.reden.sjabloon, **u.reden.parameters)
        uit.append(rij)
    return uit


def kenmerken(b: Bericht) -> list[tuple[str, str]]:
    """Identity and settings of a composed Bericht, as the approver must see them."""
    return [
        (_("Identifier (CAP)"), b.identifier),
        (_("Modus en soort"), f"{label(b.modus.value, 'modus')}, {label(b.soort.value, 'soort')}"),
        (_("Afzender"), b.afzender.naam or _("(geen)")),
        (
            _("Nederlandse tekst"),
            _("eenvoudig Nederlands (B1)") if b.nederlands.value == "b1" else _("standaard"),
        ),
        (_("Aanspreekvorm"), b.register.value),
        (_("GSM-7-spelling"), _spelling(b)),
        (_("Loopt tot"), tijd(b.verloopt)),
    ]


def _spelling(b: Bericht) -> str:
    """The languages that go out in GSM-7 spelling, with the pages it saves: "tr 8 → 5"."""
    delen = [
        f"{t.taal} {t.spelling.paginas_voor} → {t.spelling.paginas_na} " + _("pagina's")
        for t in b.talen
        if t.spelling is not None and t.spelling.toegepast
    ]
    return ", ".join(delen) or _("(geen)")


def controle(b: Bericht) -> list[tuple[bool, str]]:
    """The completeness checklist and the warnings, for the approver."""
    return [(p.ok, melding(p.melding)) for p in b.volledigheid.punten.values()] + [
        (False, melding(w.melding)) for w in b.waarschuwingen
    ]


def gebied_tekst(geojson: Mapping[str, Any]) -> str:
    """The area as compact GeoJSON, cut short for the page; the map shows all of it."""
    tekst = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
    return tekst if len(tekst) <= MAX_GEBIED_TEKST else tekst[:MAX_GEBIED_TEKST] + " …"
