"""The chain's head, checkpointed outside the database.

After each transaction that wrote audit rows commits, one signed JSON line per row is appended
to a file (`NLALERT_AUDIT_CHECKPOINTS`; by default beside the database in the instance folder):
`{"hash": ..., "hmac": ..., "seq": ..., "tijd": ...}`. A database writer who deletes the last
rows, or rewrites the chain, cannot make the database agree with lines it cannot forge. Only
after the commit: a line for a row that was rolled back would later look like a truncation.

Workers append to the same file; each line is one write under an exclusive lock, so lines never
interleave, though they may land out of seq order. Nothing is synced to disk per line: a lost line
only means an older checkpoint is the newest, never a false alarm.

A restore from a backup (`nlalert db restore`, nlalert.bewaring) takes the log back to an older
head on purpose. It appends one signed restore line, `{"hash", "herstel": <backup name>, "hmac",
"seq", "tijd"}`: the restored head is checkpointed, and what earlier lines named beyond it belongs
to the history the restore replaced. The file stays append-only, so that history stays readable.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nlalert.audit.sleutel import Ondertekening, gelijk

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Checkpoint:
    """One signed line: the row `seq` had hash `hash` when it was stored."""

    seq: int
    hash: str
    tijd: str
    regel: int  # line number in the file, to point at
    herstel: str | None = None  # a restore line: the backup the database was restored from


@dataclass(frozen=True, slots=True, kw_only=True)
class Checkpoints:
    """What the file holds: the good lines by seq, and the line numbers that are not good."""

    per_seq: Mapping[int, Checkpoint] = field(default_factory=dict)
    ongeldig: tuple[int, ...] = ()  # unreadable, or the signature does not match
    tegenstrijdig: tuple[int, ...] = ()  # seqs named with two different hashes
    herstellingen: tuple[Checkpoint, ...] = ()  # the restore lines, oldest first

    @property
    def hoogste(self) -> Checkpoint | None:
        """The checkpoint of the highest seq."""
        return self.per_seq[max(self.per_seq)] if self.per_seq else None


def _ondertekende_tekst(seq: int, hash_: str, tijd: str, herstel: str | None = None) -> str:
    inhoud: dict[str, object] = {"hash": hash_, "seq": seq, "tijd": tijd}
    if herstel is not None:
        # Signed with the rest: an ordinary line cannot be turned into a restore line.
        inhoud["herstel"] = herstel
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":"))


def regel(ondertekening: Ondertekening, *, seq: int, hash_: str, tijd: str) -> str:
    """The line (with its newline) that checkpoints row `seq` with hash `hash_`."""
    inhoud = {
        "hash": hash_,
        "hmac": ondertekening.checkpoint_hmac(_ondertekende_tekst(seq, hash_, tijd)),
        "seq": seq,
        "tijd": tijd,
    }
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":")) + "\n"


def herstelregel(
    ondertekening: Ondertekening, *, seq: int, hash_: str, tijd: str, herstel: str
) -> str:
    """The line that records a restore to head `seq` with hash `hash_` from backup `herstel`."""
    inhoud = {
        "hash": hash_,
        "herstel": herstel,
        "hmac": ondertekening.checkpoint_hmac(_ondertekende_tekst(seq, hash_, tijd, herstel)),
        "seq": seq,
        "tijd": tijd,
    }
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":")) + "\n"


def _schrijf(pad: Path, tekst: str) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(pad, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, tekst.encode("utf-8"))
    finally:
        os.close(fd)  # closing releases the lock


def noteer_herstel(
    pad: Path, ondertekening: Ondertekening, *, seq: int, hash_: str, herstel: str
) -> None:
    """Append the restore line for a database restored to head `seq`; OSError when it fails."""
    tijd = datetime.now(UTC).isoformat()
    _schrijf(pad, herstelregel(ondertekening, seq=seq, hash_=hash_, tijd=tijd, herstel=herstel))


def voeg_toe(pad: Path, ondertekening: Ondertekening, *, seq: int, hash_: str) -> None:
    """Append one checkpoint line; a failure is logged, as the row it names is stored already."""
    tekst = regel(ondertekening, seq=seq, hash_=hash_, tijd=datetime.now(UTC).isoformat())
    try:
        _schrijf(pad, tekst)
    except OSError:
        # The change and its audit row are committed; failing the request now would only
        # make the user repeat it. The missing line shows when the log is verified.
        log.exception("audit-checkpoint voor seq %s niet geschreven naar %s", seq, pad)


def _lees_regel(ruw: bytes, nr: int, ondertekening: Ondertekening) -> Checkpoint | None:
    try:
        inhoud = json.loads(ruw)
    except ValueError:
        return None
    if not isinstance(inhoud, dict) or set(inhoud) - {"herstel"} != {"hash", "hmac", "seq", "tijd"}:
        return None
    seq, hash_, tijd, mac = inhoud["seq"], inhoud["hash"], inhoud["tijd"], inhoud["hmac"]
    herstel = inhoud.get("herstel")
    if not (type(seq) is int and isinstance(hash_, str) and isinstance(tijd, str)):
        return None
    if not isinstance(mac, str) or not hash_.isascii():
        return None
    if "herstel" in inhoud and not isinstance(herstel, str):
        return None
    tekst = _ondertekende_tekst(seq, hash_, tijd, herstel)
    if not gelijk(mac, ondertekening.checkpoint_hmac(tekst)):
        return None
    return Checkpoint(seq=seq, hash=hash_, tijd=tijd, regel=nr, herstel=herstel)


def lees(pad: Path, ondertekening: Ondertekening) -> Checkpoints:
    """Read and check every line; OSError when the file is there but cannot be read."""
    try:
        bestand = open(pad, "rb")  # noqa: SIM115 - closed below; a missing file is an answer
    except FileNotFoundError:
        return Checkpoints()
    per_seq: dict[int, Checkpoint] = {}
    ongeldig: list[int] = []
    tegenstrijdig: set[int] = set()
    herstellingen: list[Checkpoint] = []
    with bestand:
        for nr, ruw in enumerate(bestand, start=1):
            checkpoint = _lees_regel(ruw, nr, ondertekening)
            if checkpoint is None:
                # A last line without its newline is a write cut off by a crash, not tampering.
                if not ruw.endswith(b"\n"):
                    break
                ongeldig.append(nr)
                continue
            if checkpoint.herstel is not None:
                # Restored to this head: the rows checkpointed beyond it were replaced on
                # purpose, and their seqs are given to new rows from here on.
                herstellingen.append(checkpoint)
                for seq in [s for s in per_seq if s > checkpoint.seq]:
                    del per_seq[seq]
                tegenstrijdig = {s for s in tegenstrijdig if s <= checkpoint.seq}
            eerder = per_seq.setdefault(checkpoint.seq, checkpoint)
            if eerder.hash != checkpoint.hash:
                tegenstrijdig.add(checkpoint.seq)
    return Checkpoints(
        per_seq=per_seq,
        ongeldig=tuple(ongeldig),
        tegenstrijdig=tuple(sorted(tegenstrijdig)),
        herstellingen=tuple(herstellingen),
    )
