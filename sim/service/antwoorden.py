"""HTTP answers of the service: plain text on ECBE paths (as osmo-cbc gives them), JSON else."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import Response, request

from sim.ecbe.parse import parse_json

ECBE = "/api/ecbe/v1"  # osmo-cbc's paths: answers and errors in plain text
API = "/api/v1"  # the simulator's own JSON API: errors as application/problem+json


def tekst(status: int, inhoud: str, **headers: str) -> Response:
    """A plain-text answer, as osmo-cbc gives them."""
    return Response(inhoud, status=status, mimetype="text/plain", headers=headers)


def probleem(status: int, titel: str, detail: str) -> Response:
    """An `application/problem+json` answer (RFC 9457)."""
    body = json.dumps({"title": titel, "detail": detail, "status": status}, ensure_ascii=False)
    return Response(body, status=status, mimetype="application/problem+json")


def json_antwoord(data: Any, status: int = 200) -> Response:
    """A JSON answer."""
    return Response(
        json.dumps(data, ensure_ascii=False), status=status, mimetype="application/json"
    )


def json_waarde(data: Mapping[str, Any]) -> dict[str, Any]:
    """A report as plain JSON values (numpy scalars and the like become numbers or text)."""

    def standaard(o: Any) -> Any:
        if hasattr(o, "item"):
            return o.item()
        if isinstance(o, (set, frozenset, tuple)):
            return list(o)
        return str(o)

    waarde: dict[str, Any] = json.loads(json.dumps(dict(data), default=standaard))
    return waarde


def lees_json() -> Any:
    """The body of the current request as JSON; `OngeldigeJSON` with a Dutch reason if not."""
    return parse_json(request.get_data(cache=False))
