"""Helpers and fixtures for the tests against a real osmo-cbc 0.4.0 (docs/osmo-cbc.md).

osmo-cbc's REST answer can be lost: the request then hangs without an answer although osmo-cbc
did the work. So these tests never trust an HTTP answer alone. What osmo-cbc holds comes from its
VTY (`show messages cbs`), what it put on the wire from the stub BSC's log, WORKDIR/cbsp.jsonl.

Set by `.ci/run` when it started the kit (../shared/interop/osmo-cbc):
- OSMO_CBC_URL: the ECBE endpoint, e.g. http://127.0.0.1:12345. Unset: the tests skip.
- OSMO_CBC_WORKDIR: the kit's WORKDIR, which holds cbsp.jsonl. Unset: the tests skip.
- OSMO_CBC_VTY: host:port of the VTY; default the URL's host and port 4264.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

import pytest
import requests

from berichten.identificatie import EXERCISE, TEST
from nlalert.koppelingen.cbc import ECBE_PAD
from nlalert.koppelingen.ecbe import Categorie, Uitzending

VTY_POORT = 4264
# The only channels these tests use: test 4380 and exercise 4381, each with its additional-language
# channel (ETSI TS 102 900). Never a real alert channel such as 4370.
OEFENKANALEN = frozenset({TEST, TEST + 13, EXERCISE, EXERCISE + 13})
# A real answer comes within milliseconds (the stub BSC acknowledges at once) or after osmo-cbc's
# 10 s peer timer; a lost one never comes. Tests wait this long for anything osmo-cbc does.
WACHTTIJD = 15.0
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class OsmoKit:
    """Where a running osmo-cbc is: its ECBE URL, the kit's WORKDIR and its VTY."""

    url: str
    workdir: Path
    vty: tuple[str, int]

    @property
    def cbsp_log(self) -> Path:
        """The stub BSC's log of every CBSP message osmo-cbc sent."""
        return self.workdir / "cbsp.jsonl"


def kit_uit_omgeving(environ: Mapping[str, str] = os.environ) -> OsmoKit | str:
    """The kit the environment points to, or why the osmo tests cannot run."""
    url = environ.get("OSMO_CBC_URL", "")
    if not url:
        return (
            "OSMO_CBC_URL is not set: no osmo-cbc to test against (.ci/run starts one when the"
            " kit ../shared/interop/osmo-cbc exists; by hand: see docs/osmo-cbc.md)"
        )
    workdir = environ.get("OSMO_CBC_WORKDIR", "")
    if not workdir:
        return (
            "OSMO_CBC_WORKDIR is not set: without the kit's cbsp.jsonl the pages on the wire"
            " cannot be checked"
        )
    vty = environ.get("OSMO_CBC_VTY", "")
    if vty:
        host, _, poort = vty.rpartition(":")
        adres = (host or "127.0.0.1", int(poort))
    else:
        adres = (urlsplit(url).hostname or "127.0.0.1", VTY_POORT)
    return OsmoKit(url=url, workdir=Path(workdir), vty=adres)


# --- waiting --------------------------------------------------------------------------------


def wacht_tot(
    vraag: Callable[[], T], *, wat: str, timeout: float = WACHTTIJD, interval: float = 0.1
) -> T:
    """Ask `vraag` until it returns something truthy and return that; fail after `timeout` s."""
    einde = time.monotonic() + timeout
    while True:
        waarde = vraag()
        if waarde:
            return waarde
        if time.monotonic() >= einde:
            raise AssertionError(f"not within {timeout:g} s: {wat} (last seen: {waarde!r})")
        time.sleep(interval)


# --- the VTY --------------------------------------------------------------------------------

_PROMPT = re.compile(r"(?:^|\n)[\w.-]+[>#] \Z")
IAC, SB, SE = 255, 250, 240
WILL, WONT, DO, DONT = 251, 252, 253, 254


def zonder_telnet(data: bytes) -> bytes:
    """The text of a telnet stream: negotiation (IAC ...) removed, IAC IAC kept as one 0xFF.

    An incomplete sequence at the end is dropped: the caller reads on and strips again.
    """
    uit = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b != IAC:
            uit.append(b)
            i += 1
            continue
        opdracht = data[i + 1] if i + 1 < len(data) else None
        if opdracht == IAC:
            uit.append(IAC)
            i += 2
        elif opdracht in (WILL, WONT, DO, DONT):
            i += 3
        elif opdracht == SB:
            einde = data.find(bytes([IAC, SE]), i + 2)
            i = len(data) if einde < 0 else einde + 2
        else:
            i += 2
    return bytes(uit)


