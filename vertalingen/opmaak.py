"""Dates and times per locale, through babel.dates only."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from vertalingen.talen import taal

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def kop_datum_tijd(moment: datetime, code: str, zone: ZoneInfo | None = None) -> tuple[str, str]:
    """Date and 24-hour time for the NL-Alert header in a language, in Europe/Amsterdam time
    (or `zone`: America/Kralendijk for the Caribbean Netherlands).

    Dutch keeps the fixed NL-Alert form DD-MM-YYYY HH:MM; other languages follow their locale,
    without the direction marks CLDR puts in an Arabic date (3\u200f/12\u200f/2026): a phone lays
    the header out left to right, and there those marks tear the date apart (README, "Right to
    left"). The Arabic header's own right-to-left mark is in its translation instead.
    """
    lokaal = moment.astimezone(zone or AMSTERDAM)
    if code == "nl":
        return lokaal.strftime("%d-%m-%Y"), lokaal.strftime("%H:%M")
    locale = taal(code).babel_locale
    return (
        _zonder_richtingstekens(format_skeleton("yMd", lokaal, locale=locale)),
        _zonder_richtingstekens(format_skeleton("Hm", lokaal, locale=locale)),
    )


def _zonder_richtingstekens(tekst: str) -> str:
    return tekst.translate(_RICHTINGSTEKENS)


# RLM, LRM and ARABIC LETTER MARK: each costs a UCS-2 character and orders nothing in the header.
_RICHTINGSTEKENS = dict.fromkeys(map(ord, "\u200f\u200e\u061c"))


def kloktijd(tijdstip: time, code: str) -> str:
    """A clock time (24-hour) as the language writes it."""
    moment = datetime.combine(datetime(2000, 1, 1).date(), tijdstip)
    return format_skeleton("Hm", moment, locale=taal(code).babel_locale)
