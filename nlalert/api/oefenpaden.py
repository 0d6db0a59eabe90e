"""The OpenAPI description of the exercise routes (`nlalert.api.oefeningen`)."""

from __future__ import annotations

from typing import Any

JSON = "application/json"

OEFENING_ID = {
    "name": "oefening_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
TEAM = {
    "type": "object",
    "required": ["naam"],
    "properties": {
        "naam": {"type": "string", "maxLength": 100},
        "opsteller": {"type": "string", "description": "gebruikersnaam"},
        "goedkeurder": {"type": "string", "description": "gebruikersnaam"},
        "alleen": {
            "type": "string",
            "description": "één gebruiker in trainingsmodus die opstelt en goedkeurt",
        },
    },
}
OEFENING = {
    "type": "object",
    "required": ["id", "scenario", "titel", "toestand", "tempo", "oefentijd_minuten", "teams"],
    "properties": {
        "id": {"type": "integer"},
        "scenario": {"type": "string"},
        "titel": {"type": "string"},
        "toestand": {"type": "string", "enum": ["klaar", "loopt", "gepauzeerd", "beeindigd"]},
        "tempo": {"type": "number"},
        "oefentijd_minuten": {"type": "number"},
        "klok": {"type": ["string", "null"], "format": "date-time"},
        "begonnen_op": {"type": ["string", "null"], "format": "date-time"},
        "beeindigd_op": {"type": ["string", "null"], "format": "date-time"},
        "trainer": {"type": "string"},
        "teams": {"type": "array", "items": TEAM},
        "injects": {"type": "array", "items": {"type": "object"}},
        "berichten": {"type": "array", "items": {"type": "integer"}},
    },
}
VERZOEK = {
    "type": "object",
    "required": ["teams"],
    "properties": {
        "scenario": {"type": "string", "description": "naam van een meegeleverd scenario"},
        "scenario_toml": {
            "type": "string",
            "description": "of: een eigen scenario als TOML-tekst, gecontroleerd als"
            " `nlalert oefening valideer` (422 noemt regel of sleutel en reden)",
        },
        "bestand": {"type": "string", "description": "bestandsnaam van het eigen scenario"},
        "teams": {"type": "array", "minItems": 1, "items": TEAM},
        "start": {"type": "boolean", "default": True},
    },
}


def _fouten(*statussen: int) -> dict[str, Any]:
    return {str(s): {"$ref": f"#/components/responses/Fout{s}"} for s in statussen}


def _ok(schema: dict[str, Any], status: int = 200) -> dict[str, Any]:
    return {str(status): {"description": "Gelukt", "content": {JSON: {"schema": schema}}}}


def _operatie(operatie_id: str, samenvatting: str, antwoorden: dict[str, Any]) -> dict[str, Any]:
    return {
        "operationId": operatie_id,
        "summary": samenvatting,
        "tags": ["oefenen"],
        "responses": antwoorden,
    }


def paden() -> dict[str, Any]:
    """The exercise routes' paths."""
    stappen = {
        f"/api/oefeningen/{{oefening_id}}/{actie}": {
            "parameters": [OEFENING_ID],
            "post": _operatie(
                f"oefening_{actie}",
                samenvatting + " (trainer: rol beheer)",
                {**_ok(OEFENING), **_fouten(401, 403, 404, 409)},
            ),
        }
        for actie, samenvatting in (
            ("start", "De oefenklok starten"),
            ("pauzeer", "De oefenklok stilzetten"),
            ("hervat", "De oefenklok weer laten lopen"),
            ("beeindig", "De oefening beëindigen"),
        )
    }
    return {
        "/api/oefeningen": {
            "get": _operatie(
                "oefeningen",
                "Alle oefeningen, nieuwste eerst",
                {
                    **_ok(
                        {
                            "type": "object",
                            "properties": {"oefeningen": {"type": "array", "items": OEFENING}},
                        }
                    ),
                    **_fouten(401),
                },
            ),
            "post": {
                **_operatie(
                    "oefening_maak",
                    "Een oefening maken uit een scenario, met teams (trainer: rol beheer)",
                    {**_ok(OEFENING, 201), **_fouten(400, 401, 403, 404, 415, 422)},
                ),
                "requestBody": {"required": True, "content": {JSON: {"schema": VERZOEK}}},
            },
        },
        "/api/oefeningen/{oefening_id}": {
            "parameters": [OEFENING_ID],
            "get": _operatie(
                "oefening",
                "Een oefening met klok, vrijgegeven injects en berichten",
                {**_ok(OEFENING), **_fouten(401, 404)},
            ),
        },
        **stappen,
    }
