"""The simulator as a user starts it: `nlalert sim serve` (which runs `python -m sim`), over HTTP."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from berichten import encode


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wacht_op(url: str, proces: subprocess.Popen[str], seconden: float = 60) -> requests.Response:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        assert proces.poll() is None, proces.communicate()[0]
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"{url} answered not within {seconden} s")


def test_nlalert_sim_serve_answers_ecbe_and_keeps_broadcasts_across_a_restart(
    tmp_path: Path,
) -> None:
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}"
    opdracht = [
        sys.executable,
        "-m",
        "nlalert",
        "sim",
        "serve",
        "--port",
        str(poort),
        "--data-dir",
        str(tmp_path),
    ]
    uitzending = {
        "cbe_name": "test",
        "category": "normal",
        "repetition_period": 10,
        "num_of_bcast": 1,
        "scope": {"scope_plmn": {}},
        "smscb_message": {
            "message_id": 4380,
            "serial_nr": {
                "serial_nr_decoded": {"geo_scope": "plmn_wide", "msg_code": 5, "update_nr": 0}
            },
            "payload": {
                "payload_encoded": {"dcs": 1, "pages": list(encode("hellohello", "en").page_hex)}
            },
        },
    }
    for ronde in range(2):
        with subprocess.Popen(
            opdracht, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as proces:
            try:
                lijst = wacht_op(url + "/api/v1/broadcasts?soort=oefening", proces).json()
                if ronde == 0:
                    assert lijst["broadcasts"] == []
                    r = requests.post(url + "/api/ecbe/v1/message", json=uitzending, timeout=30)
                    assert r.status_code == 201
                    dubbel = requests.post(
                        url + "/api/ecbe/v1/message", json=uitzending, timeout=30
                    )
                    assert dubbel.status_code == 409
                else:  # restarted: the accepted broadcast is still there, decoded
                    assert [b["tekst"] for b in lijst["broadcasts"]] == ["hellohello"]
            finally:
                proces.send_signal(signal.SIGINT)
                proces.communicate(timeout=20)
