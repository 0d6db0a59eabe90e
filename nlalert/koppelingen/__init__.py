"""The app's connections to other systems: a CBC (or the simulator) over ECBE, and the
simulator's reach API. Each client holds its own `requests.Session` and returns values.

`init_app` wires the configured CBC and the simulator's exercise store from the configuration
(NLALERT_CBC_URL, NLALERT_SIM_URL, NLALERT_CBC_PROFIEL, NLALERT_CBC_TIMEOUT, NLALERT_CBC_RETRIES).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import requests
from flask import Flask, current_app

from nlalert.fouten import N_, NlalertError
from nlalert.koppelingen.cbc import CBCClient
from nlalert.koppelingen.doel import Doel
from nlalert.koppelingen.profiel import OSMO_CBC_04, SIMULATOR, CBCProfiel, profiel
from nlalert.koppelingen.simulator import SimulatorClient

KOPPELINGEN = "nlalert.koppelingen"  # app.extensions key: {Doel: Koppeling}
SIMULATOR_CLIENT = "nlalert.simulator"  # app.extensions key: the session to the simulator


class GeenVerzender(NlalertError):
    """No CBC or simulator is configured for this kind of bericht."""

    def __init__(self) -> None:
        super().__init__(N_("verzenden is nu niet mogelijk: er is geen CBC of simulator ingesteld"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Koppeling:
    """One configured CBC (or the simulator): where it is, what it can do, what it is for."""

    url: str
    doel: Doel
    profiel: CBCProfiel
    timeout: float = 30.0  # osmo-cbc may take 15 s when no cell is connected
    retries: int = 3

    def client(self) -> CBCClient:
        """A client for one batch of operations; close it after."""
        return CBCClient(
            self.url, profiel=self.profiel, timeout=(3.05, self.timeout), retries=self.retries
        )


Koppelingen = Mapping[Doel, Koppeling]


def kies(koppelingen: Koppelingen, *, training: bool) -> Koppeling:
    """The simulator for training berichten, the configured CBC otherwise."""
    koppeling = koppelingen.get(Doel.SIMULATOR if training else Doel.CBC)
    if koppeling is None:
        raise GeenVerzender()
    return koppeling


def koppeling_voor(koppelingen: Koppelingen, cbc: str) -> Koppeling:
    """The configured connection to the CBC at this URL; an unknown one gets the cautious profile."""
    for k in koppelingen.values():
        if k.url == cbc:
            return k
    return Koppeling(url=cbc, doel=Doel.CBC, profiel=OSMO_CBC_04)


def koppelingen() -> Koppelingen:
    """The configured CBC and the simulator of the current app."""
    return cast(Koppelingen, current_app.extensions[KOPPELINGEN])


def simulator_client() -> SimulatorClient:
    """The simulator's reach API at the configured address, over the app's one session."""
    sessie = current_app.extensions.setdefault(SIMULATOR_CLIENT, requests.Session())
    return SimulatorClient(current_app.config["SIM_URL"], session=sessie)


def init_app(app: Flask) -> None:
    """Wire the configured CBC and the simulator's exercise store, unless a test wired its own."""
    sim, cbc = app.config["SIM_URL"], app.config["CBC_URL"]
    timeout = float(app.config.get("CBC_TIMEOUT", 30.0))
    retries = int(app.config.get("CBC_RETRIES", 3))
    naam = app.config.get("CBC_PROFIEL") or ("nlalert-sim" if cbc == sim else "osmo-cbc-0.4")
    app.extensions.setdefault(
        KOPPELINGEN,
        {
            Doel.CBC: Koppeling(
                url=cbc,
                doel=Doel.SIMULATOR if cbc == sim else Doel.CBC,
                profiel=profiel(str(naam)),
                timeout=timeout,
                retries=retries,
            ),
            # Training only ever reaches the simulator's exercise store, whatever CBC_URL says.
            Doel.SIMULATOR: Koppeling(
                url=sim, doel=Doel.SIMULATOR, profiel=SIMULATOR, timeout=timeout, retries=retries
            ),
        },
    )
