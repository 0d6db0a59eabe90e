"""The broadcast languages nlalert supports and what each needs (locale, CAP tag, direction)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handelingsperspectieven.meldingen import N_
from vertalingen.errors import VertalingenError


class Richting(StrEnum):
    """Text direction, recorded so previews render right-to-left scripts correctly."""

    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True, slots=True, kw_only=True)
class Taal:
    """A broadcast language."""

    code: str  # our code, also the gettext locale directory
    babel_locale: str  # for babel.dates / babel.numbers
    cap_tag: str  # RFC 3066 tag for CAP info/language
    naam_nl: str
    naam_eigen: str  # the language's own name, for pickers
    richting: Richting


TALEN: dict[str, Taal] = {
    t.code: t
    for t in (
        Taal(
            code="nl",
            babel_locale="nl_NL",
            cap_tag="nl-NL",
            naam_nl="Nederlands",
            naam_eigen="Nederlands",
            richting=Richting.LTR,
        ),
        Taal(
            code="en",
            babel_locale="en_GB",
            cap_tag="en-GB",
            naam_nl="Engels",
            naam_eigen="English",
            richting=Richting.LTR,
        ),
        Taal(
            code="de",
            babel_locale="de_DE",
            cap_tag="de-DE",
            naam_nl="Duits",
            naam_eigen="Deutsch",
            richting=Richting.LTR,
        ),
        Taal(
            code="fr",
            babel_locale="fr_FR",
            cap_tag="fr-FR",
            naam_nl="Frans",
            naam_eigen="Français",
            richting=Richting.LTR,
        ),
        # Papiamento (Bonaire; CLDR has a pap locale).
        Taal(
            code="pap",
            babel_locale="pap",
            cap_tag="pap",
            naam_nl="Papiaments",
            naam_eigen="Papiamentu",
            richting=Richting.LTR,
        ),
        Taal(
            code="tr",
            babel_locale="tr_TR",
            cap_tag="tr-TR",
            naam_nl="Turks",
            naam_eigen="Türkçe",
            richting=Richting.LTR,
        ),
        Taal(
            code="ar",
            babel_locale="ar",
            cap_tag="ar",
            naam_nl="Arabisch",
            naam_eigen="العربية",
            richting=Richting.RTL,
        ),
        Taal(
            code="pl",
            babel_locale="pl_PL",
            cap_tag="pl-PL",
            naam_nl="Pools",
            naam_eigen="Polski",
            richting=Richting.LTR,
        ),
        Taal(
            code="uk",
            babel_locale="uk_UA",
            cap_tag="uk-UA",
            naam_nl="Oekraïens",
            naam_eigen="Українська",
            richting=Richting.LTR,
        ),
    )
}

BRONTAAL = "nl"


class OnbekendeTaal(VertalingenError):
    """A language code nlalert does not support."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            N_("onbekende taal '%(code)s'; kies uit: %(talen)s"), code=code, talen=", ".join(TALEN)
        )


def taal(code: str) -> Taal:
    """The supported language with this code, or OnbekendeTaal."""
    try:
        return TALEN[code]
    except KeyError:
        raise OnbekendeTaal(code) from None
