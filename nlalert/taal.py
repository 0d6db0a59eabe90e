"""The UI language (nl or en) and gettext for templates and code.

Dutch text is the msgid, so a missing catalogue or entry falls back to reviewed Dutch. The
committed `nlalert/locales/<taal>/LC_MESSAGES/ui.po` is compiled in memory at load time (fuzzy
entries left out); a local `.mo` is never read, so it cannot hide later edits to the `.po`.
"""

from __future__ import annotations

import gettext as _gettext
import io
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from babel.dates import format_datetime, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from flask import Flask, g, has_request_context, request, session

from nlalert.fouten import Melding

TALEN = ("nl", "en")
STANDAARD = "nl"
DOMEIN = "ui"
TIJDZONE = "Europe/Amsterdam"
SESSIE_SLEUTEL = "taal"


@cache
def vertalingen(taal: str) -> _gettext.NullTranslations:
    """The catalogue for a language, or no-op translations (Dutch) when there is none."""
    map_ = resources.files("nlalert") / "locales" / taal / "LC_MESSAGES"
    po = map_ / f"{DOMEIN}.po"
    if po.is_file():
        with po.open("rb") as f:
            catalogus = read_po(f, locale=taal, domain=DOMEIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalogus, use_fuzzy=False)
        buffer.seek(0)
        return Translations(fp=buffer, domain=DOMEIN)
    return _gettext.NullTranslations()


def huidige_taal() -> str:
    """The user's choice from the session, else the best match of Accept-Language, else Dutch."""
    if not has_request_context():
        return STANDAARD
    if "taal" not in g:
        gekozen = session.get(SESSIE_SLEUTEL)
        g.taal = (
            gekozen
            if gekozen in TALEN
            else request.accept_languages.best_match(TALEN, default=STANDAARD)
        )
    taal: str = g.taal
    return taal


def gettext(tekst: str, **parameters: Any) -> str:
    """Translate a Dutch msgid into the user's language and fill in named placeholders.

    A parameter that is itself a `Melding` (an error's reason, say) is translated too.
    """
    vertaald = vertalingen(huidige_taal()).gettext(tekst)
    if not parameters:
        return vertaald
    parameters = {
        k: gettext(v.sjabloon, **v.parameters) if isinstance(v, Melding) else v
        for k, v in parameters.items()
    }
    try:
        return vertaald % parameters
    except (KeyError, ValueError, TypeError):
        # A translation with broken placeholders must not turn a message into a 500.
        return tekst % parameters


def fouttekst(exc: BaseException) -> str:
    """An error for the user: ours translated from its template, a core package's in Dutch."""
    sjabloon = getattr(exc, "sjabloon", None)
    if isinstance(sjabloon, str):
        return gettext(sjabloon, **getattr(exc, "parameters", {}))
    return str(getattr(exc, "bericht", exc))


def ngettext(enkelvoud: str, meervoud: str, aantal: int, **parameters: Any) -> str:
    """Plural-aware gettext; `num` is available as a placeholder."""
    vertaald = vertalingen(huidige_taal()).ngettext(enkelvoud, meervoud, aantal)
    return vertaald % {"num": aantal, **parameters}


_ = gettext


def tijd(waarde: datetime | None) -> str:
    """A timestamp in Europe/Amsterdam, formatted for the user's language."""
    if waarde is None:
        return ""
    return format_datetime(waarde, "medium", tzinfo=get_timezone(TIJDZONE), locale=huidige_taal())


def aantal(waarde: object) -> str:
    """A count of people, rounded, with the user's locale's grouping (2.634 or 2,634)."""
    try:
        getal = round(float(waarde))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(waarde)
    return format_decimal(getal, locale=huidige_taal())


def iso_tijd(waarde: object) -> str:
    """An ISO-8601 timestamp (as stored in JSON) formatted like `tijd`."""
    if isinstance(waarde, datetime):
        return tijd(waarde)
    try:
        return tijd(datetime.fromisoformat(str(waarde)))
    except ValueError:
        return str(waarde)


def init_app(app: Flask) -> None:
    """Install gettext (new style, autoescape-safe) and the time filter in Jinja."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext, ngettext=ngettext, newstyle=True
    )
    app.jinja_env.globals["huidige_taal"] = huidige_taal
    app.jinja_env.globals["TALEN"] = TALEN
    app.jinja_env.filters["tijd"] = tijd
    app.jinja_env.filters["iso_tijd"] = iso_tijd
    app.jinja_env.filters["aantal"] = aantal
