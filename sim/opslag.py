"""Persistence of accepted broadcasts in one SQLite file, so that none is lost across a restart.

Test and exercise broadcasts (message identifiers 4380, 4381, 4393, 4394) live in their own table,
`oefeningen`, apart from the real ones in `uitzendingen`: a list of real broadcasts can never
contain an exercise by mistake. Each table has a partial unique index on the message id of the
broadcasts still active, so two concurrent POSTs with the same id cannot both be accepted.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sim.ecbe import OEFEN_IDS, Serienummer, Uitzending

STANDAARD_MAP = Path("instance") / "sim"
BESTAND = "sim.sqlite3"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Soort(StrEnum):
    """Which store a broadcast belongs to."""

    ECHT = "echt"
    OEFENING = "oefening"

    @property
    def tabel(self) -> str:
        """The SQLite table of this kind."""
        return "oefeningen" if self is Soort.OEFENING else "uitzendingen"

    @classmethod
    def van(cls, message_id: int) -> Soort:
        """The kind a message identifier belongs to."""
        return cls.OEFENING if message_id in OEFEN_IDS else cls.ECHT


class AlActief(Exception):
    """A broadcast with this message id is still active."""

    def __init__(self, message_id: int) -> None:
        self.message_id = message_id
        self.reden = f"bericht met message_id {message_id} is al actief"
        super().__init__(self.reden)


@dataclass(frozen=True, slots=True, kw_only=True)
class Opgeslagen:
    """One stored broadcast with its decoded text and reach report."""

    id: str
    soort: Soort
    message_id: int
    serial: int
    dcs: int
    paginas: tuple[str, ...]
    tekst: str
    taal: str | None
    bereik: Mapping[str, Any] | None
    waarschuwingen: tuple[str, ...]
    verzoek: Mapping[str, Any]
    ontvangen: datetime
    gestopt: datetime | None

    @property
    def oefening(self) -> bool:
        """Whether this is a test or exercise broadcast."""
        return self.soort is Soort.OEFENING

    @property
    def status(self) -> str:
        """`actief` until a DELETE stopped it, then `gestopt`."""
        return "actief" if self.gestopt is None else "gestopt"

    def samenvatting(self) -> dict[str, Any]:
        """The short JSON shape used in lists."""
        return {
            "id": self.id,
            "message_id": self.message_id,
            "status": self.status,
            "oefening": self.oefening,
            "tekst": self.tekst,
            "ontvangen": self.ontvangen.astimezone(AMSTERDAM).isoformat(),
        }

    def to_dict(self) -> dict[str, Any]:
        """The full JSON shape of `GET /api/v1/broadcasts/<id>`."""
        return self.samenvatting() | {
            "serial": Serienummer.uit_encoded(self.serial).to_dict(),
            "dcs": self.dcs,
            "taal": self.taal,
            "pages": list(self.paginas),
            "gestopt": None
            if self.gestopt is None
            else self.gestopt.astimezone(AMSTERDAM).isoformat(),
            "waarschuwingen": list(self.waarschuwingen),
            "area": self.verzoek.get("area"),
            "bereik": self.bereik,
        }


_SCHEMA = """
CREATE TABLE IF NOT EXISTS {tabel} (
    nr INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    dcs INTEGER NOT NULL,
    verzoek TEXT NOT NULL,
    tekst TEXT NOT NULL,
    taal TEXT,
    bereik TEXT,
    waarschuwingen TEXT NOT NULL,
    ontvangen TEXT NOT NULL,
    gestopt TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS {tabel}_actief ON {tabel}(message_id) WHERE gestopt IS NULL;
"""


class Opslag:
    """SQLite store in a data dir: the argument, else env `SIM_DATA_DIR`, else ./instance/sim."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        gekozen = data_dir if data_dir is not None else os.environ.get("SIM_DATA_DIR")
        self.map = Path(gekozen) if gekozen else STANDAARD_MAP
        self.map.mkdir(parents=True, exist_ok=True)
        self.pad = self.map / BESTAND
        with self._verbinding() as con:
            for soort in Soort:
                con.executescript(_SCHEMA.format(tabel=soort.tabel))

    @contextmanager
    def _verbinding(self) -> Iterator[sqlite3.Connection]:
        # One short connection per operation: the threaded server calls us from many threads, and
        # each committed transaction is on disk before the client hears 201.
        with closing(sqlite3.connect(self.pad, timeout=10)) as con, con:
            con.row_factory = sqlite3.Row
            yield con

    def bewaar(
        self,
        *,
        uitzending: Uitzending,
        tekst: str,
        taal: str | None,
        bereik: Mapping[str, Any] | None,
        waarschuwingen: Sequence[str],
        ontvangen: datetime,
    ) -> Opgeslagen:
        """Store an accepted broadcast; raise `AlActief` when its message id is still active."""
        soort = Soort.van(uitzending.message_id)
        rij = (
            uitzending.message_id,
            uitzending.serial.encoded,
            uitzending.dcs,
            json.dumps(uitzending.to_ecbe_json(), ensure_ascii=False),
            tekst,
            taal,
            None if bereik is None else json.dumps(bereik, ensure_ascii=False),
            json.dumps(list(waarschuwingen), ensure_ascii=False),
            ontvangen.astimezone(UTC).isoformat(),
        )
        try:
            with self._verbinding() as con:
                cur = con.execute(
                    f"INSERT INTO {soort.tabel} (message_id, serial, dcs, verzoek, tekst, taal,"
                    " bereik, waarschuwingen, ontvangen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rij,
                )
                nr = cur.lastrowid
        except sqlite3.IntegrityError as exc:
            raise AlActief(uitzending.message_id) from exc
        assert nr is not None
        opgeslagen = self.haal(_id(soort, nr))
        assert opgeslagen is not None
        return opgeslagen

    def stop(self, message_id: int, moment: datetime) -> Opgeslagen | None:
        """Mark the active broadcast with this message id as stopped; None when none is active."""
        soort = Soort.van(message_id)
        with self._verbinding() as con:
            rij = con.execute(
                f"UPDATE {soort.tabel} SET gestopt = ? WHERE message_id = ? AND gestopt IS NULL"
                " RETURNING nr",
                (moment.astimezone(UTC).isoformat(), message_id),
            ).fetchone()
        return None if rij is None else self.haal(_id(soort, rij[0]))

    def haal(self, id: str) -> Opgeslagen | None:
        """The broadcast with this id (`echt-12`, `oefening-3`), or None."""
        soort_tekst, _, nr_tekst = id.partition("-")
        # ASCII digits only, and within SQLite's integer range: '²' passes isdigit() but not int(),
        # and a 30-digit number overflows; both are simply unknown ids, never a 500.
        if (
            soort_tekst not in {s.value for s in Soort}
            or not (nr_tekst.isascii() and nr_tekst.isdigit())
            or len(nr_tekst) > 18
        ):
            return None
        soort = Soort(soort_tekst)
        with self._verbinding() as con:
            rij = con.execute(
                f"SELECT * FROM {soort.tabel} WHERE nr = ?", (int(nr_tekst),)
            ).fetchone()
        return None if rij is None else _opgeslagen(soort, rij)

    def laatste(self, message_id: int) -> Opgeslagen | None:
        """The active broadcast with this message id, else the most recent one, else None."""
        soort = Soort.van(message_id)
        with self._verbinding() as con:
            rij = con.execute(
                f"SELECT * FROM {soort.tabel} WHERE message_id = ?"
                " ORDER BY gestopt IS NULL DESC, nr DESC LIMIT 1",
                (message_id,),
            ).fetchone()
        return None if rij is None else _opgeslagen(soort, rij)

    def lijst(self, soort: Soort | None = None) -> list[Opgeslagen]:
        """Every stored broadcast of one kind (or both), newest first."""
        soorten = [soort] if soort is not None else list(Soort)
        alle: list[Opgeslagen] = []
        with self._verbinding() as con:
            for s in soorten:
                rijen = con.execute(f"SELECT * FROM {s.tabel} ORDER BY nr DESC")
                alle.extend(_opgeslagen(s, rij) for rij in rijen)
        return sorted(alle, key=lambda o: o.ontvangen, reverse=True)


def _id(soort: Soort, nr: int) -> str:
    return f"{soort.value}-{nr}"


def _opgeslagen(soort: Soort, rij: sqlite3.Row) -> Opgeslagen:
    verzoek = json.loads(rij["verzoek"])
    return Opgeslagen(
        id=_id(soort, rij["nr"]),
        soort=soort,
        message_id=rij["message_id"],
        serial=rij["serial"],
        dcs=rij["dcs"],
        paginas=tuple(verzoek["smscb_message"]["payload"]["payload_encoded"]["pages"]),
        tekst=rij["tekst"],
        taal=rij["taal"],
        bereik=None if rij["bereik"] is None else json.loads(rij["bereik"]),
        waarschuwingen=tuple(json.loads(rij["waarschuwingen"])),
        verzoek=verzoek,
        ontvangen=datetime.fromisoformat(rij["ontvangen"]),
        gestopt=None if rij["gestopt"] is None else datetime.fromisoformat(rij["gestopt"]),
    )
