"""The audit log's key: an HMAC over every row's hash, with a key the database does not hold.

The hash chain alone shows a changed row only to someone who trusts the database: whoever can
write the file can drop the triggers, change a row and compute every later hash again. The HMAC
needs the key (`NLALERT_AUDIT_KEY`, or `audit_key` in the instance folder), so a database writer
without it cannot make a changed row look right. Because a row's hash covers the hash before it,
one good HMAC vouches for every row up to it.

The app registers the key of its database when it is built; every connection to that database
file in the process then signs, whether it was opened for a request, a command or a test.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from nlalert.databank import migreren, postgres

# Each use of the key signs its own kind of text, so a row's HMAC never passes as a checkpoint's.
_RIJ = b"nlalert-audit-rij\x00"
_CHECKPOINT = b"nlalert-audit-checkpoint\x00"


@dataclass(frozen=True, slots=True, kw_only=True)
class Ondertekening:
    """The key and the file the chain's head is checkpointed in (None: no checkpoints)."""

    sleutel: bytes = field(repr=False)
    checkpoints: Path | None = None

    def rij_hmac(self, hash_: str) -> str:
        """The HMAC of a row, over its hash (which covers the row and every row before it)."""
        return _hmac(self.sleutel, _RIJ + hash_.encode("ascii"))

    def checkpoint_hmac(self, tekst: str) -> str:
        """The HMAC of a checkpoint line's canonical text."""
        return _hmac(self.sleutel, _CHECKPOINT + tekst.encode("utf-8"))


def _hmac(sleutel: bytes, tekst: bytes) -> str:
    return hmac.new(sleutel, tekst, hashlib.sha256).hexdigest()


def gelijk(a: str | None, b: str | None) -> bool:
    """Compare two HMACs in constant time."""
    return a is not None and b is not None and hmac.compare_digest(a, b)


_REGISTER: dict[str, Ondertekening] = {}


def _sleutel_van(pad: str) -> str:
    return pad if postgres.is_url(pad) else os.path.realpath(pad)


def registreer(database: str | os.PathLike[str], ondertekening: Ondertekening) -> None:
    """Sign every audit row written to this database file from now on, in this process."""
    if str(database) in ("", ":memory:"):
        return
    _REGISTER[_sleutel_van(os.fspath(database))] = ondertekening


def voor(conn: sqlite3.Connection) -> Ondertekening | None:
    """The key registered for the connection's database (file or URL), if any."""
    bestand = migreren.doel_van(conn)
    return _REGISTER.get(_sleutel_van(bestand)) if bestand else None


def van_app(app: Flask) -> Ondertekening:
    """The app's key and checkpoint file, from its configuration."""
    # From the environment a key of digits arrives parsed as a number: it is text all the same.
    sleutel = str(app.config["AUDIT_KEY"]).encode("utf-8")
    checkpoints = app.config.get("AUDIT_CHECKPOINTS")
    return Ondertekening(sleutel=sleutel, checkpoints=Path(checkpoints) if checkpoints else None)
