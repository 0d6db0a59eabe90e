"""The machinery behind `nlalert.db`: the schema (`schema`), connections and transactions
(`verbinding`), the PostgreSQL wrapper and schema translation (`postgres`), old SQLite files
(`sqlite_oud`) and the Alembic migrations that both databases share (`migreren`).

Code outside the storage layer imports `nlalert.db`, never this package.
"""
