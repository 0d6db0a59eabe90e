"""The one exception base of the application package, and the marker for translatable text."""

from __future__ import annotations

from collections.abc import Mapping


def N_(sjabloon: str) -> str:
    """Mark a Dutch msgid for extraction without translating it yet (pybabel `-k N_`)."""
    return sjabloon


class NlalertError(Exception):
    """Base of every error of the application package.

    `sjabloon` is the Dutch msgid with named placeholders, `parameters` fill it in, `bericht` is the
    filled-in Dutch text. The web layer translates `sjabloon` into the user's language; errors never
    know an HTTP status (see `nlalert.app.STATUS`).
    """

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = parameters
        self.bericht = sjabloon % parameters if parameters else sjabloon
        super().__init__(self.bericht)


class OngeldigeInvoer(NlalertError):
    """A form field or API value is missing, malformed or out of range."""

    def __init__(self, veld: str, reden: str) -> None:
        self.veld = veld
        self.reden = reden
        super().__init__(N_("'%(veld)s' is ongeldig: %(reden)s"), veld=veld, reden=reden)


class NietGevonden(NlalertError):
    """The requested bericht or user does not exist."""

    def __init__(self, wat: str, sleutel: object) -> None:
        self.wat = wat
        self.sleutel = sleutel
        super().__init__(N_("%(wat)s '%(sleutel)s' bestaat niet"), wat=wat, sleutel=sleutel)
