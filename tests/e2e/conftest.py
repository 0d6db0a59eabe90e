"""Real servers and a real browser: the web app and the simulator on loopback, Debian Chromium.

Playwright drives /usr/bin/chromium (installed by `make test` through apt-get); it never downloads
a browser of its own. Screenshots go to docs/ when NLALERT_DOCS_SCREENSHOTS=1.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from tests.simulator import draaiende_simulator

CHROMIUM = Path("/usr/bin/chromium")
WACHTWOORD = "een-lang-wachtwoord-voor-e2e"
DOCS = Path(__file__).parents[2] / "docs"
MOERDIJK = {
    "type": "Polygon",
    "coordinates": [[[4.58, 51.68], [4.66, 51.68], [4.66, 51.71], [4.58, 51.71], [4.58, 51.68]]],
}

pytestmark = pytest.mark.e2e


@dataclass(frozen=True, slots=True, kw_only=True)
class Omgeving:
    """The running product: web URL, simulator URL, the Flask app and a place for files."""

    url: str
    sim_url: str
    app: Flask
    map_: Path


@pytest.fixture
def sim_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A fresh simulator per test: like osmo-cbc it keeps one active broadcast per message id, so
    # one test's running exercise on 4381 would block the next test's.
    with draaiende_simulator(tmp_path_factory.mktemp("e2e-sim")) as url:
        yield url


@pytest.fixture
def omgeving(tmp_path: Path, sim_url: str) -> Iterator[Omgeving]:
    app = create_app(
        {
            "SECRET_KEY": "e2e",
            "SIM_URL": sim_url,
            "SESSION_COOKIE_SECURE": False,  # plain http on loopback
            "AFZENDER_NAAM": "Veiligheidsregio Midden- en West-Brabant",
        },
        instance_path=tmp_path / "instance",
    )
    with closing(verbind(app.config["DATABASE"])) as db:
        init_db(db)
        gebruikers.voeg_toe(db, "anna", Rol.OPSTELLER, WACHTWOORD, door="e2e")
        gebruikers.voeg_toe(db, "gert", Rol.GOEDKEURDER, WACHTWOORD, door="e2e")
        gebruikers.voeg_toe(db, "tim", Rol.OPSTELLER, WACHTWOORD, training=True, door="e2e")
        gebruikers.voeg_toe(db, "bea", Rol.BEHEER, WACHTWOORD, door="e2e")  # may draft and approve
    server = make_server("127.0.0.1", 0, app, threaded=True)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    gebied = tmp_path / "moerdijk.geojson"
    gebied.write_text(json.dumps(MOERDIJK), encoding="utf-8")
    try:
        yield Omgeving(
            url=f"http://127.0.0.1:{server.server_port}", sim_url=sim_url, app=app, map_=tmp_path
        )
    finally:
        server.shutdown()
        draad.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium ontbreekt: `make test` installeert het met apt-get")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="nl-NL")
    pagina = context.new_page()
    pagina.set_default_timeout(20_000)
    try:
        yield pagina
    finally:
        context.close()


def inloggen(page: Page, url: str, naam: str) -> None:
    """Log in through the real form."""
    page.goto(url + "/login")
    page.fill("#naam", naam)
    page.fill("#wachtwoord", WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def uitloggen(page: Page) -> None:
    """Log out through the real button."""
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def schermafdruk(page: Page, naam: str, map_: Path) -> Path:
    """A full-page screenshot: into docs/ when asked, else next to the test's files."""
    doel = DOCS if os.environ.get("NLALERT_DOCS_SCREENSHOTS") == "1" else map_
    pad = doel / naam
    page.screenshot(path=str(pad), full_page=True)
    return pad
