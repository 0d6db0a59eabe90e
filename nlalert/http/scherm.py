"""What the compose screen's JSON calls share: their guard, their body and their error answers.

`/api/voorbeeld` and `/api/bereik` are called by the screen itself, so besides a Bearer token they
accept the session cookie (`beveiliging.SESSIE_API`): the app-wide session loading and CSRF check
then treat them as pages, and the guard here only picks the user.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Response, g, jsonify, request
from werkzeug.exceptions import BadRequest

from berichten import BerichtError
from handelingsperspectieven import CatalogusError
from nlalert.accounts import gebruikers
from nlalert.accounts.views import NietIngelogd, huidige_gebruiker
from nlalert.db import get_db
from nlalert.fouten import N_, NlalertError, OngeldigeInvoer
from nlalert.opstellen.voorbeeld import fout_van
from nlalert.taal import gettext as _
from nlalert.workflow.stappen import GeenRecht

F = TypeVar("F", bound=Callable[..., Any])
PROBLEM_JSON = "application/problem+json"
MAX_BODY = 1024 * 1024  # octets: a compose request with a detailed area fits easily


def probleem(
    detail: str, veld: str | None, status: int = 400, code: str = ""
) -> tuple[Response, int]:
    """A problem+json answer with the field the screen should point at."""
    from nlalert.app import TITELS  # app imports the screen's modules, so not at import time

    body = {
        "type": "about:blank",
        "title": _(TITELS.get(status, N_("Fout"))),
        "status": status,
        "detail": detail,
        "veld": veld,
    }
    if code:
        body["code"] = code
    response = jsonify(body)
    response.mimetype = PROBLEM_JSON
    return response, status


def probleem_van(exc: Exception) -> tuple[Response, int]:
    """Our own or a core package's error as problem+json, in the user's language."""
    from nlalert.app import status_van  # see probleem()

    if isinstance(exc, NlalertError):
        detail, veld = _(exc.sjabloon, **exc.parameters), getattr(exc, "veld", None)
    else:
        fout = fout_van(exc)
        detail, veld = fout["fout"], fout["veld"]
    return probleem(detail, veld, status_van(exc), type(exc).__name__)


def json_fouten(view: F) -> F:
    """Answer the screen's JSON calls with problem+json instead of an HTML error page."""

    @functools.wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except (NlalertError, BerichtError, CatalogusError) as exc:
            return probleem_van(exc)

    return cast(F, bewaakt)


def scherm_api(view: F) -> F:
    """Guard an /api/ call of the screen: a Bearer token, or the session plus its CSRF header."""

    @functools.wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        request.max_content_length = MAX_BODY
        soort, _spatie, token = request.headers.get("Authorization", "").partition(" ")
        if soort.lower() == "bearer":
            gebruiker = gebruikers.bij_token(get_db(), token.strip())
        else:
            gebruiker = huidige_gebruiker()  # loaded and CSRF-checked like any page
            if gebruiker is not None and gebruiker.moet_wachtwoord_wijzigen:
                raise GeenRecht(N_("kies eerst een eigen wachtwoord"))
        if gebruiker is None:
            raise NietIngelogd()
        g.gebruiker = gebruiker
        return view(*args, **kwargs)

    return cast(F, bewaakt)


def lees_json() -> dict[str, Any]:
    """The request body as a JSON object, or OngeldigeInvoer."""
    try:
        data = request.get_json(silent=False)
    except (BadRequest, RecursionError):
        # RecursionError: hostile, deeply nested JSON; a 400 like any bad body.
        raise OngeldigeInvoer("body", N_("verwacht een JSON-object")) from None
    if not isinstance(data, dict):
        raise OngeldigeInvoer("body", N_("verwacht een JSON-object"))
    return data
