"""The app's composer: a stored record as the Bericht it stands for, with the region's sender and
broadcast settings from the configuration, reading earlier berichten from the database."""

from __future__ import annotations

import sqlite3

from flask import current_app

from berichten import Afzender, Bericht, Instellingen
from nlalert.db import get_db
from nlalert.opstellen.grens import landgrens
from nlalert.workflow import opslag
from nlalert.workflow.model import BerichtRecord
from nlalert.workflow.samenstelling import bericht_van


def afzender() -> Afzender:
    """The sender from the configuration (NLALERT_AFZENDER_NAAM, NLALERT_AFZENDER_ID)."""
    config = current_app.config
    return Afzender(
        id=str(config.get("AFZENDER_ID") or Afzender().id),
        naam=str(config.get("AFZENDER_NAAM") or ""),
    )


def instellingen() -> Instellingen:
    """The regional broadcast choices (NLALERT_ENGELS_APART, NLALERT_EXTRA_TAAL_KANAAL,
    NLALERT_GSM7_SPELLING), with the bundled land border for the border flag."""
    config = current_app.config
    return Instellingen(
        engels_in_zelfde_bericht=not _ja(config.get("ENGELS_APART", False)),
        extra_taal_kanaal=_ja(config.get("EXTRA_TAAL_KANAAL", True)),
        gsm7_spelling=_talen(config.get("GSM7_SPELLING")),
        landgrens=landgrens(),
    )


def _talen(waarde: object) -> frozenset[str] | None:
    """A list of language codes ("fr,pap,tr" or a JSON list); None (unset) keeps the default."""
    if waarde is None:
        return None
    delen = waarde.split(",") if isinstance(waarde, str) else waarde
    if not isinstance(delen, list | tuple | set | frozenset):
        delen = [str(waarde)]
    return frozenset(str(d).strip() for d in delen if str(d).strip())


def _ja(waarde: object) -> bool:
    if isinstance(waarde, str):
        return waarde.strip().lower() in {"1", "true", "ja", "yes", "aan"}
    return bool(waarde)


def bericht(record: BerichtRecord, db: sqlite3.Connection | None = None) -> Bericht:
    """The Bericht a stored record stands for, exactly as the approval page composes it; `db` is
    the caller's connection (inside its transaction), else the request's."""
    db = db if db is not None else get_db()
    return bericht_van(
        record,
        afzender=afzender(),
        origineel=lambda i: opslag.lees(db, i),
        keten=lambda r: opslag.keten(db, r),
        instellingen=instellingen(),
    )
