"""Structured logs and the request id.

Every request gets an id: a sane incoming `X-Request-ID` (set by a proxy in front) or a new one.
It goes back in the response's `X-Request-ID`, into every audit row the request writes, and,
with `NLALERT_LOG_JSON=1`, into every log line, which is then one JSON object per line on stderr.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
LOGGER = "nlalert"

# What we take from outside: short, and nothing that could split a log line or a header.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def kies_request_id(aangeboden: str | None) -> str:
    """The incoming id when it is sane, otherwise a new random one."""
    if aangeboden is not None and _SANE_ID.fullmatch(aangeboden):
        return aangeboden
    return str(uuid.uuid4())


def request_id() -> str | None:
    """The current request's id; None outside a request (the command line, a start-up task)."""
    if not has_request_context():
        return None
    waarde = g.get("request_id")
    return waarde if isinstance(waarde, str) else None


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, request id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON (newlines in messages are escaped, never written)."""
        regel: dict[str, Any] = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id(),
        }
        velden = getattr(record, "velden", None)
        if isinstance(velden, dict):
            regel.update({k: v for k, v in velden.items() if k not in regel})
        if record.exc_info:
            regel["fout"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(regel, ensure_ascii=False, default=str)


class _JsonNaarStderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (a test's capture, a redirected stream)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _waarde: object) -> None:
        pass


def _aan(waarde: object) -> bool:
    # From the environment "1", "true" arrive parsed as JSON; "ja", "on" as text.
    if isinstance(waarde, str):
        return waarde.strip().lower() in {"1", "true", "ja", "yes", "on"}
    return bool(waarde)


def _zet_json_logs(aan: bool) -> None:
    # Logging is one per process: the app built last decides, and building again adds no
    # second handler.
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _JsonNaarStderr)]:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    if aan:
        logger.addHandler(_JsonNaarStderr())
        logger.setLevel(logging.INFO)


def _begin() -> None:
    g.request_id = kies_request_id(request.headers.get(REQUEST_ID_HEADER))
    g.request_begin = time.perf_counter()


def _einde(response: Response) -> Response:
    rid = request_id()
    if rid is not None:
        response.headers[REQUEST_ID_HEADER] = rid
    logger = logging.getLogger(LOGGER + ".request")
    if logger.isEnabledFor(logging.INFO):
        begin = g.get("request_begin")
        duur = None if begin is None else round((time.perf_counter() - begin) * 1000, 1)
        # The path only: a query string may carry what does not belong in a log.
        velden = {
            "methode": request.method,
            "pad": request.path,
            "status": response.status_code,
            "duur_ms": duur,
        }
        logger.info(
            "%s %s %s", request.method, request.path, response.status_code, extra={"velden": velden}
        )
    return response


def init_app(app: Flask) -> None:
    """Give every request an id, return it, and write JSON log lines when LOG_JSON is on."""
    _zet_json_logs(_aan(app.config.get("LOG_JSON", False)))
    app.before_request(_begin)
    app.after_request(_einde)
