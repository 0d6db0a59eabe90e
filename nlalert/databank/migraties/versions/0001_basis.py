"""The schema as it stood when Alembic took over, and the way older SQLite files reach it.

On SQLite this runs the idempotent init of before: a version 1 file has its berichten table
rebuilt (keeping every row and id), older files get their later columns, and the tables that do
not exist yet are created. On PostgreSQL it creates the translated schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    from nlalert.databank import migreren

    verbinding = op.get_bind()
    ruw = verbinding.connection.dbapi_connection
    if verbinding.dialect.name == "sqlite":
        migreren.sqlite_basis(ruw)  # type: ignore[arg-type]
    else:
        migreren.postgres_basis(ruw)
