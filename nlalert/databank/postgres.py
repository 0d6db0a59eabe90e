"""PostgreSQL through psycopg 3, shaped like the `sqlite3` connection the code is written for.

`PgVerbinding.execute(sql, params)` takes the same SQL with `?` placeholders and returns rows
that behave like `sqlite3.Row` (by index, by name, `keys()`, `dict(row)`). The schema is not
written twice: `schema()` translates the SQLite schema of `databank.schema` into PostgreSQL's dialect,
so a column added there reaches both databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq

# One writer at a time, as SQLite's BEGIN IMMEDIATE: every `transactie` takes this lock, so two
# workers can neither fork the audit chain nor both approve one bericht.
SCHRIJFSLOT = 0x6E6C616C
MIGRATIESLOT = SCHRIJFSLOT + 1


def is_url(doel: object) -> bool:
    """Whether a database target names a PostgreSQL server rather than a SQLite file."""
    return str(doel).startswith(("postgresql://", "postgres://"))


_NAAM = re.compile(r":([A-Za-z_]\w*)")


def zonder_wachtwoord(doel: object) -> str:
    """A database target as shown to people: a password in a URL is never printed."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", str(doel))


@lru_cache(maxsize=4096)
def vertaal(sql: str) -> str:
    """sqlite3's placeholders (`?`, `:naam`) to psycopg's (`%s`, `%(naam)s`), every literal `%`
    doubled; text in quotes keeps its `?` and `:`, and a `::` cast stays a cast."""
    uit: list[str] = []
    aanhaling = ""
    i = 0
    while i < len(sql):
        teken = sql[i]
        naam = None if aanhaling or teken != ":" else _NAAM.match(sql, i)
        if teken == "%":
            uit.append("%%")
        elif aanhaling:
            aanhaling = "" if teken == aanhaling else aanhaling
            uit.append(teken)
        elif teken in "'\"":
            aanhaling = teken
            uit.append(teken)
        elif naam and (i == 0 or sql[i - 1] != ":"):
            uit.append(f"%({naam.group(1)})s")
            i = naam.end()
            continue
        else:
            uit.append("%s" if teken == "?" else teken)
        i += 1
    return "".join(uit)


def _waarden(params: Sequence[Any] | Mapping[str, Any] | None) -> Any:
    # A Python bool would reach PostgreSQL as boolean; the flag columns are integers 0/1.
    if isinstance(params, Mapping):
        return {k: int(p) if isinstance(p, bool) else p for k, p in params.items()}
    return tuple(int(p) if isinstance(p, bool) else p for p in (params or ()))


class Rij:
    """A result row like `sqlite3.Row`: by index, by column name, `keys()`, `dict(row)`."""

    __slots__ = ("_index", "_namen", "_waarden")

    def __init__(self, namen: tuple[str, ...], index: dict[str, int], waarden: Sequence[Any]):
        self._namen = namen
        self._index = index
        self._waarden = tuple(waarden)

    def __getitem__(self, sleutel: int | str | slice) -> Any:
        if isinstance(sleutel, str):
            try:
                return self._waarden[self._index[sleutel.lower()]]
            except KeyError:
                raise IndexError(f"No item with that key: {sleutel}") from None
        return self._waarden[sleutel]

    def keys(self) -> list[str]:
        return list(self._namen)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._waarden)

    def __len__(self) -> int:
        return len(self._waarden)

    def __eq__(self, ander: object) -> bool:
        if isinstance(ander, Rij):
            return self._namen == ander._namen and self._waarden == ander._waarden
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._namen, self._waarden))

    def __repr__(self) -> str:
        return f"Rij({dict(zip(self._namen, self._waarden, strict=True))!r})"


def _rij_fabriek(cursor: Any) -> Callable[[Sequence[Any]], Rij]:
    namen = tuple(kolom.name for kolom in cursor.description or ())
    index = {naam.lower(): i for i, naam in enumerate(namen)}
    return lambda waarden: Rij(namen, index, waarden)


