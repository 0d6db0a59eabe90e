"""pydantic's structure errors, reworded as Dutch reasons (pydantic speaks English only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nlalert.fouten import N_, Melding

# pydantic's error type -> what the value should have been.
_SOORTEN = {
    "string_type": N_("tekst"),
    "int_type": N_("geheel getal"),
    "float_type": N_("getal"),
    "bool_type": N_("ja/nee (true of false)"),
    "list_type": N_("lijst"),
    "dict_type": N_("tabel"),
    "model_type": N_("tabel"),
    "model_attributes_type": N_("tabel"),
    "datetime_type": N_("datum en tijd (2026-06-01T09:30:00)"),
    "finite_number": N_("eindig getal"),
}


def reden_van(fout: Mapping[str, Any]) -> Melding:
    """A Dutch reason for one entry of `ValidationError.errors()`."""
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    if soort == "missing":
        return Melding(N_("verplicht veld ontbreekt"))
    if soort == "extra_forbidden":
        return Melding(N_("onbekend veld"))
    if soort in _SOORTEN:
        return Melding(
            N_("moet een %(soort)s zijn, niet %(waarde)s"),
            soort=Melding(_SOORTEN[soort]),
            waarde=_kort(fout.get("input")),
        )
    if soort == "string_too_short":
        return Melding(N_("mag niet leeg zijn"))
    if soort == "string_too_long":
        return Melding(N_("is te lang (hoogstens %(max)s tekens)"), max=ctx.get("max_length"))
    if soort == "too_short":
        return Melding(N_("noem er minstens %(min)s"), min=ctx.get("min_length"))
    if soort == "string_pattern_mismatch":
        return Melding(
            N_("alleen kleine letters, cijfers en streepjes (hoogstens 40), niet %(waarde)s"),
            waarde=_kort(fout.get("input")),
        )
    if soort == "literal_error":
        return Melding(
            N_("moet een van %(keuzes)s zijn, niet %(waarde)s"),
            keuzes=str(ctx.get("expected", "")).replace("'", ""),
            waarde=_kort(fout.get("input")),
        )
    if soort in ("greater_than", "greater_than_equal"):
        teken = ">" if soort == "greater_than" else ">="
        grens = ctx.get("gt", ctx.get("ge"))
        return Melding(N_("moet %(teken)s %(grens)s zijn"), teken=teken, grens=grens)
    if soort in ("less_than", "less_than_equal"):
        teken = "<" if soort == "less_than" else "<="
        grens = ctx.get("lt", ctx.get("le"))
        return Melding(N_("moet %(teken)s %(grens)s zijn"), teken=teken, grens=grens)
    # Anything else keeps pydantic's code, which says enough to look it up.
    return Melding(N_("ongeldige waarde (%(soort)s)"), soort=soort)


def _kort(waarde: object) -> str:
    tekst = repr(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."
