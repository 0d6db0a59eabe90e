"""The shape of a scenario file, as pydantic models: which keys, which types, nothing more.

These models only check the structure (unknown and missing keys, types, simple ranges) and give
each problem its key path. What the values mean (a region, a category, an area, times inside the
exercise) is checked in `scenario`, which turns the result into the frozen `model` values.
`json_schema()` is the same shape as JSON Schema, committed as `docs/scenario.schema.json` so
editors (Taplo, VS Code's Even Better TOML) can check a scenario while it is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

# An exercise time: whole minutes from the start (`20`) or hours and minutes (`"01:30"`).
# Typed Any here so one wrong value gives one problem, worded in `scenario`, not one per member.
Tijd = Annotated[
    Any,
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^\d{1,2}:[0-5]\d$"},
            ],
            "description": "minutes from the start, or HH:MM",
        }
    ),
]
Windrichting = Annotated[
    Any,
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "number", "minimum": 0, "maximum": 360},
                {"type": "string", "description": "a compass point: N, NO, ZW, NNE, ..."},
            ],
            "description": "where the wind comes FROM",
        }
    ),
]
# A TOML datetime, with or without offset (RFC 3339's date-time requires one, so a pattern).
Start = Annotated[
    datetime | None,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$",
            "description": "exercise clock at the start; no offset = Europe/Amsterdam",
        }
    ),
]
Tekst = Annotated[str, Field(min_length=1, max_length=4000)]
Naam = Annotated[str, Field(min_length=1, max_length=200)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


class _Schema(BaseModel):
    # TOML already gives typed values: no coercion of "5" to 5, and any unknown key is refused.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InjectSchema(_Schema):
    """One inject: what the meldkamer or the ROT tells the team, at an exercise time."""

    tijd: Tijd
    tekst: Tekst
    id: Id | None = Field(default=None, description="a name to refer to it from the ground truth")
    van: Naam | None = Field(default=None, description="who sends it: meldkamer, ROT, KNMI")
    team: Naam | None = Field(default=None, description="only this team gets it; one of `teams`")
    bijlagen: list[Naam] = Field(
        default_factory=list, description="files relative to the scenario file, inside its folder"
    )


class SectorSchema(_Schema):
    """A downwind sector (berichten.sector.rookpluim) from a source."""

    lat: float
    lon: float
    wind_uit: Windrichting
    lengte_km: float
    hoek: float | None = Field(default=None, description="opening in degrees (default 60)")
    windsnelheid_ms: float | None = Field(default=None, description="light wind widens the sector")


class GebiedSchema(_Schema):
    """The hazard area: exactly one of sector, polygoon, bestand, gemeenten, hele_regio."""

    beschrijving: Naam | None = None
    sector: SectorSchema | None = None
    polygoon: list[list[float]] | None = Field(
        default=None, description="one ring of [lon, lat] points, GeoJSON order"
    )
    bestand: Naam | None = Field(default=None, description="a GeoJSON file next to the scenario")
    gemeenten: list[str] | None = Field(default=None, description="CBS codes, GM0505")
    hele_regio: bool | None = Field(default=None, description="the scenario's whole region")


class TaalSchema(_Schema):
    """A language expected besides Dutch, and why the people in the area need it."""

    code: str
    reden: Tekst


class EersteAlertSchema(_Schema):
    """When the first alert should be on air at the latest, and which inject it answers."""

    uiterlijk: Tijd
    aanleiding: Id | None = Field(default=None, description="inject id; default the first")


class VervolgSchema(_Schema):
    """An expected follow-up: an update, an all-clear (einde) or a withdrawal (cancel)."""

    soort: Literal["update", "einde", "cancel"]
    uiterlijk: Tijd
    aanleiding: Id | None = Field(
        default=None, description="inject id; default the last inject at or before `uiterlijk`"
    )
    reden: Tekst | None = None


class GrondwaarheidSchema(_Schema):
    """What a good answer looks like, for the after-action report."""

    gebied: GebiedSchema
    categorieen: list[str] = Field(min_length=1)
    eerste_alert: EersteAlertSchema
    taal: list[TaalSchema] = Field(default_factory=list)
    vervolg: list[VervolgSchema] = Field(default_factory=list)


class ScenarioSchema(_Schema):
    """A scenario file."""

    model_config = ConfigDict(title="nlalert oefenscenario")

    titel: Naam
    beschrijving: Tekst | None = None
    regio: str = Field(description="veiligheidsregio: code (VR20) or name")
    start: Start = None
    tempo: float = Field(default=1.0, gt=0, le=60, description="exercise minutes per real minute")
    duur: Tijd
    teams: list[Naam] = Field(default_factory=list)
    inject: list[InjectSchema] = Field(min_length=1)
    grondwaarheid: GrondwaarheidSchema


def json_schema() -> dict[str, Any]:
    """The scenario format as JSON Schema (TOML datetimes appear as date-time strings)."""
    schema = ScenarioSchema.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
