"""Client for a Cell Broadcast Centre's ECBE interface (osmo-cbc, or the simulator).

What osmo-cbc does, from its source (osmocom/osmo-cbc: src/rest_api.c, src/rest_it_op.c,
src/smscb_message_fsm.c, src/cbc_message.c), and what this client makes of it:

- POST /api/ecbe/v1/message answers 201 with the plain-text body "Created", 400 with a plain-text
  reason, and 409 when a message with that key is still active. It answers only after every cell
  peer acknowledged or after its 15 s T_WAIT_WRITE_ACK timer, so the default read timeout is 30 s.
  The body is not JSON and may be empty (some proxies drop it): any 2xx is success.
- DELETE /api/ecbe/v1/message/<id> answers 200 "OK", or 404 when it holds no such message.
- osmo-cbc ignores JSON keys it does not know, so the simulator's `area` and `alert` extensions
  are harmless. It has no GET; the simulator has (`CBCProfiel.heeft_get`).

Every operation ends in one `Uitkomst`, never in an exception a caller could misread:

- GEDAAN: the CBC did it: a 2xx, a GET that shows the broadcast (send) or shows it gone (withdraw),
  or a 404 on a withdraw (the CBC does not hold it: the goal is reached).
- GEWEIGERD: the CBC refused and nothing changed: a 4xx on the first exchange (a 409 there means
  another broadcast holds the key), or a 409 on a retry when GET shows another broadcast.
- NIET_BEREIKT: nothing reached the CBC (connection refused, no connection in time): safe to retry.
- ONBEKEND: it may or may not have happened (a timeout, a lost answer, a 5xx, a 409 on a retry)
  and the CBC could not be asked, or cannot be asked (no GET). Shown as such; the caller offers an
  action that is safe to repeat. Never read as success.

A repeated POST of the same broadcast is harmless to the public: phones drop a second message with
the same message identifier and serial number as a duplicate (3GPP TS 23.041).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Self

import requests
from urllib3.exceptions import NewConnectionError

from nlalert.fouten import N_, Melding
from nlalert.koppelingen.ecbe import Uitzending
from nlalert.koppelingen.profiel import OSMO_CBC_04, SIMULATOR, CBCProfiel
from nlalert.koppelingen.uitkomst import Antwoord, Uitkomst

ECBE_PAD = "/api/ecbe/v1/message"
HERHAALBAAR = frozenset({500, 502, 503, 504})


def standaard_wachttijd(poging: int) -> float:
    """Seconds to wait before retry `poging` (1, 2, ...): 0.5, 1, 2, capped at 4."""
    return min(0.5 * 2 ** (poging - 1), 4.0)


@dataclass(frozen=True, slots=True)
class _Mislukt:
    """One exchange that got no usable answer, and whether the request may have landed."""

    uitleg: Melding
    dubbelzinnig: bool


class CBCClient:
    """Send, withdraw and look up broadcasts at one ECBE endpoint over one `requests.Session`."""

    def __init__(
        self,
        base_url: str,
        *,
        profiel: CBCProfiel = SIMULATOR,
        timeout: float | tuple[float, float] = (3.05, 30),
        retries: int = 3,
        session: requests.Session | None = None,
        wachttijd: Callable[[int], float] = standaard_wachttijd,
        slaap: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.profiel = profiel
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

    # --- the operations ---------------------------------------------------------------------

    def verzend(self, uitzending: Uitzending) -> Antwoord:
        """POST the broadcast; an unclear outcome is settled by asking the CBC where it can."""
        return self._voer_uit(
            "POST", self.base_url + ECBE_PAD, uitzending, json=uitzending.to_ecbe_json()
        )

    def trek_in(self, uitzending: Uitzending) -> Antwoord:
        """DELETE the broadcast; a 404 means the CBC does not hold it, which is the goal."""
        return self._voer_uit("DELETE", self._bericht_url(uitzending), uitzending, json=None)

    def houdt(self, uitzending: Uitzending) -> bool | None:
        """Whether the CBC holds this very broadcast (same serial) active; None: cannot tell."""
        if not self.profiel.heeft_get:
            return None
        url = f"{self.base_url}{ECBE_PAD}/{uitzending.message_id}"
        try:
            antwoord = self.session.get(
                url,
                params={"msg_code": uitzending.serial.message_code},
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException:
            return None
        with antwoord:
            if antwoord.status_code == 404:
                return False
            if antwoord.status_code != 200:
                return None
            try:
                berichten = antwoord.json().get("messages")
            except (ValueError, AttributeError):
                return None
        if not isinstance(berichten, list):
            return None
        return any(_serial_van(b) == uitzending.serial.waarde for b in berichten)

    def actief(self) -> list[dict[str, Any]] | None:
        """Every broadcast the CBC holds active (GET list); None when it cannot be asked."""
        if not self.profiel.heeft_get:
            return None
        try:
            antwoord = self.session.get(
                self.base_url + ECBE_PAD, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException:
            return None
        with antwoord:
            if antwoord.status_code != 200:
                return None
            try:
                berichten = antwoord.json().get("messages")
            except (ValueError, AttributeError):
                return None
        return (
            [b for b in berichten if isinstance(b, dict)] if isinstance(berichten, list) else None
        )

    # --- machinery --------------------------------------------------------------------------

    def _bericht_url(self, uitzending: Uitzending) -> str:
        url = f"{self.base_url}{ECBE_PAD}/{uitzending.message_id}"
        # A CBC that keeps several broadcasts per channel needs to know which one to stop.
        if self.profiel.sleutel_met_code:
            url += f"?msg_code={uitzending.serial.message_code}"
        return url

    def _voer_uit(
        self, methode: str, url: str, uitzending: Uitzending, *, json: Mapping[str, Any] | None
    ) -> Antwoord:
        verzenden = methode == "POST"
        dubbelzinnig = False  # an earlier exchange may have been carried out
        laatste = Melding(N_("geen antwoord van de CBC"))
        status: int | None = None
        pogingen = self.retries + 1
        for poging in range(1, pogingen + 1):
            if poging > 1:
                self._slaap(self._wachttijd(poging - 1))
            if dubbelzinnig and (vastgesteld := self._vraag(uitzending, verzenden, poging)):
                return vastgesteld
            uitkomst = self._poging(methode, url, json)
            if isinstance(uitkomst, _Mislukt):
                dubbelzinnig = dubbelzinnig or uitkomst.dubbelzinnig
                laatste = uitkomst.uitleg
                continue
            status, reden, locatie = uitkomst
            if 200 <= status < 300:
                return Antwoord(
                    uitkomst=Uitkomst.GEDAAN,
                    uitleg=Melding(
                        N_("de CBC heeft de uitzending aangenomen")
                        if verzenden
                        else N_("de CBC heeft de uitzending gestopt")
                    ),
                    status=status,
                    pogingen=poging,
                    locatie=locatie,
                )
            if not verzenden and status == 404:
                # The CBC holds no such broadcast now: what a withdraw wants, whoever did it.
                return Antwoord(
                    uitkomst=Uitkomst.GEDAAN,
                    uitleg=Melding(N_("de CBC heeft deze uitzending niet (meer)")),
                    status=status,
                    pogingen=poging,
                )
            if status == 409 and dubbelzinnig:
                # Our unanswered attempt may have landed, or another broadcast holds the key:
                # only the CBC's own list can tell, never the 409 itself.
                houdt = self.houdt(uitzending)
                if houdt is None:
                    return self._onbekend(poging, status)
                if houdt is verzenden:
                    return self._bevestigd(verzenden, poging)
                return Antwoord(
                    uitkomst=Uitkomst.GEWEIGERD,
                    uitleg=Melding(
                        N_("een andere uitzending houdt kanaal %(kanaal)s bezet bij de CBC"),
                        kanaal=uitzending.message_id,
                    ),
                    status=status,
                    pogingen=poging,
                    bevestigd=True,
                )
            if status in HERHAALBAAR:
                dubbelzinnig = True  # a proxy's 502/504 or osmo-cbc's 500 may follow a success
                laatste = Melding(
                    N_("storing bij de CBC (HTTP %(status)s): %(reden)s"),
                    status=status,
                    reden=reden[:200] or "-",
                )
                continue
            if 400 <= status < 500:
                uitleg = (
                    Melding(
                        N_(
                            "de CBC heeft al een actieve uitzending op kanaal %(kanaal)s: %(reden)s"
                        ),
                        kanaal=uitzending.message_id,
                        reden=reden[:200] or "-",
                    )
                    if status == 409
                    else Melding(
                        N_("de CBC weigert (HTTP %(status)s): %(reden)s"),
                        status=status,
                        reden=reden[:200] or "-",
                    )
                )
                return Antwoord(
                    uitkomst=Uitkomst.GEWEIGERD, uitleg=uitleg, status=status, pogingen=poging
                )
            # A redirect, an odd 1xx/3xx or an unknown 5xx: the request was read, its effect is
            # not known.
            dubbelzinnig = True
            laatste = Melding(N_("onverwacht antwoord van de CBC: HTTP %(status)s"), status=status)
            break
        if dubbelzinnig:
            houdt = self.houdt(uitzending)
            if houdt is None:
                return self._onbekend(pogingen, status, laatste)
            if houdt is verzenden:
                return self._bevestigd(verzenden, pogingen)
            # The CBC says it did not happen: as safe to try again as a refused connection.
            return Antwoord(
                uitkomst=Uitkomst.NIET_BEREIKT,
                uitleg=Melding(
                    N_("%(reden)s; de CBC bevestigt dat het niet is uitgevoerd"), reden=laatste
                ),
                status=status,
                pogingen=pogingen,
                bevestigd=True,
            )
        return Antwoord(
            uitkomst=Uitkomst.NIET_BEREIKT, uitleg=laatste, status=status, pogingen=pogingen
        )

    def _vraag(self, uitzending: Uitzending, verzenden: bool, pogingen: int) -> Antwoord | None:
        """Settle an unclear outcome by GET: done, or None when the operation must be repeated
        (or the CBC cannot be asked)."""
        houdt = self.houdt(uitzending)
        if houdt is None or houdt is not verzenden:
            return None
        return self._bevestigd(verzenden, pogingen)

    @staticmethod
    def _bevestigd(verzenden: bool, pogingen: int) -> Antwoord:
        return Antwoord(
            uitkomst=Uitkomst.GEDAAN,
            uitleg=Melding(
                N_("de CBC bevestigt dat de uitzending loopt")
                if verzenden
                else N_("de CBC bevestigt dat de uitzending gestopt is")
            ),
            pogingen=pogingen,
            bevestigd=True,
        )

    def _onbekend(
        self, pogingen: int, status: int | None, laatste: Melding | None = None
    ) -> Antwoord:
        if self.profiel.heeft_get:
            uitleg = Melding(
                N_(
                    "onduidelijk of de CBC dit heeft uitgevoerd en hij kon niet worden gevraagd (%(reden)s)"
                ),
                reden=str(laatste or status),
            )
        else:
            uitleg = Melding(
                N_(
                    "onduidelijk of de CBC dit heeft uitgevoerd, en deze CBC (%(profiel)s) kan niet"
                    " zeggen wat hij uitzendt (%(reden)s)"
                ),
                profiel=self.profiel.naam,
                reden=str(laatste or status),
            )
        return Antwoord(uitkomst=Uitkomst.ONBEKEND, uitleg=uitleg, status=status, pogingen=pogingen)

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
            return _Mislukt(
                Melding(N_("geen verbinding met de CBC binnen de tijd (%(url)s)"), url=url), False
            )
        except requests.exceptions.Timeout:
            return _Mislukt(
                Melding(
                    N_("de CBC antwoordde niet binnen %(seconden)s s (%(url)s)"),
                    seconden=self._leestijd(),
                    url=url,
                ),
                True,
            )
        except requests.exceptions.ConnectionError as exc:
            if _niets_verzonden(exc):
                return _Mislukt(Melding(N_("de CBC is niet bereikbaar op %(url)s"), url=url), False)
            return _Mislukt(
                Melding(N_("de verbinding met de CBC werd verbroken (%(url)s)"), url=url), True
            )
        except requests.exceptions.RequestException as exc:
            # Broken chunked encoding and the like: the request did arrive.
            return _Mislukt(
                Melding(N_("onleesbaar antwoord van de CBC: %(fout)s"), fout=str(exc)[:200]), True
            )
        with antwoord:
            # osmo-cbc sends bare text without a charset; don't let requests guess one.
            tekst = antwoord.content.decode("utf-8", errors="replace").strip()
            return antwoord.status_code, tekst, antwoord.headers.get("Location")

    def _leestijd(self) -> float:
        return self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout


def herken_profiel(base_url: str, *, timeout: float = 5.0) -> CBCProfiel:
    """The simulator's profile when the CBC answers the list GET as the simulator does, else the
    cautious osmo-cbc 0.4 one (keyed on the channel, no GET)."""
    try:
        with requests.get(
            base_url.rstrip("/") + ECBE_PAD, timeout=timeout, allow_redirects=False
        ) as antwoord:
            if antwoord.status_code == 200 and isinstance(antwoord.json().get("messages"), list):
                return SIMULATOR
    except (requests.RequestException, ValueError, AttributeError):
        pass
    return OSMO_CBC_04


def _serial_van(bericht: object) -> int | None:
    """The encoded serial number of one message in a GET answer."""
    if not isinstance(bericht, dict):
        return None
    serial = bericht.get("serial_nr")
    if isinstance(serial, dict):
        waarde = serial.get("serial_nr_encoded")
        return waarde if type(waarde) is int else None
    return serial if type(serial) is int else None


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
