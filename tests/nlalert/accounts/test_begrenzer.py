"""The login rate limit: per name and address, per address across names, kept in the database
so that every worker process shares it."""

from __future__ import annotations

import threading
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from nlalert.http.beveiliging import BEGRENZER, Begrenzer, TeVeelPogingen
from tests.nlalert.conftest import WACHTWOORD, csrf, maak_gebruiker, rijen


def inloggen(client: FlaskClient, naam: str, wachtwoord: str, ip: str = "10.0.0.1") -> int:
    """Post the login form from this address and return the status."""
    token = csrf(client)
    r = client.post(
        "/login",
        data={"naam": naam, "wachtwoord": wachtwoord, "csrf_token": token},
        environ_base={"REMOTE_ADDR": ip},
    )
    return r.status_code


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    with closing(verbind(tmp_path / "b.sqlite")) as conn:
        init_db(conn)
        yield conn


def test_window_slides_on_an_injected_clock(db) -> None:  # type: ignore[no-untyped-def]
    nu = [1000.0]
    begrenzer = Begrenzer(max_pogingen=2, venster_seconden=60, klok=lambda: nu[0])
    begrenzer.begin(db, "anna", "1.2.3.4")
    begrenzer.begin(db, "anna", "1.2.3.4")
    with pytest.raises(TeVeelPogingen) as fout:
        begrenzer.begin(db, "ANNA ", "1.2.3.4")  # the name as typed, case-folded
    assert fout.value.wacht_seconden == 61
    begrenzer.begin(db, "anna", "5.6.7.8")  # another address has its own count
    nu[0] = 1061.0
    poging = begrenzer.begin(db, "anna", "1.2.3.4")
    begrenzer.gelukt(db, poging)
    begrenzer.begin(db, "anna", "1.2.3.4")
    begrenzer.begin(db, "anna", "1.2.3.4")


def test_old_attempts_leave_the_table(db) -> None:  # type: ignore[no-untyped-def]
    nu = [0.0]
    begrenzer = Begrenzer(max_pogingen=5, venster_seconden=60, klok=lambda: nu[0])
    for i in range(30):
        begrenzer.begin(db, f"naam{i}", f"10.0.0.{i}")
    nu[0] = 61.0
    begrenzer.begin(db, "anna", "1.2.3.4")
    assert db.execute("SELECT count(*) FROM inlogpogingen").fetchone()[0] == 2


def test_one_address_trying_many_names_is_stopped(app: Flask, client: FlaskClient) -> None:
    app.extensions[BEGRENZER] = Begrenzer(max_pogingen=5, max_per_adres=8, venster_seconden=60)
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    for i in range(8):  # one failure per name: the per-name limit never trips
        assert inloggen(client, f"naam{i}", "fout wachtwoord") == 401
    # Even a valid name with its right password now waits, from this address...
    assert inloggen(client, "anna", WACHTWOORD) == 429
    acties = [r[0] for r in rijen(app, "SELECT actie FROM audit WHERE gebruiker = 'anna'")]
    assert acties[-1] == "login_geblokkeerd"
    # ...but not from another one.
    assert inloggen(client, "anna", WACHTWOORD, ip="10.0.0.2") == 302


def test_a_success_does_not_reset_the_address_count(app: Flask, client: FlaskClient) -> None:
    # An attacker holding one valid account cannot log in with it between guesses to start
    # the address's count afresh.
    app.extensions[BEGRENZER] = Begrenzer(max_pogingen=5, max_per_adres=4, venster_seconden=60)
    maak_gebruiker(app, "mallory", Rol.OPSTELLER)
    for i in range(3):
        assert inloggen(client, f"slachtoffer{i}", "gok") == 401
    assert inloggen(client, "mallory", WACHTWOORD) == 302
    client.post("/logout", data={"csrf_token": csrf(client)})
    # Three failures still count (the success itself does not): one more try, then the wait.
    assert inloggen(client, "slachtoffer8", "gok") == 401
    assert inloggen(client, "slachtoffer9", "gok") == 429


def test_the_count_is_shared_by_two_apps_on_one_database(tmp_path: Path) -> None:
    # Two app objects on one database behave like two worker processes: a limit kept in
    # process memory would give each its own five tries.
    config = {
        "TESTING": True,
        "SECRET_KEY": "s",
        "DATABASE": str(tmp_path / "w.sqlite"),
        "LOGIN_MAX_POGINGEN_ADRES": 7,
    }
    eerste = create_app(config, instance_path=tmp_path)
    tweede = create_app(config, instance_path=tmp_path)
    maak_gebruiker(eerste, "anna", Rol.OPSTELLER)
    maak_gebruiker(eerste, "gert", Rol.GOEDKEURDER)
    for i in range(5):
        app = eerste if i % 2 else tweede
        assert inloggen(app.test_client(), "anna", "fout wachtwoord") == 401
    assert inloggen(eerste.test_client(), "anna", WACHTWOORD) == 429
    assert inloggen(tweede.test_client(), "anna", WACHTWOORD) == 429
    # The address's count across names is shared too: two more failures, one in each worker.
    assert inloggen(eerste.test_client(), "bob", "fout") == 401
    assert inloggen(tweede.test_client(), "carla", "fout") == 401
    assert inloggen(eerste.test_client(), "gert", WACHTWOORD) == 429


def test_simultaneous_attempts_never_exceed_the_limit(tmp_path: Path) -> None:
    # Ten attempts at once, each on its own connection as in separate workers: the count is
    # taken before the password check, in one write transaction, so exactly five get through.
    pad = tmp_path / "gelijk.sqlite"
    with closing(verbind(pad)) as conn:
        init_db(conn)
    begrenzer = Begrenzer(max_pogingen=5, max_per_adres=0, venster_seconden=60)
    start = threading.Barrier(10)
    uitslagen: list[bool] = []
    slot = threading.Lock()

    def poging() -> None:
        with closing(verbind(pad)) as conn:
            start.wait()
            try:
                begrenzer.begin(conn, "anna", "1.2.3.4")
                gelukt = True
            except TeVeelPogingen:
                gelukt = False
        with slot:
            uitslagen.append(gelukt)

    draden = [threading.Thread(target=poging) for _ in range(10)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    assert sorted(uitslagen) == [False] * 5 + [True] * 5


def test_an_injected_limiter_governs_the_real_login(app: Flask, client: FlaskClient) -> None:
    # One failure allowed per window, on a clock the test moves: the login form obeys it.
    nu = [1000.0]
    app.extensions[BEGRENZER] = Begrenzer(max_pogingen=1, venster_seconden=60, klok=lambda: nu[0])
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    assert inloggen(client, "anna", "fout wachtwoord") == 401
    r = client.post(
        "/login",
        data={"naam": "anna", "wachtwoord": WACHTWOORD, "csrf_token": csrf(client)},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 61
    nu[0] = 1061.0
    assert inloggen(client, "anna", WACHTWOORD) == 302