class Vty:
    """A session with osmo's VTY, a telnet-style prompt (`OsmoCBC> `).

    osmo-cbc opens with IAC WILL ECHO, WILL SUPPRESS-GO-AHEAD, DONT LINEMODE and DO NAWS. It needs
    no reply to any of them, so none is sent; they are only stripped from what is read.
    """

    def __init__(self, adres: tuple[str, int], *, timeout: float = 5.0) -> None:
        self._sok = socket.create_connection(adres, timeout=timeout)
        self._ruw = b""
        # The prompt ends the welcome: "OsmoCBC> ", no newline after it. (The banner's licence
        # line ends in ">" too, but with a newline.)
        welkom = self._lees_tot(lambda tekst: _PROMPT.search(tekst) is not None)
        self.prompt = welkom.rsplit("\n", 1)[-1]

    def close(self) -> None:
        """Close the connection."""
        self._sok.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def opdracht(self, regel: str) -> str:
        """Run one command; its output without the echoed command and the prompt."""
        self._ruw = b""
        self._sok.sendall(regel.encode("ascii") + b"\n")
        tekst = self._lees_tot(lambda t: t.endswith("\n" + self.prompt))
        tekst = tekst[: -len(self.prompt)].replace("\r\n", "\n")
        eerste, _, rest = tekst.partition("\n")
        return rest if eerste.strip() == regel.strip() else tekst

    def _lees_tot(self, klaar: Callable[[str], bool]) -> str:
        while True:
            tekst = zonder_telnet(self._ruw).decode("utf-8", errors="replace")
            if klaar(tekst):
                return tekst
            deel = self._sok.recv(65536)
            if not deel:
                raise ConnectionError(f"the VTY closed the connection; read so far: {tekst!r}")
            self._ruw += deel


def actieve_berichten(adres: tuple[str, int]) -> dict[int, int]:
    """Message id -> serial number (16-bit value) of every CBS broadcast osmo-cbc holds active.

    `show messages cbs` lists active and expired (deleted) broadcasts alike, ids and serials in
    hex, the last column "active" or the time it expired:
    | 111D| 7B60|nlalert             |Normal       |  32  |N| 05|2026-12-03T08:18:16Z|active     |
    """
    with Vty(adres) as vty:
        uitvoer = vty.opdracht("show messages cbs")
    actief: dict[int, int] = {}
    for regel in uitvoer.splitlines():
        velden = [v.strip() for v in regel.split("|")]
        # "", MsgId, SerNo, CBE name, category, period, E, DCS, created, expired, ""
        if len(velden) != 11 or velden[9] != "active":
            continue
        try:
            actief[int(velden[1], 16)] = int(velden[2], 16)
        except ValueError:
            continue  # the header
    return actief


def actieve_ids(adres: tuple[str, int]) -> set[int]:
    """The message ids osmo-cbc holds active."""
    return set(actieve_berichten(adres))


# --- the CBSP log ---------------------------------------------------------------------------


class CbspLog:
    """WORKDIR/cbsp.jsonl: one JSON object per CBSP message osmo-cbc sent to the stub BSC.

    A WRITE-REPLACE record has message_id, new_serial, old_serial (None for a new broadcast), dcs,
    num_pages and pages [{"user_len": 82, "data": hex}]; a KILL record message_id and old_serial.
    The stub writes a record after it answered, so a record can follow the REST answer: wait.
    """

    def __init__(self, pad: Path) -> None:
        self.pad = pad

    def einde(self) -> int:
        """The current end of the log: pass it to `records` to see only what comes after."""
        return self.pad.stat().st_size

    def records(self, vanaf: int = 0) -> list[dict[str, Any]]:
        """Every complete record after byte offset `vanaf`."""
        with self.pad.open("rb") as f:
            f.seek(vanaf)
            data = f.read()
        regels = data.split(b"\n")[:-1]  # a line without its newline is still being written
        return [json.loads(regel) for regel in regels if regel.strip()]

    def van(self, vanaf: int, soort: str, message_id: int, serial: int) -> list[dict[str, Any]]:
        """The records of one broadcast after `vanaf`: its WRITE-REPLACEs or KILLs."""
        sleutel = "new_serial" if soort == "WRITE-REPLACE" else "old_serial"
        return [
            r
            for r in self.records(vanaf)
            if r.get("type") == soort
            and r.get("message_id") == message_id
            and r.get(sleutel) == serial
        ]

    def wacht_op(
        self, vanaf: int, soort: str, message_id: int, serial: int
    ) -> list[dict[str, Any]]:
        """Wait until the log holds a record of this broadcast after `vanaf`; all such records."""
        return wacht_tot(
            lambda: self.van(vanaf, soort, message_id, serial),
            wat=f"{soort} of message id {message_id} serial {serial:04X} in {self.pad}",
        )


