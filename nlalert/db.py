"""Storage without an ORM: the schema, one connection per request, explicit transactions.

SQLite by default (a file in the instance folder); PostgreSQL when `NLALERT_DATABASE_URL` names
one. The code speaks sqlite3's dialect of DB-API: `execute(sql, params)` with `?` placeholders,
rows by index and by name. For PostgreSQL, `nlalert.databank.postgres` wraps psycopg 3 in that
shape and translates the schema below; `nlalert.databank.migreren` runs the Alembic migrations.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
import psycopg
from flask import Flask, current_app, g
from flask.cli import with_appcontext

from nlalert.databank import migreren, postgres
from nlalert.databank.schema import BERICHTEN_TABEL, LATERE_KOLOMMEN, SCHEMA
from nlalert.databank.sqlite_oud import SCHEMA_VERSIE, sqlite_init
from nlalert.databank.verbinding import json_tekst, na_commit, transactie, verbind

__all__ = [
    "BERICHTEN_TABEL",
    "LATERE_KOLOMMEN",
    "SCHEMA",
    "SCHEMA_VERSIE",
    "DatabaseFout",
    "IntegriteitsFout",
    "close_db",
    "get_db",
    "init_app",
    "init_db",
    "is_url",
    "json_tekst",
    "na_commit",
    "sqlite_init",
    "transactie",
    "upgrade",
    "verbind",
    "zonder_wachtwoord",
]

# The one name for a violated constraint, whichever database raised it.
IntegriteitsFout = (sqlite3.IntegrityError, psycopg.IntegrityError)
# Any error of the database itself (unreadable, broken, unreachable).
DatabaseFout = (sqlite3.DatabaseError, psycopg.Error)
is_url = postgres.is_url
zonder_wachtwoord = postgres.zonder_wachtwoord


def init_db(conn: sqlite3.Connection) -> None:
    """Migrate the database to the newest schema (Alembic), or only add what the schema has
    gained since when it is at the newest revision already."""
    migreren.zorg(conn)


def upgrade(doel: str | Path) -> str:
    """Run the migrations on a SQLite file or PostgreSQL URL; return the revision reached."""
    return migreren.upgrade(str(doel))


def get_db() -> sqlite3.Connection:
    """The connection of the current request, opened (and the schema ensured) on first use."""
    if "db" not in g:
        conn = verbind(current_app.config["DATABASE"])
        if not current_app.extensions.get("nlalert.schema_klaar"):
            init_db(conn)
            current_app.extensions["nlalert.schema_klaar"] = True
        g.db = conn
    db: sqlite3.Connection = g.db
    return db


def close_db(_exc: BaseException | None = None) -> None:
    """Close the request's connection, if one was opened."""
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


@click.command("init-db")
@with_appcontext
def _init_db_command() -> None:
    """Create the database tables if they do not exist (safe to run again)."""
    init_db(get_db())
    click.echo("Database klaar.")


def init_app(app: Flask) -> None:
    """Close connections after each request and add the `init-db` command."""
    app.teardown_appcontext(close_db)
    app.cli.add_command(_init_db_command)
