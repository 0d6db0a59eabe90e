"""Client for a Cell Broadcast Centre's ECBE interface (osmo-cbc, or the simulator).

What osmo-cbc does, from its source (osmocom/osmo-cbc: src/rest_api.c, src/rest_it_op.c,
src/smscb_message_fsm.c, src/cbc_message.c), and what this client makes of it:

- POST /api/ecbe/v1/message answers 201 with the plain-text body "Created", 400 with a plain-text
  reason, and 409 when a message with that id is still active. It answers only after every cell
  peer acknowledged or after its 15 s T_WAIT_WRITE_ACK timer, so the default read timeout is 30 s.
  The body is not JSON and may be empty (some proxies drop it): any 2xx is success.
- DELETE /api/ecbe/v1/message/<id> answers 200 "OK", or 404 for an unknown id.
- osmo-cbc ignores JSON keys it does not know, so the simulator's `area` extension is harmless.

Retries. A message id can be active only once, which makes a repeated POST harmless: if an earlier
attempt landed, the repeat gets 409 instead of a second broadcast. So a POST is retried after a
refused connection, a timeout, a dropped connection and after 500/502/503/504, and a 409 that
follows such an ambiguous attempt means "our earlier attempt landed": success with
`herhaald=True`. A 409 on the very first attempt is someone else's active message: `CBCWeigert`.
Likewise a DELETE that gets 404 after an ambiguous attempt already stopped the message. Other
4xx are never retried. This assumes the caller owns its message ids (one sender per id).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Self

import requests
from urllib3.exceptions import NewConnectionError

ECBE_PAD = "/api/ecbe/v1/message"
HERHAALBAAR = frozenset({500, 502, 503, 504})
PAGINA_OCTETS = 82
MAX_PAGINAS = 15
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")


class CBCError(Exception):
    """Base of every CBC client error; `bericht` is the Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class CBCWeigert(CBCError):
    """The CBC refused the request (4xx); `reden` is its own reason text."""

    def __init__(self, status: int, reden: str, bericht: str | None = None) -> None:
        self.status = status
        self.reden = reden
        super().__init__(
            bericht or f"de CBC weigert het verzoek ({status}): {reden or 'geen reden'}"
        )


class CBCStoring(CBCError):
    """The CBC failed (5xx), also after the retries."""

    def __init__(self, status: int, reden: str, pogingen: int) -> None:
        self.status = status
        self.reden = reden
        self.pogingen = pogingen
        super().__init__(
            f"storing bij de CBC ({status}) na {pogingen} poging(en): {reden or 'geen reden'}"
        )


class CBCTimeout(CBCError):
    """The CBC did not answer in time, also after the retries."""


class CBCOnbereikbaar(CBCError):
    """No connection could be made to the CBC (refused, unknown host)."""


class CBCOngeldigAntwoord(CBCError):
    """The CBC answered something that is not an ECBE answer (redirect, broken connection)."""


class OngeldigeUitzending(CBCError):
    """The broadcast cannot be sent as it is; found before anything went over the wire."""


class GeoScope(StrEnum):
    """Geographical scope of the serial number, spelled as osmo-cbc's JSON schema spells it."""

    CELL_WIDE_IMMEDIATE = "cell_wide_immediate"
    PLMN_WIDE = "plmn_wide"
    LAC_SAC_TAC_WIDE = "lac_sac_tac_wide"
    CELL_WIDE = "cell_wide"


class Categorie(StrEnum):
    """CBSP category of a broadcast."""

    NORMAL = "normal"
    HIGH_PRIORITY = "high_priority"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True, kw_only=True)
