"""Clearing one exercise in the simulator, against a real HTTP server that misbehaves: every
failure is one of our errors (a 502 or 503 for the user), never a count that was not cleared."""

from __future__ import annotations

import socket

import pytest
from pytest_httpserver import HTTPServer

from nlalert.koppelingen.simulator import SimulatorClient, SimulatorFout, SimulatorOnbereikbaar
from nlalert.problemen import status_van

PAD = "/api/v1/oefeningen/nlalert-oefening-7"


@pytest.mark.parametrize(
    ("status", "inhoud", "soort"),
    [
        (500, '{"fout": "kapot"}', "application/json"),
        (200, "<html>proxy</html>", "text/html"),
        (200, '{"gewist": "veel"}', "application/json"),
        (404, '{"gewist": 0}', "application/json"),
    ],
)
def test_an_error_or_an_odd_answer_is_a_simulator_error(
    httpserver: HTTPServer, status: int, inhoud: str, soort: str
) -> None:
    httpserver.expect_request(PAD, method="DELETE").respond_with_data(
        inhoud, status=status, content_type=soort
    )
    with pytest.raises(SimulatorFout) as fout:
        SimulatorClient(httpserver.url_for("/")).wis_oefening("nlalert-oefening-7")
    assert fout.value.status == status and status_van(fout.value) == 502


def test_a_closed_port_is_unreachable_503() -> None:
    with socket.socket() as s:  # a port nobody listens on once the socket is closed
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    with pytest.raises(SimulatorOnbereikbaar) as fout:
        SimulatorClient(f"http://127.0.0.1:{poort}").wis_oefening("nlalert-oefening-7")
    assert status_van(fout.value) == 503


def test_a_good_answer_gives_the_count(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PAD, method="DELETE").respond_with_json({"gewist": 3})
    assert SimulatorClient(httpserver.url_for("/")).wis_oefening("nlalert-oefening-7") == 3
