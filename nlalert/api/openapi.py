"""The OpenAPI 3.1 description of every `/api/...` route, served without login at /api/openapi.json.

Written by hand, so it says what the routes promise rather than what a generator can guess; a test
walks the app's URL map so a route missing here fails the suite instead of going stale silently.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Blueprint, Response, jsonify

from berichten.cap_import import MAX_BYTES
from nlalert.api import oefenpaden
from nlalert.api.cap import XML_TYPEN
from nlalert.api.schemas import FOUTEN, PROBLEM, ref, schemas
from nlalert.http.beveiliging import CSRF_HEADER

bp = Blueprint("openapi", __name__)

JSON = "application/json"
CAP_PROFIEL = (
    "Een CAP 1.2-alert (OASIS, namespace urn:oasis:names:tc:emergency:cap:1.2), eerst tegen het"
    " XSD gecontroleerd; een DOCTYPE of entiteit wordt geweigerd. Profiel: status Actual/Exercise/"
    "Test wordt modus echt/oefening/test (System en Draft worden geweigerd); msgType Alert/Update/"
    "Cancel wordt soort alert/update/cancel, en een Update of Cancel moet met references naar een"
    " hier verzonden bericht wijzen (zie `cap_referentie`). Parameter `nlalert:categorie` kiest de"
    " categorie (anders info/event tegen de catalogus); `nlalert:register` je of u;"
    " `nlalert:veld:<naam>` geeft één veld (anders plaats uit areaDesc en link uit web). Talen uit"
    " info/language (nl-NL, en-GB, ...); onbekende talen worden overgeslagen met een waarschuwing."
    " Gebied: alle polygon en circle van de eerste info (lat,lon)."
)


def _json_body(schema: dict[str, Any], beschrijving: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"required": True, "content": {JSON: {"schema": schema}}}
    if beschrijving:
        body["description"] = beschrijving
    return body


def _fouten(*statussen: int) -> dict[str, Any]:
    return {str(s): {"$ref": f"#/components/responses/Fout{s}"} for s in statussen}


def _ok(schema_naam: str, status: int = 200, beschrijving: str = "Gelukt") -> dict[str, Any]:
    return {
        str(status): {"description": beschrijving, "content": {JSON: {"schema": ref(schema_naam)}}}
    }


def _operatie(
    operatie_id: str,
    samenvatting: str,
    antwoorden: dict[str, Any],
    *,
    body: dict[str, Any] | None = None,
    beschrijving: str = "",
    tag: str = "berichten",
) -> dict[str, Any]:
    uit: dict[str, Any] = {
        "operationId": operatie_id,
        "summary": samenvatting,
        "tags": [tag],
        "responses": antwoorden,
    }
    if beschrijving:
        uit["description"] = beschrijving
    if body is not None:
        uit["requestBody"] = body
    return uit


BERICHT_ID = {
    "name": "bericht_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
CAP_SCHEMA = {"type": "string", "description": CAP_PROFIEL, "maxLength": MAX_BYTES}


def _cap_of_json(json_schema: dict[str, Any], beschrijving: str) -> dict[str, Any]:
    content: dict[str, Any] = {JSON: {"schema": json_schema}}
    content.update({t: {"schema": CAP_SCHEMA} for t in sorted(XML_TYPEN)})
    return {"required": True, "description": beschrijving, "content": content}


def _paden() -> dict[str, Any]:
    stap = (400, 401, 403, 404, 409, 422)
    vervolg_body = _cap_of_json(
        ref("Opstelverzoek"),
        "Leeg: begin met de inhoud van het origineel. Of een nieuw opstelverzoek, of een CAP"
        " Update/Cancel (msgType moet bij de route passen).",
    )
    vervolg_body["required"] = False
    return {
        "/api/openapi.json": {
            "get": {
                **_operatie(
                    "openapi",
                    "Deze beschrijving",
                    {"200": {"description": "OpenAPI 3.1", "content": {JSON: {"schema": {}}}}},
                    tag="api",
                ),
                "security": [],
            }
        },
        "/api/ik": {
            "get": _operatie(
                "ik", "Van wie het token is", {**_ok("Gebruiker"), **_fouten(401)}, tag="api"
            )
        },
        "/api/berichten": {
            "get": _operatie(
                "lijst",
                "Alle berichten, laatst gewijzigd eerst",
                {**_ok("Berichten"), **_fouten(401)},
            ),
            "post": _operatie(
                "maak",
                "Een concept maken uit JSON of CAP 1.2",
                {
                    **_ok("Bericht", 201, "Concept opgeslagen"),
                    **_fouten(400, 401, 403, 409, 413, 415, 422),
                },
                body=_cap_of_json(
                    ref("Opstelverzoek"),
                    "Een opstelverzoek als JSON, of een CAP 1.2-alert als XML. Een CAP Update of"
                    " Cancel wordt een vervolg van het bericht waar references naar wijst.",
                ),
            ),
        },
        "/api/berichten/{bericht_id}": {
            "parameters": [BERICHT_ID],
            "get": _operatie(
                "detail", "Eén bericht en zijn status", {**_ok("Bericht"), **_fouten(401, 404)}
            ),
            "put": _operatie(
                "bewerk",
                "De inhoud van een concept of teruggestuurd bericht vervangen",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(ref("Bewerking")),
            ),
        },
        "/api/berichten/{bericht_id}/indienen": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "indienen",
                "Ter goedkeuring indienen",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(ref("Versie")),
            ),
        },
        "/api/berichten/{bericht_id}/goedkeuren": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "goedkeuren",
                "Goedkeuren (door een ander dan de schrijvers)",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(ref("Goedkeuring"), "de inhoud_hash die u hebt beoordeeld"),
                beschrijving="Vier ogen: wie aan het bericht schreef, mag het niet goedkeuren (403).",
            ),
        },
        "/api/berichten/{bericht_id}/terugsturen": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "terugsturen",
                "Terugsturen naar de opsteller, met reden",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(ref("Terugsturen")),
            ),
        },
        "/api/berichten/{bericht_id}/verzenden": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "verzenden",
                "Een goedgekeurd bericht verzenden, of doorgaan waar een verzending stopte",
                {**_ok("Bericht"), **_fouten(*stap, 503)},
                beschrijving=(
                    "Elke uitzending (taal) wordt eerst in de outbox vastgelegd en dan naar de CBC"
                    " gestuurd. 200 met status 'verzonden' (alles in de lucht), 'verzendfout'"
                    " (geweigerd of onbereikbaar: opnieuw verzenden stuurt alleen de rest) of"
                    " 'onbekend' (de CBC kon het niet zeggen: controleren, veilig opnieuw,"
                    " stoppen of beeindigen). 'uitzendingen' zegt per uitzending de toestand."
                ),
            ),
        },
        "/api/berichten/{bericht_id}/controleren": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "controleren",
                "De CBC opnieuw vragen naar uitzendingen waarvan de toestand onbekend is",
                {**_ok("Bericht"), **_fouten(401, 403, 404, 409)},
            ),
        },
        "/api/berichten/{bericht_id}/stoppen": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "stoppen",
                "De uitzendingen van een vastgelopen verzending stoppen (niets nieuws gaat uit)",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(ref("Versie")),
            ),
        },
        "/api/berichten/{bericht_id}/beeindigen": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "beeindigen",
                "Een vastgelopen verzending met de hand afsluiten, als de operator bevestigt dat"
                " er niets van in de lucht is",
                {**_ok("Bericht"), **_fouten(*stap, 415)},
                body=_json_body(
                    {
                        "type": "object",
                        "required": ["bevestig"],
                        "properties": {"bevestig": {"const": True}},
                    }
                ),
            ),
        },
        "/api/berichten/{bericht_id}/update": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "update",
                "Een concept-update van een verzonden bericht maken",
                {**_ok("Bericht", 201, "Concept opgeslagen"), **_fouten(*stap, 413, 415)},
                body=vervolg_body,
            ),
        },
        "/api/berichten/{bericht_id}/einde": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "einde",
                "Een concept-sein-veilig (einde dreiging) van een bericht in de lucht maken;"
                " het vervangt wat in de lucht is en stopt vanzelf",
                {**_ok("Bericht", 201, "Concept opgeslagen"), **_fouten(*stap, 413, 415)},
                body=vervolg_body,
            ),
        },
        "/api/berichten/{bericht_id}/intrekken": {
            "parameters": [BERICHT_ID],
            "post": _operatie(
                "intrekken",
                "Een concept-intrekking van een bericht in de lucht maken: alle uitzendingen stoppen",
                {**_ok("Bericht", 201, "Concept opgeslagen"), **_fouten(*stap, 413, 415)},
                body=vervolg_body,
            ),
        },
        "/api/audit/verify": {
            "get": _operatie(
                "audit_verify",
                "Of de keten van het auditlog intact is (reviewer en beheer)",
                {**_ok("AuditControle"), **_fouten(401, 403)},
                tag="audit",
            )
        },
        "/api/voorbeeld": {
            "post": {
                **_operatie(
                    "voorbeeld",
                    "Voorbeeld van een opstelverzoek in elke taal en variant",
                    {**_ok("Voorbeeld"), **_fouten(400, 401, 404, 413, 415, 422)},
                    body=_json_body(ref("Opstelverzoek")),
                    tag="opstellen",
                ),
                "security": [{"bearer": []}, {"sessie": [], "csrf": []}],
            }
        },
        "/api/bereik": {
            "post": {
                **_operatie(
                    "bereik",
                    "Geschat bereik van een gebied (simulator)",
                    {**_ok("Bereik"), **_fouten(400, 401, 413, 415, 422, 502, 503)},
                    body=_json_body(ref("BereikVerzoek")),
                    tag="opstellen",
                ),
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["png"]},
                        "description": "png: ook een kaartbeeld",
                    }
                ],
                "security": [{"bearer": []}, {"sessie": [], "csrf": []}],
            }
        },
        **oefenpaden.paden(),
    }


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the HTTP API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "nlalert API",
            "version": "1",
            "description": (
                "NL-Alert berichten opstellen, goedkeuren (vier ogen) en verzenden. Elke gebruiker"
                " heeft een eigen token (`nlalert gebruiker token <naam>`); dezelfde regels als in"
                " de webinterface. Fouten zijn application/problem+json in de taal van"
                " Accept-Language (nl of en; anders Nederlands)."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "tags": [
            {"name": "berichten", "description": "opstellen, goedkeuren, verzenden, vervolgen"},
            {"name": "opstellen", "description": "wat het opstelscherm live vraagt"},
            {"name": "audit", "description": "het auditlog"},
            {"name": "oefenen", "description": "oefeningen uit een scenario leiden (trainer)"},
            {"name": "api", "description": "over de API zelf"},
        ],
        "paths": _paden(),
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Authorization: Bearer nla_...; het sessiecookie telt hier niet",
                },
                "sessie": {"type": "apiKey", "in": "cookie", "name": "nlalert_sessie"},
                "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER},
            },
            "schemas": schemas(),
            "responses": {
                f"Fout{status}": {
                    "description": beschrijving,
                    "content": {PROBLEM: {"schema": ref("Probleem")}},
                }
                for status, beschrijving in FOUTEN.items()
            },
        },
    }


@bp.get("/api/openapi.json")
def openapi_json() -> Response:
    """The OpenAPI description; public, since it holds no data."""
    return jsonify(document())