# CBSP Category IE (TS 48.049 8.2.11): osmo-cbc maps the ECBE category names onto it.
CBSP_CATEGORIE = {Categorie.HIGH_PRIORITY: 0, Categorie.BACKGROUND: 1, Categorie.NORMAL: 2}


def op_de_lucht(record: Mapping[str, Any]) -> dict[str, Any]:
    """What a WRITE-REPLACE record put on the wire, in the shape of `verwacht`."""
    return {
        "message_id": record["message_id"],
        "serial": record["new_serial"],
        "old_serial": record["old_serial"],
        "category": record["category"],
        "rep_period": record["rep_period"],
        "num_bcast": record["num_bcast_req"],
        "dcs": record["dcs"],
        "num_pages": record["num_pages"],
        "page_octets": [p["user_len"] for p in record["pages"]],
        "pages": [p["data"] for p in record["pages"]],
    }


def verwacht(uitzending: Uitzending) -> dict[str, Any]:
    """What this broadcast must put on the wire: its own pages, octet for octet."""
    return {
        "message_id": uitzending.message_id,
        "serial": uitzending.serial.waarde,
        "old_serial": None,  # a new broadcast, not a replacement of one on air
        "category": CBSP_CATEGORIE[uitzending.category],
        "rep_period": uitzending.repetition_period,
        "num_bcast": uitzending.num_of_bcast,
        "dcs": uitzending.dcs,
        "num_pages": len(uitzending.page_hex),
        "page_octets": [82] * len(uitzending.page_hex),
        "pages": [p.lower() for p in uitzending.page_hex],
    }


# --- cleaning up -------------------------------------------------------------------------


def stop_alles(kit: OsmoKit, ids: Iterable[int]) -> None:
    """DELETE every one of `ids` that osmo-cbc holds active until its VTY shows none of them.

    Test machinery, not the client under test: a plain DELETE whose answer may be lost (then the
    VTY tells), repeated while the id stays active. Only ids the VTY shows are DELETEd: a DELETE
    of an unknown id loses its 404 about a third of the time, which only costs a timeout.
    """
    ids = set(ids)
    einde = time.monotonic() + 2 * WACHTTIJD
    while over := ids & actieve_ids(kit.vty):
        if time.monotonic() >= einde:
            raise AssertionError(f"osmo-cbc still holds {sorted(over)} active after DELETE")
        for message_id in sorted(over):
            # A lost answer times out; the VTY tells whether it stopped.
            with contextlib.suppress(requests.Timeout):
                requests.delete(f"{kit.url}{ECBE_PAD}/{message_id}", timeout=(3.05, 3))
        time.sleep(0.1)


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def osmo_kit() -> OsmoKit:
    """The running osmo-cbc; skips the test, saying why, when the environment names none."""
    kit = kit_uit_omgeving()
    if isinstance(kit, str):
        pytest.skip(kit)
    if not kit.cbsp_log.is_file():
        pytest.fail(f"OSMO_CBC_WORKDIR={kit.workdir} holds no cbsp.jsonl: is the kit started?")
    return kit


@pytest.fixture
def cbsp(osmo_kit: OsmoKit) -> CbspLog:
    """The stub BSC's CBSP log of the running kit."""
    return CbspLog(osmo_kit.cbsp_log)


@pytest.fixture
def oefenkanalen(osmo_kit: OsmoKit) -> Iterator[frozenset[int]]:
    """The exercise and test channels, none active before the test and none after, also when
    the test failed (the teardown fails loudly if one cannot be stopped)."""
    stop_alles(osmo_kit, OEFENKANALEN)
    yield OEFENKANALEN
    stop_alles(osmo_kit, OEFENKANALEN)
