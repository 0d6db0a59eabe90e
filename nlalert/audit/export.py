"""The audit log as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import sqlite3
import unicodedata
from typing import TextIO

CSV_KOLOMMEN = (
    "seq",
    "tijd",
    "gebruiker",
    "actie",
    "bericht_id",
    "inhoud_hash",
    "details",
    "vorige_hash",
    "hash",
    "hmac",
    "request_id",
)

_FORMULE = frozenset("=+-@")


def cel(waarde: object) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    tekst = "" if waarde is None else str(waarde)
    # A typed-in user name must not run on the reviewer's machine. Spreadsheets skip leading
    # blanks and line breaks before a formula, and read the fullwidth signs (＝ ＋ － ＠ and
    # their kin, which NFKC folds to = + - @) as the ASCII ones.
    begin = tekst.lstrip()[:1]
    if tekst[:1] in ("\t", "\r") or unicodedata.normalize("NFKC", begin)[:1] in _FORMULE:
        return "'" + tekst
    return tekst


def exporteer_csv(db: sqlite3.Connection, uit: TextIO) -> int:
    """Write the whole log as CSV (oldest first) and return the number of rows."""
    schrijver = csv.writer(uit)
    schrijver.writerow(CSV_KOLOMMEN)
    aantal = 0
    for rij in db.execute("SELECT * FROM audit ORDER BY seq"):
        bestaande = rij.keys()  # a database from before a column has none
        schrijver.writerow([cel(rij[k] if k in bestaande else None) for k in CSV_KOLOMMEN])
        aantal += 1
    return aantal
