"""Input every request shares, checked once at the edge: ids in URLs, text that is no text, and
the compose screen's body limit.

- An id in a URL is a row id, and storage holds signed 64-bit integers (SQLite's INTEGER,
  PostgreSQL's bigint). The app's `int` URL converter is replaced by one that stops there, so an
  id beyond it matches no route: 404, on every route there is and every one added later.
- Text must be storable as UTF-8: a lone surrogate (`"\\ud800"` in JSON) cannot be encoded, and
  NUL is refused by PostgreSQL and by C strings at a CBC. Form fields and query arguments are
  checked before every request; JSON bodies by `nlalert.http.json.lees_json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeGuard

from flask import Flask, request
from werkzeug.routing import IntegerConverter

from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.beveiliging import SESSIE_API

MAX_ID = 2**63 - 1  # the largest signed 64-bit integer: the largest row id storage holds
MAX_SCHERM_BODY = 1024 * 1024  # octets: a compose request with a detailed area fits easily
# A lone surrogate (cannot be encoded as UTF-8) or NUL (cannot be stored as text).
GEEN_TEKST = re.compile("[\x00\ud800-\udfff]")


def tot_en_met(grens: int) -> str:
    """A regular expression for the whole numbers 1 to `grens`, written without leading zeros."""
    cijfers = str(grens)
    korter = rf"[1-9][0-9]{{0,{len(cijfers) - 2}}}" if len(cijfers) > 1 else ""
    # As long as `grens`: the same first digits, then one lower, then any digits.
    even_lang = [
        cijfers[:i]
        + f"[{'1' if i == 0 else '0'}-{int(c) - 1}]"
        + f"[0-9]{{{len(cijfers) - i - 1}}}"
        for i, c in enumerate(cijfers)
        if int(c) > (1 if i == 0 else 0)
    ]
    return "|".join(d for d in (korter, *even_lang, cijfers) if d)


class Id(IntegerConverter):
    """`<int:...>` in a URL: a row id, 1 to MAX_ID. Anything else matches no route, so a URL
    with an id beyond it is a plain 404 (a converter's ValidationError after the path matched
    would give a 405 where another method shares the path)."""

    regex = f"(?:{tot_en_met(MAX_ID)})"


def is_id(waarde: object) -> TypeGuard[int]:
    """Whether a value can be a stored row's id: a whole number from 1 up to MAX_ID."""
    return isinstance(waarde, int) and not isinstance(waarde, bool) and 1 <= waarde <= MAX_ID


def _leesbaar(naam: str) -> str:
    """A field name fit to show, whatever it contains."""
    return GEEN_TEKST.sub("\ufffd", naam)


def controleer_tekst(tekst: str, veld: str) -> None:
    """Refuse text that cannot be stored (OngeldigeInvoer naming the field and the character)."""
    if (gevonden := GEEN_TEKST.search(tekst)) is not None:
        raise OngeldigeInvoer(
            _leesbaar(veld),
            N_("bevat het teken U+%(code)s; dat is geen tekst en kan niet worden opgeslagen"),
            code=f"{ord(gevonden.group()):04X}",
        )


def controleer_json(waarde: object) -> None:
    """Check every key and string of a JSON value, at any depth (without recursion, so deep
    nesting cannot exhaust the stack); the error names the path, e.g. `velden.plaats`."""
    stapel: list[tuple[object, str]] = [(waarde, "")]
    while stapel:
        w, pad = stapel.pop()
        if isinstance(w, str):
            controleer_tekst(w, pad or "body")
        elif isinstance(w, dict):
            for sleutel, v in w.items():
                sub = f"{pad}.{sleutel}" if pad else str(sleutel)
                controleer_tekst(str(sleutel), sub)
                if isinstance(v, str | dict | list):
                    stapel.append((v, sub))
        elif isinstance(w, list):
            stapel.extend(
                (v, f"{pad}[{i}]") for i, v in enumerate(w) if isinstance(v, str | dict | list)
            )


def _controleer_paren(paren: Iterable[tuple[str, str]]) -> None:
    for naam, waarde in paren:
        controleer_tekst(naam, naam)
        controleer_tekst(waarde, naam)


def begrens_scherm_body() -> None:
    """Limit the compose screen's JSON calls before anything reads the body: with a session the
    CSRF check reads the form first, which would otherwise fix the app-wide limit."""
    if request.path in SESSIE_API:
        request.max_content_length = MAX_SCHERM_BODY


def controleer_formulier() -> None:
    """Refuse a query argument or form field (name or value) that cannot be stored."""
    _controleer_paren(request.args.items(multi=True))
    _controleer_paren(request.form.items(multi=True))  # empty, and unread, for other bodies


def init_app(app: Flask) -> None:
    """Bound ids in URLs (before any route is added) and check every request's text first."""
    app.url_map.converters["int"] = Id
    app.before_request(begrens_scherm_body)
    app.before_request(controleer_formulier)
