"""The one reader of JSON request bodies: a JSON object, or a 400 naming the body or the field."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest

from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.invoer import MAX_SCHERM_BODY, controleer_json

__all__ = ["MAX_SCHERM_BODY", "lees_json"]


def lees_json() -> dict[str, Any]:
    """The request body as a JSON object whose every text can be stored, or OngeldigeInvoer."""
    try:
        data = request.get_json(silent=False)
    except (BadRequest, RecursionError):
        # RecursionError: hostile, deeply nested JSON; it must be a 400 like any bad body.
        raise OngeldigeInvoer(
            "body", N_("verwacht een JSON-object (Content-Type: application/json)")
        ) from None
    if not isinstance(data, dict):
        raise OngeldigeInvoer("body", N_("verwacht een JSON-object"))
    controleer_json(data)
    return data
