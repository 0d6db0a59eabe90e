"""The real simulator served over HTTP from a thread on 127.0.0.1, for contract and e2e tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sim.service import create_app, serve_in_thread, warm


@contextmanager
def draaiende_simulator(data_dir: Path, *, warm_laden: bool = True) -> Iterator[str]:
    """Start a simulator with its store in `data_dir` (its reach model loaded first when
    `warm_laden`); yield its base URL; stop it after."""
    app = create_app({"DATA_DIR": str(data_dir)})
    if warm_laden:
        warm(app)
    url, stop = serve_in_thread(app)
    try:
        yield url
    finally:
        stop()
