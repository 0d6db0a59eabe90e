"""The one reader of JSON request bodies: a JSON object, or a 400 naming the body."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest

from nlalert.fouten import N_, OngeldigeInvoer

MAX_SCHERM_BODY = 1024 * 1024  # octets: a compose request with a detailed area fits easily


def lees_json() -> dict[str, Any]:
    """The request body as a JSON object, or OngeldigeInvoer."""
    try:
        data = request.get_json(silent=False)
    except (BadRequest, RecursionError):
        # RecursionError: hostile, deeply nested JSON; it must be a 400 like any bad body.
        raise OngeldigeInvoer(
            "body", N_("verwacht een JSON-object (Content-Type: application/json)")
        ) from None
    if not isinstance(data, dict):
        raise OngeldigeInvoer("body", N_("verwacht een JSON-object"))
    return data
