"""Identical reach requests are answered from a bounded cache, over a real HTTP server."""

from __future__ import annotations

import threading
from pathlib import Path

import requests

from sim.service import serve_in_thread
from sim.service.antwoordcache import Antwoord, Antwoordcache
from sim.service.staat import staat_van
from tests.sim.service.dienst import UTRECHT, Klok, NepSimulator, maak_app

REACH = "/api/v1/reach"


def test_identical_areas_hit_the_cache_other_areas_and_minutes_do_not(tmp_path: Path) -> None:
    klok = Klok()
    app = maak_app(tmp_path, KLOK=klok)
    kern = staat_van(app).simulator()
    assert isinstance(kern, NepSimulator)
    url, stop = serve_in_thread(app)
    try:
        with requests.Session() as sessie:
            eerste = sessie.post(f"{url}{REACH}", json={"area": UTRECHT}, timeout=5)
            # The same area with its keys in another order is the same area.
            zelfde = sessie.post(
                f"{url}{REACH}", json={"area": dict(reversed(UTRECHT.items()))}, timeout=5
            )
            assert len(kern.kanalen) == 1
            cirkel = {"circle": {"lat": 52.1, "lon": 5.1, "radius_km": 2}}
            sessie.post(f"{url}{REACH}", json={"area": cirkel}, timeout=5)
            assert len(kern.kanalen) == 2
            klok.verzet(60)  # the next minute is estimated anew
            sessie.post(f"{url}{REACH}", json={"area": UTRECHT}, timeout=5)
            assert len(kern.kanalen) == 3
            png = sessie.post(f"{url}{REACH}?format=png", json={"area": UTRECHT}, timeout=5)
    finally:
        stop()
    assert eerste.status_code == zelfde.status_code == 200
    assert eerste.content == zelfde.content
    assert png.headers["Content-Type"] == "image/png"


def test_a_refused_area_is_not_cached(tmp_path: Path) -> None:
    app = maak_app(tmp_path)
    client = app.test_client()
    buiten = {"type": "Polygon", "coordinates": [[[9, 50], [9.1, 50], [9.1, 50.1], [9, 50]]]}
    for _ in range(2):
        assert client.post(REACH, json={"area": buiten}).status_code == 400
    assert len(staat_van(app).antwoorden) == 0


def test_the_cache_is_bounded_in_entries_and_bytes() -> None:
    cache = Antwoordcache(max_aantal=3, max_bytes=10)
    for i in range(5):
        cache.bewaar(i, Antwoord(inhoud=b"ab", mimetype="application/json"))
    assert len(cache) == 3
    assert cache.haal(0) is None
    assert cache.haal(4) is not None
    cache.haal(2)  # now most recently used
    cache.bewaar(5, Antwoord(inhoud=b"123456", mimetype="application/json"))  # 10 bytes in all
    assert cache.haal(2) is not None
    assert cache.haal(3) is None
    cache.bewaar(6, Antwoord(inhoud=b"x" * 11, mimetype="application/json"))  # never fits
    assert cache.haal(6) is None


class DraadSimulator(NepSimulator):
    """Records on which thread each estimate ran."""

    def __init__(self) -> None:
        super().__init__()
        self.draden: list[str] = []

    def bereik(self, geom: object, *, tijdstip: object = None, kanaal: int = 4370) -> object:
        self.draden.append(threading.current_thread().name)
        return super().bereik(geom, tijdstip=tijdstip, kanaal=kanaal)


def test_estimates_run_on_long_lived_threads_not_the_connections(tmp_path: Path) -> None:
    # pyproj makes its transformers per thread (~80 ms); the server starts one per connection.
    kern = DraadSimulator()
    app = maak_app(tmp_path, SIMULATOR=kern)
    url, stop = serve_in_thread(app)
    try:
        for km in (1, 2, 3):  # a new connection each time
            cirkel = {"circle": {"lat": 52.1, "lon": 5.1, "radius_km": km}}
            assert requests.post(f"{url}{REACH}", json={"area": cirkel}, timeout=5).ok
    finally:
        stop()
    assert len(kern.draden) == 3
    assert all(naam.startswith("sim-schat") for naam in kern.draden)
