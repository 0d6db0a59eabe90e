"""The OpenAPI description: public, well-formed, and in step with every /api/ route of the app."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.api.openapi import document

METHODEN = {"get", "put", "post", "delete", "patch"}


def _regel_als_pad(regel: str) -> str:
    """Flask's `/api/berichten/<int:bericht_id>` as OpenAPI's `/api/berichten/{bericht_id}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", regel)


def _operaties(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for pad, item in doc["paths"].items():
        for methode, operatie in item.items():
            if methode in METHODEN:
                yield pad, methode, operatie


def _refs(waarde: object) -> Iterator[str]:
    if isinstance(waarde, dict):
        for sleutel, v in waarde.items():
            if sleutel == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from _refs(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _refs(v)


def test_served_without_a_token(client: FlaskClient) -> None:
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.get_json()["openapi"] == "3.1.0"


def test_every_api_route_is_documented_and_nothing_else(app: Flask) -> None:
    in_app = {
        (_regel_als_pad(regel.rule), methode.lower())
        for regel in app.url_map.iter_rules()
        if regel.rule.startswith("/api/")
        for methode in regel.methods or ()
        if methode.lower() in METHODEN
    }
    beschreven = {(pad, methode) for pad, methode, _ in _operaties(document())}
    assert in_app - beschreven == set(), "routes missing from nlalert/openapi.py"
    assert beschreven - in_app == set(), "documented routes the app does not have"


def test_document_is_well_formed() -> None:
    doc = json.loads(json.dumps(document()))  # plain JSON, nothing Python-only inside
    assert doc["info"]["title"] and doc["info"]["version"]
    for ref in set(_refs(doc)):
        assert ref.startswith("#/"), ref
        deel: Any = doc
        for stap in ref[2:].split("/"):
            assert stap in deel, f"{ref} does not resolve"
            deel = deel[stap]
    ids = [o["operationId"] for _, _, o in _operaties(doc)]
    assert len(ids) == len(set(ids))
    schemes = doc["components"]["securitySchemes"]
    for pad, methode, operatie in _operaties(doc):
        waar = f"{methode.upper()} {pad}"
        antwoorden = operatie["responses"]
        assert any(s.startswith("2") for s in antwoorden), waar
        assert all(re.fullmatch(r"[1-5]\d\d", s) for s in antwoorden), waar
        for antwoord in antwoorden.values():
            assert "$ref" in antwoord or antwoord["description"], waar
        parameters = doc["paths"][pad].get("parameters", []) + operatie.get("parameters", [])
        in_pad = {p["name"] for p in parameters if p["in"] == "path"}
        assert in_pad == set(re.findall(r"{([^}]+)}", pad)), waar
        assert all(p["required"] for p in parameters if p["in"] == "path"), waar
        for eis in operatie.get("security", doc["security"]):
            assert set(eis) <= set(schemes), waar
        if "requestBody" in operatie:
            assert operatie["requestBody"]["content"], waar


def test_cap_alternative_and_public_description_are_stated() -> None:
    doc = document()
    maak = doc["paths"]["/api/berichten"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/cap+xml", "application/xml"} <= set(maak)
    assert "nlalert:veld:" in maak["application/cap+xml"]["schema"]["description"]
    assert doc["paths"]["/api/openapi.json"]["get"]["security"] == []
    assert doc["security"] == [{"bearer": []}]


def test_validates_with_openapi_spec_validator() -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document())
