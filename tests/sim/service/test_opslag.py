"""The store: SQLite itself refuses a second active (message_id, msg_code), stores made by the
previous version open with their rows, and everything survives a restart."""

from __future__ import annotations

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sim.ecbe.parse import parse_uitzending
from sim.fouten import AlActief
from sim.service.opslag import Opslag
from tests.sim.service.dienst import ECBE, Klok, bericht, maak_app


def bewaar(opslag: Opslag, msg_code: int = 5) -> str:
    return opslag.bewaar(
        uitzending=parse_uitzending(bericht(msg_code=msg_code)),
        tekst="Brand in Utrecht",
        taal="nl",
        bereik=None,
        waarschuwingen=[],
        ontvangen=datetime(2026, 6, 1, 10, tzinfo=UTC),
    ).id


def test_sqlite_refuses_a_second_active_pair_without_any_check_before_it(tmp_path: Path) -> None:
    # Two stores on one file stand for two processes; `bewaar` itself checks nothing first.
    eerste, tweede = Opslag(tmp_path), Opslag(tmp_path)
    bewaar(eerste)
    with pytest.raises(AlActief) as info:
        bewaar(tweede)
    assert info.value.reden == "bericht met message_id 4370 en msg_code 5 is al actief"
    bewaar(tweede, msg_code=6)


def test_concurrent_posts_of_one_pair_have_one_winner(tmp_path: Path) -> None:
    Opslag(tmp_path)  # create the schema before the race
    start = threading.Barrier(8)

    def poging(_: int) -> bool:
        opslag = Opslag(tmp_path)
        start.wait()
        try:
            bewaar(opslag)
        except AlActief:
            return False
        return True

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(poging, range(8))) == [False] * 7 + [True]


# The schema as the previous version created it: one active broadcast per message id.
OUD_SCHEMA = """
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


def oude_opslag(pad: Path) -> None:
    """A sim.sqlite3 as the previous version wrote it, with rows in both tables."""
    rijen = [
        # table, message id, num_of_bcast, received, stopped
        ("uitzendingen", 4370, 0, "2026-05-01T08:00:00+00:00", None),
        ("uitzendingen", 4371, 10, "2026-05-01T08:00:00.250000+00:00", None),
        ("uitzendingen", 4370, 0, "2026-04-01T08:00:00+00:00", "2026-04-01T09:00:00+00:00"),
        ("oefeningen", 4381, 0, "2026-05-02T08:00:00+00:00", None),
    ]
    with closing(sqlite3.connect(pad / "sim.sqlite3")) as con, con:
        for tabel in ("uitzendingen", "oefeningen"):
            con.executescript(OUD_SCHEMA.format(tabel=tabel))
        for tabel, message_id, aantal, ontvangen, gestopt in rijen:
            verzoek = bericht(message_id, num_of_bcast=aantal)
            verzoek["smscb_message"]["serial_nr"] = {"serial_nr_encoded": (1 << 14) | (5 << 4)}
            con.execute(
                f"INSERT INTO {tabel} (message_id, serial, dcs, verzoek, tekst, taal, bereik,"
                " waarschuwingen, ontvangen, gestopt) VALUES (?, ?, 5, ?, ?, 'nl', ?, '[]', ?, ?)",
                (
                    message_id,
                    (1 << 14) | (5 << 4),
                    json.dumps(verzoek),
                    f"oud {message_id}",
                    json.dumps({"bereikt": 7}),
                    ontvangen,
                    gestopt,
                ),
            )


def test_a_store_of_the_previous_version_opens_with_its_rows(tmp_path: Path, klok: Klok) -> None:
    oude_opslag(tmp_path)
    client = maak_app(tmp_path, KLOK=klok).test_client()

    lijst = client.get("/api/v1/broadcasts").get_json()["broadcasts"]
    assert sorted((b["message_id"], b["status"]) for b in lijst) == [
        (4370, "actief"),
        (4370, "gestopt"),
        (4371, "gestopt"),  # 10 x 32 x 1.883 s after 1 May: ended long before "now"
        (4381, "actief"),
    ]
    assert {b["tekst"] for b in lijst} == {"oud 4370", "oud 4371", "oud 4381"}
    afgelopen = client.get("/api/v1/broadcasts/4371").get_json()
    assert afgelopen["gestopt"] == afgelopen["eindigt"] == "2026-05-01T10:10:02.810000+02:00"
    assert afgelopen["bereik"] == {"bereikt": 7}

    assert client.post(ECBE, json=bericht(4370, msg_code=5)).status_code == 409  # still active
    assert client.post(ECBE, json=bericht(4370, msg_code=6)).status_code == 201  # new index
    assert client.post(ECBE, json=bericht(4381, msg_code=5)).status_code == 409
    assert client.delete(f"{ECBE}/4370?msg_code=5").status_code == 200

    with closing(sqlite3.connect(tmp_path / "sim.sqlite3")) as con:
        assert con.execute("PRAGMA user_version").fetchone() == (2,)
        # Version 2 names the sender's exercise; older rows name none.
        assert {r[0] for r in con.execute("SELECT oefening_id FROM oefeningen")} == {None}
        indexen = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "uitzendingen_actief" not in indexen and "uitzendingen_actief_code" in indexen


def test_broadcasts_alerts_and_ends_survive_a_restart(tmp_path: Path, klok: Klok) -> None:
    eerste = maak_app(tmp_path, KLOK=klok).test_client()
    assert eerste.post(ECBE, json=bericht(msg_code=5, alert="a-1")).status_code == 201
    assert eerste.post(ECBE, json=bericht(msg_code=6, num_of_bcast=1)).status_code == 201
    assert eerste.post(ECBE, json=bericht(4381, msg_code=5, alert="a-1")).status_code == 201

    tweede = maak_app(tmp_path, KLOK=klok).test_client()
    codes = [
        m["serial_nr"]["serial_nr_decoded"]["msg_code"] for m in tweede.get(ECBE).json["messages"]
    ]
    assert codes == [5, 6, 5]
    assert tweede.post(ECBE, json=bericht(msg_code=6)).status_code == 409
    assert [b["message_id"] for b in tweede.get("/api/v1/alerts/a-1").json["broadcasts"]] == [
        4370,
        4381,
    ]
    klok.verzet(61)  # the second has ended (1 x 32 x 1.883 s), in the restarted app too
    assert tweede.post(ECBE, json=bericht(msg_code=6)).status_code == 201
    assert tweede.delete(f"{ECBE}/4370").status_code == 409  # 5 and the new 6 are active
