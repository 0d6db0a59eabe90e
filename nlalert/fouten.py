"""The one exception base of the application package; which field of a request an error names.

The translatable text (`Melding`, `N_`) is the pipeline's own, from `handelingsperspectieven`.
"""

from __future__ import annotations

from berichten import BerichtError, InvalidCombination, InvalidField, MissingField, OngeldigGebied
from berichten.cap_import import CapNietBruikbaar
from handelingsperspectieven import CatalogusError
from handelingsperspectieven.meldingen import N_, Melding, MeldingError

# The app's code takes the pipeline's translatable text from here, with its own errors.
__all__ = ["N_", "Melding", "NietGevonden", "NlalertError", "OngeldigeInvoer", "veld_van"]
from vertalingen import OnbekendeTaal


class NlalertError(MeldingError):
    """Base of every error of the application package.

    Like the core packages' roots: `sjabloon` is the Dutch msgid with named placeholders,
    `parameters` fill it in (a parameter may be a Melding), `bericht` is the filled-in Dutch. The
    web layer translates it into the user's language; errors never know an HTTP status (see
    `nlalert.problemen.STATUS`).
    """


class OngeldigeInvoer(NlalertError):
    """A form field or API value is missing, malformed or out of range."""

    def __init__(self, veld: str, reden: str, **parameters: object) -> None:
        """`reden` is a Dutch msgid (mark it with N_) that `parameters` fill in."""
        tekst = Melding(reden, **parameters)
        self.veld = veld
        self.reden = str(tekst)
        super().__init__(N_("'%(veld)s' is ongeldig: %(reden)s"), veld=veld, reden=tekst)


class NietGevonden(NlalertError):
    """The requested bericht or user does not exist."""

    def __init__(self, wat: str, sleutel: object) -> None:
        """`wat` is a Dutch noun msgid (mark it with N_): bericht, gebruiker, categorie."""
        self.wat = wat
        self.sleutel = sleutel
        super().__init__(
            N_("%(wat)s '%(sleutel)s' bestaat niet"), wat=Melding(wat), sleutel=sleutel
        )


def veld_van(exc: BaseException) -> str | None:
    """The field of the request an error is about, for a screen to point at."""
    if isinstance(exc, OngeldigeInvoer):
        return exc.veld
    if isinstance(exc, CapNietBruikbaar):
        return exc.element
    if isinstance(exc, MissingField | InvalidField):
        return f"velden.{exc.name}"
    if isinstance(exc, OngeldigGebied):
        return "gebied"
    if isinstance(exc, OnbekendeTaal):
        return "talen"
    if isinstance(exc, InvalidCombination):
        return "modus"
    if isinstance(exc, CatalogusError):
        return "categorie"
    if isinstance(exc, BerichtError):
        return "tekst"
    return getattr(exc, "veld", None)
