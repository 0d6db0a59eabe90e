"""The OpenAPI description of the exercise routes (`nlalert.api.oefeningen`), the report's too."""

from __future__ import annotations

from typing import Any

from nlalert.oefenen.lezer import MAX_BIJLAGE
from nlalert.oefenen.pakket import MAX_BESTANDEN, MAX_TOTAAL

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
        "scenario_zip": {
            "type": "string",
            "contentEncoding": "base64",
            "contentMediaType": "application/zip",
            "description": "of: een eigen scenario met bijlagen als zip (base64): bovenin"
            " precies één .toml, de bijlagen op hun pad ten opzichte daarvan. Geweigerd (422, één"
            " regel met bestand en reden): geen zip, geen of meer dan één .toml bovenin, een pad"
            f" buiten de zip (../ of absoluut), een symbolische koppeling, meer dan {MAX_BESTANDEN}"
            f" bestanden, een bestand boven {MAX_BIJLAGE // 1_000_000} MB of samen boven"
            f" {MAX_TOTAAL // 1_000_000} MB uitgepakt, een bestand dat anders"
            " uitpakt dan opgegeven (zip-bom). De zip wordt bij de oefening bewaard; teams halen"
            " een bijlage van een vrijgegeven inject op via"
            " /oefeningen/{id}/injects/{nummer}/bijlagen/{n}",
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
        **_rapportpaden(),
    }


RAPPORT = {
    "type": "object",
    "description": "het evaluatierapport: per team en bericht de minuten vanaf de inject tot"
    " indienen, goedkeuren en uitzending, volledigheid, pagina's en codering, leesbaarheid,"
    " talen tegen de verwachte, gebiedsfit tegen het gevaarsgebied (verwachtingen van de"
    " simulator), 75+ verwacht gemist, vervolgen; de vergelijking tussen teams en runs",
    "required": ["oefening_id", "run", "teams", "runs", "opmerkingen"],
    "properties": {
        "oefening_id": {"type": "integer"},
        "run": {"type": "integer", "minimum": 1},
        "vorige_id": {"type": ["integer", "null"]},
        "teams": {"type": "array", "items": {"type": "object"}},
        "runs": {"type": "array", "items": {"type": "object"}},
        "opmerkingen": {"type": "string"},
    },
}
BEREIK = {
    "name": "bereik",
    "in": "query",
    "required": False,
    "description": "`nee`: zonder de bereikschattingen van de simulator",
    "schema": {"type": "string", "enum": ["ja", "nee"]},
}


def _bestand(mediatype: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "Gelukt", "content": {mediatype: {"schema": schema}}}}


def _rapportpaden() -> dict[str, Any]:
    basis = "/api/oefeningen/{oefening_id}"
    return {
        f"{basis}/rapport": {
            "parameters": [OEFENING_ID, BEREIK],
            "get": _operatie(
                "oefening_rapport",
                "Het evaluatierapport als JSON (trainer: rol beheer)",
                {**_ok(RAPPORT), **_fouten(401, 403, 404)},
            ),
        },
        f"{basis}/rapport.csv": {
            "parameters": [OEFENING_ID, BEREIK],
            "get": _operatie(
                "oefening_rapport_csv",
                "Het evaluatierapport als CSV, één regel per bericht (trainer: rol beheer)",
                {**_bestand("text/csv", {"type": "string"}), **_fouten(401, 403, 404)},
            ),
        },
        f"{basis}/rapport.pdf": {
            "parameters": [OEFENING_ID, BEREIK],
            "get": _operatie(
                "oefening_rapport_pdf",
                "Het evaluatierapport als PDF (trainer: rol beheer)",
                {
                    **_bestand("application/pdf", {"type": "string", "format": "binary"}),
                    **_fouten(401, 403, 404),
                },
            ),
        },
        f"{basis}/opmerkingen": {
            "parameters": [OEFENING_ID],
            "put": {
                **_operatie(
                    "oefening_opmerkingen",
                    "De opmerkingen van de trainer in het rapport bewaren (in het auditlog)",
                    {
                        **_ok(
                            {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "integer"},
                                    "opmerkingen": {"type": "string"},
                                },
                            }
                        ),
                        **_fouten(400, 401, 403, 404, 415),
                    },
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        JSON: {
                            "schema": {
                                "type": "object",
                                "required": ["opmerkingen"],
                                "properties": {
                                    "opmerkingen": {"type": "string", "maxLength": 10000}
                                },
                            }
                        }
                    },
                },
            },
        },
        f"{basis}/simulator-wissen": {
            "parameters": [OEFENING_ID],
            "post": _operatie(
                "oefening_simulator_wissen",
                "De uitzendingen van deze oefening uit de oefenopslag van de simulator wissen;"
                " andere oefeningen en runs blijven staan (trainer: rol beheer)",
                {
                    **_ok(
                        {
                            "type": "object",
                            "properties": {
                                "id": {"type": "integer"},
                                "gewist": {"type": "integer", "minimum": 0},
                            },
                        }
                    ),
                    **_fouten(401, 403, 404, 409, 502, 503),
                },
            ),
        },
        f"{basis}/herhaal": {
            "parameters": [OEFENING_ID],
            "post": _operatie(
                "oefening_herhaal",
                "Een nieuwe run van een beëindigde oefening: zelfde scenario en teams, eigen"
                " berichten, uitzendingen en rapport (trainer: rol beheer)",
                {**_ok(OEFENING, 201), **_fouten(401, 403, 404, 409, 422)},
            ),
        },
    }
