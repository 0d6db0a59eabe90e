"""Wiring the app to its CBCs: the configured CBC and the simulator, and the composer they use.

The record is composed by the same function the approval page uses (`voorbeeld.bericht_van`),
so what the approver saw is what goes out; only the header time is the moment of sending.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from flask import Flask, current_app

from berichten import Afzender, Bericht, Instellingen
from nlalert.db import get_db
from nlalert.koppelingen.doel import Doel
from nlalert.koppelingen.profiel import SIMULATOR, profiel
from nlalert.opstellen.voorbeeld import bericht_van
from nlalert.workflow import opslag
from nlalert.workflow.stappen import BerichtRecord
from nlalert.workflow.verzending import Koppeling, Koppelingen

KOPPELINGEN = "nlalert.koppelingen"  # app.extensions key: {Doel: Koppeling}


def afzender() -> Afzender:
    """The sender from the configuration (NLALERT_AFZENDER_NAAM, NLALERT_AFZENDER_ID)."""
    config = current_app.config
    return Afzender(
        id=str(config.get("AFZENDER_ID") or Afzender().id),
        naam=str(config.get("AFZENDER_NAAM") or ""),
    )


def instellingen() -> Instellingen:
    """The regional broadcast choices (NLALERT_ENGELS_APART, NLALERT_EXTRA_TAAL_KANAAL)."""
    config = current_app.config
    return Instellingen(
        engels_in_zelfde_bericht=not _ja(config.get("ENGELS_APART", False)),
        extra_taal_kanaal=_ja(config.get("EXTRA_TAAL_KANAAL", True)),
    )


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


def koppelingen() -> Koppelingen:
    """The configured CBC and the simulator of the current app."""
    return cast(Koppelingen, current_app.extensions[KOPPELINGEN])


def init_app(app: Flask) -> None:
    """Wire the configured CBC and the simulator's exercise store, unless a test wired its own."""
    sim, cbc = app.config["SIM_URL"], app.config["CBC_URL"]
    timeout = float(app.config.get("CBC_TIMEOUT", 30.0))
    retries = int(app.config.get("CBC_RETRIES", 3))
    naam = app.config.get("CBC_PROFIEL") or ("nlalert-sim" if cbc == sim else "osmo-cbc-0.4")
    app.extensions.setdefault(
        KOPPELINGEN,
        {
            Doel.CBC: Koppeling(
                url=cbc,
                doel=Doel.SIMULATOR if cbc == sim else Doel.CBC,
                profiel=profiel(str(naam)),
                timeout=timeout,
                retries=retries,
            ),
            # Training only ever reaches the simulator's exercise store, whatever CBC_URL says.
            Doel.SIMULATOR: Koppeling(
                url=sim, doel=Doel.SIMULATOR, profiel=SIMULATOR, timeout=timeout, retries=retries
            ),
        },
    )