class Serienummer:
    """Serial number: geographical scope, message code (0-1023), update number (0-15)."""

    geo_scope: GeoScope = GeoScope.PLMN_WIDE
    msg_code: int
    update_nr: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.msg_code <= 1023:
            raise OngeldigeUitzending(f"msg_code {self.msg_code} ligt niet tussen 0 en 1023")
        if not 0 <= self.update_nr <= 15:
            raise OngeldigeUitzending(f"update_nr {self.update_nr} ligt niet tussen 0 en 15")


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitzending:
    """One broadcast as the CBC receives it: identifier, serial, DCS and encoded pages."""

    message_id: int
    serial: Serienummer
    dcs: int
    page_hex: tuple[str, ...]
    cbe_name: str = "nlalert"
    category: Categorie = Categorie.HIGH_PRIORITY
    # Units of 1.883 s (CBSP), so 32 is about a minute. The NL operators' setting is UNKNOWN.
    repetition_period: int = 32
    num_of_bcast: int = 0  # 0 = until cancelled
    area: Mapping[str, Any] | None = field(default=None, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.message_id <= 65535:
            raise OngeldigeUitzending(f"message_id {self.message_id} ligt niet tussen 0 en 65535")
        if not 0 <= self.dcs <= 255:
            raise OngeldigeUitzending(f"DCS {self.dcs} ligt niet tussen 0 en 255")
        if not 1 <= self.repetition_period <= 4095:
            raise OngeldigeUitzending("repetition_period ligt niet tussen 1 en 4095")
        if not 0 <= self.num_of_bcast <= 65535:
            raise OngeldigeUitzending("num_of_bcast ligt niet tussen 0 en 65535")
        if not 1 <= len(self.page_hex) <= MAX_PAGINAS:
            raise OngeldigeUitzending(
                f"een uitzending heeft 1 tot en met {MAX_PAGINAS} pagina's,"
                f" niet {len(self.page_hex)}"
            )
        for nr, page in enumerate(self.page_hex, start=1):
            if not _HEX.fullmatch(page) or len(page) > 2 * PAGINA_OCTETS:
                raise OngeldigeUitzending(
                    f"pagina {nr} is geen hexadecimale tekst van ten hoogste {PAGINA_OCTETS} octets"
                )

    def to_ecbe_json(self) -> dict[str, Any]:
        """The JSON body of `POST /api/ecbe/v1/message` (osmo-cbc's cbc.schema.json)."""
        data: dict[str, Any] = {
            "cbe_name": self.cbe_name,
            "category": self.category.value,
            "repetition_period": self.repetition_period,
            "num_of_bcast": self.num_of_bcast,
            "scope": {"scope_plmn": {}},
            "smscb_message": {
                "message_id": self.message_id,
                "serial_nr": {
                    "serial_nr_decoded": {
                        "geo_scope": self.serial.geo_scope.value,
                        "msg_code": self.serial.msg_code,
                        "update_nr": self.serial.update_nr,
                    }
                },
                "payload": {"payload_encoded": {"dcs": self.dcs, "pages": list(self.page_hex)}},
            },
        }
        if self.area is not None:
            data["area"] = dict(self.area)
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class Verzendresultaat:
    """How a submit or cancel ended: status, whether it took effect, whether a retry found it."""

    status: int
    aangemaakt: bool  # the broadcast exists (submit) or is stopped (cancel)
    herhaald: bool  # an earlier, unanswered attempt had already done it
    detail: str
    pogingen: int = 1
    locatie: str | None = None  # the simulator's Location header; osmo-cbc sends none


def standaard_wachttijd(poging: int) -> float:
    """Seconds to wait before retry `poging` (1, 2, ...): 0.5, 1, 2, capped at 4."""
    return min(0.5 * 2 ** (poging - 1), 4.0)


class _Mislukt:
    """One attempt that got no usable answer, and whether the request may have landed."""

    def __init__(self, fout: CBCError, dubbelzinnig: bool) -> None:
        self.fout = fout
        self.dubbelzinnig = dubbelzinnig


class CBCClient:
    """Submit and cancel broadcasts at one ECBE endpoint over one `requests.Session`."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = (3.05, 30),
        retries: int = 3,
        session: requests.Session | None = None,
        wachttijd: Callable[[int], float] = standaard_wachttijd,
        slaap: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = max(0, retries)
        self._eigen_sessie = session is None
        self.session = session if session is not None else requests.Session()
        self._wachttijd = wachttijd
        self._slaap = slaap

    def close(self) -> None:
        """Close the session if this client created it."""
        if self._eigen_sessie:
            self.session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, uitzending: Uitzending) -> Verzendresultaat:
        """POST the broadcast; a 409 after an ambiguous attempt counts as success (`herhaald`)."""
        return self._verzoek(
            "POST",
            self.base_url + ECBE_PAD,
            json=uitzending.to_ecbe_json(),
            al_gedaan=409,
            al_gedaan_eerst=(
                f"bericht met dit id ({uitzending.message_id}) is al actief bij de CBC"
            ),
        )

    def cancel(self, message_id: int) -> Verzendresultaat:
        """DELETE the broadcast; a 404 after an ambiguous attempt counts as success (`herhaald`)."""
        if not 0 <= message_id <= 65535:
            raise OngeldigeUitzending(f"message_id {message_id} ligt niet tussen 0 en 65535")
        return self._verzoek(
            "DELETE",
            f"{self.base_url}{ECBE_PAD}/{message_id}",
            json=None,
            al_gedaan=404,
            al_gedaan_eerst=f"de CBC kent geen actief bericht met id {message_id}",
        )

    def _verzoek(
        self,
        methode: str,
        url: str,
        *,
        json: Mapping[str, Any] | None,
        al_gedaan: int,
        al_gedaan_eerst: str,
    ) -> Verzendresultaat:
        dubbelzinnig = False  # an earlier attempt may have been carried out
        laatste: CBCError | None = None
        pogingen = self.retries + 1
        for poging in range(1, pogingen + 1):
            if poging > 1:
                self._slaap(self._wachttijd(poging - 1))
            uitkomst = self._poging(methode, url, json)
            if isinstance(uitkomst, _Mislukt):
                dubbelzinnig = dubbelzinnig or uitkomst.dubbelzinnig
                laatste = uitkomst.fout
                continue
            status, reden, locatie = uitkomst
            if 200 <= status < 300:
                return Verzendresultaat(
                    status=status,
                    aangemaakt=True,
                    herhaald=False,
                    detail=reden or ("Created" if methode == "POST" else "OK"),
                    pogingen=poging,
                    locatie=locatie,
                )
            if status == al_gedaan:
                if dubbelzinnig:
                    return Verzendresultaat(
                        status=status,
                        aangemaakt=True,
                        herhaald=True,
                        detail="een eerdere poging zonder antwoord was al uitgevoerd",
                        pogingen=poging,
                    )
                raise CBCWeigert(status, reden, f"{al_gedaan_eerst} ({status}: {reden})")
            if status in HERHAALBAAR:
                dubbelzinnig = True  # a proxy's 502/504 or osmo-cbc's 500 may follow a success
                laatste = CBCStoring(status, reden, poging)
                continue
            if 400 <= status < 500:
                raise CBCWeigert(status, reden)
            if status >= 500:
                raise CBCStoring(status, reden, poging)
            raise CBCOngeldigAntwoord(f"onverwacht antwoord van de CBC: HTTP {status}")
        assert laatste is not None
        raise laatste

    def _poging(
        self, methode: str, url: str, json: Mapping[str, Any] | None
    ) -> tuple[int, str, str | None] | _Mislukt:
        """One HTTP exchange: (status, body text, Location) or what went wrong."""
        try:
            antwoord = self.session.request(
                methode, url, json=json, timeout=self.timeout, allow_redirects=False
            )
        except requests.exceptions.ConnectTimeout:
            # No connection was made, so nothing was sent.
            return _Mislukt(CBCTimeout(f"geen verbinding met de CBC binnen de tijd ({url})"), False)
        except requests.exceptions.Timeout:
            return _Mislukt(
                CBCTimeout(f"de CBC antwoordde niet binnen {self._leestijd()} s ({url})"), True
            )
        except requests.exceptions.ConnectionError as exc:
            if _niets_verzonden(exc):
                return _Mislukt(CBCOnbereikbaar(f"de CBC is niet bereikbaar op {url}"), False)
            return _Mislukt(
                CBCOngeldigAntwoord(f"de verbinding met de CBC werd verbroken ({url})"), True
            )
        except requests.exceptions.RequestException as exc:
            # Broken chunked encoding and the like: the request did arrive.
            return _Mislukt(CBCOngeldigAntwoord(f"onleesbaar antwoord van de CBC: {exc}"), True)
        with antwoord:
            # osmo-cbc sends bare text without a charset; don't let requests guess one.
            tekst = antwoord.content.decode("utf-8", errors="replace").strip()
            return antwoord.status_code, tekst, antwoord.headers.get("Location")

    def _leestijd(self) -> float:
        return self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout


def _niets_verzonden(exc: BaseException) -> bool:
    """Whether the connection failed before a request went out (refused, unknown host)."""
    gezien: set[int] = set()
    huidig: BaseException | None = exc
    while huidig is not None and id(huidig) not in gezien:
        gezien.add(id(huidig))
        if isinstance(huidig, (NewConnectionError, ConnectionRefusedError)):
            return True
        reden = getattr(huidig, "reason", None)
        if isinstance(reden, BaseException) and id(reden) not in gezien:
            huidig = reden
            continue
        volgende = (
            huidig.args[0] if huidig.args and isinstance(huidig.args[0], BaseException) else None
        )
        huidig = volgende or huidig.__cause__ or huidig.__context__
    return False