class PgVerbinding:
    """One connection in autocommit mode; `nlalert.db.transactie` opens transactions itself."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.doel = url
        self._conn: psycopg.Connection[Any] = psycopg.connect(
            url,
            autocommit=True,
            row_factory=_rij_fabriek,
        )

    def execute(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> psycopg.Cursor[Any]:
        return self._conn.execute(vertaal(sql), _waarden(params))

    def executemany(self, sql: str, reeks: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        cursor = self._conn.cursor()
        cursor.executemany(vertaal(sql), [_waarden(p) for p in reeks])
        return cursor

    def executescript(self, sql: str) -> None:
        """Several statements without parameters, sent as they are."""
        self._conn.execute(sql.encode("utf-8"))

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def begin(self) -> None:
        """Open a write transaction holding the one write lock."""
        self._conn.execute(b"BEGIN")
        self._conn.execute(f"SELECT pg_advisory_xact_lock({SCHRIJFSLOT})".encode())

    def commit(self) -> None:
        if self.in_transaction:
            self._conn.execute(b"COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._conn.execute(b"ROLLBACK")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PgVerbinding:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- the schema, translated from SQLite's dialect ----------------------------------------------

# Created before the tables: what the SQLite schema takes for granted.
_VOORAF = """
-- user names compare case-insensitively, as SQLite's COLLATE NOCASE
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- the CHECKs on JSON text columns: true when the text parses as JSON
CREATE OR REPLACE FUNCTION json_valid(tekst TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM tekst::jsonb;
    RETURN TRUE;
EXCEPTION WHEN others THEN
    RETURN FALSE;
END;
$$;
"""

# After the tables: the audit log is append-only, as the SQLite triggers make it.
_ACHTERAF = """
CREATE OR REPLACE FUNCTION audit_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit is append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE OR REPLACE TRIGGER audit_geen_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();
CREATE OR REPLACE TRIGGER audit_geen_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();
CREATE OR REPLACE TRIGGER audit_geen_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_toevoegen();
"""

_TYPEN = (
    (
        re.compile(r"\bid INTEGER PRIMARY KEY\b"),
        "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"json_extract\((\w+), '\$\.(\w+)'\)"), r"(\1::jsonb ->> '\2')"),
    (re.compile(r"\bCOLLATE NOCASE\b"), "COLLATE nocase"),
)


def definitie(sql: str) -> str:
    """A column definition or statement in PostgreSQL's types."""
    for patroon, vervanging in _TYPEN:
        sql = patroon.sub(vervanging, sql)
    return sql


def _statements(sqlite_schema: str) -> list[str]:
    zonder = re.sub(r"CREATE TRIGGER .*?\bEND;", "", sqlite_schema, flags=re.S)
    zonder = re.sub(r"--[^\n]*", "", zonder)
    return [s.strip() for s in zonder.split(";") if s.strip()]


_TABEL = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")
_VERWIJZING = re.compile(r"REFERENCES (\w+)")


def schema(sqlite_schema: str) -> str:
    """The SQLite schema in PostgreSQL's dialect; every statement may run again harmlessly.

    Tables come in an order where each follows the tables it refers to (SQLite does not care).
    """
    tabellen: dict[str, str] = {}
    rest: list[str] = []
    for statement in _statements(sqlite_schema):
        if gevonden := _TABEL.match(statement):
            tabellen[gevonden.group(1)] = definitie(statement)
        else:
            rest.append(definitie(statement))
    geordend: list[str] = []

    def plaats(naam: str, bezig: frozenset[str]) -> None:
        if naam in geordend or naam not in tabellen or naam in bezig:
            return
        for doel in _VERWIJZING.findall(tabellen[naam]):
            plaats(doel, bezig | {naam})
        geordend.append(naam)

    for naam in tabellen:
        plaats(naam, frozenset())
    delen = [_VOORAF, *(tabellen[n] + ";" for n in geordend), *(s + ";" for s in rest), _ACHTERAF]
    return "\n".join(delen)


def namen(sqlite_schema: str) -> set[str]:
    """The tables and indexes the schema creates."""
    return set(re.findall(r"CREATE (?:UNIQUE )?(?:TABLE|INDEX) IF NOT EXISTS (\w+)", sqlite_schema))


def bestaande(conn: PgVerbinding) -> tuple[set[str], set[tuple[str, str]]]:
    """The tables and indexes in the connection's schema, and every table's columns."""
    relaties = {
        str(r[0])
        for r in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')"
        )
    }
    kolommen = {
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a"
            " JOIN pg_class c ON c.oid = a.attrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            " AND a.attnum > 0 AND NOT a.attisdropped"
        )
    }
    return relaties, kolommen
