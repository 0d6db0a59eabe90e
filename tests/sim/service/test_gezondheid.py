"""`GET /healthz` over a real HTTP server: 503 until the reach model is loaded, 200 after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from flask import Flask

from sim import Simulator
from sim.service import create_app, serve_in_thread
from sim.service.staat import staat_van
from tests.sim.service.dienst import maak_app


@contextmanager
def _bediend(app: Flask) -> Iterator[str]:
    url, stop = serve_in_thread(app)
    try:
        yield url
    finally:
        stop()


def test_healthz_is_200_json_when_the_model_is_there(tmp_path: Path) -> None:
    with _bediend(maak_app(tmp_path)) as url:
        antwoord = requests.get(f"{url}/healthz", timeout=5)
    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Type"].startswith("application/json")
    assert antwoord.json()["status"] == "gereed"


def test_healthz_is_503_until_loaded_then_200(tmp_path: Path, simulator: Simulator) -> None:
    # `simulator` has the real model in memory already, so loading it here is instant.
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True})
    with _bediend(app) as url:
        voor = requests.get(f"{url}/healthz", timeout=5)
        staat_van(app).laad_op_achtergrond().join(timeout=60)
        na = requests.get(f"{url}/healthz", timeout=5)
    assert voor.status_code == 503
    assert voor.json()["status"] == "laden"
    assert na.status_code == 200
    assert na.json()["status"] == "gereed"


def test_a_failed_load_keeps_healthz_at_503_with_the_reason(tmp_path: Path) -> None:
    app = maak_app(tmp_path)
    staat = staat_van(app)
    staat._simulator = None  # as if never loaded, and loading fails:
    staat.laadfout = "OSError: geen gegevens"
    with _bediend(app) as url:
        antwoord = requests.get(f"{url}/healthz", timeout=5)
    assert antwoord.status_code == 503
    assert antwoord.json() == {"status": "fout", "reden": "OSError: geen gegevens"}
