"""The broadcast catalogues: complete, not fuzzy, same placeholders, and not stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from vertalingen import BRONTAAL, TALEN, UI, Vertaler
from vertalingen.beheer import Project, extract

LOCALES = Path(__file__).parents[2] / "vertalingen" / "locales"
VERTAALDE_TALEN = [t for t in TALEN if t != BRONTAAL]


def _placeholders(tekst: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", tekst))


def _berichten(pad: Path) -> list[tuple[object, ...]]:
    """A catalogue's messages as a translator sees them; the header (tool, dates) is left out."""
    with pad.open("rb") as f:
        catalogus = read_po(f)
    return [
        (m.context, m.id, m.locations, m.auto_comments, sorted(m.flags)) for m in catalogus if m.id
    ]


def test_committed_pot_is_not_stale(tmp_path: Path) -> None:
    vers = extract(Project.zoek(), uitvoer=tmp_path / "broadcast.pot")
    assert _berichten(vers) == _berichten(LOCALES / "broadcast.pot"), (
        "run `nlalert vertalingen extract` and `update`"
    )


def test_staleness_ignores_the_tool_header_but_sees_a_changed_message(tmp_path: Path) -> None:
    pot = (LOCALES / "broadcast.pot").read_text(encoding="utf-8")
    ander_hulpmiddel = tmp_path / "header.pot"
    ander_hulpmiddel.write_text(
        re.sub(r"Generated-By: Babel [^\\]+", "Generated-By: Babel 9.9.9", pot), encoding="utf-8"
    )
    assert _berichten(ander_hulpmiddel) == _berichten(LOCALES / "broadcast.pot")
    eerste = _berichten(LOCALES / "broadcast.pot")[0][1]
    veranderd = tmp_path / "bericht.pot"
    veranderd.write_text(pot.replace(f'msgid "{eerste}"', 'msgid "Iets anders"', 1), "utf-8")
    assert _berichten(veranderd) != _berichten(LOCALES / "broadcast.pot")


@pytest.mark.parametrize("code", VERTAALDE_TALEN)
def test_broadcast_catalogue_is_complete_without_fuzzy_and_keeps_placeholders(code: str) -> None:
    with (LOCALES / "broadcast.pot").open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    with (LOCALES / code / "LC_MESSAGES" / "broadcast.po").open("rb") as f:
        po = read_po(f, locale=code)
    berichten = {m.id: m for m in po if m.id}
    assert set(berichten) >= pot, f"{code}: msgids missing from the .po: run update"
    leeg = sorted(i for i in pot if not berichten[i].string)
    assert not leeg, f"{code}: {len(leeg)} untranslated, e.g. {leeg[:3]}"
    fuzzy = sorted(i for i in pot if berichten[i].fuzzy)
    assert not fuzzy, f"{code}: fuzzy entries {fuzzy[:3]}"
    for i in pot:
        assert _placeholders(str(berichten[i].string)) == _placeholders(str(i)), (code, i)


def test_missing_translation_falls_back_to_dutch_and_is_reported() -> None:
    v = Vertaler("de")
    assert v.gettext("Een zin die niemand ooit vertaalde.") == "Een zin die niemand ooit vertaalde."
    assert v.teruggevallen == ["Een zin die niemand ooit vertaalde."]


def test_a_translation_equal_to_its_msgid_is_not_a_fallback() -> None:
    v = Vertaler("en")
    assert v.gettext("NL-Alert %(datum)s %(tijd)s:") == "NL-Alert %(datum)s %(tijd)s:"
    assert v.teruggevallen == []


# The web UI's own catalogue (domain "ui"): Dutch msgids, an English translation.
UI_LOCALES = Path(__file__).parents[2] / "nlalert" / "locales"


def _ui_placeholders(tekst: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]", tekst))


def test_committed_ui_pot_is_not_stale(tmp_path: Path) -> None:
    vers = extract(Project.zoek(), domein=UI, uitvoer=tmp_path / "ui.pot")
    assert _berichten(vers) == _berichten(UI_LOCALES / "ui.pot"), (
        "run `nlalert vertalingen extract --domein ui` and `update --domein ui`"
    )


def test_ui_pot_has_the_error_messages_marked_with_n_() -> None:
    with (UI_LOCALES / "ui.pot").open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert "'%(veld)s' is ongeldig: %(reden)s" in pot
    assert "log eerst in (of stuur een geldig API-token mee)" in pot
    assert "Inloggen" in pot


def test_english_ui_catalogue_is_complete_without_fuzzy_and_keeps_placeholders() -> None:
    with (UI_LOCALES / "ui.pot").open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    with (UI_LOCALES / "en" / "LC_MESSAGES" / "ui.po").open("rb") as f:
        po = read_po(f, locale="en")
    berichten = {m.id: m for m in po if m.id}
    assert set(berichten) >= pot, "msgids missing from the English ui.po: run update --domein ui"
    leeg = sorted(i for i in pot if not berichten[i].string)
    assert not leeg, f"{len(leeg)} untranslated, e.g. {leeg[:3]}"
    fuzzy = sorted(i for i in pot if berichten[i].fuzzy)
    assert not fuzzy, f"fuzzy entries {fuzzy[:3]}"
    for i in pot:
        assert _ui_placeholders(str(berichten[i].string)) == _ui_placeholders(str(i)), i
