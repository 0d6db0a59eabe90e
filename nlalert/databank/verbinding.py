"""Connections and transactions for both databases, in sqlite3's shape of DB-API."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from nlalert.databank import postgres


def verbind(pad: str | Path) -> sqlite3.Connection:
    """Open a connection in autocommit mode; `transactie` opens transactions explicitly.

    `pad` is a SQLite file or a PostgreSQL URL. A PostgreSQL connection is typed as sqlite3's:
    it offers the part of that interface the code uses (execute, executemany, executescript,
    in_transaction, close) with the same placeholders and rows.
    """
    if postgres.is_url(pad):
        return cast(sqlite3.Connection, postgres.PgVerbinding(str(pad)))
    conn = sqlite3.connect(pad, isolation_level=None, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


@contextmanager
def transactie(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block in one write transaction: all of it is stored, or none of it."""
    # IMMEDIATE takes the write lock up front, so two requests cannot both read the same
    # last audit hash and fork the chain.
    # Left over from a transaction not run through here: whether it was stored is unknown.
    # On PostgreSQL an advisory lock held to the end of the transaction does the same.
    _NA_COMMIT.pop(id(conn), None)
    if isinstance(conn, sqlite3.Connection):
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn.begin()
    try:
        yield conn
    except BaseException:
        _NA_COMMIT.pop(id(conn), None)
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    finally:
        taken = _NA_COMMIT.pop(id(conn), [])
    for taak in taken:
        taak()


# Work to run once a connection's open transaction is stored, by id(conn): a sqlite3.Connection
# takes no weak reference, and an entry lives only while its transaction is open.
_NA_COMMIT: dict[int, list[Callable[[], None]]] = {}


def na_commit(conn: sqlite3.Connection, taak: Callable[[], None]) -> None:
    """Run `taak` after the connection's current `transactie` commits; never if it rolls back."""
    _NA_COMMIT.setdefault(id(conn), []).append(taak)


def json_tekst(conn: sqlite3.Connection, kolom: str, sleutel: str) -> str:
    """SQL for the text at a top-level key of a JSON text column, in the connection's dialect."""
    if isinstance(conn, sqlite3.Connection):
        return f"json_extract({kolom}, '$.{sleutel}')"
    return f"({kolom}::jsonb ->> '{sleutel}')"
