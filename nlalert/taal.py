"""The UI language (nl or en) and gettext for templates and code.

Dutch text is the msgid, so a missing catalogue or entry falls back to reviewed Dutch. The
committed `nlalert/locales/<taal>/LC_MESSAGES/ui.po` is compiled in memory at load time (fuzzy
entries left out); a local `.mo` is never read, so it cannot hide later edits to the `.po`.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from flask import Flask, g, has_request_context, request, session

from nlalert.fouten import N_, Melding
from vertalingen import TALEN as UITZENDTALEN

TALEN = ("nl", "en")
# The locale that formats numbers and dates per UI language: British English keeps the 24-hour
# clock and day-month order that Dutch operators and the English broadcast use.
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
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


def melding(m: Melding | Mapping[str, object] | str) -> str:
    """A core package's translatable text (a warning, a checklist item, a readability finding,
    also as stored by `Melding.als_json`) in the user's language."""
    if isinstance(m, Mapping):
        m = Melding.uit_json(m)
    if isinstance(m, Melding):
        return gettext(m.sjabloon, **m.parameters)
    return str(m)


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


def _locale() -> str:
    return LOCALES.get(huidige_taal(), huidige_taal())


def tijd(waarde: datetime | None) -> str:
    """A timestamp in Europe/Amsterdam, formatted for the user's language."""
    if waarde is None:
        return ""
    return format_datetime(waarde, "medium", tzinfo=get_timezone(TIJDZONE), locale=_locale())


def aantal(waarde: object) -> str:
    """A count of people, rounded, with the user's locale's grouping (2.634 or 2,634)."""
    try:
        getal = round(float(waarde))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(waarde)
    return format_decimal(getal, locale=_locale())


def iso_tijd(waarde: object) -> str:
    """An ISO-8601 timestamp (as stored in JSON) formatted like `tijd`."""
    if isinstance(waarde, datetime):
        return tijd(waarde)
    try:
        return tijd(datetime.fromisoformat(str(waarde)))
    except ValueError:
        return str(waarde)


def getal(waarde: object, decimalen: int | None = None) -> str:
    """A number with the user's locale's grouping and decimal sign (1.234,5 or 1,234.5); with
    `decimalen` that many decimals, else the locale's own (at most three, no trailing zeros)."""
    try:
        getal_ = float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(waarde)
    if decimalen is None:
        return format_decimal(getal_, locale=_locale())
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")
    return format_decimal(getal_, format=patroon, locale=_locale())


# The closed vocabularies the screens show. The stored value is the Dutch word, so the msgid is
# the value itself (the Dutch screen shows it as before); the English catalogue gives the label.
LABELS: dict[str, dict[str, str]] = {
    "status": {
        "concept": N_("concept"),
        "ingediend": N_("ingediend"),
        "teruggestuurd": N_("teruggestuurd"),
        "goedgekeurd": N_("goedgekeurd"),
        "verzenden": N_("verzenden"),
        "verzonden": N_("verzonden"),
        "verzendfout": N_("verzendfout"),
        "onbekend": N_("onbekend"),
        "ingetrokken": N_("ingetrokken"),
        "vervangen": N_("vervangen"),
    },
    "modus": {"echt": N_("echt"), "oefening": N_("oefening"), "test": N_("test")},
    "oefening": {
        "klaar": N_("klaar"),
        "loopt": N_("loopt"),
        "gepauzeerd": N_("gepauzeerd"),
        "beeindigd": N_("beëindigd"),
    },
    "soort": {
        "alert": N_("alert"),
        "update": N_("update"),
        "einde": N_("einde"),
        "cancel": N_("cancel"),
    },
    "rol": {
        "opsteller": N_("opsteller"),
        "goedkeurder": N_("goedkeurder"),
        "reviewer": N_("reviewer"),
        "beheer": N_("beheer"),
    },
    "actie": {
        "maken": N_("maken"),
        "bewerken": N_("bewerken"),
        "indienen": N_("indienen"),
        "goedkeuren": N_("goedkeuren"),
        "terugsturen": N_("terugsturen"),
        "verzenden": N_("verzenden"),
        "verzonden": N_("verzonden"),
        "verzendfout": N_("verzendfout"),
        "onbekend": N_("onbekend"),
        "cbc": N_("cbc"),
        "stoppen": N_("stoppen"),
        "beeindigd": N_("beeindigd"),
        "herstel": N_("herstel"),
        "update": N_("update"),
        "einde": N_("einde"),
        "intrekken": N_("intrekken"),
        "vervangen": N_("vervangen"),
        "ingetrokken": N_("ingetrokken"),
        "login": N_("login"),
        "login_mislukt": N_("login_mislukt"),
        "login_geblokkeerd": N_("login_geblokkeerd"),
        "logout": N_("logout"),
        "wachtwoord_gewijzigd": N_("wachtwoord_gewijzigd"),
        "gebruiker_toegevoegd": N_("gebruiker_toegevoegd"),
        "token_aangemaakt": N_("token_aangemaakt"),
        "gebruiker_uitgeschakeld": N_("gebruiker_uitgeschakeld"),
        "gebruiker_ingeschakeld": N_("gebruiker_ingeschakeld"),
        "gebruiker_verwijderd": N_("gebruiker_verwijderd"),
        "training_aan": N_("training_aan"),
        "training_uit": N_("training_uit"),
        "aftekenen": N_("aftekenen"),
        "woord_toegevoegd": N_("woord_toegevoegd"),
        "oefening_aangemaakt": N_("oefening_aangemaakt"),
        "oefenstap": N_("oefenstap"),
        "oefenopmerking": N_("oefenopmerking"),
        "oefening_herhaald": N_("oefening_herhaald"),
        "oefening_gewist": N_("oefening_gewist"),
        "database_hersteld": N_("database_hersteld"),
        "vastgelegd": N_("vastgelegd"),
    },
}


def label(waarde: object, soort: str) -> str:
    """A value of a closed vocabulary (status, modus, soort, rol, actie, oefening) in the user's
    language; an unknown value is shown as it is."""
    tekst = LABELS.get(soort, {}).get(str(waarde))
    return gettext(tekst) if tekst else str(waarde)


def taalnaam(code: str) -> str:
    """A language's name in the user's language, from Babel's CLDR data (Arabisch, Arabic)."""
    try:
        naam = Locale.parse(code).get_language_name(huidige_taal())
    except (ValueError, UnknownLocaleError):
        return code
    return naam or code


def richting(code: str) -> str:
    """The writing direction of a broadcast language ('rtl' for Arabic), 'ltr' when unknown."""
    t = UITZENDTALEN.get(code)
    return str(t.richting) if t is not None else "ltr"


def init_app(app: Flask) -> None:
    """Install gettext (new style, autoescape-safe) and the time filter in Jinja."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext, ngettext=ngettext, newstyle=True
    )
    app.jinja_env.globals["huidige_taal"] = huidige_taal
    app.jinja_env.globals["TALEN"] = TALEN
    app.jinja_env.globals["richting"] = richting
    app.jinja_env.filters["tijd"] = tijd
    app.jinja_env.filters["iso_tijd"] = iso_tijd
    app.jinja_env.filters["aantal"] = aantal
    app.jinja_env.filters["getal"] = getal
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["taalnaam"] = taalnaam
    app.jinja_env.filters["melding"] = melding
