"""The API's credential: the token of an `Authorization: Bearer <token>` header."""

from __future__ import annotations

from flask import request


def bearer_token() -> str | None:
    """The Bearer token of this request, or None when it sends none."""
    soort, _spatie, token = request.headers.get("Authorization", "").partition(" ")
    if soort.lower() != "bearer":
        return None
    return token.strip()
