"""Four gunicorn workers on one database: concurrent approvals and sends at one bericht.

`nlalert run --workers 4` serves the app from four processes. Approvers press "approve" and
"send" at the same moment, from different workers. Exactly one approval and one send may win;
the simulator must hold the bericht's broadcasts once, and the audit log must show each step
once. Sessions, the login rate limit and the outbox live in the database, so a request served by
any worker sees the same state.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import requests

from nlalert.accounts import gebruikers, tokens
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import init_db, is_url, verbind
from tests.contract.keten import inhoud, sim_actief
from tests.contract.test_crash import ECBE, vrije_poort, wacht_tot

pytestmark = pytest.mark.slow
WORKERS = 4
GELIJKTIJDIG = 8


class Opstelling:
    """The simulator and `nlalert run --workers 4` as processes, with API tokens."""

    def __init__(self, map_: Path, database: str | None = None) -> None:
        self.map_ = map_
        self.sim_poort, self.app_poort = vrije_poort(), vrije_poort()
        self.tokens: dict[str, str] = {}
        # A SQLite file in the instance folder, or a PostgreSQL URL (NLALERT_DATABASE_URL).
        self.database = database or str(map_ / "app" / "nlalert.sqlite")
        self.processen: list[subprocess.Popen[bytes]] = []

    @property
    def sim_url(self) -> str:
        return f"http://127.0.0.1:{self.sim_poort}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.app_poort}"

    def gebruikers(self) -> None:
        app = create_app({"DATABASE": str(self.database)}, instance_path=self.map_ / "app")
        with closing(verbind(app.config["DATABASE"])) as db:
            init_db(db)
            gebruikers.eerste_beheerder(db)
            methode, gebruikers.HASH_METHODE = gebruikers.HASH_METHODE, "pbkdf2:sha256:1000"
            try:
                for naam, rol in (
                    ("anna", Rol.OPSTELLER),
                    ("gert", Rol.GOEDKEURDER),
                    ("gerda", Rol.GOEDKEURDER),
                ):
                    gebruikers.voeg_toe(db, naam, rol, "correct horse battery", door="test")
                    self.tokens[naam] = tokens.maak_token(db, naam, door="test")
            finally:
                gebruikers.HASH_METHODE = methode

    def start(self) -> None:
        sim = [sys.executable, "-m", "sim", "--port", str(self.sim_poort), "--lui"]
        self.processen.append(
            subprocess.Popen(
                [*sim, "--data-dir", str(self.map_ / "sim")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wacht_tot(self.sim_url + ECBE)
        omgeving = {**os.environ, "NLALERT_SIM_URL": self.sim_url, "NLALERT_SECRET_KEY": "w"}
        if is_url(self.database):
            omgeving["NLALERT_DATABASE_URL"] = self.database
        self.processen.append(
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "nlalert", "run", "--no-sim"),
                    *("--workers", str(WORKERS), "--port", str(self.app_poort)),
                    *("--instance", str(self.map_ / "app")),
                ],
                env=omgeving,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wacht_tot(self.url + "/login")

    def api(self, methode: str, pad: str, naam: str, **kwargs: Any) -> requests.Response:
        return requests.request(
            methode,
            self.url + pad,
            headers={"Authorization": f"Bearer {self.tokens[naam]}"},
            timeout=120,
            **kwargs,
        )

    def stop(self) -> None:
        for proces in reversed(self.processen):
            if proces.poll() is None:
                proces.terminate()
                try:
                    proces.wait(15)
                except subprocess.TimeoutExpired:
                    proces.kill()
                    proces.wait(10)


@pytest.fixture(params=["sqlite", "postgres"])
def opstelling(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opstelling]:
    pg = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    o = Opstelling(tmp_path, pg)
    o.gebruikers()
    try:
        o.start()
        yield o
    finally:
        o.stop()


def tegelijk(aantal: int, actie: Any) -> list[requests.Response]:
    """Run `actie(i)` from `aantal` threads released at the same moment."""
    start = threading.Barrier(aantal)
    uit: list[requests.Response | None] = [None] * aantal

    def draad(i: int) -> None:
        start.wait()
        uit[i] = actie(i)

    draden = [threading.Thread(target=draad, args=(i,)) for i in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(180)
    assert all(r is not None for r in uit)
    return [r for r in uit if r is not None]


def werkers(o: Opstelling, verwacht: int, seconden: float = 30.0) -> set[int]:
    """The pids of the worker processes serving the app (children of the gunicorn master),
    once `verwacht` of them have started."""
    master = o.processen[-1].pid
    eind = time.monotonic() + seconden
    while True:
        kinderen = {
            int(k) for k in Path(f"/proc/{master}/task/{master}/children").read_text().split()
        }
        if len(kinderen) >= verwacht or time.monotonic() > eind:
            return kinderen
        time.sleep(0.2)


def test_four_workers_one_approval_one_send_each_audited_once(opstelling: Opstelling) -> None:
    o = opstelling
    assert len(werkers(o, WORKERS)) == WORKERS
    b = o.api("POST", "/api/berichten", "anna", json=inhoud(talen=["nl", "en", "de"])).json()
    b = o.api("POST", f"/api/berichten/{b['id']}/indienen", "anna", json={"versie": 1}).json()

    # Two approvers, each pressing several times, all at once.
    goedkeuringen = tegelijk(
        GELIJKTIJDIG,
        lambda i: o.api(
            "POST",
            f"/api/berichten/{b['id']}/goedkeuren",
            ("gert", "gerda")[i % 2],
            json={"inhoud_hash": b["inhoud_hash"]},
        ),
    )
    codes = Counter(r.status_code for r in goedkeuringen)
    assert codes[200] == 1 and codes[409] == GELIJKTIJDIG - 1, codes
    goedkeurder = o.api("GET", f"/api/berichten/{b['id']}", "anna").json()["goedkeurder"]
    verzender = "gerda" if goedkeurder == "gert" else "gert"  # four eyes: the other one sends

    verzendingen = tegelijk(
        GELIJKTIJDIG,
        lambda _i: o.api("POST", f"/api/berichten/{b['id']}/verzenden", verzender),
    )
    codes = Counter(r.status_code for r in verzendingen)
    assert codes[200] >= 1 and all(c < 500 for c in codes), codes
    geslaagd = [r.json() for r in verzendingen if r.status_code == 200]
    assert {x["status"] for x in geslaagd} <= {"verzonden", "verzenden"}
    eind = o.api("GET", f"/api/berichten/{b['id']}", "anna").json()
    assert eind["status"] == "verzonden"

    # The CBC holds each broadcast of the bericht exactly once: nl+en, and de on its own.
    uit = {(u["message_identifier"], u["serial_number"]["waarde"]) for u in eind["uitzendingen"]}
    assert len(uit) == 2 and sim_actief(o.sim_url) == uit

    with closing(verbind(o.database)) as db:
        acties = Counter(
            actie
            for (actie,) in db.execute("SELECT actie FROM audit WHERE bericht_id = ?", (b["id"],))
        )
        operaties = [
            tuple(r)
            for r in db.execute(
                "SELECT operatie, toestand FROM outbox WHERE bericht_id = ?", (b["id"],)
            )
        ]
    assert acties["goedkeuren"] == 1 and acties["verzonden"] == 1, acties
    assert acties["cbc"] == 2, acties  # one send operation per broadcast, none repeated
    assert sorted(operaties) == [("verzend", "gedaan")] * 2
