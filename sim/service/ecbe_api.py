"""The osmo-cbc ECBE routes: POST, DELETE and (ours only) GET on /api/ecbe/v1/message.

Answers as osmo-cbc gives them: plain text, 201 "Created", 200 "OK", 400 with the reason, 404, and
409 (errors through `sim.service.foutantwoord`). A broadcast is named by (message_id, msg_code): a
POST whose pair is active is 409; a DELETE without `?msg_code=` stops the one active broadcast on
the id, and is 409 when several are. The GET routes are not in osmo-cbc 0.4.0; they list active
broadcasts as JSON.
"""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, request

from sim.ecbe.decodeer import decodeer
from sim.ecbe.parse import parse_message_id, parse_msg_code, parse_uitzending
from sim.ecbe.uitzending import Uitzending
from sim.fouten import AlActief, EcbeError, GeenActief
from sim.service.antwoorden import API, ECBE, json_antwoord, json_waarde, lees_json, tekst
from sim.service.staat import Rapport, staat


def init_app(app: Flask) -> None:
    """Register the ECBE routes."""
    app.add_url_rule(f"{ECBE}/message", endpoint="ecbe_post", view_func=_post, methods=["POST"])
    app.add_url_rule(f"{ECBE}/message", endpoint="ecbe_lijst", view_func=_lijst, methods=["GET"])
    app.add_url_rule(
        f"{ECBE}/message/<path:message_id>",
        endpoint="ecbe_delete",
        view_func=_delete,
        methods=["DELETE"],
    )
    app.add_url_rule(
        f"{ECBE}/message/<path:message_id>", endpoint="ecbe_een", view_func=_een, methods=["GET"]
    )


def _post() -> Response:
    """POST /api/ecbe/v1/message: accept, decode, estimate reach and store one broadcast."""
    s = staat()
    # osmo-cbc (ulfius_get_json_body_request) reads no JSON without this header: neither do we.
    if "application/json" not in request.headers.get("Content-Type", ""):
        raise EcbeError("Content-Type moet application/json zijn")
    uitzending = parse_uitzending(lees_json())
    gedecodeerd = decodeer(uitzending.dcs, uitzending.paginas)
    code = uitzending.serial.msg_code
    # Checked before the reach estimate, which is the slow part; the store decides a race.
    if s.opslag.actief(uitzending.message_id, code):
        raise AlActief(uitzending.message_id, code)
    rapport: Rapport | None = None
    ontvangen = s.klok()
    if uitzending.area is not None:
        rapport = s.schat(uitzending.area, kanaal=uitzending.message_id, tijdstip=ontvangen)
    opgeslagen = s.opslag.bewaar(  # AlActief when a concurrent POST of the pair won the race
        uitzending=uitzending,
        tekst=gedecodeerd.tekst,
        taal=gedecodeerd.taal,
        bereik=None if rapport is None else json_waarde(rapport.to_dict()),
        waarschuwingen=_waarschuwingen(uitzending),
        ontvangen=ontvangen,
    )
    if rapport is not None:
        s.onthoud(opgeslagen.id, rapport)
    if vertraging := float(current_app.config["ANTWOORD_VERTRAGING"]):
        time.sleep(vertraging)
    return tekst(201, "Created", Location=f"{API}/broadcasts/{opgeslagen.id}")


def _waarschuwingen(uitzending: Uitzending) -> list[str]:
    uit = [
        f"pagina {i + 1} is korter dan 82 octets: osmo-cbc vult aan met 0x00, "
        "wat een telefoon in GSM-7 als '@' toont"
        for i in uitzending.korte_paginas
    ]
    if uitzending.area is None:
        uit.append("geen 'area' meegestuurd: osmo-cbc zendt dan in het hele netwerk (scope_plmn)")
    return uit


def _delete(message_id: str) -> Response:
    """DELETE /api/ecbe/v1/message/<message_id>[?msg_code=N]: stop one active broadcast."""
    nummer = parse_message_id(message_id)
    code = parse_msg_code(request.args.getlist("msg_code"))
    s = staat()
    s.opslag.stop(nummer, code, s.klok())  # GeenActief (404), MeerdereActief (409)
    return tekst(200, "OK")


def _lijst() -> Response:
    """GET /api/ecbe/v1/message: every active broadcast, in order of receipt."""
    return json_antwoord({"messages": [o.ecbe_dict() for o in staat().opslag.actief()]})


def _een(message_id: str) -> Response:
    """GET /api/ecbe/v1/message/<message_id>[?msg_code=N]: the active broadcasts on that id."""
    nummer = parse_message_id(message_id)
    code = parse_msg_code(request.args.getlist("msg_code"))
    gevonden = staat().opslag.actief(nummer, code)
    if not gevonden:
        raise GeenActief(nummer, code)
    return json_antwoord({"messages": [o.ecbe_dict() for o in gevonden]})
