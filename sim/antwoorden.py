"""HTTP answers of the service and the reading of a JSON body: plain text for ECBE, JSON else."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import Response, request

from sim.ecbe import EcbeError


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
    """The request body as JSON; raise EcbeError with a Dutch reason when it is not."""
    ruw = request.get_data(cache=False)
    try:
        data = json.loads(ruw.decode("utf-8"), parse_constant=_geen_constante)
    except UnicodeDecodeError as exc:
        raise EcbeError("de body is geen UTF-8") from exc
    except RecursionError as exc:
        raise EcbeError("de JSON is te diep genest") from exc
    except ValueError as exc:  # JSONDecodeError, and our NaN/Infinity refusal
        raise EcbeError(f"de body is geen geldige JSON: {exc}") from exc
    try:
        # JSON may escape a lone surrogate ("\ud800"); such a string cannot be stored as UTF-8,
        # nor shown by a phone. Refuse it here, once, for every field.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EcbeError("de JSON bevat een los surrogaat (\\ud800-\\udfff) in een tekst") from exc
    except (RecursionError, ValueError) as exc:
        raise EcbeError("de JSON is te diep genest") from exc
    return data


def _geen_constante(naam: str) -> Any:
    raise ValueError(f"{naam} is geen JSON-getal")
