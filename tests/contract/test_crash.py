"""kill -9 of the web app or of the simulator at each step of send, update and cancel.

Both run as real processes (`nlalert run`, `python -m sim`); a proxy between them holds the one
request we want in flight, and the test kills a process while it is held. After the restart the
app's account of what is on air must equal the simulator's own (GET), and every bericht must be
in a state with an action that works.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from nlalert.accounts import gebruikers, tokens
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from tests.contract.keten import inhoud, sim_actief
from tests.storing import StoringProxy, Vasthouden

pytestmark = pytest.mark.slow
WACHTWOORD = "correct horse battery"
ECBE = "/api/ecbe/v1/message"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
    return poort


def wacht_tot(url: str, seconden: float = 30.0) -> None:
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        with suppress(requests.RequestException):
            if requests.get(url, timeout=1).status_code < 500:
                return
        time.sleep(0.1)
    raise TimeoutError(url)


@dataclass
class Opstelling:
    """The simulator and the app as processes, the proxy between them, and the API tokens."""

    map_: Path
    proxy: StoringProxy
    sim_poort: int
    app_poort: int = field(default_factory=vrije_poort)
    sim: subprocess.Popen[bytes] | None = None
    app: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def sim_url(self) -> str:
        return f"http://127.0.0.1:{self.sim_poort}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.app_poort}"

    def start_sim(self) -> None:
        self.sim = subprocess.Popen(
            [
                *(sys.executable, "-m", "sim", "--port", str(self.sim_poort), "--lui"),
                *("--data-dir", str(self.map_ / "sim")),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wacht_tot(self.sim_url + ECBE)

    def start_app(self) -> None:
        omgeving = {
            **os.environ,
            "NLALERT_SIM_URL": self.proxy.url,
            "NLALERT_SECRET_KEY": "crash",
            "NLALERT_CBC_TIMEOUT": "3",
            "NLALERT_CBC_RETRIES": "1",
        }
        self.app = subprocess.Popen(
            [
                *(sys.executable, "-m", "nlalert", "run", "--no-sim"),
                *("--port", str(self.app_poort), "--instance", str(self.map_ / "app")),
            ],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wacht_tot(self.url + "/login")

    def kill(self, proces: subprocess.Popen[bytes] | None) -> None:
        assert proces is not None
        proces.send_signal(signal.SIGKILL)
        proces.wait(10)

    def api(self, methode: str, pad: str, naam: str = "gert", **kwargs: Any) -> Any:
        antwoord = requests.request(
            methode,
            self.url + pad,
            headers={"Authorization": f"Bearer {self.tokens[naam]}"},
            timeout=60,
            **kwargs,
        )
        assert antwoord.status_code < 500, antwoord.text
        return antwoord.json()

    def goedgekeurd(self, pad: str = "/api/berichten", body: Any = None) -> dict[str, Any]:
        b = self.api("POST", pad, "anna", json=body if body is not None else inhoud())
        b = self.api("POST", f"/api/berichten/{b['id']}/indienen", "anna", json={"versie": 1})
        return dict(
            self.api(
                "POST",
                f"/api/berichten/{b['id']}/goedkeuren",
                json={"inhoud_hash": b["inhoud_hash"]},
            )
        )

    def verzend_op_achtergrond(self, bericht_id: int) -> threading.Thread:
        def verzend() -> None:
            with suppress(requests.RequestException, AssertionError):
                self.api("POST", f"/api/berichten/{bericht_id}/verzenden")

        draad = threading.Thread(target=verzend, daemon=True)
        draad.start()
        return draad

    def app_actief(self) -> set[tuple[int, int]]:
        """What the app says is on air, over all its berichten (API)."""
        uit: set[tuple[int, int]] = set()
        for b in self.api("GET", "/api/berichten")["berichten"]:
            detail = self.api("GET", f"/api/berichten/{b['id']}")
            for u in detail["uitzendingen"]:
                if u["toestand"] == "actief" and u["in_de_lucht"]:
                    uit.add((u["message_identifier"], u["serial_number"]["waarde"]))
        return uit

    def statussen(self) -> dict[int, str]:
        return {b["id"]: b["status"] for b in self.api("GET", "/api/berichten")["berichten"]}

    def stop(self) -> None:
        for proces in (self.app, self.sim):
            if proces is not None and proces.poll() is None:
                proces.kill()
                proces.wait(10)


@pytest.fixture
def opstelling(tmp_path: Path) -> Iterator[Opstelling]:
    sim_poort = vrije_poort()
    with StoringProxy(doel=f"http://127.0.0.1:{sim_poort}") as proxy:
        o = Opstelling(map_=tmp_path, proxy=proxy, sim_poort=sim_poort)
        app = create_app(
            {"DATABASE": str(tmp_path / "app" / "nlalert.sqlite")}, instance_path=tmp_path / "app"
        )
        with closing(verbind(app.config["DATABASE"])) as db:
            init_db(db)
            gebruikers.eerste_beheerder(db)  # as `nlalert run` would: no admin printed later
            methode, gebruikers.HASH_METHODE = gebruikers.HASH_METHODE, "pbkdf2:sha256:1000"
            try:
                for naam, rol in (("anna", Rol.OPSTELLER), ("gert", Rol.GOEDKEURDER)):
                    gebruikers.voeg_toe(db, naam, rol, WACHTWOORD, door="test")
                    o.tokens[naam] = tokens.maak_token(db, naam, door="test")
            finally:
                gebruikers.HASH_METHODE = methode
        try:
            o.start_sim()
            o.start_app()
            yield o
        finally:
            o.stop()


def _vervolg_klaar(o: Opstelling, stap: str) -> int:
    """An approved bericht whose send will make the request `stap` names; its id."""
    if stap == "alert-POST":
        return int(o.goedgekeurd()["id"])
    alert = o.goedgekeurd()
    assert o.api("POST", f"/api/berichten/{alert['id']}/verzenden")["status"] == "verzonden"
    route = "intrekken" if stap.startswith("cancel") else "update"
    vervolg = o.api("POST", f"/api/berichten/{alert['id']}/{route}", "anna")
    b = o.api("POST", f"/api/berichten/{vervolg['id']}/indienen", "anna", json={"versie": 1})
    o.api("POST", f"/api/berichten/{b['id']}/goedkeuren", json={"inhoud_hash": b["inhoud_hash"]})
    return int(b["id"])


def _way_out(o: Opstelling) -> None:
    """Every bericht left half-way gets its action; all end as the simulator says."""
    for bericht_id, status in o.statussen().items():
        if status == "onbekend":
            o.api("POST", f"/api/berichten/{bericht_id}/controleren")
    for bericht_id, status in o.statussen().items():
        if status in ("verzendfout", "onbekend"):
            assert o.api("POST", f"/api/berichten/{bericht_id}/verzenden")["status"] == "verzonden"
    assert all(s in ("verzonden", "vervangen", "ingetrokken") for s in o.statussen().values())
    assert o.app_actief() == sim_actief(o.sim_url)


STAPPEN = {
    "alert-POST": "POST",
    "update-DELETE": "DELETE",
    "update-POST": "POST",
    "cancel-DELETE": "DELETE",
}


@pytest.mark.parametrize("na_doorsturen", [False, True], ids=["voor-de-cbc", "na-de-cbc"])
@pytest.mark.parametrize("stap", list(STAPPEN))
def test_kill_9_of_the_app_mid_send_is_settled_at_restart(
    opstelling: Opstelling, stap: str, na_doorsturen: bool
) -> None:
    o = opstelling
    bericht_id = _vervolg_klaar(o, stap)
    # The first request of that kind is held (an update's DELETE passes before its POST).
    o.proxy.plan_voor(STAPPEN[stap], ECBE, Vasthouden(na_doorsturen=na_doorsturen))
    o.verzend_op_achtergrond(bericht_id)
    assert o.proxy.aangekomen.wait(20)
    if na_doorsturen:
        assert o.proxy.doorgestuurd.wait(20)  # it landed; its answer never will
    # Killed with the request in flight. One held before the CBC stays held, never forwarded:
    # a request whose sender died before it left never arrives.
    o.kill(o.app)
    o.start_app()  # settles what the killed process left, by asking the simulator
    assert o.statussen()[bericht_id] in ("verzonden", "verzendfout", "onbekend")
    assert o.app_actief() == sim_actief(o.sim_url)
    _way_out(o)


@pytest.mark.parametrize("stap", list(STAPPEN))
def test_kill_9_of_the_simulator_mid_send_is_settled_once_it_is_back(
    opstelling: Opstelling, stap: str
) -> None:
    o = opstelling
    bericht_id = _vervolg_klaar(o, stap)
    o.proxy.plan_voor(STAPPEN[stap], ECBE, Vasthouden(na_doorsturen=False))
    draad = o.verzend_op_achtergrond(bericht_id)
    assert o.proxy.aangekomen.wait(20)
    o.kill(o.sim)
    o.proxy.laat_los()  # the request now meets a dead CBC
    draad.join(60)
    status = o.statussen()[bericht_id]
    assert status in ("verzendfout", "onbekend"), status  # never "sent"
    o.start_sim()  # its store survived the kill
    _way_out(o)


def test_nothing_approved_is_lost_while_the_cbc_is_down(opstelling: Opstelling) -> None:
    o = opstelling
    b = o.goedgekeurd()
    o.kill(o.sim)
    na = o.api("POST", f"/api/berichten/{b['id']}/verzenden")
    # The proxy in front answers 502 for a dead CBC: whether it landed is unknown, never "sent".
    assert na["status"] in ("verzendfout", "onbekend")
    assert na["inhoud_hash"] == b["inhoud_hash"] and na["goedkeurder"] == "gert"
    assert not na["in_de_lucht"]
    o.start_sim()
    _way_out(o)  # the approved bericht goes out once the CBC is back
