"""The simulator's HTTP service: osmo-cbc's ECBE interface, a reach API beside it, and its store.

Owns the Flask app and its wiring (`app`), the routes (`ecbe_api` on /api/ecbe/v1, `bereik_api`
on /api/v1), how answers and errors are written (`antwoorden`, `foutantwoord`: the one table
from error class to status), the per-app state with the lazily loaded reach model (`staat`), the
cache of finished reach answers (`antwoordcache`), `/healthz` (`gezondheid`), the
SQLite store (`opslag`, `schema`, `opgeslagen`), the reach of an alert from stored reports
(`alertbereik`), and serving it over HTTP (`server`).
"""

from sim.fouten import SimError  # what the entry point answers with one line
from sim.service.app import create_app, voorbereiden, warm
from sim.service.server import http_server, serve_in_thread, url_van
from sim.simulator import kalibratie  # `python -m sim --kalibratie`: the entry point's one door

__all__ = [
    "SimError",
    "create_app",
    "http_server",
    "kalibratie",
    "serve_in_thread",
    "url_van",
    "voorbereiden",
    "warm",
]
