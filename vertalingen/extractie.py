"""A Babel extraction method for the catalogue's TOML files (configured in pyproject [tool.babel]).

Every citizen-facing Dutch text in the catalogue is a msgid: category event names, the what/where,
follow-up and all-clear sentences, the short variant, action texts and captions, and field labels.
The easy-Dutch (B1) sentences are Dutch-only by design and are not extracted.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

# (lineno, funcname, message, comments) as Babel expects from an extractor
Extracted = tuple[int, str | None, str | tuple[str, str], list[str]]


def _teksten(waarde: object) -> Iterator[str]:
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for sleutel in ("je", "u"):
            if isinstance(waarde.get(sleutel), str):
                yield waarde[sleutel]


def _regel(bron: str, tekst: str) -> int:
    """Best-effort line number of a text in its file, so translators can find it."""
    zoek = tekst.replace("\\", "\\\\").replace('"', '\\"')
    for nummer, regel in enumerate(bron.splitlines(), start=1):
        if zoek in regel:
            return nummer
    return 0


def _categorie(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    cid = data.get("id", "?")
    yield f"{cid}: CAP event", data.get("cap", {}).get("event", "")
    tekst = data.get("tekst", {})
    for sleutel, uitleg in (
        ("wat", "what is happening, and where"),
        ("vervolg", "follow-up sentence in updates"),
        ("einde", "all-clear"),
        ("kort", "short variant, at most 100 characters for bus-stop screens"),
    ):
        for t in _teksten(tekst.get(sleutel)):
            yield f"{cid}: {uitleg}", t


def _acties(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for aid, actie in data.items():
        for t in _teksten(actie.get("tekst")):
            yield f"action {aid}", t
        if isinstance(actie.get("bijschrift"), str):
            yield f"action {aid}: caption under its pictogram (2-4 words)", actie["bijschrift"]


def _velden(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for vid, veld in data.items():
        yield (
            f"field {vid}: label (used in update messages: 'Gewijzigd: ...')",
            veld.get("label_nl", ""),
        )


def _woordenlijsten(bron: str, data: dict[str, Any]) -> Iterator[Extracted]:
    """Each vocabulary value as a msgid with its field as context (pgettext), so "chloor" the
    substance never shares a translation with the same Dutch word elsewhere."""
    for veld, lijst in data.items():
        zin = lijst.get("zin", "")
        for waarde, engels in lijst.get("waarden", {}).items():
            uitleg = f"field {veld}: '{engels}', in the form this sentence needs: {zin}"
            yield _regel(bron, waarde), "pgettext", (veld, waarde), [uitleg]


def extract_catalogus(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: dict[str, Any]
) -> Iterator[Extracted]:
    """Yield every translatable text of one catalogue TOML file."""
    bron = fileobj.read().decode("utf-8")
    data = tomllib.loads(bron)
    naam = getattr(fileobj, "name", "")
    if naam.endswith("woordenlijsten.toml"):
        yield from _woordenlijsten(bron, data)
        return
    if naam.endswith("acties.toml"):
        paren = _acties(data)
    elif naam.endswith("velden.toml"):
        paren = _velden(data)
    elif "id" in data:
        paren = _categorie(data)
    else:
        return
    for uitleg, tekst in paren:
        if tekst:
            yield _regel(bron, tekst), None, tekst, [uitleg]
