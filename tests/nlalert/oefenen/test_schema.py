"""The scenario format as JSON Schema: committed, current, and true to the shipped files."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nlalert.oefenen.scenario import meegeleverde
from nlalert.oefenen.schema import json_schema

ROOT = Path(__file__).parents[3]
SCHEMA = ROOT / "docs" / "scenario.schema.json"


def _als_json(waarde: Any) -> Any:
    """TOML's datetimes as the strings a JSON Schema validator sees (as Taplo does)."""
    if isinstance(waarde, dict):
        return {k: _als_json(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_als_json(v) for v in waarde]
    if isinstance(waarde, datetime | date | time):
        return waarde.isoformat()
    return waarde


def test_the_committed_schema_is_current() -> None:
    """Regenerate with `nlalert oefening schema > docs/scenario.schema.json`."""
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize("naam", meegeleverde())
def test_shipped_scenarios_pass_the_json_schema(naam: str) -> None:
    pad = ROOT / "nlalert" / "oefenen" / "scenarios" / f"{naam}.toml"
    data = _als_json(tomllib.loads(pad.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(json_schema()).validate(data)


def test_the_json_schema_refuses_what_the_loader_refuses() -> None:
    pad = ROOT / "nlalert" / "oefenen" / "scenarios" / "oss-drinkwater.toml"
    data = _als_json(tomllib.loads(pad.read_text(encoding="utf-8")))
    data["kleur"] = "rood"
    data["inject"][0]["tijd"] = -3
    del data["titel"]
    fouten = {e.json_path for e in jsonschema.Draft202012Validator(json_schema()).iter_errors(data)}
    assert fouten == {"$", "$.inject[0].tijd"}
