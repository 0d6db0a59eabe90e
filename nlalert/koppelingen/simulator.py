"""Asking the simulator how many people an area reaches (`POST {SIM_URL}/api/v1/reach`).

nlalert never imports `sim`: it speaks the simulator's HTTP API only, like any other client.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from nlalert.fouten import N_, NlalertError

# Connect fast; a region-sized estimate can take a few seconds on a cold simulator.
TIMEOUT = (3.05, 30.0)
MAX_ANTWOORD = 20 * 1024 * 1024  # octets; a reach map PNG is far smaller
# What the compose screen shows; the rest of the report (per unit, per operator) stays out of it.
VELDEN = (
    "inwoners",
    "bereikt",
    "overshoot",
    "gemist",
    "via_anderen",
    "gebied_km2",
    "cellen",
    "aandeel_cellen_binnen_3_min",
    "per_gemeente",
    "overshoot_plaatsen",
    "per_leeftijd",  # the exercise report's people 75+
    "kwetsbare_groepen",  # 75+ and under 12, counted apart with who is not reached
    "buitenland",  # people across the border in the broadcast area (model), or null
    "aannames",
    "bronvermelding",
    "soort",
    "tijdstip",
    "kanaal",
)


class BereikError(NlalertError):
    """The reach estimate is not available."""

    veld = "bereik"  # the compose screen's reach panel shows it


class SimulatorOnbereikbaar(BereikError):
    """The simulator does not answer (down, wrong address, too slow)."""

    def __init__(self) -> None:
        super().__init__(
            N_(
                "de simulator is niet bereikbaar, dus het bereik kan nu niet worden geschat;"
                " het bericht opstellen gaat gewoon door"
            )
        )


class SimulatorFout(BereikError):
    """The simulator answered with an error we cannot fix here."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(N_("de simulator gaf een fout (HTTP %(status)s)"), status=status)


class GebiedGeweigerd(BereikError):
    """The simulator refused the area; its reason is Dutch."""

    def __init__(self, reden: str) -> None:
        self.reden = reden
        super().__init__(N_("de simulator weigert het gebied: %(reden)s"), reden=reden)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bereik:
    """A reach estimate: the report's numbers and, when asked for, the map as a PNG."""

    rapport: Mapping[str, Any] = field(default_factory=dict)
    kaart_png: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for the browser; the map as a data: URL (the CSP allows no blob: images)."""
        uit: dict[str, Any] = dict(self.rapport)
        if self.kaart_png is not None:
            uit["kaart"] = "data:image/png;base64," + base64.b64encode(self.kaart_png).decode()
        return uit


class SimulatorClient:
    """The simulator's reach API at one address, over one `requests.Session`."""

    def __init__(self, url: str, *, session: requests.Session | None = None) -> None:
        self.url = url.rstrip("/")
        self.session = session if session is not None else requests.Session()

    def close(self) -> None:
        """Close the session."""
        self.session.close()

    def schat(self, area: Mapping[str, Any], *, kaart: bool = False) -> Bereik:
        """The simulator's reach estimate for an area (GeoJSON geometry or circle form)."""
        try:
            antwoord = self.session.post(
                self.url + "/api/v1/reach",
                json={"area": dict(area)},
                params={"format": "png"} if kaart else None,
                timeout=TIMEOUT,
            )
        except requests.RequestException as exc:  # refused, timed out, bad address: all "down"
            raise SimulatorOnbereikbaar() from exc
        if antwoord.status_code in (400, 422):
            raise GebiedGeweigerd(_reden(antwoord))
        if antwoord.status_code != 200 or len(antwoord.content) > MAX_ANTWOORD:
            raise SimulatorFout(antwoord.status_code)
        if kaart:
            if not antwoord.headers.get("Content-Type", "").startswith("image/png"):
                raise SimulatorFout(antwoord.status_code)
            return Bereik(kaart_png=antwoord.content)
        try:
            data = antwoord.json()
        except ValueError:
            raise SimulatorFout(antwoord.status_code) from None
        if not isinstance(data, dict):
            raise SimulatorFout(antwoord.status_code)
        return Bereik(rapport={k: data[k] for k in VELDEN if k in data})

    def na_verzending(self, locatie: str) -> Bereik:
        """Status and reach of a broadcast the simulator accepted (its `Location`), with the map."""
        url = locatie if locatie.startswith(("http://", "https://")) else self.url + locatie
        if not url.startswith(self.url + "/api/v1/broadcasts/"):
            raise SimulatorFout(400)  # only ever follow the simulator's own broadcast URLs
        try:
            status = self.session.get(url, timeout=TIMEOUT)
            kaart = self.session.get(url + "/kaart.png", timeout=TIMEOUT)
        except requests.RequestException as exc:
            raise SimulatorOnbereikbaar() from exc
        if status.status_code != 200:
            raise SimulatorFout(status.status_code)
        try:
            data = status.json()
        except ValueError:
            raise SimulatorFout(status.status_code) from None
        rapport = data.get("bereik") if isinstance(data, dict) else None
        uit = {k: rapport[k] for k in VELDEN if isinstance(rapport, dict) and k in rapport}
        uit["uitzending"] = {
            k: data.get(k) for k in ("status", "message_id", "oefening", "ontvangen")
        }
        png = (
            kaart.content
            if kaart.status_code == 200
            and kaart.headers.get("Content-Type", "").startswith("image/png")
            else None
        )
        return Bereik(rapport=uit, kaart_png=png)

    def wis_oefening(self, label: str) -> int:
        """Clear one exercise's broadcasts from the simulator's exercise store, nothing else;
        returns how many it cleared."""
        url = f"{self.url}/api/v1/oefeningen/{quote(label, safe='')}"
        try:
            antwoord = self.session.delete(url, timeout=TIMEOUT)
        except requests.RequestException as exc:
            raise SimulatorOnbereikbaar() from exc
        try:
            data = antwoord.json()
        except ValueError:
            raise SimulatorFout(antwoord.status_code) from None
        if (
            antwoord.status_code != 200
            or not isinstance(data, dict)
            or not isinstance(data.get("gewist"), int)
        ):
            raise SimulatorFout(antwoord.status_code)
        return int(data["gewist"])


def _reden(antwoord: requests.Response) -> str:
    try:
        data = antwoord.json()
    except ValueError:
        return antwoord.text[:300] or str(antwoord.status_code)
    if isinstance(data, dict):
        return str(data.get("detail") or data.get("title") or antwoord.status_code)[:300]
    return str(antwoord.status_code)
