"""Is a backup this app's, and untouched? Its audit log must verify before it replaces anything.

A backup is trusted as far as its audit log is: the hash chain must be whole, every signed row's
HMAC must match this app's audit key, and every row the checkpoint file names must have the hash
named there. A backup that is simply older than the checkpoints is fine: that is what a backup
is. The checkpoint file then learns of the restore (`checkpoints.noteer_herstel`).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, replace

from nlalert.audit import checkpoints
from nlalert.audit import log as audit
from nlalert.audit.sleutel import Ondertekening
from nlalert.bewaring.fouten import BackupAfgekeurd, DatabaseNietLeeg


@dataclass(frozen=True, slots=True, kw_only=True)
class Kop:
    """The head of an audit log: its last row's seq and hash (seq 0: an empty log)."""

    seq: int
    hash: str


LEEG = Kop(seq=0, hash=audit.GENESIS)


def kop(db: sqlite3.Connection) -> Kop:
    """The head of the connection's audit log."""
    rij = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return LEEG if rij is None else Kop(seq=int(rij[0]), hash=str(rij[1]))


def controleer(
    db: sqlite3.Connection, ondertekening: Ondertekening, pad: str | os.PathLike[str]
) -> Kop:
    """The head of the backup open on `db`; BackupAfgekeurd when its log does not verify."""
    # Chain and HMACs first; the checkpoints below, since a head older than theirs is fine.
    uitkomst = audit.verify(db, replace(ondertekening, checkpoints=None))
    if not uitkomst.ok:
        waar = f"seq {uitkomst.eerste_fout}: " if uitkomst.eerste_fout is not None else ""
        raise BackupAfgekeurd(pad, f"{waar}{uitkomst.reden}")
    if ondertekening.checkpoints is not None:
        punten = checkpoints.lees(ondertekening.checkpoints, ondertekening)
        for seq, hash_ in db.execute("SELECT seq, hash FROM audit ORDER BY seq"):
            punt = punten.per_seq.get(int(seq))
            if punt is not None and punt.hash != hash_:
                raise BackupAfgekeurd(
                    pad,
                    f"seq {seq} wijkt af van checkpoint regel {punt.regel}:"
                    " de backup hoort niet bij deze database of is herschreven",
                )
    return kop(db)


def weiger_zonder_force(vorige: Kop | None, *, force: bool) -> None:
    """Refuse to replace a database that holds data (`vorige` is its head), unless forced."""
    if vorige is not None and not force:
        raise DatabaseNietLeeg()


def noteer(ondertekening: Ondertekening, nieuw: Kop, bron: str | os.PathLike[str]) -> None:
    """Tell the checkpoint file that the log was restored to `nieuw` from backup `bron`."""
    if ondertekening.checkpoints is not None:
        checkpoints.noteer_herstel(
            ondertekening.checkpoints,
            ondertekening,
            seq=nieuw.seq,
            hash_=nieuw.hash,
            herstel=os.path.basename(os.fspath(bron)),
        )
