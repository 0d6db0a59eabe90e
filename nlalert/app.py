"""The Flask application factory: embedded defaults, the configuration, and each room wired in."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from nlalert import (
    accounts,
    api,
    audit,
    db,
    gezondheid,
    http,
    koppelingen,
    logboek,
    oefenen,
    opstellen,
    problemen,
    publiek,
    taal,
    toegankelijkheid,
    workflow,
)
from nlalert.http import proxies

SECRET_KEY_BESTAND = "secret_key"
AUDIT_KEY_BESTAND = "audit_key"


def create_app(
    test_config: Mapping[str, Any] | None = None,
    *,
    instance_path: str | os.PathLike[str] | None = None,
) -> Flask:
    """Build the app: embedded defaults, then NLALERT_* environment, then `test_config`."""
    pad = instance_path or os.environ.get("NLALERT_INSTANCE")
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=str(Path(pad).resolve()) if pad else None,
    )
    app.config.from_mapping(
        DATABASE=str(Path(app.instance_path) / "nlalert.sqlite"),
        SIM_URL="http://127.0.0.1:5001",
        CBC_URL=None,  # None: the simulator at SIM_URL
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="nlalert_sessie",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        LOGIN_MAX_POGINGEN=5,  # failed logins per name and address in the window
        LOGIN_MAX_POGINGEN_ADRES=20,  # failed logins per address across names (0: no limit)
        LOGIN_VENSTER_SECONDEN=300,
    )
    app.config.from_prefixed_env("NLALERT")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("CBC_URL"):
        app.config["CBC_URL"] = app.config["SIM_URL"]
    # NLALERT_DATABASE_URL (postgresql://...) replaces the SQLite file: DATABASE then names it.
    if app.config.get("DATABASE_URL"):
        app.config["DATABASE"] = str(app.config["DATABASE_URL"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _bewaarde_sleutel(Path(app.instance_path) / SECRET_KEY_BESTAND)
    # The audit log's HMAC key and checkpoints live outside the database (nlalert.audit.sleutel).
    if not app.config.get("AUDIT_KEY"):
        app.config["AUDIT_KEY"] = _bewaarde_sleutel(Path(app.instance_path) / AUDIT_KEY_BESTAND)
    if not app.config.get("AUDIT_CHECKPOINTS"):
        # Named after the database, so two databases in one instance folder never share one.
        database = str(app.config["DATABASE"])
        # A PostgreSQL URL: named after the database in it (the part before "?").
        stam = database.split("?", 1)[0].rsplit("/", 1)[-1] if db.is_url(database) else ""
        app.config["AUDIT_CHECKPOINTS"] = str(
            Path(app.instance_path) / f"{stam or Path(database).stem}-audit-checkpoints.jsonl"
        )

    # Each room wires itself; the order is the order requests meet them (security before the
    # user is loaded, as the CSRF check needs the session but not the user).
    for kamer in (
        logboek,
        db,
        taal,
        http,
        problemen,
        koppelingen,
        accounts,
        workflow,
        opstellen,
        api,
        audit,
    ):
        kamer.init_app(app)
    toegankelijkheid.init_app(app)
    gezondheid.init_app(app)
    publiek.init_app(app)
    oefenen.init_app(app)
    # Behind reverse proxies (NLALERT_PROXIES=N): the client's address from X-Forwarded-For.
    proxies.vertrouw_proxies(app)
    return app


def _bewaarde_sleutel(bestand: Path) -> str:
    """A random secret key kept in the instance folder (mode 0600), so sessions survive restarts."""
    try:
        fd = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(bestand, 0o600)  # repair wider permissions left by a copy or an editor
        return bestand.read_text(encoding="ascii").strip()
    sleutel = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(sleutel + "\n")
    return sleutel


def open_db(instance_path: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """A connection to the app's database for command-line use, schema ensured."""
    app = create_app(instance_path=instance_path)
    conn = db.verbind(app.config["DATABASE"])
    db.init_db(conn)
    return conn
