"""A database that is gone (a PostgreSQL restart, a locked file) answers 503 with one line and a
Retry-After, never a 500: the user can try again, nothing was stored."""

from __future__ import annotations

import socket
from pathlib import Path

from nlalert.app import create_app


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_postgresql_is_503_with_a_retry(tmp_path: Path) -> None:
    url = f"postgresql://nlalert@127.0.0.1:{_vrije_poort()}/nlalert?connect_timeout=2"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE": url, "SIM_URL": "http://127.0.0.1:9"},
        instance_path=tmp_path,
    )
    client = app.test_client()
    api = client.get("/api/berichten", headers={"Authorization": "Bearer iets"})
    assert api.status_code == 503
    assert api.headers["Retry-After"] == "5"
    assert api.get_json()["detail"] == (
        "De database is nu niet bereikbaar. Er is niets opgeslagen; probeer het zo opnieuw."
    )
