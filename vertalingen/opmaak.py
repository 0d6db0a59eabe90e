"""Dates and times per locale, through babel.dates only."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from vertalingen.talen import taal

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def kop_datum_tijd(moment: datetime, code: str) -> tuple[str, str]:
    """Date and 24-hour time for the NL-Alert header in a language, in Europe/Amsterdam time.

    Dutch keeps the fixed NL-Alert form DD-MM-YYYY HH:MM; other languages follow their locale.
    """
    lokaal = moment.astimezone(AMSTERDAM)
    if code == "nl":
        return lokaal.strftime("%d-%m-%Y"), lokaal.strftime("%H:%M")
    locale = taal(code).babel_locale
    return (
        format_skeleton("yMd", lokaal, locale=locale),
        format_skeleton("Hm", lokaal, locale=locale),
    )


def kloktijd(tijdstip: time, code: str) -> str:
    """A clock time (24-hour) as the language writes it."""
    moment = datetime.combine(datetime(2000, 1, 1).date(), tijdstip)
    return format_skeleton("Hm", moment, locale=taal(code).babel_locale)
