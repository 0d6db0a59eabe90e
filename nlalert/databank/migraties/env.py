"""Alembic's entry point: runs the revisions over the connection `nlalert.db.upgrade` opened."""

from __future__ import annotations

from alembic import context

verbinding = context.config.attributes["connection"]
context.configure(connection=verbinding, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
