"""Persistence of accepted broadcasts in one SQLite file, so that none is lost across a restart.

Test and exercise broadcasts (message identifiers 4380, 4381, 4393, 4394) live in their own table,
`oefeningen`, apart from the real ones in `uitzendingen`: a list of real broadcasts can never
contain an exercise by mistake.

A broadcast is named by (message id, message code), as phones tell broadcasts apart; several with
different message codes run side by side on one message id. A partial unique index on that pair
over the active rows lets SQLite, not a check before the insert, decide between two concurrent
POSTs.

A broadcast with num_of_bcast > 0 ends by itself. No thread watches the clock: every operation
first settles the broadcasts whose end has passed (their `gestopt` becomes their `eindigt`), in
the same transaction, so no caller ever sees an ended broadcast as active.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.ecbe.uitzending import Uitzending
from sim.fouten import AlActief, GeenActief, MeerdereActief
from sim.service.opgeslagen import Opgeslagen, Soort
from sim.service.schema import bijwerken, tijd

STANDAARD_MAP = Path("instance") / "sim"
BESTAND = "sim.sqlite3"

Klok = Callable[[], datetime]


def nu() -> datetime:
    """The real clock (timezone-aware, UTC)."""
    return datetime.now(UTC)


class Opslag:
    """SQLite store in a data dir: the argument, else env `SIM_DATA_DIR`, else ./instance/sim."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None, klok: Klok = nu) -> None:
        gekozen = data_dir if data_dir is not None else os.environ.get("SIM_DATA_DIR")
        self.map = Path(gekozen) if gekozen else STANDAARD_MAP
        self.map.mkdir(parents=True, exist_ok=True)
        self.pad = self.map / BESTAND
        self.klok = klok
        with closing(self._verbind()) as con:
            bijwerken(con, [s.tabel for s in Soort])

    def _verbind(self) -> sqlite3.Connection:
        # Autocommit mode: we open every transaction ourselves (BEGIN IMMEDIATE).
        con = sqlite3.connect(self.pad, timeout=10, isolation_level=None)
        con.row_factory = sqlite3.Row
        return con

    @contextmanager
    def _transactie(self) -> Iterator[sqlite3.Connection]:
        # One short connection per operation: the threaded server calls us from many threads, and
        # each committed transaction is on disk before the client hears 201. IMMEDIATE because
        # every operation may write (settling ended broadcasts) and a deferred read that later
        # wants to write can fail with SQLITE_BUSY instead of waiting.
        with closing(self._verbind()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                moment = tijd(self.klok())
                for soort in Soort:
                    con.execute(
                        f"UPDATE {soort.tabel} SET gestopt = eindigt"
                        " WHERE gestopt IS NULL AND eindigt <= ?",
                        (moment,),
                    )
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

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
        """Store an accepted broadcast; raise `AlActief` when its (id, code) is still active."""
        soort = Soort.van(uitzending.message_id)
        duur = uitzending.duur
        rij = (
            uitzending.message_id,
            uitzending.serial.encoded,
            uitzending.serial.msg_code,
            uitzending.dcs,
            json.dumps(uitzending.to_ecbe_json(), ensure_ascii=False),
            tekst,
            taal,
            None if bereik is None else json.dumps(bereik, ensure_ascii=False),
            json.dumps(list(waarschuwingen), ensure_ascii=False),
            uitzending.alert,
            tijd(ontvangen),
            None if duur is None else tijd(ontvangen + duur),
            uitzending.oefening_id,
        )
        try:
            with self._transactie() as con:
                opgeslagen = con.execute(
                    f"INSERT INTO {soort.tabel} (message_id, serial, msg_code, dcs, verzoek, tekst,"
                    " taal, bereik, waarschuwingen, alert, ontvangen, eindigt, oefening_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                    rij,
                ).fetchall()[0]  # fetch all: a RETURNING statement left open blocks the COMMIT
        except sqlite3.IntegrityError as exc:
            raise AlActief(uitzending.message_id, uitzending.serial.msg_code) from exc
        return _opgeslagen(soort, opgeslagen)

    def stop(self, message_id: int, msg_code: int | None, moment: datetime) -> Opgeslagen:
        """Stop the active broadcast on this id (and code); `GeenActief`, `MeerdereActief`."""
        soort = Soort.van(message_id)
        with self._transactie() as con:
            rijen = _actief(con, soort, message_id, msg_code)
            if not rijen:
                raise GeenActief(message_id, msg_code)
            if len(rijen) > 1:
                raise MeerdereActief(message_id)
            gestopt = con.execute(
                f"UPDATE {soort.tabel} SET gestopt = ? WHERE nr = ? RETURNING *",
                (tijd(moment), rijen[0]["nr"]),
            ).fetchall()[0]
        return _opgeslagen(soort, gestopt)

    def actief(
        self, message_id: int | None = None, msg_code: int | None = None
    ) -> list[Opgeslagen]:
        """The active broadcasts (on one message id, and code), in order of receipt."""
        soorten = list(Soort) if message_id is None else [Soort.van(message_id)]
        with self._transactie() as con:
            alle = [
                _opgeslagen(s, rij)
                for s in soorten
                for rij in _actief(con, s, message_id, msg_code)
            ]
        return sorted(alle, key=lambda o: o.ontvangen)

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
        with self._transactie() as con:
            rij = con.execute(
                f"SELECT * FROM {soort.tabel} WHERE nr = ?", (int(nr_tekst),)
            ).fetchone()
        return None if rij is None else _opgeslagen(soort, rij)

    def laatste(self, message_id: int) -> Opgeslagen | None:
        """The newest active broadcast with this message id, else the newest one, else None."""
        soort = Soort.van(message_id)
        with self._transactie() as con:
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
        with self._transactie() as con:
            for s in soorten:
                rijen = con.execute(f"SELECT * FROM {s.tabel} ORDER BY nr DESC")
                alle.extend(_opgeslagen(s, rij) for rij in rijen)
        return sorted(alle, key=lambda o: o.ontvangen, reverse=True)

    def van_oefening(self, oefening_id: str) -> list[Opgeslagen]:
        """Every broadcast that names this exercise, in order of receipt."""
        with self._transactie() as con:
            rijen = con.execute(
                f"SELECT * FROM {Soort.OEFENING.tabel} WHERE oefening_id = ? ORDER BY nr",
                (oefening_id,),
            ).fetchall()
        return [_opgeslagen(Soort.OEFENING, r) for r in rijen]

    def wis_oefening(self, oefening_id: str) -> int:
        """Clear one exercise's broadcasts from the exercise store (active ones stop with them);
        every other broadcast stays. Returns how many were cleared."""
        with self._transactie() as con:
            cur = con.execute(
                f"DELETE FROM {Soort.OEFENING.tabel} WHERE oefening_id = ?", (oefening_id,)
            )
            return int(cur.rowcount)

    def van_alert(self, alert: str) -> list[Opgeslagen]:
        """Every broadcast of one alert, exercises included, in order of receipt."""
        alle: list[Opgeslagen] = []
        with self._transactie() as con:
            for s in Soort:
                rijen = con.execute(f"SELECT * FROM {s.tabel} WHERE alert = ?", (alert,))
                alle.extend(_opgeslagen(s, rij) for rij in rijen)
        return sorted(alle, key=lambda o: o.ontvangen)


def _actief(
    con: sqlite3.Connection, soort: Soort, message_id: int | None, msg_code: int | None
) -> list[sqlite3.Row]:
    voorwaarden = ["gestopt IS NULL"]
    waarden: list[int] = []
    if message_id is not None:
        voorwaarden.append("message_id = ?")
        waarden.append(message_id)
    if msg_code is not None:
        voorwaarden.append("msg_code = ?")
        waarden.append(msg_code)
    return con.execute(
        f"SELECT * FROM {soort.tabel} WHERE {' AND '.join(voorwaarden)} ORDER BY nr", waarden
    ).fetchall()


def _id(soort: Soort, nr: int) -> str:
    return f"{soort.value}-{nr}"


def _moment(tekst: str | None) -> datetime | None:
    return None if tekst is None else datetime.fromisoformat(tekst)


def _opgeslagen(soort: Soort, rij: sqlite3.Row) -> Opgeslagen:
    verzoek = json.loads(rij["verzoek"])
    ontvangen = datetime.fromisoformat(rij["ontvangen"])
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
        alert=rij["alert"],
        ontvangen=ontvangen,
        eindigt=_moment(rij["eindigt"]),
        gestopt=_moment(rij["gestopt"]),
        oefening_id=rij["oefening_id"],
    )
