"""Schema migrations with Alembic, one history for SQLite and PostgreSQL.

Two kinds of change, two ways (docs/architecture.md, "Storage"):
- A new column or table is additive: add it to the schema in `databank.schema` (and the column to
  `LATERE_KOLOMMEN`). `aanvullen` brings every database up to it after the revisions, on both
  dialects, and is harmless to run again.
- Anything else (a changed CHECK, a rename, moving data) is an Alembic revision in
  `migraties/versions/`.

SQLAlchemy is only Alembic's engine here; the application talks to the databases through
`nlalert.db`.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from nlalert.databank import postgres, schema, sqlite_oud
from nlalert.databank.verbinding import verbind

MIGRATIES = Path(__file__).parent / "migraties"


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    return config


@cache
def head() -> str:
    """The newest revision."""
    from alembic.script import ScriptDirectory

    kop = ScriptDirectory.from_config(_config()).get_current_head()
    assert kop is not None
    return kop


def _engine(doel: str) -> Any:
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    if postgres.is_url(doel):
        return create_engine(
            "postgresql+psycopg://", creator=lambda: psycopg.connect(doel), poolclass=NullPool
        )
    # Our own autocommit connection: the base revision opens its transactions itself.
    return create_engine("sqlite://", creator=lambda: verbind(doel), poolclass=NullPool)


def upgrade(doel: str, revisie: str = "head") -> str:
    """Bring the database at `doel` (a SQLite path or a PostgreSQL URL) to `revisie`, then add
    what the schema has gained since; return the revision it is at."""
    from alembic import command

    engine = _engine(str(doel))
    try:
        with engine.connect() as verbinding:
            if postgres.is_url(doel):
                # Workers starting together migrate one after the other.
                verbinding.exec_driver_sql(f"SELECT pg_advisory_xact_lock({postgres.MIGRATIESLOT})")
            config = _config()
            config.attributes["connection"] = verbinding
            command.upgrade(config, revisie)
            verbinding.commit()
    finally:
        engine.dispose()
    conn = verbind(doel)
    try:
        aanvullen(conn, zeker=True)
        return versie(conn) or ""
    finally:
        conn.close()


def versie(conn: Any) -> str | None:
    """The revision the database is at; None before Alembic ever ran on it."""
    if isinstance(conn, sqlite3.Connection):
        bestaat = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
    else:
        bestaat = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0]
    if not bestaat:
        return None
    rij = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(rij[0]) if rij else None


def zorg(conn: Any) -> None:
    """Make sure the connection's database has the newest schema (cheap when it has)."""
    if versie(conn) == head():
        aanvullen(conn)
        return
    doel = doel_van(conn)
    if doel is None:  # an in-memory SQLite database: no second connection can reach it
        sqlite_basis(conn)
        return
    upgrade(doel)


def doel_van(conn: Any) -> str | None:
    """The SQLite file or PostgreSQL URL a connection is open on."""
    if not isinstance(conn, sqlite3.Connection):
        return str(conn.doel)
    for _nr, naam, bestand in conn.execute("PRAGMA database_list").fetchall():
        if naam == "main":
            return str(bestand) or None
    return None


def sqlite_basis(conn: sqlite3.Connection) -> None:
    """The base revision on SQLite: the idempotent init that came before Alembic."""
    sqlite_oud.sqlite_init(conn)


def postgres_basis(ruw: Any) -> None:
    """The base revision on PostgreSQL: the translated schema, in Alembic's transaction."""
    ruw.execute(postgres.schema(schema.SCHEMA).encode("utf-8"))


def aanvullen(conn: Any, *, zeker: bool = False) -> None:
    """Add the columns, tables and indexes the schema has gained; harmless to run again."""
    if isinstance(conn, sqlite3.Connection):
        sqlite_oud.sqlite_init(conn)
        return
    verwacht_namen = postgres.namen(schema.SCHEMA)
    relaties, kolommen = postgres.bestaande(conn)
    compleet = verwacht_namen <= relaties and all(
        (tabel, kolom) in kolommen for tabel, kolom, _def in schema.LATERE_KOLOMMEN
    )
    if compleet and not zeker:
        return
    conn.execute("SELECT pg_advisory_lock(?)", (postgres.MIGRATIESLOT,))
    try:
        for tabel, kolom, definitie in schema.LATERE_KOLOMMEN:
            if (tabel, kolom) not in kolommen and any(t == tabel for t, _k in kolommen):
                conn.execute(
                    f"ALTER TABLE {tabel} ADD COLUMN IF NOT EXISTS {kolom} "
                    + postgres.definitie(definitie)
                )
        conn.executescript(postgres.schema(schema.SCHEMA))
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (postgres.MIGRATIESLOT,))
